// The receiver's verdict on an Identify message: is the key valid and the expected peer's, is the signed peer record
// well-formed and the same peer's, which addresses to use. Never throws for hostile bytes: every problem is listed.
// checkIdentify does not verify signatures (synchronous); verifyIdentify adds the Ed25519 check through WebCrypto.

import { WireError, type WireErrorCode } from '../errors.js'
import { decodeIdentifyStream, type DecodeIdentifyStreamOptions } from '../identify/framing.js'
import { decodeIdentify, type Identify } from '../identify/message.js'
import { validateRange, multiaddrError } from '../multiaddr/validate.js'
import { decodePublicKeyAt, type KeyType, type PublicKey } from './keys.js'
import { peerIdFromPublicKey, peerIdToString, parsePeerId, validatePeerId, peerIdMatches, bytesEqual } from './peer-id.js'
import { decodeSignedPeerRecordAt, verifySignedPeerRecord, type SignedPeerRecord } from './record.js'

/** One problem found in the message. `offset` is absolute in the input bytes (relative to the field for a decoded message). */
export interface Problem {
  /** The WireError code (e.g. KEY_INVALID, PEER_ID_MISMATCH, RECORD_SIGNATURE_INVALID, MULTIADDR_*). */
  code: WireErrorCode
  /** Byte offset of the problem: absolute in the input bytes, relative to the field for a decoded message. */
  offset: number
  /** Field path such as `listenAddrs[2]` or `signedPeerRecord.payload.peerId`; undefined when not known. */
  path: string | undefined
  /** Human-readable detail; not stable, match on `code`. */
  message: string
}

/** What {@link checkIdentify} found about the message's publicKey (`Verdict.key`). */
export interface KeyVerdict {
  /** The message has a publicKey (identify responses do; pushes do not). */
  present: boolean
  /** It decoded and its data is a valid key of its type. */
  valid: boolean
  /** The key's type; set when the key is valid. */
  type?: KeyType
  /** Peer id derived from the key (base58btc). */
  peerId?: string
  /** Whether it is the expected peer's key; undefined without `expectedPeerId` or without a valid key. */
  matchesExpected?: boolean
}

/** What {@link checkIdentify} found about the message's signed peer record (`Verdict.record`). */
export interface RecordVerdict {
  /** The message has a signedPeerRecord (field 8). */
  present: boolean
  /** Envelope and record are well-formed: payload type 03 01, key hashing to the record's peer id, valid addresses. */
  valid: boolean
  /** The envelope's key is the message's publicKey; undefined when either is missing or invalid. */
  matchesKey?: boolean
  /** The record's peer id is the expected one; undefined without `expectedPeerId` or without a valid record. */
  matchesExpected?: boolean
  /** 'unchecked' from checkIdentify; verifyIdentify sets 'valid' / 'invalid' for Ed25519 ('unchecked' otherwise). */
  signature: 'unchecked' | 'valid' | 'invalid'
  /** The record's peer id (base58btc); set when the record is valid. */
  peerId?: string
  /** The record's sequence number (uint64); set when the record is valid. */
  seq?: bigint
  /** The record's addresses (empty unless valid). */
  addresses: Uint8Array[]
}

/** The result of {@link checkIdentify} / {@link verifyIdentify}: whether to trust the message, and why not. */
export interface Verdict {
  /**
   * True when the message decoded, something identifies the peer (a valid publicKey or a valid record), and no
   * identity check failed: key valid and expected, record valid, same key, expected peer, signature not invalid.
   * Listen-address problems do not clear it (those addresses are just left out of `trustedAddrs`).
   */
  ok: boolean
  /** The decoded message; undefined when decoding failed (then `problems[0]` says why). */
  message?: Identify
  /** The peer the message speaks for (base58btc): the key's peer id, else the valid record's. */
  peerId?: string
  /** Findings about the publicKey field. */
  key: KeyVerdict
  /** Findings about the signedPeerRecord field. */
  record: RecordVerdict
  /** The record's addresses when the record is valid and matches, otherwise the listen addresses that validate. */
  trustedAddrs: Uint8Array[]
  /** Where `trustedAddrs` came from. */
  addrSource: 'signedPeerRecord' | 'listenAddrs'
  /** Every problem found, in order (decode failure, key, record, listen addresses, then verifyIdentify's signature); empty when all is well. */
  problems: Problem[]
}

