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

// Live results of the last run(), read by sanitizeDetailed (no object allocated on the sanitize() path).
let changed = false
let truncated = false

/** True for code points the output must not contain: Cc, Cf (frozen table), plus the optional sets. */
// flags: 1 also replaces noncharacters, 2 also U+2028 and U+2029.
function bad (c: number, flags: number): boolean {
  if (c < 0xa0) return c < 0x20 || c >= 0x7f // Cc
  if (c < 0x600) return c === 0xad // the only Cf below U+0600; skips the search for Latin, Greek, Cyrillic...
  if (c > 0x206f && c < 0xfdd0) return false // no Cf, noncharacter or line separator in between (CJK, Hangul...)
  // Binary search over the inclusive [first, last] pairs of the frozen Cf table.
  let lo = 0
  let hi = CF_RANGES.length >> 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (c > CF_RANGES[2 * mid + 1]!) lo = mid + 1
    else hi = mid
  }
  if (c >= CF_RANGES[2 * lo]!) return true // past the last range the entry is undefined: false
  return ((flags & 1) !== 0 && ((c & 0xfffe) === 0xfffe || (c >= 0xfdd0 && c <= 0xfdef))) ||
    ((flags & 2) !== 0 && (c === 0x2028 || c === 0x2029))
}

// A string no longer than max code units cannot need truncating, so when it is all printable ASCII (most Identify
// strings) it comes back as it is. Measured (node 20, the 89 strings of vectors/, 93 units on average): a charCodeAt
// loop accepting 0x20..0x7e costs 1.9 ns per unit, about 200 ns per string; this native search 0.6 ns per unit plus
// about 25 ns per call (35 ns on strings under 40 units, 99 ns above). A native search for the suspect units (Cc,
// BMP Cf, surrogates) cost 51 and 134 ns (more ranges), and was slower than the loop on mixed scripts.
const notPrintableAscii = /[^ -~]/

function fromString (s: string, max: number, flags: number): string {
  if (s.length <= max && !notPrintableAscii.test(s)) return s
  const len = s.length
  let out = ''
  let from = 0
  let i = 0
  let n = 0
  for (; i < len; n++) {
    if (n >= max) { truncated = true; break }
    let c = s.charCodeAt(i)
    // Printable ASCII needs no table lookup: most Identify strings are entirely in this range.
    if (c >= 0x20 && c < 0x7f) { i++; continue }
    let w = 1
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = c < 0xdc00 && i + 1 < len ? s.charCodeAt(i + 1) : 0
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000
        w = 2
      } else c = -1 // lone surrogate (Cs)
    }
    if (c < 0 || bad(c, flags)) {
      out += s.slice(from, i) + '\uFFFD'
      from = i + w
      changed = true
    }
    i += w
  }
  return out + s.slice(from, i)
}

// Offset just past the first `max` code points of b as the WHATWG UTF-8 decoder (Encoding Standard) reads them:
// each maximal invalid subpart counts as one (it becomes one U+FFFD), and sets `changed`. Cutting there cannot
// change how the prefix decodes, and the scan is bounded by max, not by b.length.
function prefixEnd (b: Uint8Array, max: number): number {
  const len = b.length
  let i = 0
  for (let n = 0; n < max && i < len; n++) {
    const c = b[i++]!
    if (c < 0x80) continue
    if (c < 0xc2 || c > 0xf4) { changed = true; continue } // never a lead byte: one U+FFFD
    let lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80
    let hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf
    let need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3
    for (; need > 0 && i < len && b[i]! >= lo && b[i]! <= hi; need--) {
      i++
      lo = 0x80
      hi = 0xbf
    }
    if (need > 0) changed = true // truncated or interrupted sequence: one U+FFFD
  }
  return i
}

let decoder: TextDecoder | undefined

// Bytes: cut at max code points, decode the prefix (WHATWG, leading U+FEFF kept as a character: it is then replaced
// as Cf, like the string path does; stripping it would be the deletion RFC 9839 warns about), then as a string.
// Measured on the vectors' strings as bytes (node 20): 205 ns per string this way; 305 ns with wire/utf8's decodeUtf8
// (hand-built short strings); a hand-written decoder appending one code point at a time cost about 3x this.
function fromBytes (b: Uint8Array, max: number, flags: number): string {
  const len = b.length
  const end = len > max ? prefixEnd(b, max) : len
  truncated = end < len
  decoder ??= new TextDecoder(undefined, { ignoreBOM: true }) // UTF-8
  const s = decoder.decode(end < len ? b.subarray(0, end) : b)
  // A U+FFFD may be in the bytes as such (ef bf bd) or come from invalid bytes: only the scan can tell.
  if (end === len && s.includes('\uFFFD')) prefixEnd(b, Infinity)
  return fromString(s, max, flags)
}

/**
 * Display-safe copy of an untrusted Identify string (protocolVersion, agentVersion, one protocol): every Cc, Cf and
 * Cs code point becomes U+FFFD, everything else is kept, then at most 128 code points remain. `input` may be the
 * field's UTF-8 bytes: invalid sequences become U+FFFD as the WHATWG decoder does. For display only, never for
 * protocol matching. Throws TypeError only for a wrong argument type or a bad maxCodePoints.
 */
export function sanitize (input: string | Uint8Array, options?: SanitizeOptions): string {
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
  changed = truncated = false
  if (typeof input === 'string') return fromString(input, max, flags)
  if (input instanceof Uint8Array) return fromBytes(input, max, flags)
  throw new TypeError('not a string or Uint8Array')
}

/** {@link sanitize}, also telling whether anything was replaced and whether the text was truncated. */
export function sanitizeDetailed (input: string | Uint8Array, options?: SanitizeOptions): SanitizeResult {
  const text = sanitize(input, options)
  return { text, changed, truncated }
}
