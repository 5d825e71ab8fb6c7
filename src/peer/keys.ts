// libp2p PublicKey protobuf (peer-ids spec: `KeyType Type = 1`, `bytes Data = 2`, both required) and per-type checks of
// the key data: Ed25519, secp256k1 (compressed), RSA and ECDSA (DER SubjectPublicKeyInfo framing, RFC 5280 4.1).
// No signature math and no point-on-curve checks here (big-number arithmetic, kept out of this bundle): see verify.ts.

import { WireError } from '../errors.js'
import { VARINT, LEN } from '../wire/tag.js'
import { readField, FieldCursor } from '../wire/field.js'
import { decodeVarint, varintLength, writeVarint } from '../wire/varint.js'

/** Key types of the libp2p `KeyType` enum, by their js-libp2p names. */
export type KeyType = 'RSA' | 'Ed25519' | 'secp256k1' | 'ECDSA'

/** `KeyType` enum values (peer-ids spec), indexed by code. */
export const KEY_TYPES: readonly KeyType[] = ['RSA', 'Ed25519', 'secp256k1', 'ECDSA']

/** A decoded and validated libp2p public key. */
export interface PublicKey {
  /** The key type from the `Type` field (`KeyType` enum 0..3: RSA, Ed25519, secp256k1, ECDSA). */
  type: KeyType
  /** The `Data` field: raw key bytes (Ed25519, secp256k1) or DER SubjectPublicKeyInfo (RSA, ECDSA). A view into the input. */
  data: Uint8Array
  /**
   * The deterministic protobuf encoding (Type then Data, minimal varints, nothing else), which go and js hash into the
   * peer id (both re-marshal the key). Equal to the input when `canonical` is true.
   */
  bytes: Uint8Array
  /** The input was exactly the deterministic encoding (the peer-ids spec asks encoders for it). */
  canonical: boolean
  /** RSA: modulus size in bits; ECDSA: curve size in bits; Ed25519 255; secp256k1 256. */
  bits: number
  /** ECDSA only: the named curve. */
  curve?: 'P-256' | 'P-384' | 'P-521'
}

const path = 'publicKey'
// Messages are terse (the code and offset are the contract): this module is in every peer-id bundle.
const bad = (offset: number, message: string): WireError => new WireError('KEY_INVALID', offset, message, { path })

// ---------- DER (X.690): definite lengths only, minimal length octets, single-byte tags; never recursive ----------

/**
 * Where a walk over one key's DER stands; one per key checked, owned by that call. `end`: end of the content of the
 * last {@link der} call. The spki fields are set by {@link spki}; `curve` by the ECDSA check.
 */
class Der {
  end = 0
  /** The algorithm OID's content: [oid, oidEnd); its parameters: [params, algEnd). */
  oid = 0
  oidEnd = 0
  params = 0
  algEnd = 0
  /** The BIT STRING's key bytes (after the unused-bits octet): [key, keyEnd). */
  key = 0
  keyEnd = 0
  curve: 'P-256' | 'P-384' | 'P-521' | undefined
}

/** Reads the header of a TLV with tag `tag` at `pos` (inside `[.., end)`); returns the content start, sets d.end. */
function der (d: Der, buf: Uint8Array, pos: number, end: number, tag: number, what: string): number {
  if (pos + 2 > end) throw bad(pos, what)
  if (buf[pos] !== tag) throw bad(pos, what)
  let len = buf[pos + 1]!
  let p = pos + 2
  if (len >= 0x80) {
    const n = len & 0x7f
    // 0x80 is BER's indefinite length; more than 3 length octets (16 MiB) cannot fit any Identify message.
    if (n === 0 || n > 3) throw bad(pos + 1, what)
    if (p + n > end) throw bad(pos + 1, what)
    if (buf[p] === 0) throw bad(pos + 1, what)
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!
    if (len < 0x80) throw bad(pos + 1, what)
  }
  if (len > end - p) throw bad(pos + 1, what)
  d.end = p + len
  return p
}