/** Options of {@link checkIdentify} and {@link verifyIdentify}; all optional (no expected peer, input 'stream', default decode options). */
export interface CheckIdentifyOptions {
  /** The peer id of the connection (from the secure channel): binary multihash or text. Invalid text throws WireError. */
  expectedPeerId?: Uint8Array | string
  /** How bytes are read: 'stream' (length-prefixed frames, merged; the default) or 'body' (one protobuf body). */
  input?: 'stream' | 'body'
  /** Options for decoding the bytes (maxMessageSize, maxFrames, strict, ...). */
  decode?: DecodeIdentifyStreamOptions
}

function problemOf (e: WireError, shift = 0): Problem {
  return { code: e.code, offset: e.offset + shift, path: e.path, message: e.message }
}

/** [buffer, start, end] of a view: the input buffer when the view lies in it (absolute offsets), else the view. */
function place (view: Uint8Array, base: Uint8Array | undefined): [Uint8Array, number, number] {
  if (base !== undefined && view.buffer === base.buffer) {
    const s = view.byteOffset - base.byteOffset
    if (s >= 0 && s + view.length <= base.length) return [base, s, s + view.length]
  }
  return [view, 0, view.length]
}

function expectedOf (e: Uint8Array | string | undefined): Uint8Array | undefined {
  if (e === undefined) return undefined
  if (typeof e === 'string') return parsePeerId(e)
  if (!(e instanceof Uint8Array)) throw new TypeError('expectedPeerId must be a Uint8Array or a string')
  validatePeerId(e)
  return e
}

/**
 * Checks an Identify message as a receiver should before trusting it. `input` is the stream's bytes (default: one or
 * more length-prefixed frames), one body (`options.input: 'body'`), or an already decoded message. Never throws for
 * any bytes; throws TypeError for wrong argument types and WireError for an invalid `expectedPeerId`.
 * Signatures are NOT verified here (see {@link verifyIdentify}).
 *
 * @example
 * ```ts
 * const v = checkIdentify(streamBytes, { expectedPeerId: remotePeer }) // remotePeer: binary or text peer id
 * if (v.ok) useAddrs(v.trustedAddrs)                                   // from the record or the listen addresses
 * else for (const p of v.problems) console.log(p.code, p.offset, p.path)
 * ```
 */
