// Signed peer records (Identify field 8): the Envelope of the record-envelope spec (RFC 0002: public_key 1,
// payload_type 2, payload 3, signature 5) around a PeerRecord (RFC 0003: peer_id 1, seq 2, addresses 3 { multiaddr 1 }).
// Structural checks only (synchronous); signatures are verified in verify.ts.

import { WireError, type WireErrorCode } from '../errors.js'
import { VARINT, LEN } from '../wire/tag.js'
import { readField, FieldCursor } from '../wire/field.js'
import { varintLength, writeVarint } from '../wire/varint.js'
import { statusError } from '../wire/status.js'
import { decodePublicKeyAt, type PublicKey } from './keys.js'
import { peerIdProblem, peerIdMatches, bytesEqual } from './peer-id.js'
import { validateRange, multiaddrError } from '../multiaddr/validate.js'

/** Signature domain of peer records (RFC 0003). */
export const PEER_RECORD_DOMAIN = 'libp2p-peer-record'
/** payload_type of a peer record: the multicodec libp2p-peer-record (0x0301) as a uvarint. */
export const PEER_RECORD_PAYLOAD_TYPE: Uint8Array = new Uint8Array([0x03, 0x01])
/**
 * payload_type of the records rust-libp2p's Identify (libp2p-identify 0.48) signs: the ASCII bytes
 * `/libp2p/routing-state-record`, under the domain `libp2p-routing-state` (rust-libp2p issue #6204). Not a peer
 * record: decodeSignedPeerRecord refuses it (RECORD_PAYLOAD_TYPE); checkIdentify ignores it, as go-libp2p does.
 */
export const LEGACY_ROUTING_STATE_PAYLOAD_TYPE: Uint8Array = new TextEncoder().encode('/libp2p/routing-state-record')

/** A decoded signed envelope. Bytes fields are views into the input. */
export interface Envelope {
  /** Field 1 `public_key`: the signer's key, decoded and validated (`data` is a view into the input). */
  publicKey: PublicKey
  /** Field 2 `payload_type`: a multicodec as a uvarint (`03 01` for a peer record); empty when absent. */
  payloadType: Uint8Array
  /** Field 3 `payload`: the signed payload (a PeerRecord protobuf for peer records); empty when absent. */
  payload: Uint8Array
  /** Field 5 `signature` over {@link envelopeSignedBytes}; never empty (a missing one is RECORD_INVALID). */
  signature: Uint8Array
}

/** A decoded PeerRecord. `seq` is a bigint: the field is a uint64 (js writes Date.now(), go UnixNano, above 2^53). */
export interface PeerRecord {
  /** Binary peer id (multihash). */
  peerId: Uint8Array
  /** Field 2 `seq`: the record's sequence number (uint64, 0n when absent); a newer record has a higher seq. */
  seq: bigint
  /** Binary multiaddrs, views into the input. */
  addresses: Uint8Array[]
}

/** The result of {@link decodeSignedPeerRecord}: the envelope and the PeerRecord in its payload. */
export interface SignedPeerRecord {
  /** The decoded envelope (payload type already checked to be `03 01`). */
  envelope: Envelope
  /** The decoded payload; its peer id is the envelope key's peer id. */
  record: PeerRecord
}

/** Options of {@link decodeSignedPeerRecord} and `verifySignedPeerRecord`; all optional (no key check, path `signedPeerRecord`). */
export interface DecodeSignedPeerRecordOptions {
  /** The Identify message's publicKey: the envelope's key must be the same key (RECORD_KEY_MISMATCH). */
  publicKey?: PublicKey | Uint8Array
  /** Field path prefix for errors. Default `signedPeerRecord`. */
  path?: string
}

const err = (code: WireErrorCode, offset: number, message: string, path: string): WireError =>
  new WireError(code, offset, message, { path })

/** Internal: decodes the Envelope at `buf[start..end)`; absolute offsets. Does not check payload type or signature. */
export function decodeEnvelopeAt (buf: Uint8Array, start: number, end: number, path: string): Envelope {
  let keyStart = -1; let keyEnd = -1
  let ptStart = -1; let ptEnd = -1
  let plStart = -1; let plEnd = -1
  let sgStart = -1; let sgEnd = -1
  const c = new FieldCursor()
  let pos = start
  while (pos < end) {
    const next = readField(buf, pos, end, path, c)
    const field = c.field
    if (field === 1 || field === 2 || field === 3 || field === 5) {
      if (c.wireType !== LEN) throw err('RECORD_INVALID', pos, 'wire type', path)
      const s = c.value
      if (field === 1) { keyStart = s; keyEnd = next } else if (field === 2) { ptStart = s; ptEnd = next } else if (field === 3) { plStart = s; plEnd = next } else { sgStart = s; sgEnd = next }
    }
    pos = next
  }
  if (keyStart < 0) throw err('RECORD_INVALID', end, 'no public_key', path)
  if (sgStart < 0 || sgStart === sgEnd) throw err('RECORD_INVALID', end, 'no signature', path)
  const publicKey = decodePublicKeyAt(buf, keyStart, keyEnd, `${path}.publicKey`)
  return {
    publicKey,
    payloadType: buf.subarray(Math.max(ptStart, start), Math.max(ptEnd, start)),
    payload: buf.subarray(Math.max(plStart, start), Math.max(plEnd, start)),
    signature: buf.subarray(sgStart, sgEnd)
  }
}