/** Checks that `buf[pos..end)` equals `bytes` (an OID's content). */
function same (buf: Uint8Array, pos: number, end: number, bytes: readonly number[]): boolean {
  if (end - pos !== bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (buf[pos + i] !== bytes[i]) return false
  return true
}

/** A DER INTEGER that must be positive and minimal; returns its content start (sets d.end). */
function positiveInteger (d: Der, buf: Uint8Array, pos: number, end: number, what: string): number {
  const p = der(d, buf, pos, end, 0x02, what)
  if (d.end === p) throw bad(pos, what)
  const b0 = buf[p]!
  // negative, or a leading zero octet that is not needed (a lone zero is 0, not positive)
  if (b0 >= 0x80 || (b0 === 0 && (d.end - p === 1 || buf[p + 1]! < 0x80))) throw bad(p, what)
  return p
}

/** Bit length of the positive minimal integer in `buf[p..e)`. */
function bitLength (buf: Uint8Array, p: number, e: number): number {
  if (buf[p] === 0) p++
  return (e - p) * 8 - (Math.clz32(buf[p]!) - 24)
}

// OID contents (DER): rsaEncryption 1.2.840.113549.1.1.1, id-ecPublicKey 1.2.840.10045.2.1,
// prime256v1 1.2.840.10045.3.1.7, secp384r1 1.3.132.0.34, secp521r1 1.3.132.0.35 (RFC 3279, RFC 5480).
const OID_RSA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
const OID_EC = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
const CURVES: ReadonlyArray<[readonly number[], 'P-256' | 'P-384' | 'P-521', number, number]> = [
  [[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 'P-256', 256, 32],
  [[0x2b, 0x81, 0x04, 0x00, 0x22], 'P-384', 384, 48],
  [[0x2b, 0x81, 0x04, 0x00, 0x23], 'P-521', 521, 66]
]

/** go-libp2p core/crypto/rsa_common.go: MinRsaKeyBits = 2048, maxRsaKeyBits = 8192 (on N.BitLen()). */
export const RSA_MIN_BITS = 2048
/** Largest RSA modulus accepted, in bits (go-libp2p maxRsaKeyBits); larger keys throw KEY_RSA_SIZE. */
export const RSA_MAX_BITS = 8192

/**
 * SubjectPublicKeyInfo header shared by RSA and ECDSA: SEQUENCE { SEQUENCE { OID alg, params }, BIT STRING }.
 * Sets d.oid/oidEnd, d.params (after the OID), d.algEnd and d.key/keyEnd.
 */
function spki (d: Der, buf: Uint8Array, pos: number, end: number): void {
  const outer = der(d, buf, pos, end, 0x30, 'SPKI')
  if (d.end !== end) throw bad(d.end, 'trailing bytes')
  const alg = der(d, buf, outer, end, 0x30, 'algorithm')
  d.algEnd = d.end
  d.oid = der(d, buf, alg, d.algEnd, 0x06, 'algorithm')
  d.oidEnd = d.params = d.end
  const bits = der(d, buf, d.algEnd, end, 0x03, 'BIT STRING')
  if (d.end !== end) throw bad(d.end, 'trailing bytes')
  if (bits === d.end || buf[bits] !== 0) throw bad(bits, 'BIT STRING')
  d.key = bits + 1
  d.keyEnd = d.end
}

/**
 * Validates the `Data` of a key of type `type` at `buf[pos..end)`; returns its size in bits (and sets `d.curve` for
 * ECDSA). Throws WireError KEY_INVALID / KEY_RSA_SIZE with absolute offsets.
 */
function checkKeyData (d: Der, type: KeyType, buf: Uint8Array, pos: number, end: number): number {
  switch (type) {
    case 'Ed25519':
      if (end - pos !== 32) throw bad(pos, 'Ed25519 length')
      return 255
    case 'secp256k1': {
      // Compressed SEC1 point (what go, js and rust send). x must be below the field prime p = 2^256 - 2^32 - 977.
      if (end - pos !== 33) throw bad(pos, 'secp256k1 length')
      if (buf[pos] !== 2 && buf[pos] !== 3) throw bad(pos, 'secp256k1 prefix')
      let i = 1
      while (i < 28 && buf[pos + i] === 0xff) i++
      if (i === 28) {
        // x starts with 27 0xff bytes: compare the tail with p's ... ff fe ff ff fc 2f.
        const tail = [0xfe, 0xff, 0xff, 0xfc, 0x2f]
        let ge = true
        for (let k = 0; k < 5; k++) {
          const b = buf[pos + 28 + k]!
          if (b !== tail[k]) { ge = b > tail[k]!; break }
        }
        if (ge) throw bad(pos + 1, 'secp256k1 x >= p')
      }
      return 256
    }
    case 'RSA': {
      spki(d, buf, pos, end)
      if (!same(buf, d.oid, d.oidEnd, OID_RSA)) throw bad(d.oid, 'not rsaEncryption')
      // RFC 3279 2.3.1: parameters MUST be NULL (go's x509 rejects a key without them).
      if (d.algEnd - d.params !== 2 || buf[d.params] !== 0x05 || buf[d.params + 1] !== 0) {
        throw bad(d.params, 'parameters not NULL')
      }
      const seq = der(d, buf, d.key, d.keyEnd, 0x30, 'RSAPublicKey')
      if (d.end !== d.keyEnd) throw bad(d.end, 'trailing bytes')
      const n = positiveInteger(d, buf, seq, d.keyEnd, 'RSA modulus')
      const nEnd = d.end
      const e = positiveInteger(d, buf, nEnd, d.keyEnd, 'RSA exponent')
      if (d.end !== d.keyEnd) throw bad(d.end, 'trailing bytes')
      // go's x509: the exponent must fit in 31 bits.
      if (bitLength(buf, e, d.end) > 31) throw bad(e, 'exponent > 2^31-1')
      const bits = bitLength(buf, n, nEnd)
      if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS) {
        throw new WireError('KEY_RSA_SIZE', n, `${bits}-bit modulus`, { path })
      }
      return bits
    }
    case 'ECDSA': {
      spki(d, buf, pos, end)
      if (!same(buf, d.oid, d.oidEnd, OID_EC)) throw bad(d.oid, 'not id-ecPublicKey')
      const c = der(d, buf, d.params, d.algEnd, 0x06, 'curve')
      if (d.end !== d.algEnd) throw bad(d.end, 'trailing bytes')
      for (const [oid, name, bits, size] of CURVES) {
        if (!same(buf, c, d.end, oid)) continue
        // Uncompressed point only, as go's x509.ParsePKIXPublicKey (elliptic.Unmarshal) accepts.
        if (d.keyEnd - d.key !== 1 + 2 * size || buf[d.key] !== 4) {
          throw bad(d.key, 'point')
        }
        d.curve = name
        return bits
      }
      throw bad(c, 'curve')
    }
  }
}

/**
 * Validates key data of the given type (raw bytes for Ed25519/secp256k1, DER SPKI for RSA/ECDSA).
 * Throws WireError (KEY_INVALID, KEY_RSA_SIZE) with offsets into `data`.
 *
 * @example
 * ```ts
 * validateKeyData('Ed25519', new Uint8Array(32))  // ok: returns undefined
 * validateKeyData('Ed25519', new Uint8Array(31))  // throws WireError KEY_INVALID, offset 0
 * ```
 */
export function validateKeyData (type: KeyType, data: Uint8Array): void {
  if (!(data instanceof Uint8Array)) throw new TypeError('data must be a Uint8Array')
  if (!KEY_TYPES.includes(type)) throw new TypeError(`unknown key type ${String(type)}`)
  checkKeyData(new Der(), type, data, 0, data.length)
}

/**
 * Bytes of the deterministic PublicKey encoding for key data of `dataLength` bytes.
 *
 * @example
 * ```ts
 * publicKeySize(32) // 36: an Ed25519 key, `08 01 12 20` + 32 bytes
 * ```
 */
export function publicKeySize (dataLength: number): number {
  return 2 + 1 + varintLength(dataLength) + dataLength
}

/**
 * The deterministic PublicKey protobuf: `08 <type> 12 <len> <data>` (validates the data first, throwing WireError as
 * {@link validateKeyData} does).
 *
 * @example
 * ```ts
 * const bytes = encodePublicKey('Ed25519', rawKey32) // 08 01 12 20 <32 key bytes>, 36 bytes
 * ```
 */
export function encodePublicKey (type: KeyType, data: Uint8Array): Uint8Array {
  validateKeyData(type, data)
  return encodeUnchecked(KEY_TYPES.indexOf(type), data)
}

function encodeUnchecked (code: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(publicKeySize(data.length))
  out[0] = 0x08; out[1] = code; out[2] = 0x12
  const p = 3 + writeVarint(out, 3, data.length)
  out.set(data, p)
  return out
}

/** Internal: decode and validate the PublicKey at `buf[start..end)`; offsets absolute, errors carry `path`. */
export function decodePublicKeyAt (buf: Uint8Array, start: number, end: number, keyPath: string = path): PublicKey {
  try {
    return decodeAt(buf, start, end)
  } catch (e) {
    if (e instanceof WireError && keyPath !== path) throw new WireError(e.code, e.offset, e.detail, { path: keyPath })
    throw e
  }
}

function decodeAt (buf: Uint8Array, start: number, end: number): PublicKey {
  let code = -1; let codeAt = start
  let dataStart = -1; let dataEnd = -1
  const c = new FieldCursor()
  let pos = start
  while (pos < end) {
    const next = readField(buf, pos, end, path, c)
    const field = c.field; const wt = c.wireType
    if (field === 1) {
      if (wt !== VARINT) throw bad(pos, 'Type wire type')
      code = decodeVarint(buf, c.value, end); codeAt = c.value
      if (code < 0) throw new WireError('KEY_TYPE_UNSUPPORTED', codeAt, 'key type above 2^53', { path })
    } else if (field === 2) {
      if (wt !== LEN) throw bad(pos, 'Data wire type')
      dataStart = c.value; dataEnd = next
    }
    // Other fields: skipped (proto2); the key is then not canonical.
    pos = next
  }
  if (code < 0) throw bad(end, 'no Type')
  if (dataStart < 0) throw bad(end, 'no Data')
  const type = KEY_TYPES[code]
  if (type === undefined) throw new WireError('KEY_TYPE_UNSUPPORTED', codeAt, `key type ${code}`, { path })
  const d = new Der()
  const bits = checkKeyData(d, type, buf, dataStart, dataEnd)
  const data = buf.subarray(dataStart, dataEnd)
  const input = buf.subarray(start, end)
  let canonical = input.length === publicKeySize(data.length) && input[0] === 0x08 && input[1] === code && input[2] === 0x12 &&
    3 + varintLength(data.length) === dataStart - start
  if (canonical) {
    // Same layout: the bytes match unless Data was given twice (last wins) - then its position differs.
    canonical = dataEnd === end
  }
  const key: PublicKey = { type, data, bytes: canonical ? input : encodeUnchecked(code, data), canonical, bits }
  if (d.curve !== undefined) key.curve = d.curve
  return key
}

/**
 * Decodes and validates a libp2p PublicKey protobuf (the Identify `publicKey` field).
 * Fields in any order and unknown fields are accepted (proto2); `canonical` tells whether the input was the
 * deterministic encoding. Throws WireError: KEY_INVALID (missing field, wrong wire type, bad key data),
 * KEY_TYPE_UNSUPPORTED (Type not 0..3), KEY_RSA_SIZE, or a wire-level code (TRUNCATED, ...). Offsets are into `bytes`.
 *
 * @example
 * ```ts
 * const key = decodePublicKey(identify.publicKey!)
 * key.type      // 'Ed25519'
 * key.bits      // 255
 * key.canonical // true when the input was exactly `08 <type> 12 <len> <data>`
 * ```
 */
export function decodePublicKey (bytes: Uint8Array): PublicKey {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
  return decodeAt(bytes, 0, bytes.length)
}
