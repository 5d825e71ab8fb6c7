// identify-wire in the shape of js-libp2p's `Identify` message codec (what protons generates in @libp2p/identify's
// src/pb/message.ts): encode, decode, stream, codec, and protons' MaxLengthError. Structural types only: no protons.

import { decodeIdentifyRange, encodeIdentify, decodeIdentify } from '../identify/index.js'
import type { Identify as IdentifyMessage, DecodeIdentifyOptions } from '../identify/index.js'
import { decodeUtf8 } from '../wire/utf8.js'

/** The Identify message, as js-libp2p's generated interface declares it (same fields, same types). */
export interface Identify extends IdentifyMessage {}

/** Anything with a `subarray()` giving the bytes, such as a `Uint8ArrayList` (what js-libp2p's `pbStream` passes). */
export interface BytesLike {
  /** All the bytes as one Uint8Array (a view or a copy). */
  subarray (): Uint8Array
}

/**
 * protons' decode options: `limits.protocols` and `limits.listenAddrs` cap the entries of those repeated fields
 * (mapped to `maxProtocols` / `maxListenAddrs`); other keys (js-libp2p passes `{ signal }`) are ignored.
 * Without limits, the library's defaults apply.
 */
export interface Libp2pDecodeOptions {
  /** Most entries of each repeated field: `protocols` → maxProtocols, `listenAddrs` → maxListenAddrs. */
  limits?: { protocols?: number, listenAddrs?: number }
}

/** The part of protons' `Reader` the codec uses. */
export interface ProtonsReader {
  /** The whole buffer being read. */
  buf: Uint8Array
  /** Where the next read starts; moved past what is read. */
  pos: number
  /** End of the readable bytes in `buf`. */
  len: number
}
/** The part of protons' `Writer` the codec uses. */
export interface ProtonsWriter {
  /** Writes a varint (a tag, here). */
  uint32 (value: number): unknown
  /** Writes a length-prefixed UTF-8 string. */
  string (value: string): unknown
  /** Writes length-prefixed bytes. */
  bytes (value: Uint8Array): unknown
}

/** One event of {@link Identify.stream}, in wire order, named as protons names them. */
export type IdentifyFieldEvent =
  | { field: '$.protocolVersion', value: string }
  | { field: '$.agentVersion', value: string }
  | { field: '$.publicKey', value: Uint8Array }
  | { field: '$.listenAddrs[]', index: number, value: Uint8Array }
  | { field: '$.observedAddr', value: Uint8Array }
  | { field: '$.protocols[]', index: number, value: string }
  | { field: '$.signedPeerRecord', value: Uint8Array }

/** A protons `Codec<Identify>`, for messages that embed an Identify. */
export interface IdentifyCodec {
  /** 'message', as protons names message codecs. */
  name: string
  /** 2, protobuf's LEN wire type. */
  type: number
  /** Writes `obj`, length-prefixed unless `lengthDelimited` is false. */
  encode: (obj: Partial<Identify>, writer: ProtonsWriter, opts?: { lengthDelimited?: boolean }) => void
  /** Reads `length` bytes (default: up to `reader.len`) at `reader.pos` as an Identify. */
  decode: (reader: ProtonsReader, length?: number, opts?: Libp2pDecodeOptions) => Identify
  /** The fields of those bytes as events, `field` names starting with `prefix`. */
  stream: (reader: ProtonsReader, length: number | undefined, prefix: string, opts?: Libp2pDecodeOptions) => Generator<{ field: string, value: unknown, index?: number }>
}

/**
 * What protons throws when a repeated field has more entries than `limits` allow: `name` 'MaxLengthError',
 * `code` 'ERR_MAX_LENGTH', as protons-runtime's; the library's WireError (TOO_MANY_PROTOCOLS or
 * TOO_MANY_LISTEN_ADDRS, with offset and path) is its `cause`.
 *
 * @example
 * ```ts
 * import { Identify, MaxLengthError } from 'identify-wire/libp2p'
 * const bytes = Identify.encode({ protocols: ['/a', '/b'], listenAddrs: [] })
 * try { Identify.decode(bytes, { limits: { protocols: 1 } }) } catch (e) {
 *   e instanceof MaxLengthError // → true; e.name → 'MaxLengthError', e.cause.code → 'TOO_MANY_PROTOCOLS'
 * }
 * ```
 */
export class MaxLengthError extends Error {
  /** protons' deprecated code, kept for code that still checks it. */
  readonly code = 'ERR_MAX_LENGTH'
  override readonly name = 'MaxLengthError'
}

function bytesOf (buf: Uint8Array | BytesLike): Uint8Array {
  if (buf instanceof Uint8Array) return buf
  const b = typeof buf?.subarray === 'function' ? buf.subarray() : undefined
  if (!(b instanceof Uint8Array)) throw new TypeError('not a Uint8Array or a Uint8ArrayList')
  return b
}

function optionsOf (opts: Libp2pDecodeOptions | undefined): DecodeIdentifyOptions | undefined {
  const l = opts?.limits
  if (l == null) return undefined
  const o: DecodeIdentifyOptions = {}
  if (l.protocols != null) o.maxProtocols = l.protocols
  if (l.listenAddrs != null) o.maxListenAddrs = l.listenAddrs
  return o
}

// Decodes buf[start..end) leniently (as protons does: unknown fields and wrong wire types skipped, invalid UTF-8
// replaced), bytes fields as views; count limits surface as protons' MaxLengthError, other WireErrors as they are.
function decodeRange (buf: Uint8Array, start: number, end: number, opts: Libp2pDecodeOptions | undefined, what: string): Identify {
  try {
    return decodeIdentifyRange(buf, start, end, optionsOf(opts))
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code
    if (code === 'TOO_MANY_PROTOCOLS' || code === 'TOO_MANY_LISTEN_ADDRS') {
      throw new MaxLengthError(`${what} error - repeated field "${code === 'TOO_MANY_PROTOCOLS' ? 'protocols' : 'listenAddrs'}" had too many elements`, { cause: e })
    }
    throw e
  }
}

