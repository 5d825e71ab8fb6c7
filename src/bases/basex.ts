// Base58btc (bitcoin alphabet) and base36 (lowercase, multibase 'k') as big-number conversions (draft-msporny-base58,
// the base-x convention: each leading zero byte is one leading zero digit). No multibase prefix handling here.
// Quadratic in the input length: callers that take untrusted text cap its length first (multiaddr values are short).

import { WireError } from '../errors.js'

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz'

/** char code → digit value, -1 for characters outside the alphabet (ASCII only). */
function digitMap (alphabet: string): Int8Array {
  const m = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i
  return m
}
const M58 = digitMap(B58)
const M36 = digitMap(B36)

// Both directions work on big limbs instead of one digit or one byte at a time (base-x's loop): limbs of four digits
// (58^4 < 2^24) fed three bytes at a time, and 24-bit limbs fed four digits at a time. Every intermediate stays below
// 2^48, exact in a double, and Math.floor of a correctly rounded quotient of such integers is exact.
// measured: 38-byte peer id, encode 0.77 µs vs 3.3 µs base-x style (0.84 µs with a fresh number[] per call instead
// of the scratch Float64Array), decode 0.62 µs (node 20, shared 2-core box under load).
// Scratch limbs for inputs up to 300 bytes (peer ids, multihashes); longer inputs get their own array.
const scratch = new Float64Array(404)
const dscratch = new Float64Array(404)

function encode (bytes: Uint8Array, start: number, n: number, alphabet: string, base: number, pairs: string[]): string {
  const b2 = base * base
  const limbBase = b2 * b2
  const inv = 1 / limbBase
  let zeros = start
  while (zeros < n && bytes[zeros] === 0) zeros++
  // little-endian limbs, each < limbBase; a 4-digit limb holds >= 23 bits, so n bytes need < n/2.8 + 1 limbs
  const limbs = n - start <= 300 ? scratch : new Float64Array(((n - start) >> 1) + 2)
  let len = 0
  let i = zeros
  let take = (n - zeros) % 3 || 3
  while (i < n) {
    let carry = 0
    let mul = 1
    for (let k = 0; k < take; k++, i++) { carry = carry * 256 + bytes[i]!; mul *= 256 }
    take = 3
    for (let j = 0; j < len; j++) {
      const x = limbs[j]! * mul + carry
      // Multiplying by the reciprocal is off by at most one; the remainder's sign corrects it. measured: 0.37 µs vs
      // 0.48 µs for the division chain (38-byte peer id, node 20).
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
  if (pairs.length === 0) for (let k = 0; k < b2; k++) pairs.push(alphabet[(k / base) >>> 0]! + alphabet[k % base]!)
  let s = zeros > start ? alphabet[0]!.repeat(zeros - start) : ''
  if (len === 0) return s
  // The top limb without its leading zero digits, then every other limb as exactly four digits. Deciding this from
  // the value, not by inspecting the built string, keeps the result a rope (never flattened here).
  let top = limbs[len - 1]!
  let head = ''
  while (top >= b2) {
    const q = Math.floor(top / base)
    head = alphabet[top - q * base]! + head
    top = q
  }
  s += (top >= base ? pairs[top]! : alphabet[top]!) + head
  for (let j = len - 2; j >= 0; j--) {
    const v = limbs[j]!
    const hi = (v / b2) >>> 0
    s += pairs[hi]! + pairs[v - hi * b2]!
  }
  return s
}

function decode (text: string, map: Int8Array, base: number, zeroDigit: number): Uint8Array {
  const len = text.length
  let zeros = 0
  while (zeros < len && text.charCodeAt(zeros) === zeroDigit) zeros++
  // little-endian 24-bit limbs of the number; a digit adds < 6 bits, so D digits need < D/4 + 2 limbs
  const limbs = len - zeros <= 1200 ? dscratch : new Float64Array(((len - zeros) >> 2) + 2)
  let n = 0
  let i = zeros
  // The first group takes the digits that do not fill a whole group, so the rest come in fours.
  let take = (len - zeros) % 4 || 4
  while (i < len) {
    let carry = 0
    let mul = 1
    for (let k = 0; k < take; k++, i++) {
      const c = text.charCodeAt(i)
      const d = c < 128 ? map[c]! : -1
      if (d < 0) throw new WireError('INVALID_BASE_ENCODING', i, `invalid base${base} character`)
      carry = carry * base + d
      mul *= base
    }
    take = 4
    for (let j = 0; j < n; j++) {
      const x = limbs[j]! * mul + carry // < 2^24 * 58^4 + 2^24 < 2^48
      carry = Math.floor(x / 16777216)
      limbs[j] = x - carry * 16777216
    }
    while (carry > 0) { limbs[n++] = carry % 16777216; carry = Math.floor(carry / 16777216) }
  }
  // Byte length of the number: three per limb, minus the top limb's leading zero bytes.
  let top = n === 0 ? 0 : limbs[n - 1]!
  let nb = n * 3
  if (n > 0) { while (top < 65536) { nb--; top *= 256 } }
  const out = new Uint8Array(zeros + nb)
  let o = out.length - 1
  for (let j = 0; j < n; j++) {
    let v = limbs[j]!
    for (let k = 0; k < 3 && o >= zeros; k++, o--) { out[o] = v & 255; v >>>= 8 }
  }
  return out
}

const P58: string[] = []
const P36: string[] = []

/** Bytes to base58btc text (no multibase prefix). `00 00 01` → `112`. */
export function base58btcEncode (bytes: Uint8Array): string { return encode(bytes, 0, bytes.length, B58, 58, P58) }
/** {@link base58btcEncode} of `bytes[start..end)` without a subarray (internal: the multiaddr printer). */
export function base58btcEncodeRange (bytes: Uint8Array, start: number, end: number): string { return encode(bytes, start, end, B58, 58, P58) }
/** Base58btc text (no prefix) to bytes; throws `WireError('INVALID_BASE_ENCODING', index)` at the first bad character. */
export function base58btcDecode (text: string): Uint8Array { return decode(text, M58, 58, 0x31) }
/** Bytes to lowercase base36 text (no multibase prefix). */
export function base36Encode (bytes: Uint8Array): string { return encode(bytes, 0, bytes.length, B36, 36, P36) }
/** Lowercase base36 text (no prefix) to bytes; uppercase letters are rejected (multibase 'K' is a separate base). */
export function base36Decode (text: string): Uint8Array { return decode(text, M36, 36, 0x30) }
