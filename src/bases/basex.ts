// Base58btc (bitcoin alphabet) and base36 (lowercase, multibase 'k') as big-number conversions (draft-msporny-base58,
// the base-x convention: each leading zero byte is one leading zero digit). No multibase prefix handling here.
// Quadratic in the input length: callers that take untrusted text cap its length first (multiaddr values are short).

import { invalidBase, rfc4648, type Rfc4648 } from './rfc4648.js'

// rfc4648() only for the alphabet and its reverse map; its `bits` is not used here.
const C58 = rfc4648('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz')
const C36 = rfc4648('0123456789abcdefghijklmnopqrstuvwxyz')

// Both directions work on big limbs instead of one digit or one byte at a time (base-x's loop, 4x slower): limbs of
// four digits (36^4 > 2^20, 58^4 < 2^24) fed three bytes at a time, and 24-bit limbs fed four digits at a time. Every
// intermediate stays below 2^48, exact in a double, and Math.floor of a correctly rounded quotient of such integers
// is exact.
// Scratch limbs for inputs up to 300 bytes / 1200 digits (peer ids, multihashes; they need at most 117 / 293 limbs),
// shared by both directions; longer inputs get their own array.
const scratch = new Float64Array(404)

function encode (bytes: Uint8Array, start: number, end: number, { alphabet }: Rfc4648): string {
  const base = alphabet.length
  const limbBase = base ** 4
  const inv = 1 / limbBase
  let zeros = start
  while (zeros < end && bytes[zeros] === 0) zeros++
  // a limb holds >= 20 bits (base36), so n bytes never need more than n limbs
  const limbs = end - start > 300 ? new Float64Array(end - start) : scratch
  let len = 0
  let i = zeros
  let take = (end - zeros) % 3 || 3
  while (i < end) {
    let carry = 0
    let mul = 1
    for (let k = 0; k < take; k++) { carry = carry * 256 + bytes[i++]!; mul *= 256 }
    take = 3
    for (let j = 0; j < len; j++) {
      const x = limbs[j]! * mul + carry
      // A multiplication by the reciprocal instead of a division (measured faster: 0.37 µs per 38-byte peer id,
      // node 20, npm run bench); it is off by at most one, and the remainder's sign corrects it.
      let q = Math.floor(x * inv)
      let r = x - q * limbBase
      if (r < 0) { q--; r += limbBase } else if (r >= limbBase) { q++; r -= limbBase }
      carry = q
      limbs[j] = r
    }
    while (carry > 0) {
      const q = Math.floor(carry / limbBase)
      limbs[len++] = carry - q * limbBase
      carry = q
    }
  }
  // Four digits per limb in one fromCharCode, then the top limb without its leading zeros; prepending keeps the
  // result a short rope (one node per limb). measured: 0.37 µs for 13 limbs (node 20, npm run bench).
  let s = ''
  let j = 0
  for (; j < len - 1; j++) {
    const v = limbs[j]!
    const a = (v / base) | 0
    const b = (a / base) | 0
    const c = (b / base) | 0
    s = String.fromCharCode(alphabet.charCodeAt(c), alphabet.charCodeAt(b - c * base), alphabet.charCodeAt(a - b * base), alphabet.charCodeAt(v - a * base)) + s
  }
  // (limbs[-1] is undefined when len is 0: the loop does not run)
  for (let v = limbs[len - 1]!, q; v > 0; v = q) { q = (v / base) | 0; s = alphabet[v - q * base]! + s }
  return zeros > start ? alphabet[0]!.repeat(zeros - start) + s : s
}

function decode (text: string, { alphabet, map }: Rfc4648, start = 0, end = text.length): Uint8Array {
  const base = alphabet.length
  const zeroDigit = alphabet.charCodeAt(0)
  let i = start
  while (i < end && text.charCodeAt(i) === zeroDigit) i++
  const zeros = i - start
  // little-endian 24-bit limbs of the number; a digit adds < 6 bits, so D digits need fewer than D limbs
  const limbs = end - i > 1200 ? new Float64Array(end - i) : scratch
  let n = 0
  // The first group takes the digits that do not fill a whole group, so the rest come in fours.
  let take = (end - i) % 4 || 4
  while (i < end) {
    let carry = 0
    let mul = 1
    for (let k = 0; k < take; k++, i++) {
      const c = text.charCodeAt(i)
      const d = c < 128 ? map[c]! : -1
      if (d < 0) invalidBase(i)
      carry = carry * base + d
      mul *= base
    }
    take = 4
    for (let j = 0; j < n; j++) {
      const x = limbs[j]! * mul + carry // < 2^24 * 58^4 + 2^24 < 2^48
      carry = Math.floor(x / 16777216)
      limbs[j] = x - carry * 16777216
    }
    for (; carry > 0; carry = Math.floor(carry / 16777216)) limbs[n++] = carry % 16777216
  }
  // Byte length of the number: three per limb, minus the top limb's leading zero bytes (none when n is 0: the
  // comparison with undefined is false).
  let nb = n * 3
  for (let top = limbs[n - 1]!; top < 65536; top *= 256) nb--
  const out = new Uint8Array(zeros + nb)
  // Three bytes per limb, from the last byte back. measured: decode 0.50 µs per 36-byte CID (node 20, npm run bench).
  for (let j = 0, o = out.length; o > zeros; j++) for (let v = limbs[j]!, k = 0; k < 3 && o > zeros; k++, v >>>= 8) out[--o] = v
  return out
}

/** Bytes to base58btc text (no multibase prefix). `00 00 01` → `112`. */
export function base58btcEncode (bytes: Uint8Array): string { return encode(bytes, 0, bytes.length, C58) }
/** {@link base58btcEncode} of `bytes[start..end)` without a subarray (internal: the multiaddr printer). */
export function base58btcEncodeRange (bytes: Uint8Array, start: number, end: number): string { return encode(bytes, start, end, C58) }
/**
 * Base58btc text (no prefix) to bytes; throws `WireError('INVALID_BASE_ENCODING', index)` at the first bad character.
 * `start`/`end` decode a range of `text`; error indices are into `text`.
 */
export function base58btcDecode (text: string, start?: number, end?: number): Uint8Array { return decode(text, C58, start, end) }
/** Bytes to lowercase base36 text (no multibase prefix). */
export function base36Encode (bytes: Uint8Array): string { return encode(bytes, 0, bytes.length, C36) }
/** Lowercase base36 text (no prefix) to bytes; uppercase letters are rejected (multibase 'K' is a separate base). Range as base58btcDecode. */
export function base36Decode (text: string, start?: number, end?: number): Uint8Array { return decode(text, C36, start, end) }