export function checkIdentify (input: Uint8Array | Identify, options?: CheckIdentifyOptions): Verdict {
  const expected = expectedOf(options?.expectedPeerId)
  const problems: Problem[] = []
  const key: KeyVerdict = { present: false, valid: false }
  const record: RecordVerdict = { present: false, valid: false, signature: 'unchecked', addresses: [] }
  const verdict: Verdict = { ok: false, key, record, trustedAddrs: [], addrSource: 'listenAddrs', problems }
  let message: Identify
  let base: Uint8Array | undefined
  if (input instanceof Uint8Array) {
    base = input
    try {
      message = options?.input === 'body' ? decodeIdentify(input, options.decode) : decodeIdentifyStream(input, options?.decode)
    } catch (e) {
      if (!(e instanceof WireError)) throw e
      problems.push(problemOf(e))
      return verdict
    }
  } else if (input !== null && typeof input === 'object' && Array.isArray(input.listenAddrs)) {
    for (const k of ['publicKey', 'signedPeerRecord'] as const) {
      if (input[k] !== undefined && !(input[k] instanceof Uint8Array)) throw new TypeError(`checkIdentify: ${k} is not a Uint8Array`)
    }
    message = input
  } else {
    throw new TypeError('checkIdentify: input must be a Uint8Array or a decoded Identify')
  }
  verdict.message = message
  let identityOk = true

  // 1. publicKey
  let pk: PublicKey | undefined
  if (message.publicKey !== undefined) {
    key.present = true
    const [b, s, e] = place(message.publicKey, base)
    try {
      pk = decodePublicKeyAt(b, s, e)
      key.valid = true
      key.type = pk.type
      key.peerId = peerIdToString(peerIdFromPublicKey(pk))
      if (expected !== undefined) {
        key.matchesExpected = peerIdMatches(pk, expected)
        if (!key.matchesExpected) {
          identityOk = false
          problems.push({ code: 'PEER_ID_MISMATCH', offset: s, path: 'publicKey', message: 'not the expected peer' })
        }
      }
    } catch (err) {
      if (!(err instanceof WireError)) throw err
      identityOk = false
      problems.push(problemOf(err))
    }
  }

  // 2. signedPeerRecord
  let spr: SignedPeerRecord | undefined
  if (message.signedPeerRecord !== undefined) {
    record.present = true
    const [b, s, e] = place(message.signedPeerRecord, base)
    try {
      spr = decodeSignedPeerRecordAt(b, s, e)
      record.valid = true
      record.peerId = peerIdToString(spr.record.peerId)
      record.seq = spr.record.seq
      record.addresses = spr.record.addresses
      if (pk !== undefined) {
        record.matchesKey = bytesEqual(pk.bytes, spr.envelope.publicKey.bytes)
        if (!record.matchesKey) {
          identityOk = false
          problems.push({ code: 'RECORD_KEY_MISMATCH', offset: spr.envelope.publicKey.data.byteOffset - b.byteOffset, path: 'signedPeerRecord.publicKey', message: 'key vs publicKey' })
        }
      }
      if (expected !== undefined) {
        record.matchesExpected = bytesEqual(spr.record.peerId, expected)
        if (!record.matchesExpected) {
          identityOk = false
          problems.push({ code: 'PEER_ID_MISMATCH', offset: spr.record.peerId.byteOffset - b.byteOffset, path: 'signedPeerRecord.payload.peerId', message: 'not the expected peer' })
        }
      }
    } catch (err) {
      if (!(err instanceof WireError)) throw err
      identityOk = false
      problems.push(problemOf(err))
    }
  }

  // 3. listen addresses (always checked and reported; used when the record is not)
  const listen: Uint8Array[] = []
  for (let i = 0; i < message.listenAddrs.length; i++) {
    const a = message.listenAddrs[i]!
    if (!(a instanceof Uint8Array)) throw new TypeError(`checkIdentify: listenAddrs[${i}] is not a Uint8Array`)
    if (a.length === 0) continue // empty addresses are skipped (Kubo 0.39 sent some, js #3478)
    const [b, s, e] = place(a, base)
    const status = validateRange(b, s, e)
    if (status >= 0) listen.push(a)
    else problems.push(problemOf(multiaddrError(status, `listenAddrs[${i}]`)))
  }

  const recordTrusted = record.valid && record.matchesKey !== false && record.matchesExpected !== false
  if (recordTrusted) { verdict.trustedAddrs = record.addresses; verdict.addrSource = 'signedPeerRecord' } else verdict.trustedAddrs = listen
  const id = key.peerId ?? (recordTrusted ? record.peerId : undefined)
  if (id !== undefined) verdict.peerId = id
  verdict.ok = identityOk && (key.valid || record.valid)
  return verdict
}

/**
 * {@link checkIdentify}, then the signature of a valid Ed25519 signed peer record through WebCrypto:
 * `record.signature` becomes 'valid' or 'invalid' (an invalid one clears `ok`, adds a RECORD_SIGNATURE_INVALID problem with
 * path `signedPeerRecord.signature`, and falls back to the listen addresses). Other key types, or a runtime without
 * WebCrypto Ed25519, leave 'unchecked'. Never rejects for hostile bytes.
 *
 * @example
 * ```ts
 * const v = await verifyIdentify(streamBytes, { expectedPeerId: remotePeer })
 * v.record.signature // 'valid' | 'invalid' | 'unchecked'
 * if (v.ok) useAddrs(v.trustedAddrs)
 * ```
 */
export async function verifyIdentify (input: Uint8Array | Identify, options?: CheckIdentifyOptions): Promise<Verdict> {
  const v = checkIdentify(input, options)
  const spr = v.message?.signedPeerRecord
  if (!v.record.valid || spr === undefined) return v
  let good: boolean
  try {
    good = await verifySignedPeerRecord(spr)
  } catch (e) {
    if (e instanceof WireError) return v // KEY_TYPE_UNSUPPORTED: not Ed25519, or no WebCrypto Ed25519 here
    throw e
  }
  v.record.signature = good ? 'valid' : 'invalid'
  if (!good) {
    v.ok = false
    const s = place(spr, input instanceof Uint8Array ? input : undefined)[1]
    v.problems.push({ code: 'RECORD_SIGNATURE_INVALID', offset: s, path: 'signedPeerRecord.signature', message: 'bad signature' })
    if (v.addrSource === 'signedPeerRecord') {
      const m = v.message!
      const listen: Uint8Array[] = []
      for (const a of m.listenAddrs) if (a.length > 0 && validateRange(a, 0, a.length) >= 0) listen.push(a)
      v.trustedAddrs = listen
      v.addrSource = 'listenAddrs'
      if (v.key.peerId === undefined) delete v.peerId
    }
  }
  return v
}
