// Signature and key-point verification for every libp2p key type (peer-ids spec): secp256k1 here, synchronously
// (secp256k1.ts); Ed25519, RSA and ECDSA through WebCrypto (webcrypto.ts). Kept apart from checkIdentify's bundle.

import { WireError } from '../errors.js'
import type { Identify } from '../identify/message.js'
import { validateRange } from '../multiaddr/validate.js'
import { decodePublicKey, type PublicKey } from './keys.js'
import { bytesEqual } from './peer-id.js'
import { decodeEnvelope, decodeSignedPeerRecord, envelopeSignedBytes, type DecodeSignedPeerRecordOptions } from './record.js'
import { verifySecp256k1, secp256k1KeyValid } from './secp256k1.js'
import { ed25519KeyValid } from './ed25519-point.js'
import { importKey, webVerify } from './webcrypto.js'
import { checkWith, place, type CheckIdentifyOptions, type Verdict } from './verdict.js'

/** Options of {@link verifySignature}, {@link verifySignedPeerRecord} and {@link verifyIdentify}. */
export interface VerifyOptions {
  /** secp256k1 only: refuse s > n/2 (js-libp2p does; go and rust do not). Default false. */
  lowS?: boolean
}

function keyArg (key: PublicKey | Uint8Array): PublicKey {
  if (key instanceof Uint8Array) return decodePublicKey(key)
  if (key === null || typeof key !== 'object' || !(key.data instanceof Uint8Array)) throw new TypeError('key must be a PublicKey or its protobuf bytes')
  return key
}

const unsupported = (key: PublicKey): WireError =>
  new WireError('KEY_TYPE_UNSUPPORTED', 0, `no WebCrypto ${key.type === 'ECDSA' ? `ECDSA ${key.curve!}` : key.type} in this runtime`, { path: 'publicKey' })

/**
 * Whether a decoded key is a point of its curve: secp256k1 (the compressed point decompresses) and Ed25519 (canonical,
 * on the curve, not of small order) synchronously here; ECDSA by importing it into WebCrypto; RSA keys have no point
 * (true). Resolves undefined when the check needs WebCrypto and the runtime lacks it.
 *
 * @example
 * ```ts
 * await verifyPublicKey(decodePublicKey(identify.publicKey!)) // true, false, or undefined (no WebCrypto ECDSA)
 * ```
 */
export async function verifyPublicKey (key: PublicKey | Uint8Array): Promise<boolean | undefined> {
  const k = keyArg(key)
  if (k.type === 'secp256k1') return secp256k1KeyValid(k.data)
  if (k.type === 'Ed25519') return ed25519KeyValid(k.data)
  if (k.type === 'RSA') return true
  const imported = await importKey(k)
  return imported === undefined ? undefined : imported !== false
}

/**
 * Verifies `signature` over `data` with a libp2p key, picking the algorithm by key type (peer-ids spec): Ed25519
 * (RFC 8032, through WebCrypto); secp256k1 (ECDSA over SHA-256, strict DER; computed here, synchronously: see
 * `verifySecp256k1`); ECDSA P-256/P-384/P-521 (SHA-256, strict DER, through WebCrypto); RSA (PKCS#1 v1.5 with
 * SHA-256, through WebCrypto). Resolves false for a key that is not a point of its curve and for any signature that
 * does not verify. Rejects with WireError KEY_TYPE_UNSUPPORTED when the runtime lacks the WebCrypto algorithm, and
 * with WireError for key bytes that do not decode.
 *
 * @example
 * ```ts
 * const { envelope } = decodeSignedPeerRecord(m.signedPeerRecord!)
 * await verifySignature(envelope.publicKey, envelopeSignedBytes(envelope), envelope.signature) // true / false
 * ```
 */
export async function verifySignature (key: PublicKey | Uint8Array, data: Uint8Array, signature: Uint8Array, options?: VerifyOptions): Promise<boolean> {
  const k = keyArg(key)
  if (!(data instanceof Uint8Array) || !(signature instanceof Uint8Array)) throw new TypeError('data and signature must be Uint8Arrays')
  if (k.type === 'secp256k1') return verifySecp256k1(k.data, data, signature, options?.lowS === true ? { lowS: true } : {})
  if (k.type === 'Ed25519' && !ed25519KeyValid(k.data)) return false
  const r = await webVerify(k, data, signature)
  if (r === undefined) throw unsupported(k)
  return r
}

