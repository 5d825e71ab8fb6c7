// The Identify message body (libp2p identify spec v1.0.0 + field 8 signedPeerRecord, specs PR #630), proto2 semantics.
// Decodes and encodes one body; it does not read length prefixes or frames (see framing.ts) nor validate multiaddrs.

import { WireError } from '../errors.js'
import { consumeVarint, varintValue, varintLength, writeVarint } from '../wire/varint.js'
import { consumeTag, tagField, tagWireType, consumeFieldValue, LEN, SGROUP, EGROUP, MAX_FIELD_NUMBER } from '../wire/tag.js'
import { statusError } from '../wire/status.js'
import { decodeUtf8, validateUtf8, utf8Length, writeUtf8 } from '../wire/utf8.js'

/** A field this codec does not know (field 7 included), kept with `preserveUnknown`. */
export interface UnknownField {
  /** Field number, 1..2^29-1. */
  field: number
  /** Wire type: 0 VARINT, 1 I64, 2 LEN, 5 I32. */
  wireType: number
  /** Raw value bytes as on the wire, after the tag (for LEN: length prefix included). */
  bytes: Uint8Array
}

/** The Identify message; same field names and types as js-libp2p's generated `Identify` (drop-in). */
export interface Identify {
  protocolVersion?: string
  agentVersion?: string
  publicKey?: Uint8Array
  listenAddrs: Uint8Array[]
  observedAddr?: Uint8Array
  protocols: string[]
  signedPeerRecord?: Uint8Array
  /** Only with `preserveUnknown`: unknown fields in wire order (field 7, Delta or sequence, lands here). */
  unknownFields?: UnknownField[]
}

/** What the encoder accepts: every field optional. */
export type IdentifyInput = Partial<Identify>

export interface DecodeIdentifyOptions {
  /** Reject wire-type mismatches on known fields, invalid UTF-8 and non-minimal varints. Default false. */
  strict?: boolean
  /** Return owned copies of bytes fields instead of views into the input. Default false. */
  copy?: boolean
  /** Most protocols accepted; one more throws TOO_MANY_PROTOCOLS. Default Infinity (go-libp2p caps at 1024). */
  maxProtocols?: number
  /** Most listen addresses accepted; one more throws TOO_MANY_LISTEN_ADDRS. Default Infinity (go-libp2p: 500). */
  maxListenAddrs?: number
  /** Keep unknown fields in `unknownFields` so that encoding gives them back. Default false. */
  preserveUnknown?: boolean
}

const NAMES = ['', 'publicKey', 'listenAddrs', 'protocols', 'observedAddr', 'protocolVersion', 'agentVersion', '', 'signedPeerRecord'] as const

/** Decodes one Identify body. Bytes fields are views into `bytes` unless `copy` is set. */
export function decodeIdentify (bytes: Uint8Array, options?: DecodeIdentifyOptions): Identify {
  return decodeIdentifyRange(bytes, 0, bytesArg(bytes).length, options)
}

