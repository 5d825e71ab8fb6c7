// Display sanitization of Identify strings (spec identify r2, "Unicode Sanitization"): Cc, Cf, Cs -> U+FFFD, then at
// most 128 code points. Not trimming, not deleting, no ellipsis, no normalization; output is for display, never matching.
import { CF_RANGES } from './tables.js'

/** Options of {@link sanitize}; everything beyond the spec is off by default. */
export interface SanitizeOptions {
  /**
   * Keep at most this many code points (never splitting a surrogate pair). Default 128, the spec's limit.
   * Work is bounded by this number, not by the input's length. A non-negative integer, or Infinity for no limit.
   */
  maxCodePoints?: number
  /**
   * Also replace the 66 noncharacters (U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane). With it the output is
   * an RFC 9839 "Unicode Assignables" string, hence also XML-safe. Default false (the spec keeps them).
   */
  replaceNoncharacters?: boolean
  /**
   * Also replace U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (Zl, Zp; not Cc): many log viewers and
   * terminals break lines there, which allows log-line forgery. Default false (the spec keeps them).
   */
  replaceLineSeparators?: boolean
}

/** Result of {@link sanitizeDetailed}. */
export interface SanitizeResult {
  /** The sanitized text. */
  text: string
  /** At least one code point (or, for bytes, one invalid UTF-8 sequence) was replaced with U+FFFD. */
  changed: boolean
  /** Code points beyond `maxCodePoints` were dropped. */
  truncated: boolean
}

/**
 * What sanitizeDetailed reports, owned by each call: `r` something was replaced, `t` the text was truncated (short
 * names: they are spelled out in every minified bundle).
 */
interface Found { r?: boolean, t?: boolean }

const hex = (c: number): string => '\\u{' + c.toString(16) + '}'
const span = (a: number, b: number): string => hex(a) + '-' + hex(b)
const patterns: RegExp[] = []

// The replacement regex for `flags` (1: also noncharacters, 2: also U+2028/U+2029), built on first use from the
// frozen table with explicit \u{...} ranges: never \p{Cf}, whose meaning follows the engine's Unicode version. In
// 'u' mode a pair is one code point and [\u{d800}-\u{dfff}] matches lone surrogates only (Cs).
function pattern (flags: number): RegExp {
  let re = patterns[flags]
  if (re === undefined) {
    let cls = '\\0-\\x1f\\x7f-\\x9f' + span(0xd800, 0xdfff)
    for (let k = 0; k < CF_RANGES.length; k += 2) cls += span(CF_RANGES[k]!, CF_RANGES[k + 1]!)
    if (flags & 1) {
      cls += span(0xfdd0, 0xfdef)
      for (let p = 0; p <= 0x100000; p += 0x10000) cls += span(p + 0xfffe, p + 0xffff)
    }
    if (flags & 2) cls += span(0x2028, 0x2029)
    re = patterns[flags] = new RegExp('[' + cls + ']', 'gu')
  }
  return re
}

// Printable ASCII needs nothing: measured (node 20, the 89 strings of vectors/, 93 units on average), a charCodeAt
// loop accepting 0x20..0x7e costs 1.9 ns per unit, about 200 ns per string; this native search 0.6 ns per unit plus
// about 25 ns per call (35 ns on strings under 40 units, 99 ns above); the full replacement regex about 1.4 ns per unit.
// This test is the floor for typical strings (measured again, node 20, same 89 strings, median 119 units): sanitize
// 90 ns, the bare test 85 ns, /^[ -~]*$/ 84 ns, an unrolled charCodeAt loop 174 ns, the \p{Cc}\p{Cf}\p{Cs} replace
// 144 ns. A fast path at the top of sanitize() (default options, short string, this test) measured 91 vs 92 ns: none.
// (TextEncoder.encodeInto, 65 ns, would see only non-ASCII, not the controls, and is slow in browsers.)
const notPrintableAscii = /[^ -~]/

// Cut first (replacement maps one code point to one, so cutting and replacing commute), at most max code points
// counted by a loop bounded by max, then one native replace over what is left: work is bounded by max, not s.length.
function fromString (s: string, max: number, flags: number, found: Found): string {
  const len = s.length
  if (len > max) {
    let i = 0
    for (let n = 0; n < max && i < len; n++) {
      const c = s.charCodeAt(i++)
      if (c >= 0xd800 && c < 0xdc00 && i < len && (s.charCodeAt(i) & 0xfc00) === 0xdc00) i++ // a pair: one code point
    }
    if (i < len) {
      found.t = true
      s = s.slice(0, i)
    }
  }
  if (!notPrintableAscii.test(s)) return s
  const out = s.replace(pattern(flags), '\uFFFD')
  if (out !== s) found.r = true
  return out
}

