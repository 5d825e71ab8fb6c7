// libp2p peer ids (peer-ids spec): the multihash of a PublicKey (identity when the encoded key is at most 42 bytes,
// else sha2-256), its text forms (base58btc, CIDv1 libp2p-key in base32 'b' / base36 'k'), and the receiver's checks.
// Does not verify that an identity peer id embeds a valid key unless asked (peerIdPublicKey).

import { WireError } from '../errors.js'
import { sha256 } from './sha256.js'
import { decodePublicKey, decodePublicKeyAt, type PublicKey } from './keys.js'
import { base58btcEncode, base58btcDecode, base32Encode, base32Decode, base36Encode, base36Decode } from '../bases/index.js'
import { validateMultiaddr } from '../multiaddr/validate.js'
import { consumeVarint, decodeVarint } from '../wire/varint.js'
import { bytesEqual } from '../wire/bytes.js'

/** Multihash codes (multicodec table): identity 0x00, sha2-256 0x12. CID codec libp2p-key 0x72. */
const IDENTITY = 0x00
const SHA2_256 = 0x12
const LIBP2P_KEY = 0x72
/** Longest encoded key that is inlined as an identity multihash (peer-ids spec). */
export const MAX_INLINE_KEY_LENGTH = 42
/** Longest peer id text accepted by {@link parsePeerId} (bounds the quadratic base decoders). */
const MAX_TEXT = 128

const invalid = (offset: number, message: string): WireError => new WireError('PEER_ID_INVALID', offset, message)

/** Text forms of a peer id. `base58btc` is the legacy default (`12D3KooW…`, `Qm…`); the others are CIDv1 libp2p-key. */
export type PeerIdFormat = 'base58btc' | 'base32' | 'base36'

function keyOf (publicKey: PublicKey | Uint8Array): PublicKey {
  if (publicKey instanceof Uint8Array) return decodePublicKey(publicKey)
  if (publicKey === null || typeof publicKey !== 'object' || !(publicKey.bytes instanceof Uint8Array)) {
    throw new TypeError('publicKey must be a PublicKey or its protobuf bytes')
  }
  return publicKey
}

/**
 * The peer id (binary multihash) of a public key: identity multihash of the deterministic PublicKey encoding when it
 * is at most 42 bytes (Ed25519, secp256k1), else its sha2-256 multihash (RSA, ECDSA). Bytes are decoded and validated
 * first (WireError KEY_* on bad keys).
 *
 * @example
 * ```ts
 * const id = peerIdFromPublicKey(encodePublicKey('Ed25519', new Uint8Array(32).fill(9)))
 * // id: 00 24 08 01 12 20 09…09 (identity multihash, 38 bytes)
 * peerIdToString(id) // '12D3KooWARdq2qmoWawXfhkzZHgcPg2hgkwT6GFrzGMvuQZHcwdJ'
 * ```
 */
export function peerIdFromPublicKey (publicKey: PublicKey | Uint8Array): Uint8Array {
  const k = keyOf(publicKey).bytes
  if (k.length <= MAX_INLINE_KEY_LENGTH) {
    const out = new Uint8Array(2 + k.length)
    out[0] = IDENTITY; out[1] = k.length
    out.set(k, 2)
    return out
  }
  const out = new Uint8Array(34)
  out[0] = SHA2_256; out[1] = 32
  out.set(sha256(k), 2)
  return out
}

/** Internal: -1 when `buf[start..end)` is a valid peer id multihash, else the offset of the problem. */
export function peerIdProblem (buf: Uint8Array, start: number, end: number): number {
  if (consumeVarint(buf, start, end) !== 1) return start // codes 0x00 and 0x12 are one byte; anything else is not a peer id
  const code = decodeVarint(buf, start, end)
  if (consumeVarint(buf, start + 1, end) !== 1) return start + 1
  const len = decodeVarint(buf, start + 1, end)
  if (len !== end - start - 2) return start + 1
  if (code === SHA2_256) return len === 32 ? -1 : start + 1
  if (code === IDENTITY) return len <= MAX_INLINE_KEY_LENGTH && len > 0 ? -1 : start + 1
  return start
}

/**
 * Checks a binary peer id: a sha2-256 multihash of 32 bytes or an identity multihash of 1..42 bytes (what go's
 * multiaddr p2p check and rust's PeerId::from_bytes accept). Throws WireError PEER_ID_INVALID.
 *
 * @example
 * ```ts
 * validatePeerId(parsePeerId('QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N')) // ok
 * validatePeerId(new Uint8Array([0x12, 0x20]))                                // throws PEER_ID_INVALID, offset 1
 * ```
 */
export function validatePeerId (peerId: Uint8Array): void {
  if (!(peerId instanceof Uint8Array)) throw new TypeError('peerId must be a Uint8Array')
  const bad = peerIdProblem(peerId, 0, peerId.length)
  if (bad >= 0) throw invalid(bad, 'multihash')
}

/**
 * The public key inlined in an identity peer id (Ed25519, secp256k1), or undefined for a sha2-256 peer id.
 * Throws WireError PEER_ID_INVALID for a malformed peer id, KEY_* (path `peerId`) for a bad inlined key.
 *
 * @example
 * ```ts
 * peerIdPublicKey(parsePeerId('12D3KooWARdq2qmoWawXfhkzZHgcPg2hgkwT6GFrzGMvuQZHcwdJ'))?.type // 'Ed25519'
 * peerIdPublicKey(parsePeerId('QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'))          // undefined (sha2-256)
 * ```
 */
export function peerIdPublicKey (peerId: Uint8Array): PublicKey | undefined {
  validatePeerId(peerId)
  if (peerId[0] !== IDENTITY) return undefined
  return decodePublicKeyAt(peerId, 2, peerId.length, 'peerId')
}

