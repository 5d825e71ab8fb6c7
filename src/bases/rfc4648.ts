// RFC 4648 bit-packing codecs: base32 (lowercase, multibase 'b'), base64url (multibase 'u'), both unpadded, plus the
// generic packer the multiaddr text form reuses for i2p's base64 (`-~`; it adds the padding). Strict, as js-multiformats:
// characters outside the alphabet, impossible lengths and non-zero trailing bits are errors (go's decoders accept
// non-zero trailing bits; rejecting them keeps text ↔ bytes one-to-one).

import { WireError } from '../errors.js'

const B32 = 'abcdefghijklmnopqrstuvwxyz234567'
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Alphabet with its reverse map (char code → value, -1 outside the alphabet) and the bits per character. */
export interface Rfc4648 { readonly alphabet: string, readonly map: Int8Array, readonly bits: number }

/** Builds an unpadded codec for a 32- or 64-character alphabet. */
export function rfc4648 (alphabet: string): Rfc4648 {
  const map = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i
  return { alphabet, map, bits: alphabet.length === 32 ? 5 : 6 }
}

const BASE32 = rfc4648(B32)
const BASE64URL = rfc4648(B64URL)

/** Encodes `bytes` with codec `c`. */
export function rfcEncode (bytes: Uint8Array, c: Rfc4648, start = 0, end = bytes.length): string {
  const { alphabet, bits } = c
  const mask = (1 << bits) - 1
  let s = ''
  let buf = 0
  let n = 0
  for (let i = start; i < end; i++) {
    buf = (buf << 8) | bytes[i]!
    n += 8
    while (n >= bits) {
      n -= bits
      s += alphabet[(buf >> n) & mask]
    }
    buf &= (1 << n) - 1
  }
  if (n > 0) s += alphabet[(buf << (bits - n)) & mask]
  return s
}

/**
 * Decodes `text` with codec `c`; throws `WireError('INVALID_BASE_ENCODING', index)` at the first character outside
 * the alphabet, or at the last character when the length is impossible or the trailing bits are not zero.
 */
export function rfcDecode (text: string, c: Rfc4648): Uint8Array {
  const { map, bits } = c
  const len = text.length
  const extra = (len * bits) % 8
  if (extra >= bits) throw new WireError('INVALID_BASE_ENCODING', len - 1, 'impossible length')
  const out = new Uint8Array((len * bits) >> 3)
  let buf = 0
  let n = 0
  let o = 0
  for (let i = 0; i < len; i++) {
    const ch = text.charCodeAt(i)
    const v = ch < 128 ? map[ch]! : -1
    if (v < 0) throw new WireError('INVALID_BASE_ENCODING', i, `invalid base${1 << bits} character`)
    buf = (buf << bits) | v
    n += bits
    if (n >= 8) {
      n -= 8
      out[o++] = buf >> n
      buf &= (1 << n) - 1
    }
  }
  if (buf !== 0) throw new WireError('INVALID_BASE_ENCODING', len - 1, 'non-zero trailing bits')
  return out
}

export const BASE32_CODEC = BASE32
export const BASE64URL_CODEC = BASE64URL

/** Bytes to RFC 4648 base32, lowercase, unpadded (multibase 'b' without the prefix). */
export function base32Encode (bytes: Uint8Array): string { return rfcEncode(bytes, BASE32) }
/** Lowercase unpadded base32 to bytes; uppercase, '=' and non-canonical trailing bits are rejected. */
export function base32Decode (text: string): Uint8Array { return rfcDecode(text, BASE32) }
/** Bytes to RFC 4648 §5 base64url, unpadded (multibase 'u' without the prefix). */
export function base64urlEncode (bytes: Uint8Array): string { return rfcEncode(bytes, BASE64URL) }
/** Unpadded base64url to bytes; '+', '/', '=' and non-canonical trailing bits are rejected. */
export function base64urlDecode (text: string): Uint8Array { return rfcDecode(text, BASE64URL) }