/** Decodes the body `buf[start..end)`; error offsets are absolute offsets into `buf`. */
export function decodeIdentifyRange (buf: Uint8Array, start: number, end: number, options?: DecodeIdentifyOptions): Identify {
  bytesArg(buf)
  if (!(start >= 0 && start <= end && end <= buf.length && start % 1 === 0 && end % 1 === 0)) throw new RangeError('invalid range')
  const strict = options?.strict === true
  const copy = options?.copy === true
  const keep = options?.preserveUnknown === true
  const maxProtocols = options?.maxProtocols ?? Infinity
  const maxAddrs = options?.maxListenAddrs ?? Infinity
  const listenAddrs: Uint8Array[] = []
  const protocols: string[] = []
  const msg: Identify = { listenAddrs, protocols }
  let unknown: UnknownField[] | undefined
  let pos = start
  while (pos < end) {
    const at = pos
    let n = consumeTag(buf, pos, end)
    if (n < 0) throw statusError(n, at)
    if (strict && buf[pos + n - 1] === 0 && n > 1) throw new WireError('VARINT_NON_MINIMAL', at, 'non-minimal tag')
    pos += n
    const field = tagField
    const wt = tagWireType
    if (field <= 8 && field !== 7) {
      const path = field === 2 ? `listenAddrs[${listenAddrs.length}]` : field === 3 ? `protocols[${protocols.length}]` : NAMES[field]!
      if (wt !== LEN) {
        if (strict) throw new WireError('WIRE_TYPE_MISMATCH', at, `wire type ${wt} for a LEN field`, { path })
      } else {
        n = consumeVarint(buf, pos, end)
        if (n < 0) throw statusError(n, pos < end ? pos : at, path)
        const len = varintValue
        if (strict && buf[pos + n - 1] === 0 && n > 1) throw new WireError('VARINT_NON_MINIMAL', pos, 'non-minimal length', { path })
        const s = pos + n
        if (len > end - s) throw new WireError('LENGTH_OUT_OF_BOUNDS', pos, 'declared length exceeds the input', { path })
        pos = s + len
        if (field === 3 || field === 5 || field === 6) {
          if (field === 3 && protocols.length >= maxProtocols) throw new WireError('TOO_MANY_PROTOCOLS', at, 'more protocols than maxProtocols', { path })
          if (strict) {
            const bad = validateUtf8(buf, s, pos)
            if (bad >= 0) throw new WireError('INVALID_UTF8', bad, 'invalid UTF-8', { path })
          }
          const str = decodeUtf8(buf, s, pos)
          if (field === 3) protocols.push(str)
          else if (field === 5) msg.protocolVersion = str
          else msg.agentVersion = str
        } else {
          if (field === 2 && listenAddrs.length >= maxAddrs) throw new WireError('TOO_MANY_LISTEN_ADDRS', at, 'more listen addresses than maxListenAddrs', { path })
          const b = copy ? buf.slice(s, pos) : buf.subarray(s, pos)
          if (field === 2) listenAddrs.push(b)
          else if (field === 1) msg.publicKey = b
          else if (field === 4) msg.observedAddr = b
          else msg.signedPeerRecord = b
        }
        continue
      }
    }
    // Unknown field, or (lenient) a known field with the wrong wire type: skip, keep on request.
    n = consumeFieldValue(buf, pos, end, wt)
    if (n < 0) throw statusError(n, wt === SGROUP || wt === EGROUP || pos >= end ? at : pos)
    const v = wt === 0 ? n : wt === LEN ? n - varintValue : 0 // bytes of the value's varint, if any
    if (strict && v > 1 && buf[pos + v - 1] === 0) throw new WireError('VARINT_NON_MINIMAL', pos, 'non-minimal varint')
    if (keep) (unknown ??= []).push({ field, wireType: wt, bytes: copy ? buf.slice(pos, pos + n) : buf.subarray(pos, pos + n) })
    pos += n
  }
  if (unknown !== undefined) msg.unknownFields = unknown
  return msg
}

function bytesArg (b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError('expected a Uint8Array')
  return b
}

// Encoding: field-number order 1..6, 8, then unknown fields in their original order; minimal varints.

function check (m: IdentifyInput): void {
  if (typeof m !== 'object' || m === null) throw new TypeError('expected an Identify object')
  for (const k of ['publicKey', 'observedAddr', 'signedPeerRecord'] as const) if (m[k] != null) bytesArg(m[k])
  for (const k of ['protocolVersion', 'agentVersion'] as const) if (m[k] != null && typeof m[k] !== 'string') throw new TypeError(`${k}: expected a string`)
  if (m.listenAddrs != null) for (const a of arr(m.listenAddrs)) bytesArg(a)
  if (m.protocols != null) for (const p of arr(m.protocols)) if (typeof p !== 'string') throw new TypeError('protocols: expected strings')
  if (m.unknownFields != null) {
    for (const u of arr(m.unknownFields)) {
      const f = u?.field
      if (!(f >= 1 && f <= MAX_FIELD_NUMBER && f % 1 === 0) || consumeFieldValue(bytesArg(u.bytes), 0, u.bytes.length, u.wireType) !== u.bytes.length) {
        throw new TypeError('unknownFields: not a field number with one raw value of its wire type')
      }
    }
  }
}

