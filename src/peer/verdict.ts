// The receiver's verdict on an Identify message: is the key valid and the expected peer's, is the signed peer record
// well-formed and the same peer's, which addresses to use. Never throws for hostile bytes: every problem is listed.
// checkIdentify does not verify signatures and does no curve arithmetic (synchronous); verify.ts adds both.

import { WireError, type WireErrorCode } from '../errors.js'
import { decodeIdentifyStream, type DecodeIdentifyStreamOptions } from '../identify/framing.js'
import { decodeIdentify, type Identify } from '../identify/message.js'
import { validateRange, multiaddrError } from '../multiaddr/validate.js'
import { decodePublicKeyAt, type KeyType, type PublicKey } from './keys.js'
import { peerIdFromPublicKey, peerIdToString, parsePeerId, validatePeerId, peerIdMatches, bytesEqual } from './peer-id.js'
import { decodeSignedPeerRecordAt, isLegacyRoutingStateRecordAt, type SignedPeerRecord } from './record.js'

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
  /** 'unchecked' from checkIdentify; verifyIdentify sets 'valid' / 'invalid' ('unchecked' only where the runtime lacks the WebCrypto algorithm). */
  signature: 'unchecked' | 'valid' | 'invalid'
  /** The record's peer id (base58btc); set when the record is valid. */
  peerId?: string
  /** The record's sequence number (uint64); set when the record is valid. */
  seq?: bigint
  /** The record's addresses (empty unless valid). */
  addresses: Uint8Array[]
  /**
   * Set when the record is not a peer record but a known other kind, left aside without clearing `ok` (its problem
   * is still listed): rust-libp2p's routing-state record (payload type `/libp2p/routing-state-record`, rust-libp2p
   * issue #6204), which go-libp2p ignores too. The listen addresses are used instead; its signature is not verified.
   */
  ignored?: string
}

/** What every {@link Verdict} carries, whether `ok` or not. */
export interface VerdictFindings {
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

/** A {@link Verdict} that trusts the message: the decoded message and the peer it speaks for are always there. */
export interface TrustedVerdict extends VerdictFindings {
  /**
   * The message decoded, something identifies the peer (a valid publicKey or a valid record), and no identity check
   * failed: key valid and expected, record valid (or `record.ignored`), same key, expected peer, signature not
   * invalid. Listen-address problems do not clear it (those addresses are just left out of `trustedAddrs`).
   */
  ok: true
  /** The decoded message. */
  message: Identify
  /** The peer the message speaks for (base58btc): the key's peer id, else the valid record's. */
  peerId: string
}

/** A {@link Verdict} that does not trust the message; `problems` says why. */
export interface UntrustedVerdict extends VerdictFindings {
  /** Some identity check failed, nothing identifies the peer, or the bytes did not decode. */
  ok: false
  /** The decoded message; undefined when decoding failed (then `problems[0]` says why). */
  message?: Identify
  /** The key's peer id when the key is valid, else the record's when the record is valid and matches. */
  peerId?: string
}

/**
 * The result of {@link checkIdentify} / `verifyIdentify`: whether to trust the message, and why not. A union on
 * `ok`, so that `if (v.ok) store.set(v.peerId, v.message)` needs no non-null assertion.
 */
export type Verdict = TrustedVerdict | UntrustedVerdict

/** Options of {@link checkIdentify} and `verifyIdentify`; all optional (no expected peer, input 'stream', default decode options). */
export interface CheckIdentifyOptions {
  /** The peer id of the connection (from the secure channel): binary multihash or text. Invalid text throws WireError. */
  expectedPeerId?: Uint8Array | string
  /** How bytes are read: 'stream' (length-prefixed frames, merged; the default) or 'body' (one protobuf body). */
  input?: 'stream' | 'body'
  /** Options for decoding the bytes (maxMessageSize, maxFrames, strict, ...). */
  decode?: DecodeIdentifyStreamOptions
}

const LEGACY_IGNORED = "rust-libp2p's routing-state record (/libp2p/routing-state-record), not a peer record: ignored as go-libp2p ignores it"

function problemOf (e: WireError, shift = 0): Problem {
  return { code: e.code, offset: e.offset + shift, path: e.path, message: e.message }
}

/** Internal: [buffer, start, end] of a view: the input buffer when the view lies in it (absolute offsets), else the view. */
export function place (view: Uint8Array, base: Uint8Array | undefined): [Uint8Array, number, number] {
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
 * Signatures are NOT verified here (see `verifyIdentify`).
 *
 * @example
 * ```ts
 * const v = checkIdentify(streamBytes, { expectedPeerId: remotePeer }) // remotePeer: binary or text peer id
 * if (v.ok) useAddrs(v.trustedAddrs)                                   // from the record or the listen addresses
 * else for (const p of v.problems) console.log(p.code, p.offset, p.path)
 * ```
 */
export function checkIdentify (input: Uint8Array | Identify, options?: CheckIdentifyOptions): Verdict {
  return checkWith(input, options)
}

/**
 * Internal: {@link checkIdentify}, refusing (KEY_INVALID, as a malformed key) every key for which `refuse` returns
 * true: verifyIdentify passes the keys its curve checks found not to be points.
 */
export function checkWith (input: Uint8Array | Identify, options: CheckIdentifyOptions | undefined, refuse?: (key: PublicKey) => boolean): Verdict {
  const expected = expectedOf(options?.expectedPeerId)
  const problems: Problem[] = []
  const key: KeyVerdict = { present: false, valid: false }
  const record: RecordVerdict = { present: false, valid: false, signature: 'unchecked', addresses: [] }
  const verdict: UntrustedVerdict = { ok: false, key, record, trustedAddrs: [], addrSource: 'listenAddrs', problems }
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
      if (refuse?.(pk) === true) { const at = pk.data.byteOffset - b.byteOffset; pk = undefined; throw new WireError('KEY_INVALID', at, 'not a point of its curve', { path: 'publicKey' }) }
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
      const ek = spr.envelope.publicKey
      if (refuse?.(ek) === true) throw new WireError('KEY_INVALID', ek.data.byteOffset - b.byteOffset, 'not a point of its curve', { path: 'signedPeerRecord.publicKey' })
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
      problems.push(problemOf(err))
      if (err.code === 'RECORD_PAYLOAD_TYPE' && isLegacyRoutingStateRecordAt(b, s, e)) record.ignored = LEGACY_IGNORED
      else identityOk = false
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
  if (identityOk && (key.valid || record.valid) && id !== undefined) return { ...verdict, ok: true, message, peerId: id }
  return verdict
}