// Offset just past the first `max` code points of b as the WHATWG UTF-8 decoder (Encoding Standard) reads them:
// each maximal invalid subpart counts as one (it becomes one U+FFFD), and sets `found.r`. Cutting there cannot
// change how the prefix decodes, and the scan is bounded by max, not by b.length.
function prefixEnd (b: Uint8Array, max: number, found: Found): number {
  const len = b.length
  let i = 0
  for (let n = 0; n < max && i < len; n++) {
    const c = b[i++]!
    if (c < 0x80) continue
    if (c < 0xc2 || c > 0xf4) { found.r = true; continue } // never a lead byte: one U+FFFD
    let lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80
    let hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf
    let need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3
    for (; need > 0 && i < len && b[i]! >= lo && b[i]! <= hi; need--) {
      i++
      lo = 0x80
      hi = 0xbf
    }
    if (need > 0) found.r = true // truncated or interrupted sequence: one U+FFFD
  }
  return i
}

// A TextDecoder keeps nothing between non-streaming decode() calls: one serves every call.
const decoder = /* @__PURE__ */ new TextDecoder(undefined, { ignoreBOM: true }) // UTF-8

// Bytes: cut at max code points, decode the prefix (WHATWG, leading U+FEFF kept as a character: it is then replaced
// as Cf, like the string path does; stripping it would be the deletion RFC 9839 warns about), then as a string.
// Measured on the vectors' strings as bytes (node 20): 205 ns per string this way; 305 ns with wire/utf8's decodeUtf8
// (hand-built short strings); a hand-written decoder appending one code point at a time cost about 3x this.
function fromBytes (b: Uint8Array, max: number, flags: number, found: Found): string {
  const len = b.length
  const end = len > max ? prefixEnd(b, max, found) : len
  found.t = end < len
  let s: string
  // Chromium's TextDecoder.decode throws TypeError on views of a SharedArrayBuffer: then decode a copy.
  try { s = decoder.decode(b.subarray(0, end)) } catch { s = decoder.decode(b.slice(0, end)) }
  // A U+FFFD may be in the bytes as such (ef bf bd) or come from invalid bytes: only the scan can tell.
  if (end === len && s.includes('\uFFFD')) prefixEnd(b, Infinity, found)
  return fromString(s, max, flags, found)
}

/**
 * Display-safe copy of an untrusted Identify string (protocolVersion, agentVersion, one protocol): every Cc, Cf and
 * Cs code point becomes U+FFFD, everything else is kept, then at most 128 code points remain. `input` may be the
 * field's UTF-8 bytes: invalid sequences become U+FFFD as the WHATWG decoder does. For display only, never for
 * protocol matching. Throws TypeError only for a wrong argument type or a bad maxCodePoints.
 * Options ({@link SanitizeOptions}) default to the spec: maxCodePoints 128, replaceNoncharacters false,
 * replaceLineSeparators false.
 *
 * @example
 * ```ts
 * sanitize('go-libp2p\u0000\u202E')                     // 'go-libp2p\uFFFD\uFFFD' (Cc, Cf)
 * sanitize(Uint8Array.of(0x61, 0xff, 0x62))             // 'a\uFFFDb' (invalid UTF-8)
 * sanitize('x'.repeat(200)).length                      // 128
 * sanitize('a\u2028b', { replaceLineSeparators: true }) // 'a\uFFFDb' (kept by default)
 * ```
 */
export function sanitize (input: string | Uint8Array, options?: SanitizeOptions): string {
  return run(input, options, {})
}

function run (input: string | Uint8Array, options: SanitizeOptions | undefined, found: Found): string {
  let max = 128
  let flags = 0
  if (options !== undefined) {
    if (options.maxCodePoints !== undefined) {
      max = options.maxCodePoints
      if (!(max >= 0 && (Number.isInteger(max) || max === Infinity))) throw new TypeError('bad maxCodePoints')
    }
    if (options.replaceNoncharacters === true) flags |= 1 // noncharacters
    if (options.replaceLineSeparators === true) flags |= 2 // line separators
  }
  if (typeof input === 'string') return fromString(input, max, flags, found)
  if (input instanceof Uint8Array) return fromBytes(input, max, flags, found)
  throw new TypeError('not a string or Uint8Array')
}

/**
 * {@link sanitize}, also telling whether anything was replaced and whether the text was truncated. Same options and
 * defaults, same TypeErrors.
 *
 * @example
 * ```ts
 * sanitizeDetailed('go-libp2p/0.36.1')               // { text: 'go-libp2p/0.36.1', changed: false, truncated: false }
 * sanitizeDetailed('a\u0007b', { maxCodePoints: 2 }) // { text: 'a\uFFFD', changed: true, truncated: true }
 * ```
 */
export function sanitizeDetailed (input: string | Uint8Array, options?: SanitizeOptions): SanitizeResult {
  const found: Found = {}
  const text = run(input, options, found)
  return { text, changed: found.r === true, truncated: found.t === true }
}