/**
 * Internal: whether `buf[start..end)` is a well-formed envelope whose payload type is
 * {@link LEGACY_ROUTING_STATE_PAYLOAD_TYPE}. Reads the envelope only; the payload and signature are not checked.
 */
export function isLegacyRoutingStateRecordAt (buf: Uint8Array, start: number, end: number): boolean {
  try {
    return bytesEqual(decodeEnvelopeAt(buf, start, end, 'signedPeerRecord').payloadType, LEGACY_ROUTING_STATE_PAYLOAD_TYPE)
  } catch (e) {
    if (e instanceof WireError) return false
    throw e
  }
}

/** Reads a uint64 varint at `buf[pos..end)` as a bigint; returns [value, bytes] or throws. */
function uint64At (buf: Uint8Array, pos: number, end: number, path: string): [bigint, number] {
  let v = 0n
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) throw statusError(-1, pos, path)
    const b = buf[pos + i]!
    if (i === 9 && b > 1) break // bits above 2^64
    v |= BigInt(b & 0x7f) << BigInt(7 * i)
    if (b < 0x80) return [v, i + 1]
  }
  throw new WireError('VARINT_OVERFLOW', pos, 'seq > 2^64-1', { path })
}

/**
 * Internal: decodes the PeerRecord at `buf[start..end)`; absolute offsets. Checks the peer id's form and every
 * address (RECORD_ADDR_INVALID carries the multiaddr error's offset; `path` like `signedPeerRecord.addresses[2]`).
 */
export function decodePeerRecordAt (buf: Uint8Array, start: number, end: number, path: string): PeerRecord {
  let idStart = -1; let idEnd = -1
  let seq = 0n
  const addresses: Uint8Array[] = []
  const c = new FieldCursor()
  let pos = start
  while (pos < end) {
    const next = readField(buf, pos, end, path, c)
    const field = c.field; const wt = c.wireType
    if (field === 1) {
      if (wt !== LEN) throw err('RECORD_INVALID', pos, 'wire type', path)
      idStart = c.value; idEnd = next
    } else if (field === 2) {
      if (wt !== VARINT) throw err('RECORD_INVALID', pos, 'seq must be a varint', path)
      seq = uint64At(buf, c.value, end, `${path}.seq`)[0]
    } else if (field === 3) {
      const ap = `${path}.addresses[${addresses.length}]`
      if (wt !== LEN) throw err('RECORD_INVALID', pos, 'wire type', ap)
      addresses.push(addressInfoAt(buf, c.value, next, ap))
    }
    pos = next
  }
  if (idStart < 0) throw err('RECORD_INVALID', end, 'no peer_id', path)
  const bad = peerIdProblem(buf, idStart, idEnd)
  if (bad >= 0) throw err('PEER_ID_INVALID', bad, 'peer_id', `${path}.peerId`)
  return { peerId: buf.subarray(idStart, idEnd), seq, addresses }
}

/** AddressInfo { bytes multiaddr = 1 }: returns the validated multiaddr (last one wins, proto3). */
function addressInfoAt (buf: Uint8Array, start: number, end: number, path: string): Uint8Array {
  let s = start; let e = start
  const c = new FieldCursor()
  let pos = start
  while (pos < end) {
    const next = readField(buf, pos, end, path, c)
    if (c.field === 1) {
      if (c.wireType !== LEN) throw err('RECORD_INVALID', pos, 'wire type', path)
      s = c.value; e = next
    }
    pos = next
  }
  const status = validateRange(buf, s, e)
  if (status < 0) {
    const inner = multiaddrError(status)
    throw new WireError('RECORD_ADDR_INVALID', inner.offset, inner.code, { path })
  }
  return buf.subarray(s, e)
}

