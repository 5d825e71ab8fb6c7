// The one way out to the terminal: every line of text and every JSON chunk the CLI writes passes through Output,
// which escapes the code points that can drive or reorder a terminal (C0, DEL, C1, Cf including every bidi control,
// lone surrogates, U+2028/U+2029). Renderers build strings; they cannot write around this.

import { CF_RANGES } from '../unicode/index.js'

const u = (c: number): string => '\\u{' + c.toString(16) + '}'

// The class of unsafe code points: Unicode's general categories through the engine (\p{...}) and the library's
// frozen Cf table, so that neither an older engine nor an older table lets one through. In 'u' mode \p{Cs} matches
// only lone surrogates.
function unsafeClass (): string {
  let cls = '\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}'
  for (let k = 0; k < CF_RANGES.length; k += 2) cls += u(CF_RANGES[k]!) + '-' + u(CF_RANGES[k + 1]!)
  return cls
}

/** Unsafe code points in a line of text (a line holds no '\n' of its own: one in a value is unsafe too). */
const UNSAFE_TEXT = new RegExp('[' + unsafeClass() + ']', 'gu')
/** Unsafe code points in JSON text, minus '\n': JSON.stringify writes no raw control inside a string, so a raw
 * '\n' is layout. The rest can only be inside strings (the JSON syntax is ASCII), where \uXXXX means the same. */
const UNSAFE_JSON = new RegExp('(?!\\n)[' + unsafeClass() + ']', 'gu')
const UNSAFE_ONE = new RegExp('[' + unsafeClass() + ']', 'u')

/** `s` with every unsafe code point written as `\u{hex}` (e.g. ESC as `\u{1b}`, U+202E as `\u{202e}`). */
export function escapeTerminal (s: string): string {
  return s.replace(UNSAFE_TEXT, (c) => u(c.codePointAt(0)!))
}

/** JSON text with every unsafe code point written as a JSON escape; JSON.parse gives the same value back. */
export function escapeJson (json: string): string {
  return json.replace(UNSAFE_JSON, (c) => {
    let out = ''
    for (let i = 0; i < c.length; i++) out += '\\u' + c.charCodeAt(i).toString(16).padStart(4, '0')
    return out
  })
}

/** Whether `s` holds an unsafe code point. */
export function hasUnsafe (s: string): boolean {
  return UNSAFE_ONE.test(s)
}

/**
 * An untrusted text shown as is when safe, else escaped and marked. Used for multiaddr text (whose dns, dnsaddr, sni,
 * ip6zone and unix values may hold any UTF-8 but '/') and file names.
 */
export function displayUntrusted (s: string): string {
  return hasUnsafe(s) ? `${escapeTerminal(s)}  ⚠ [escaped: control characters shown as \\u{…}]` : s
}

/** A stream of the process (stdout, stderr). */
interface Stream { write (s: string): boolean }

/** Where the CLI writes: text lines and error lines escaped for a terminal, JSON chunks escaped as JSON. */
export class Output {
  constructor (private readonly out: Stream, private readonly err: Stream) {}

  /** Lines of text on stdout, each escaped, each ended by '\n'. */
  lines (lines: readonly string[]): void {
    let s = ''
    for (const l of lines) s += escapeTerminal(l) + '\n'
    this.out.write(s)
  }

  /** A piece of the JSON document on stdout. */
  json (chunk: string): void {
    this.out.write(escapeJson(chunk))
  }

  /** One line on stderr, prefixed with the command's name. */
  error (line: string): void {
    this.err.write(escapeTerminal(`identify-wire: ${line}`) + '\n')
  }

  /** Fixed text of our own (the usage) on stdout or stderr, escaped all the same. */
  usage (text: string, toStderr: boolean): void {
    const s = text.split('\n').map(escapeTerminal).join('\n')
    ;(toStderr ? this.err : this.out).write(s)
  }
}