// Reads the varint at c.pos and moves past it; only used on a range decodeRange accepted (so well formed, < 2^53).
function varint (buf: Uint8Array, c: { pos: number }): number {
  let v = 0
  let m = 1
  let b: number
  do {
    b = buf[c.pos++]!
    v += (b & 0x7f) * m
    m *= 128
  } while (b >= 0x80)
  return v
}

const NAMES = ['', 'publicKey', 'listenAddrs[]', 'protocols[]', 'observedAddr', 'protocolVersion', 'agentVersion', '', 'signedPeerRecord']

// The fields of buf[start..end) in wire order, as protons' generated stream() yields them.
function * events (buf: Uint8Array, start: number, end: number, prefix: string, opts: Libp2pDecodeOptions | undefined): Generator<IdentifyFieldEvent> {
  decodeRange(buf, start, end, opts, 'Streaming decode') // validates the whole range and applies the limits first
  const c = { pos: start }
  let addrs = 0
  let protocols = 0
  while (c.pos < end) {
    const tag = varint(buf, c)
    const field = Math.floor(tag / 8)
    const wt = tag & 7
    const len = wt === 0 ? (varint(buf, c), 0) : wt === 1 ? 8 : wt === 5 ? 4 : varint(buf, c)
    const s = c.pos
    c.pos += len
    if (wt !== 2 || field > 8 || NAMES[field] === '') continue
    const name = `${prefix}.${NAMES[field]!}`
    const e = field === 2
      ? { field: name, index: addrs++, value: buf.subarray(s, c.pos) }
      : field === 3
        ? { field: name, index: protocols++, value: decodeUtf8(buf, s, c.pos) }
        : { field: name, value: field === 5 || field === 6 ? decodeUtf8(buf, s, c.pos) : buf.subarray(s, c.pos) }
    yield e as IdentifyFieldEvent
  }
}

function end (reader: ProtonsReader, length: number | undefined): number {
  const e = length == null ? reader.len : reader.pos + length
  if (!(e <= reader.len)) throw new RangeError(`index out of range: ${reader.pos} + ${String(length)} > ${reader.len}`)
  return e
}

const codec: IdentifyCodec = {
  name: 'message',
  type: 2, // LENGTH_DELIMITED
  encode (obj, writer, opts) {
    const body = encodeIdentify(obj)
    if (opts?.lengthDelimited !== false) {
      writer.bytes(body)
      return
    }
    // Unprefixed (a top-level message): the fields one by one, from our own encoding of `obj` (read once).
    const m = decodeIdentify(body)
    if (m.publicKey !== undefined) writer.uint32(0x0a), writer.bytes(m.publicKey)
    for (const a of m.listenAddrs) writer.uint32(0x12), writer.bytes(a)
    for (const p of m.protocols) writer.uint32(0x1a), writer.string(p)
    if (m.observedAddr !== undefined) writer.uint32(0x22), writer.bytes(m.observedAddr)
    if (m.protocolVersion !== undefined) writer.uint32(0x2a), writer.string(m.protocolVersion)
    if (m.agentVersion !== undefined) writer.uint32(0x32), writer.string(m.agentVersion)
    if (m.signedPeerRecord !== undefined) writer.uint32(0x42), writer.bytes(m.signedPeerRecord)
  },
  decode (reader, length, opts) {
    const e = end(reader, length)
    const m = decodeRange(reader.buf, reader.pos, e, opts, 'Decode')
    reader.pos = e
    return m
  },
  * stream (reader, length, prefix, opts) {
    const e = end(reader, length)
    const start = reader.pos
    reader.pos = e
    yield * events(reader.buf, start, e, prefix, opts)
  }
}

/**
 * js-libp2p's `Identify` codec, backed by identify-wire: `encode` (field-number order, minimal varints; wrong
 * field types throw TypeError), `decode` (a Uint8Array or a Uint8ArrayList; protons' `limits`; bytes fields are
 * views into the input, as protons returns them), `stream` and `codec()`.
 *
 * @example
 * ```ts
 * import { Identify } from 'identify-wire/libp2p'
 * const bytes = Identify.encode({ protocols: ['/ipfs/id/1.0.0'], listenAddrs: [] })
 * Identify.decode(bytes).protocols // → ['/ipfs/id/1.0.0']
 * Identify.decode(bytes, { limits: { protocols: 0 } }) // throws MaxLengthError (name 'MaxLengthError')
 * ```
 */
export const Identify = {
  /** Encodes a message body (no length prefix), like protons' `encodeMessage`. */
  encode (obj: Partial<Identify>): Uint8Array {
    return encodeIdentify(obj)
  },
  /** Decodes a message body from a Uint8Array or anything with `subarray()` (a Uint8ArrayList). */
  decode (buf: Uint8Array | BytesLike, opts?: Libp2pDecodeOptions): Identify {
    const b = bytesOf(buf)
    return decodeRange(b, 0, b.length, opts, 'Decode')
  },
  /** The fields in wire order as events (`field` '$.protocols[]', ...); validates the whole message first. */
  stream (buf: Uint8Array | BytesLike, opts?: Libp2pDecodeOptions): Generator<IdentifyFieldEvent> {
    const b = bytesOf(buf)
    return events(b, 0, b.length, '$', opts)
  },
  /** The protons codec, for protons messages that embed an Identify. */
  codec (): IdentifyCodec {
    return codec
  }
}