/** Internal: full structural check of a signed peer record at `buf[start..end)` (see {@link decodeSignedPeerRecord}). */
export function decodeSignedPeerRecordAt (buf: Uint8Array, start: number, end: number, options?: DecodeSignedPeerRecordOptions): SignedPeerRecord {
  const path = options?.path ?? 'signedPeerRecord'
  const envelope = decodeEnvelopeAt(buf, start, end, path)
  const ptOff = envelope.payloadType.byteOffset - buf.byteOffset
  if (!bytesEqual(envelope.payloadType, PEER_RECORD_PAYLOAD_TYPE)) {
    throw err('RECORD_PAYLOAD_TYPE', ptOff, 'payload_type', `${path}.payloadType`)
  }
  const plOff = envelope.payload.byteOffset - buf.byteOffset
  const record = decodePeerRecordAt(buf, plOff, plOff + envelope.payload.length, `${path}.payload`)
  const idOff = record.peerId.byteOffset - buf.byteOffset
  if (!peerIdMatches(envelope.publicKey, record.peerId)) {
    throw err('RECORD_KEY_MISMATCH', idOff, 'key vs peer_id', `${path}.payload.peerId`)
  }
  const given = options?.publicKey
  if (given !== undefined) {
    const want = given instanceof Uint8Array ? decodePublicKeyAt(given, 0, given.length) : given
    if (!bytesEqual(want.bytes, envelope.publicKey.bytes)) {
      const keyOff = envelope.publicKey.data.byteOffset - buf.byteOffset
      throw err('RECORD_KEY_MISMATCH', keyOff, 'key vs publicKey', `${path}.publicKey`)
    }
  }
  return { envelope, record }
}

function bytesArg (b: unknown, name: string): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`)
  return b
}

/**
 * Decodes a signed Envelope (any payload type) without checking its signature. Throws WireError (RECORD_INVALID,
 * KEY_* for its key, wire-level codes; path `envelope`).
 *
 * @example
 * ```ts
 * const env = decodeEnvelope(identify.signedPeerRecord!)
 * env.publicKey.type  // 'Ed25519'
 * env.payloadType     // Uint8Array [3, 1] for a peer record
 * ```
 */
export function decodeEnvelope (bytes: Uint8Array): Envelope {
  bytesArg(bytes, 'bytes')
  return decodeEnvelopeAt(bytes, 0, bytes.length, 'envelope')
}

/**
 * Decodes a PeerRecord payload (peer id form and every address checked). Throws WireError (RECORD_INVALID,
 * PEER_ID_INVALID, RECORD_ADDR_INVALID, wire-level codes; path `peerRecord`).
 *
 * @example
 * ```ts
 * const rec = decodePeerRecord(decodeEnvelope(identify.signedPeerRecord!).payload)
 * peerIdToString(rec.peerId); rec.seq; rec.addresses.map(multiaddrToString)
 * ```
 */
export function decodePeerRecord (payload: Uint8Array): PeerRecord {
  bytesArg(payload, 'payload')
  return decodePeerRecordAt(payload, 0, payload.length, 'peerRecord')
}

/**
 * Decodes the Identify `signedPeerRecord` field and checks everything but the signature: the envelope and record
 * structure, payload type `03 01`, the envelope key hashing to the record's peer id, every address a valid multiaddr,
 * and (with `options.publicKey`) the key being the Identify's publicKey. Offsets are into `bytes`.
 * Throws WireError: RECORD_INVALID, RECORD_PAYLOAD_TYPE, RECORD_KEY_MISMATCH, RECORD_ADDR_INVALID, PEER_ID_INVALID,
 * KEY_* for the envelope's key, or a wire-level code. Verify the signature with `verifySignedPeerRecord` or
 * with your own crypto over {@link envelopeSignedBytes}.
 *
 * @example
 * ```ts
 * const m = decodeIdentifyStream(bytes)
 * const { envelope, record } = decodeSignedPeerRecord(m.signedPeerRecord!, { publicKey: m.publicKey })
 * peerIdToString(record.peerId) // the signer's peer id; record.seq is a bigint
 * ```
 */
export function decodeSignedPeerRecord (bytes: Uint8Array, options?: DecodeSignedPeerRecordOptions): SignedPeerRecord {
  bytesArg(bytes, 'bytes')
  return decodeSignedPeerRecordAt(bytes, 0, bytes.length, options)
}

const utf8 = new TextEncoder()

/**
 * The bytes an envelope's signature covers (record-envelope spec): varint(len(domain)) || domain ||
 * varint(len(payload_type)) || payload_type || varint(len(payload)) || payload. Default domain: `libp2p-peer-record`.
 *
 * @example
 * ```ts
 * const { envelope } = decodeSignedPeerRecord(m.signedPeerRecord!)
 * const signed = envelopeSignedBytes(envelope) // 0x12 'libp2p-peer-record' 0x02 03 01 <varint> <payload>
 * // verify envelope.signature over `signed` with envelope.publicKey using your own crypto (e.g. secp256k1)
 * ```
 */
export function envelopeSignedBytes (envelope: Pick<Envelope, 'payloadType' | 'payload'>, domain: string = PEER_RECORD_DOMAIN): Uint8Array {
  if (typeof domain !== 'string') throw new TypeError('domain must be a string')
  const d = utf8.encode(domain)
  const pt = bytesArg(envelope.payloadType, 'payloadType')
  const pl = bytesArg(envelope.payload, 'payload')
  const out = new Uint8Array(varintLength(d.length) + d.length + varintLength(pt.length) + pt.length + varintLength(pl.length) + pl.length)
  let p = 0
  for (const part of [d, pt, pl]) {
    p += writeVarint(out, p, part.length)
    out.set(part, p)
    p += part.length
  }
  return out
}