/**
 * Prints a binary peer id: base58btc (default, `12D3KooW…`/`Qm…`) or CIDv1 libp2p-key as `b…` (base32) / `k…` (base36).
 * Throws WireError PEER_ID_INVALID for a malformed peer id, TypeError for an unknown format.
 *
 * @example
 * ```ts
 * const id = parsePeerId('QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N')
 * peerIdToString(id)           // 'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'
 * peerIdToString(id, 'base32') // 'bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe'
 * ```
 */
export function peerIdToString (peerId: Uint8Array, format: PeerIdFormat = 'base58btc'): string {
  validatePeerId(peerId)
  if (format === 'base58btc') return base58btcEncode(peerId)
  const cid = new Uint8Array(peerId.length + 2)
  cid[0] = 1; cid[1] = LIBP2P_KEY
  cid.set(peerId, 2)
  if (format === 'base32') return 'b' + base32Encode(cid)
  if (format === 'base36') return 'k' + base36Encode(cid)
  throw new TypeError(`unknown peer id format ${String(format)}`)
}

/**
 * Parses a peer id's text: a base58btc multihash (`12D3KooW…`, `Qm…`, `16Uiu2…`, any text starting with `1` or `Q`),
 * or a CIDv1 with codec libp2p-key in multibase base32 (`b`), base36 (`k`) or base58btc (`z`).
 * Returns the binary multihash. Throws WireError PEER_ID_INVALID or INVALID_BASE_ENCODING (offset: character index).
 *
 * @example
 * ```ts
 * const a = parsePeerId('QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N')                       // 34 bytes: 12 20 <sha2-256>
 * const b = parsePeerId('bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe') // the same bytes
 * ```
 */
export function parsePeerId (text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('text must be a string')
  if (text.length === 0 || text.length > MAX_TEXT) throw invalid(0, 'length')
  const c = text[0]!
  if (c === '1' || c === 'Q') {
    const mh = base58btcDecode(text)
    if (peerIdProblem(mh, 0, mh.length) >= 0) throw invalid(0, 'multihash')
    return mh
  }
  let cid: Uint8Array
  try {
    if (c === 'b') cid = base32Decode(text.slice(1))
    else if (c === 'k') cid = base36Decode(text.slice(1))
    else if (c === 'z') cid = base58btcDecode(text.slice(1))
    else throw invalid(0, 'multibase')
  } catch (e) {
    // Character indexes of the base decoders are relative to the text after the multibase prefix.
    if (e instanceof WireError && e.code === 'INVALID_BASE_ENCODING') throw new WireError(e.code, e.offset + 1, 'multibase')
    throw e
  }
  if (cid.length < 2 || cid[0] !== 1) throw invalid(0, 'CID version')
  if (cid[1] !== LIBP2P_KEY) throw invalid(0, 'CID codec')
  const mh = cid.subarray(2)
  if (peerIdProblem(mh, 0, mh.length) >= 0) throw invalid(0, 'multihash')
  return mh.slice()
}

export { bytesEqual }

/**
 * Whether `publicKey` is the key of `peerId` (binary multihash or text): the peer id derived from the key equals it,
 * as go's `ID.MatchesPublicKey` and js's `peerIdFromPublicKey(key).equals(id)` decide. (rust-libp2p's
 * `is_public_key` would also accept the sha2-256 form of a short key, which no implementation produces today.)
 * Throws WireError on a malformed key or peer id.
 *
 * @example
 * ```ts
 * const m = decodeIdentify(body)
 * if (m.publicKey !== undefined && !peerIdMatches(m.publicKey, remotePeerIdText)) throw new Error('wrong peer')
 * ```
 */
export function peerIdMatches (publicKey: PublicKey | Uint8Array, peerId: Uint8Array | string): boolean {
  const derived = peerIdFromPublicKey(publicKey)
  const id = typeof peerId === 'string' ? parsePeerId(peerId) : peerId
  validatePeerId(id)
  return bytesEqual(derived, id)
}

/**
 * The peer id of the last `/p2p/` component of a binary multiaddr (`/ip4/…/tcp/…/p2p/<id>`), or undefined when it has
 * none. A relay address `/…/p2p/<relay>/p2p-circuit/p2p/<target>` gives the target, `/…/p2p/<relay>/p2p-circuit` none. Throws WireError (MULTIADDR_*)
 * when the multiaddr is invalid.
 *
 * @example
 * ```ts
 * const ma = multiaddrFromString('/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWARdq2qmoWawXfhkzZHgcPg2hgkwT6GFrzGMvuQZHcwdJ')
 * const id = peerIdFromMultiaddr(ma)  // binary peer id
 * peerIdToString(id!)                 // '12D3KooWARdq2qmoWawXfhkzZHgcPg2hgkwT6GFrzGMvuQZHcwdJ'
 * peerIdFromMultiaddr(multiaddrFromString('/ip4/127.0.0.1/tcp/4001')) // undefined
 * ```
 */
export function peerIdFromMultiaddr (multiaddr: Uint8Array): Uint8Array | undefined {
  if (!(multiaddr instanceof Uint8Array)) throw new TypeError('multiaddr must be a Uint8Array')
  const r = validateMultiaddr(multiaddr)
  if (!r.valid) throw r.error
  let last: Uint8Array | undefined
  for (const c of r.components) {
    if (c.code === 0x01a5) last = multiaddr.subarray(c.valueOffset, c.valueOffset + c.valueLength)
    // p2p-circuit: what follows names the target; a relay's id before it is not the address's peer (js getPeerId does the same).
    else if (c.code === 0x0122) last = undefined
  }
  return last
}