/**
 * Verifies the signature of a signed peer record (Identify field 8) for every key type (see {@link verifySignature}):
 * resolves true/false for an envelope whose structure is valid (as `decodeSignedPeerRecord` checks it, with
 * `options.publicKey` when given). Rejects with WireError for malformed input, and with KEY_TYPE_UNSUPPORTED when
 * the runtime lacks the WebCrypto algorithm the key needs (never for secp256k1).
 *
 * @example
 * ```ts
 * const m = decodeIdentifyStream(bytes)
 * const ok = await verifySignedPeerRecord(m.signedPeerRecord!, { publicKey: m.publicKey }) // true or false
 * ```
 */
export async function verifySignedPeerRecord (bytes: Uint8Array, options?: DecodeSignedPeerRecordOptions & VerifyOptions): Promise<boolean> {
  const { envelope } = decodeSignedPeerRecord(bytes, options)
  try {
    return await verifySignature(envelope.publicKey, envelopeSignedBytes(envelope), envelope.signature, options)
  } catch (e) {
    if (e instanceof WireError && e.code === 'KEY_TYPE_UNSUPPORTED') {
      throw new WireError(e.code, envelope.publicKey.data.byteOffset - bytes.byteOffset, e.message.slice(e.message.indexOf(': ') + 2), { path: 'signedPeerRecord.publicKey' })
    }
    throw e
  }
}

/**
 * `checkIdentify`, then what needs curve arithmetic or WebCrypto: every key (the publicKey and the record's) must be a
 * point of its curve (see {@link verifyPublicKey}; one that is not is reported KEY_INVALID, as `checkIdentify` reports
 * a malformed key), and the signed peer record's signature is verified for every key type (see
 * {@link verifySignature}): `record.signature` becomes 'valid' or 'invalid'; an invalid one clears `ok`, adds a
 * RECORD_SIGNATURE_INVALID problem (path `signedPeerRecord.signature`) and falls back to the listen addresses.
 * 'unchecked' remains only where the runtime lacks the WebCrypto algorithm the key needs (then `ok` is decided as by
 * `checkIdentify`). Never rejects for hostile bytes.
 *
 * @example
 * ```ts
 * const v = await verifyIdentify(streamBytes, { expectedPeerId: remotePeer })
 * v.record.signature // 'valid' | 'invalid' | 'unchecked'
 * if (v.ok) peerStore.set(v.peerId, v.trustedAddrs)
 * ```
 */
export async function verifyIdentify (input: Uint8Array | Identify, options?: CheckIdentifyOptions & VerifyOptions): Promise<Verdict> {
  let v = checkWith(input, options)
  const m = v.message
  if (m === undefined) return v
  // Keys that decoded: are they points? (The envelope's key is usually the publicKey itself: checked once.)
  const keys: PublicKey[] = []
  if (v.key.valid) keys.push(decodePublicKey(m.publicKey!))
  if (v.record.valid) {
    const ek = decodeEnvelope(m.signedPeerRecord!).publicKey
    if (keys.length === 0 || !bytesEqual(keys[0]!.bytes, ek.bytes)) keys.push(ek)
  }
  const refused: Uint8Array[] = []
  for (const k of keys) if (await verifyPublicKey(k) === false) refused.push(k.bytes)
  if (refused.length > 0) v = checkWith(input, options, (k) => refused.some((b) => bytesEqual(b, k.bytes)))
  if (!v.record.valid) return v
  const spr = m.signedPeerRecord!
  let good: boolean
  try {
    good = await verifySignedPeerRecord(spr, options?.lowS === true ? { lowS: true } : undefined)
  } catch (e) {
    if (e instanceof WireError) return v // KEY_TYPE_UNSUPPORTED: this runtime lacks the algorithm
    throw e
  }
  v.record.signature = good ? 'valid' : 'invalid'
  if (good) return v
  const s = place(spr, input instanceof Uint8Array ? input : undefined)[1]
  v.problems.push({ code: 'RECORD_SIGNATURE_INVALID', offset: s, path: 'signedPeerRecord.signature', message: 'bad signature' })
  const { ok: _, ...rest } = v
  const out: Verdict = { ...rest, ok: false }
  if (v.addrSource === 'signedPeerRecord') {
    const listen: Uint8Array[] = []
    for (const a of m.listenAddrs) if (a.length > 0 && validateRange(a, 0, a.length) >= 0) listen.push(a)
    out.trustedAddrs = listen
    out.addrSource = 'listenAddrs'
    if (v.key.peerId === undefined) delete out.peerId
  }
  return out
}
