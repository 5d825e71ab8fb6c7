// RFC 4648 bit-packing codecs: base32 (lowercase, multibase 'b'), base64url (multibase 'u'), both unpadded, plus the
// generic packer the multiaddr text form reuses for i2p's base64 (`-~`; it adds the padding). Strict, as js-multiformats:
// characters outside the alphabet, impossible lengths and non-zero trailing bits are errors (go's decoders accept
// non-zero trailing bits; rejecting them keeps text ↔ bytes one-to-one).

import { WireError } from '../errors.js'

/** Alphabet with its reverse map (char code → value, -1 outside the alphabet) and the bits per character. */
export interface Rfc4648 { readonly alphabet: string, readonly map: Int8Array, readonly bits: number }

/** Throws `WireError('INVALID_BASE_ENCODING', at)` (shared by every decoder of src/bases). */
export function invalidBase (at: number): never {
  throw new WireError('INVALID_BASE_ENCODING', at, 'invalid base encoding')
}

/** Builds an unpadded codec for a 32- or 64-character alphabet (basex.ts uses it for any alphabet's map). */
export function rfc4648 (alphabet: string): Rfc4648 {
  const map = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) map[alphabet.charCodeAt(i)] = i
  return { alphabet, map, bits: alphabet.length === 32 ? 5 : 6 }
}

export const BASE32_CODEC = rfc4648('abcdefghijklmnopqrstuvwxyz234567')
export const BASE64URL_CODEC = rfc4648('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')

// `buf` keeps only its low 32 bits (int32 shifts); every read masks below that, so stale high bits are never cleared.

/** Encodes `bytes` with codec `c`. */
export function rfcEncode (bytes: Uint8Array, { alphabet, bits }: Rfc4648, start = 0, end = bytes.length): string {
  const mask = alphabet.length - 1
  let s = ''
  let buf = 0
  let n = 0
  for (let i = start; i < end; i++) {
    buf = (buf << 8) | bytes[i]!
    for (n += 8; n >= bits;) s += alphabet[(buf >> (n -= bits)) & mask]
  }
  if (n > 0) s += alphabet[(buf << (bits - n)) & mask]
  // Built a character at a time, s is a rope of one node per character until something reads it. Reading a
  // character flattens it now, while the nodes are young and cheap to collect: a 4 MiB address of garlic64 values
  // otherwise holds some 40 bytes of rope per byte and prints many times slower per byte than a 64 KiB one.
  s.charCodeAt(0)
  return s
}

/**
 * Decodes `text[start..end)` with codec `c`; throws `WireError('INVALID_BASE_ENCODING', index)` (an index into
 * `text`) at the first character outside the alphabet, or at the last character when the length is impossible or
 * the trailing bits are not zero.
 */
export function rfcDecode (text: string, { map, bits }: Rfc4648, start = 0, end = text.length): Uint8Array {
  const len = end - start
  if ((len * bits) % 8 >= bits) invalidBase(end - 1)
  const out = new Uint8Array((len * bits) >> 3)
  let buf = 0
  let n = 0
  let o = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    const v = c < 128 ? map[c]! : -1
    if (v < 0) invalidBase(i)
    buf = (buf << bits) | v
    n += bits
    if (n >= 8) out[o++] = buf >> (n -= 8) // the store keeps the low 8 bits
  }
  if (buf & ((1 << n) - 1)) invalidBase(end - 1)
  return out
}

/** Bytes to RFC 4648 base32, lowercase, unpadded (multibase 'b' without the prefix). */
export function base32Encode (bytes: Uint8Array): string { return rfcEncode(bytes, BASE32_CODEC) }
/**
 * Lowercase unpadded base32 to bytes; uppercase, '=' and non-canonical trailing bits are rejected. `start`/`end`
 * decode a range of `text`; error indices are into `text`.
 */
export function base32Decode (text: string, start?: number, end?: number): Uint8Array { return rfcDecode(text, BASE32_CODEC, start, end) }
/** Bytes to RFC 4648 §5 base64url, unpadded (multibase 'u' without the prefix). */
export function base64urlEncode (bytes: Uint8Array): string { return rfcEncode(bytes, BASE64URL_CODEC) }
/** Unpadded base64url to bytes; '+', '/', '=' and non-canonical trailing bits are rejected. Range as base32Decode. */
export function base64urlDecode (text: string, start?: number, end?: number): Uint8Array { return rfcDecode(text, BASE64URL_CODEC, start, end) }