function arr<T> (a: T[]): T[] {
  if (!Array.isArray(a)) throw new TypeError('expected an array')
  return a
}

function bytesSize (b: Uint8Array | undefined): number {
  return b == null ? 0 : 1 + varintLength(b.length) + b.length
}

function strSize (s: string | undefined): number {
  if (s == null) return 0
  const n = utf8Length(s)
  return 1 + varintLength(n) + n
}

function size (m: IdentifyInput): number {
  let n = bytesSize(m.publicKey) + bytesSize(m.observedAddr) + bytesSize(m.signedPeerRecord) + strSize(m.protocolVersion) + strSize(m.agentVersion)
  if (m.listenAddrs != null) for (const a of m.listenAddrs) n += bytesSize(a)
  if (m.protocols != null) for (const p of m.protocols) n += strSize(p)
  if (m.unknownFields != null) for (const u of m.unknownFields) n += varintLength(u.field * 8 + u.wireType) + u.bytes.length
  return n
}

function putBytes (t: Uint8Array, pos: number, key: number, b: Uint8Array | undefined): number {
  if (b == null) return pos
  t[pos++] = key
  pos += writeVarint(t, pos, b.length)
  t.set(b, pos)
  return pos + b.length
}

function putStr (t: Uint8Array, pos: number, key: number, s: string | undefined): number {
  if (s == null) return pos
  t[pos++] = key
  pos += writeVarint(t, pos, utf8Length(s))
  return pos + writeUtf8(t, pos, s)
}

/** Exact size in bytes of {@link encodeIdentify}'s output for `message`. */
export function identifyEncodedLength (message: IdentifyInput): number {
  check(message)
  return size(message)
}

/**
 * Writes `message` at `target[offset]` and returns the bytes written; throws WireError BUFFER_TOO_SMALL
 * (nothing written) when it does not fit.
 */
export function encodeIdentifyInto (message: IdentifyInput, target: Uint8Array, offset: number): number {
  check(message)
  bytesArg(target)
  const n = size(message)
  if (!(offset >= 0 && offset % 1 === 0)) throw new RangeError('invalid offset')
  if (offset + n > target.length) throw new WireError('BUFFER_TOO_SMALL', offset, `needs ${n} bytes`)
  return write(message, target, offset) - offset
}

/** Encodes `message` in field-number order with minimal varints: exact size first, one allocation. */
export function encodeIdentify (message: IdentifyInput): Uint8Array {
  check(message)
  const out = new Uint8Array(size(message))
  write(message, out, 0)
  return out
}

function write (m: IdentifyInput, t: Uint8Array, pos: number): number {
  pos = putBytes(t, pos, 0x0a, m.publicKey)
  if (m.listenAddrs != null) for (const a of m.listenAddrs) pos = putBytes(t, pos, 0x12, a)
  if (m.protocols != null) for (const p of m.protocols) pos = putStr(t, pos, 0x1a, p)
  pos = putBytes(t, pos, 0x22, m.observedAddr)
  pos = putStr(t, pos, 0x2a, m.protocolVersion)
  pos = putStr(t, pos, 0x32, m.agentVersion)
  pos = putBytes(t, pos, 0x42, m.signedPeerRecord)
  if (m.unknownFields != null) {
    for (const u of m.unknownFields) {
      pos += writeVarint(t, pos, u.field * 8 + u.wireType)
      t.set(u.bytes, pos)
      pos += u.bytes.length
    }
  }
  return pos
}
