// Display-safe multiaddr text: the text form with every control, format, surrogate and line-separator code point in
// names and paths percent-escaped, so that untrusted addresses can go to a terminal, a log or a page. Never throws
// for bytes; an invalid address prints as hex. Not an input form: multiaddrFromString does not read the escapes.

import { CF_RANGES } from '../unicode/tables.js'
import { decodeUtf8 } from '../wire/utf8.js'
import { Cursor } from './cursor.js'
import { nextComponent } from './validate.js'

const enum Unsafe {
  Percent = 0x25,
  /** C0 controls end, DEL, C1 controls end. */
  C0End = 0x1f,
  Del = 0x7f,
  C1End = 0x9f,
  SurrogateFirst = 0xd800,
  SurrogateLast = 0xdfff,
  LineSeparator = 0x2028,
  ParagraphSeparator = 0x2029
}

/**
 * The text form of a binary multiaddr, safe to print to a terminal, a log or a page. Values that print
 * as their own UTF-8 (dns, dns4, dns6, dnsaddr, sni, ip6zone, unix) have each code point of General Category Cc
 * (C0, DEL, C1), Cf (bidi controls U+202A-202E, U+2066-2069, U+200E/200F, U+061C and the rest of the frozen Cf table
 * of src/unicode), Cs, and U+2028/U+2029 written as the `%XX` escapes of its UTF-8 bytes, and `%` itself as `%25`,
 * so the escapes read back unambiguously; every other value prints as in {@link multiaddrToString}, which is ASCII
 * for them. Valid addresses without such code points or `%` in a name print exactly as multiaddrToString does.
 * Never throws for a Uint8Array: an invalid multiaddr prints as `0x` and its bytes in lowercase hex (a text form
 * always starts with `/`, so the two cannot be confused). TypeError for anything else.
 *
 * @example
 * ```ts
 * multiaddrToDisplayString(multiaddrFromString('/dns/a\u001b[2J\u202e.example/tcp/80'))
 * // '/dns/a%1B[2J%E2%80%AE.example/tcp/80'
 * multiaddrToDisplayString(Uint8Array.of(0x04, 127, 0)) // '0x047f00' (ip4 value cut short)
 * ```
 */
export function multiaddrToDisplayString (bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('multiaddrToDisplayString: expected a Uint8Array')
  const end = bytes.length
  const cur = new Cursor()
  let s = ''
  for (let pos = 0; pos < end;) {
    const next = nextComponent(bytes, pos, end, cur)
    if (next < 0) return hex(bytes)
    const p = cur.protocol!
    const v = p.value
    const text = v.toText(bytes, cur.valueStart, next)
    s += p.prefix + (v.toText === decodeUtf8 ? escapeText(text) : text)
    pos = next
  }
  return end === 0 ? hex(bytes) : s
}

/** `0x` and the bytes in lowercase hex, built in one join (no rope of millions of pieces). */
function hex (bytes: Uint8Array): string {
  return '0x' + Array.from(bytes, (b) => (b | 0x100).toString(16).slice(1)).join('')
}

/** True for a code point that must not reach a display raw (see {@link multiaddrToDisplayString}). */
export function isUnsafeForDisplay (cp: number): boolean {
  if (cp <= Unsafe.C0End || cp === Unsafe.Percent || (cp >= Unsafe.Del && cp <= Unsafe.C1End)) return true
  if (cp < 0xa0) return false
  if ((cp >= Unsafe.SurrogateFirst && cp <= Unsafe.SurrogateLast) || cp === Unsafe.LineSeparator || cp === Unsafe.ParagraphSeparator) return true
  for (let k = 0; k < CF_RANGES.length; k += 2) if (cp >= CF_RANGES[k]! && cp <= CF_RANGES[k + 1]!) return true
  return false
}

/**
 * `text` with each unsafe code point replaced by the %XX escapes of its UTF-8 bytes (encodeURIComponent of one code
 * point, which escapes every byte of it). Safe runs are copied whole, so the pieces are linear in the value.
 */
function escapeText (text: string): string {
  let out = ''
  let run = 0
  let i = 0
  for (const ch of text) {
    if (isUnsafeForDisplay(ch.codePointAt(0)!)) {
      out += text.slice(run, i) + encodeURIComponent(ch)
      run = i + ch.length
    }
    i += ch.length
  }
  return out + text.slice(run)
}
