// Identify on the stream: uvarint-length-prefixed frames (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0), read whole or in
// chunks and merged per libp2p/specs PR #709, and written split as #709 recommends. No I/O, no timers: bytes in, values out.

import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint, varintLength, writeVarint, ERR_TRUNCATED } from '../wire/varint.js'
import { decodeTag, consumeTag, consumeFieldValue, wireTypeOf } from '../wire/tag.js'
import { decodeIdentifyRange, encodeIdentify } from './message.js'
import type { DecodeIdentifyOptions, Identify, IdentifyInput } from './message.js'
import { appendFrame, dedupInPlace, mergeIdentifyFrames } from './merge.js'

/** Default largest frame body accepted (js- and go-libp2p: 8192; a body of exactly 8192 bytes is accepted). */
export const DEFAULT_MAX_MESSAGE_SIZE = 8192
/** Default most frames accepted on one stream (js-libp2p `MAX_IDENTIFY_MESSAGES`). */
export const DEFAULT_MAX_FRAMES = 10
/** Default body limit of the first frame written (#709: old readers reject more than 2 KiB). */
export const DEFAULT_FIRST_FRAME_LIMIT = 2048
/** Default body limit of every later frame written (#709: 4 KiB, rust-libp2p's limit). */
export const DEFAULT_FRAME_LIMIT = 4096
/**
 * Default most frames written. go-libp2p's `readAllIDMessages` makes 10 reads of which the last must see EOF,
 * so it accepts at most 9 frames.
 */
export const DEFAULT_MAX_FRAMES_WRITTEN = 9

/** Options of {@link decodeIdentifyStream} and {@link IdentifyFrameReader}. */
export interface DecodeIdentifyStreamOptions extends DecodeIdentifyOptions {
  /** Largest body of one frame, in bytes (default 8192). Checked on the prefix, before the body is read. */
  maxMessageSize?: number
  /** Most frames on the stream (default 10). A byte after the last allowed frame is an error. */
  maxFrames?: number
}

/** Options of {@link encodeIdentifyStream}. */
export interface EncodeIdentifyStreamOptions {
  /** Body limit of the first frame (default 2048). A message whose body fits stays one frame. */
  firstFrameLimit?: number
  /** Body limit of every later frame (default 4096). */
  frameLimit?: number
  /** Most frames to write (default 9); a message needing more throws `TOO_MANY_FRAMES`. */
  maxFrames?: number
}

// Status codes of readFramePrefix beyond the varint ones (-1 truncated, -2 overflow).
const ERR_NON_MINIMAL = -20
const ERR_TOO_LARGE = -21

/**
 * Checks a frame's length prefix at `buf[pos..end)`: bytes it takes (the length is `decodeVarint(buf, pos, end)`),
 * or a negative status (truncated, overflow, non-minimal, too large). Checks run in that order: they define which
 * error a prefix that is both non-minimal and too large gives. Never throws, never allocates.
 */
function readFramePrefix (buf: Uint8Array, pos: number, end: number, maxSize: number): number {
  const len = decodeVarint(buf, pos, end)
  if (len < 0) return len
  // go (delimited reader) and rust (unsigned-varint) reject non-minimal prefixes; js accepts them.
  const n = consumeVarint(buf, pos, end)
  if (n !== varintLength(len)) return ERR_NON_MINIMAL
  return len > maxSize ? ERR_TOO_LARGE : n
}

/** The WireError for status `status` of the prefix at `buf[pos..end)`, reported at stream offset `offset`. */
function prefixError (status: number, offset: number, maxSize: number, buf: Uint8Array, pos: number, end: number): WireError {
  if (status === ERR_NON_MINIMAL) return new WireError('LENGTH_PREFIX_NON_MINIMAL', offset, 'frame length prefix is not a minimal uvarint')
  if (status === ERR_TOO_LARGE) return new WireError('MESSAGE_TOO_LARGE', offset, `frame declares ${decodeVarint(buf, pos, end)} bytes, more than maxMessageSize ${maxSize}`)
  // ERR_OVERFLOW (truncation is reported by the callers, at the frame's start)
  return new WireError('VARINT_OVERFLOW', offset, 'frame length prefix is not a varint of at most 10 bytes below 2^53')
}

function truncatedFrame (offset: number): WireError {
  return new WireError('TRUNCATED', offset, 'stream ends inside the frame that starts here')
}

interface Limits {
  maxSize: number
  maxFrames: number
  maxProtocols: number | undefined
  maxListenAddrs: number | undefined
  base: DecodeIdentifyOptions
}

function checkCount (name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined
  if (typeof v !== 'number' || !(v >= 0) || (v !== Infinity && !Number.isInteger(v))) {
    throw new TypeError(`${name} must be a non-negative integer or Infinity`)
  }
  return v
}

function limitsOf (options: DecodeIdentifyStreamOptions | undefined): Limits {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('options must be an object')
  const o = options ?? {}
  const base: DecodeIdentifyOptions = {}
  if (o.strict !== undefined) base.strict = o.strict
  if (o.copy !== undefined) base.copy = o.copy
  if (o.preserveUnknown !== undefined) base.preserveUnknown = o.preserveUnknown
  return {
    maxSize: checkCount('maxMessageSize', o.maxMessageSize) ?? DEFAULT_MAX_MESSAGE_SIZE,
    maxFrames: checkCount('maxFrames', o.maxFrames) ?? DEFAULT_MAX_FRAMES,
    maxProtocols: checkCount('maxProtocols', o.maxProtocols),
    maxListenAddrs: checkCount('maxListenAddrs', o.maxListenAddrs),
    base
  }
}

const INDEXED_PATH = /^(protocols|listenAddrs)\[(\d+)\](.*)$/s

/**
 * Decodes the body `buf[start..end)` of one frame. `delta` turns offsets in `buf` into stream offsets (0 when
 * `buf` is the stream); the count limits get what is left of the stream-wide budget, and a `protocols[i]` /
 * `listenAddrs[i]` path in an error is renumbered to count entries from the start of the stream.
 */
function decodeFrame (buf: Uint8Array, start: number, end: number, delta: number, limits: Limits, protocolCount: number, listenAddrCount: number): Identify {
  let opts = limits.base
  if (limits.maxProtocols !== undefined || limits.maxListenAddrs !== undefined) {
    opts = { ...opts }
    if (limits.maxProtocols !== undefined) opts.maxProtocols = limits.maxProtocols - protocolCount
    if (limits.maxListenAddrs !== undefined) opts.maxListenAddrs = limits.maxListenAddrs - listenAddrCount
  }
  try {
    return decodeIdentifyRange(buf, start, end, opts)
  } catch (e) {
    if (!(e instanceof WireError) || (delta === 0 && protocolCount === 0 && listenAddrCount === 0)) throw e
    let path = e.path
    const m = path === undefined ? null : INDEXED_PATH.exec(path)
    if (m !== null) {
      const before = m[1] === 'protocols' ? protocolCount : listenAddrCount
      path = `${m[1]!}[${Number(m[2]) + before}]${m[3]!}`
    }
    const message = e.message.slice(e.message.indexOf(': ') + 2)
    throw new WireError(e.code, e.offset + delta, message, path === undefined ? undefined : { path })
  }
}

/**
 * Decodes a whole `/ipfs/id/1.0.0` (or push) stream: one or more frames, each a minimal uvarint length then a
 * protobuf body, merged as specs PR #709 says (see {@link mergeIdentifyFrames}: later singular fields win,
 * repeated fields are appended, then, when there were two or more frames, `protocols` and `listenAddrs` are
 * de-duplicated). A one-frame stream gives exactly what {@link decodeIdentify} gives for its body.
 *
 * Errors (WireError; offsets are absolute in `bytes`):
 * - `TRUNCATED` at 0 for empty input (go and js fail an identify that ends before any message), and at the start of
 *   the last frame's prefix when the stream ends inside that prefix or inside the body it declares;
 * - at the prefix's offset, before any body byte is read: `VARINT_OVERFLOW` (no varint: 11+ bytes or above 2^53-1),
 *   else `LENGTH_PREFIX_NON_MINIMAL`, else `MESSAGE_TOO_LARGE` (body above `maxMessageSize`, default 8192);
 * - `TOO_MANY_FRAMES` at the first byte after the last allowed frame (`maxFrames`, default 10);
 * - anything {@link decodeIdentify} throws for a body; `maxProtocols` / `maxListenAddrs` count the entries of all
 *   frames together, before de-duplication, and paths count entries from the start of the stream.
 *
 * @example
 * ```ts
 * import { decodeIdentifyStream, encodeIdentifyStream } from 'identify-wire'
 * const stream = encodeIdentifyStream({ agentVersion: 'example/1.0', protocols: ['/ipfs/id/1.0.0'] })
 * decodeIdentifyStream(stream).agentVersion // → 'example/1.0'
 * const two = new Uint8Array([0x03, 0x1a, 0x01, 0x61, 0x03, 0x1a, 0x01, 0x62]) // two frames: protocols 'a', 'b'
 * decodeIdentifyStream(two, { maxMessageSize: 4096 }).protocols // → ['a', 'b']
 * decodeIdentifyStream(two, { maxFrames: 1 }) // throws WireError TOO_MANY_FRAMES at 4
 * ```
 */
export function decodeIdentifyStream (bytes: Uint8Array, options?: DecodeIdentifyStreamOptions): Identify {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('decodeIdentifyStream: bytes must be a Uint8Array')
  const limits = limitsOf(options)
  const end = bytes.length
  if (end === 0) throw truncatedFrame(0)
  // The first frame's message is ours (fresh from the decoder): later frames are appended to it in place.
  let acc: Identify | undefined
  let pos = 0
  let frames = 0
  while (pos < end) {
    if (frames >= limits.maxFrames) throw new WireError('TOO_MANY_FRAMES', pos, `more than maxFrames ${limits.maxFrames} frames`)
    const n = readFramePrefix(bytes, pos, end, limits.maxSize)
    if (n < 0) throw n === ERR_TRUNCATED ? truncatedFrame(pos) : prefixError(n, pos, limits.maxSize, bytes, pos, end)
    const len = decodeVarint(bytes, pos, end)
    const body = pos + n
    if (len > end - body) throw truncatedFrame(pos)
    const msg = acc === undefined
      ? decodeFrame(bytes, body, body + len, 0, limits, 0, 0)
      : decodeFrame(bytes, body, body + len, 0, limits, acc.protocols.length, acc.listenAddrs.length)
    if (acc === undefined) acc = msg
    else appendFrame(acc, msg)
    frames++
    pos = body + len
  }
  // #709's de-duplication applies to merged frames; one frame is returned as decoded (see mergeIdentifyFrames).
  return frames === 1 ? acc! : dedupInPlace(acc!)
}

/**
 * Reads an Identify stream whose bytes arrive in chunks, without waiting for the end to find errors.
 *
 * - {@link push} takes the next chunk. Every frame completed by it is decoded at once (so errors come in stream
 *   order, exactly as {@link decodeIdentifyStream} reports them); an oversize or non-minimal length prefix throws
 *   as soon as the prefix is complete, before any of its body arrives.
 * - {@link next} returns the next decoded frame (unmerged), or `undefined` when more bytes are needed.
 * - {@link end} says the stream is over: it throws `TRUNCATED` if it stopped inside a frame (or held no frame),
 *   otherwise returns all frames merged (the value {@link decodeIdentifyStream} would return; for a one-frame
 *   stream, the very object {@link next} returned for it).
 *
 * Memory: a frame whose body lies inside one chunk is decoded in place (the chunk is referenced, never copied).
 * The pieces of a body that straddles chunks are kept by reference until its last byte arrives, then copied once
 * into a buffer of exactly its length: memory follows the bytes received, not the length a peer declares, and
 * the length was checked against `maxMessageSize` as soon as the prefix was complete.
 * Without `copy: true`, byte values are views into the pushed chunks (or into that buffer): do not reuse a chunk
 * buffer while its values are in use. After an error, every call throws that same error.
 *
 * @example
 * ```ts
 * import { IdentifyFrameReader } from 'identify-wire'
 * const reader = new IdentifyFrameReader({ maxFrames: 10 })
 * reader.push(new Uint8Array([0x03, 0x1a])) // a frame cut inside its body
 * reader.next() // → undefined
 * reader.bytesNeeded // → 2
 * reader.push(new Uint8Array([0x01, 0x61]))
 * reader.next()?.protocols // → ['a']
 * reader.end().protocols // → ['a']
 * reader.frameCount // → 1
 * ```
 */
export class IdentifyFrameReader {
  private readonly limits: Limits
  /** Every frame decoded so far (never modified: next() hands the same objects out). */
  private readonly all: Identify[] = []
  /** Entries received so far, before de-duplication (the count limits' budget). */
  private protocolCount = 0
  private listenAddrCount = 0
  private readonly queue: Identify[] = []
  /** Stream offset of the first byte of the next chunk. */
  private received = 0
  private frames = 0
  /** Stream offset of the current frame's prefix. */
  private frameStart = 0
  /** Bytes of a prefix that straddles chunks (at most 10, copied: a prefix is not a body). */
  private prefix: Uint8Array | undefined
  private prefixLen = 0
  private inBody = false
  private bodyLen = 0
  private bodyStart = 0
  /** Pieces (views into the pushed chunks) of a body that straddles chunks. */
  private readonly parts: Uint8Array[] = []
  private partsLen = 0
  private error: WireError | undefined
  private final: Identify | undefined

  /**
   * A reader for one stream, with the options of {@link decodeIdentifyStream} (`maxMessageSize` default 8192,
   * `maxFrames` default 10, plus those of decodeIdentify). Invalid option values throw TypeError here.
   *
   * @example
   * ```ts
   * const reader = new IdentifyFrameReader({ maxMessageSize: 4096, copy: true })
   * ```
   */
  constructor (options?: DecodeIdentifyStreamOptions) {
    this.limits = limitsOf(options)
  }

  /** Frames decoded so far. */
  get frameCount (): number { return this.frames }

  /** Bytes pushed so far. */
  get bytesReceived (): number { return this.received }

  /**
   * Least number of bytes still needed to complete the current frame: the rest of the body once its prefix is
   * known, otherwise 1. 0 when no frame is in progress.
   */
  get bytesNeeded (): number {
    if (this.inBody) return this.bodyLen - this.partsLen
    return this.prefixLen > 0 ? 1 : 0
  }

  /**
   * Adds the next chunk of the stream; throws WireError as soon as the bytes so far are known to be bad.
   * Throws TypeError when `chunk` is not a Uint8Array or when called after {@link end}.
   *
   * @example
   * ```ts
   * const reader = new IdentifyFrameReader()
   * reader.push(new Uint8Array([0x80, 0x80, 0x01])) // throws WireError MESSAGE_TOO_LARGE at 0 (16384 > 8192), no body needed
   * ```
   */
  push (chunk: Uint8Array): void {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('IdentifyFrameReader.push: chunk must be a Uint8Array')
    if (this.error !== undefined) throw this.error
    if (this.final !== undefined) throw new TypeError('IdentifyFrameReader.push: called after end()')
    try {
      this.consume(chunk)
    } catch (e) {
      if (e instanceof WireError) this.error = e
      throw e
    }
  }

  /**
   * The next decoded frame, in stream order, or `undefined` when more bytes are needed.
   *
   * @example
   * ```ts
   * const reader = new IdentifyFrameReader()
   * reader.push(new Uint8Array([0x03, 0x1a, 0x01, 0x61, 0x03, 0x1a, 0x01, 0x62]))
   * reader.next()?.protocols // → ['a']
   * reader.next()?.protocols // → ['b']
   * reader.next() // → undefined
   * ```
   */
  next (): Identify | undefined {
    if (this.error !== undefined) throw this.error
    return this.queue.shift()
  }

  /**
   * Ends the stream: all frames merged (#709), or `TRUNCATED` if the stream stopped inside a frame or held none.
   *
   * @example
   * ```ts
   * const reader = new IdentifyFrameReader()
   * reader.push(new Uint8Array([0x03, 0x1a, 0x01, 0x61, 0x03, 0x1a, 0x01, 0x62]))
   * reader.end().protocols // → ['a', 'b']
   * const cut = new IdentifyFrameReader()
   * cut.push(new Uint8Array([0x03, 0x1a]))
   * cut.end() // throws WireError TRUNCATED at 0
   * ```
   */
  end (): Identify {
    if (this.error !== undefined) throw this.error
    if (this.final !== undefined) return this.final
    if (this.inBody || this.prefixLen > 0) throw (this.error = truncatedFrame(this.frameStart))
    if (this.frames === 0) throw (this.error = truncatedFrame(0))
    // One frame: that frame itself, as decoded (the object next() returned); more: merged into a new object.
    this.final = this.frames === 1 ? this.all[0]! : mergeIdentifyFrames(this.all)
    return this.final
  }

  private consume (c: Uint8Array): void {
    const base = this.received
    const len = c.length
    const limits = this.limits
    let i = 0
    while (i < len) {
      if (!this.inBody) {
        if (this.prefixLen === 0) {
          if (this.frames >= limits.maxFrames) throw new WireError('TOO_MANY_FRAMES', base + i, `more than maxFrames ${limits.maxFrames} frames`)
          this.frameStart = base + i
          const n = readFramePrefix(c, i, len, limits.maxSize)
          if (n === ERR_TRUNCATED) {
            // The prefix continues in a later chunk: keep its (at most 9) bytes.
            this.prefix ??= new Uint8Array(10)
            this.prefix.set(c.subarray(i, len), 0)
            this.prefixLen = len - i
            break
          }
          if (n < 0) throw prefixError(n, this.frameStart, limits.maxSize, c, i, len)
          this.bodyLen = decodeVarint(c, i, len)
          i += n
        } else {
          const had = this.prefixLen
          const prefix = this.prefix!
          const take = Math.min(prefix.length - had, len - i)
          prefix.set(c.subarray(i, i + take), had)
          const n = readFramePrefix(prefix, 0, had + take, limits.maxSize)
          if (n === ERR_TRUNCATED) { this.prefixLen = had + take; i += take; continue }
          if (n < 0) throw prefixError(n, this.frameStart, limits.maxSize, prefix, 0, had + take)
          this.bodyLen = decodeVarint(prefix, 0, had + take)
          this.prefixLen = 0
          i += n - had
        }
        this.inBody = true
        this.bodyStart = base + i
        this.partsLen = 0
        if (this.bodyLen === 0) this.finishFrame(c, i, i, base)
        continue
      }
      const need = this.bodyLen - this.partsLen
      const avail = len - i
      if (this.partsLen === 0 && avail >= need) {
        // The whole body is in this chunk: decode it in place, no copy.
        this.finishFrame(c, i, i + need, base)
        i += need
        continue
      }
      // A body that straddles chunks: its pieces are kept by reference until the last one arrives, then copied once
      // into a buffer of exactly its length. Memory follows the bytes received, never the length a peer declares.
      const take = Math.min(need, avail)
      this.parts.push(c.subarray(i, i + take))
      this.partsLen += take
      i += take
      if (this.partsLen === this.bodyLen) {
        const body = new Uint8Array(this.bodyLen)
        let at = 0
        // measured (node 20, the vectors in 64-byte chunks): set(subarray) 7.6-9.5 us, a byte loop 14-22 us
        for (const p of this.parts) { body.set(p, at); at += p.length }
        this.parts.length = 0
        this.finishFrame(body, 0, body.length, this.bodyStart)
      }
    }
    this.received = base + len
  }

  private finishFrame (buf: Uint8Array, start: number, end: number, delta: number): void {
    const msg = decodeFrame(buf, start, end, delta, this.limits, this.protocolCount, this.listenAddrCount)
    this.protocolCount += msg.protocols.length
    this.listenAddrCount += msg.listenAddrs.length
    this.all.push(msg)
    this.queue.push(msg)
    this.frames++
    this.inBody = false
    this.partsLen = 0
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

// The message is encoded ONCE (encodeIdentify: field-number order 1..6, 8, then unknown fields); its fields are then
// found in that body and frames are assembled by copying byte ranges, so every frame is exactly what encodeIdentify
// gives for its fields. Measured (node 20, loaded 2-core machine, the 8 KB vector, split in 4 frames): planning
// from the values (utf8Length per protocol, encodeIdentifyInto per frame) 215 us; this way 51-90 us, with
// encodeIdentify alone at 25-44 us in the same runs (utf8Length walks each decoded protocol char by char).

const K_PUBLIC_KEY = 1
const K_ADDR = 2
const K_PROTOCOL = 3
const K_OBSERVED = 4
const K_PROTOCOL_VERSION = 5
const K_AGENT_VERSION = 6
const K_RECORD = 8
const K_UNKNOWN = 0

/** Frames to write: for each, the indices of its fields in the encoded body, and its exact body size. */
interface Layout {
  body: Uint8Array
  /** Per field of `body`, in order: start offset, end offset, kind (K_*), index within its list. */
  starts: number[]
  ends: number[]
  kinds: number[]
  indices: number[]
  /** Per frame: field numbers into the arrays above, ascending. */
  frames: number[][]
  sizes: number[]
}

interface WriteLimits { first: number, later: number, maxFrames: number }

function checkLimit (name: string, v: unknown, d: number, min: number): number {
  if (v === undefined) return d
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new TypeError(`${name} must be an integer >= ${min}`)
  return v
}

function writeLimits (options: EncodeIdentifyStreamOptions | undefined): WriteLimits {
  if (options !== undefined && (options === null || typeof options !== 'object')) throw new TypeError('options must be an object')
  return {
    first: checkLimit('firstFrameLimit', options?.firstFrameLimit, DEFAULT_FIRST_FRAME_LIMIT, 0),
    later: checkLimit('frameLimit', options?.frameLimit, DEFAULT_FRAME_LIMIT, 0),
    maxFrames: checkLimit('maxFrames', options?.maxFrames, DEFAULT_MAX_FRAMES_WRITTEN, 1)
  }
}

function layout (message: IdentifyInput, { first, later, maxFrames }: WriteLimits): Layout {
  const body = encodeIdentify(message) // also checks the message's types (TypeError)
  const starts: number[] = []
  const ends: number[] = []
  const kinds: number[] = []
  const indices: number[] = []
  if (body.length <= first) return { body, starts, ends, kinds, indices, frames: [[]], sizes: [body.length] }

  // The kinds of the body's fields, in the order encodeIdentify writes them.
  const kind = (k: number, count: number): void => { for (let i = 0; i < count; i++) { kinds.push(k); indices.push(i) } }
  kind(K_PUBLIC_KEY, message.publicKey == null ? 0 : 1)
  kind(K_ADDR, message.listenAddrs?.length ?? 0)
  kind(K_PROTOCOL, message.protocols?.length ?? 0)
  kind(K_OBSERVED, message.observedAddr == null ? 0 : 1)
  kind(K_PROTOCOL_VERSION, message.protocolVersion == null ? 0 : 1)
  kind(K_AGENT_VERSION, message.agentVersion == null ? 0 : 1)
  kind(K_RECORD, message.signedPeerRecord == null ? 0 : 1)
  kind(K_UNKNOWN, message.unknownFields?.length ?? 0)
  let pos = 0
  while (pos < body.length) {
    const t = consumeTag(body, pos, body.length)
    const v = t < 0 ? t : consumeFieldValue(body, pos + t, body.length, wireTypeOf(decodeTag(body, pos, body.length)))
    if (v < 0) throw new Error('encodeIdentifyStream: internal error, cannot walk the encoded body')
    starts.push(pos)
    pos += t + v
    ends.push(pos)
  }
  if (starts.length !== kinds.length) throw new Error('encodeIdentifyStream: internal error, field count mismatch')

  const frames: number[][] = []
  const sizes: number[] = []
  const limitOf = (k: number): number => k === 0 ? first : later
  // First fit from frame `from` on; a field too big for any frame gets a new frame of its own, over the limit
  // (the limits are #709's SHOULD, the receiver's hard limit is maxMessageSize: better sent than unsendable).
  const place = (f: number, from: number): number => {
    const size = ends[f]! - starts[f]!
    for (let k = from; k < frames.length; k++) {
      if (sizes[k]! + size <= limitOf(k)) { sizes[k] = sizes[k]! + size; frames[k]!.push(f); return k }
    }
    frames.push([f])
    sizes.push(size)
    return frames.length - 1
  }
  // #709: what matters first, in the first frame. rust-libp2p reads only the first frame and fails without
  // publicKey (its `TryFrom<proto::Identify> for Info`), so the key leads, then addresses and protocols: the
  // encoded order. Repeated fields keep their order: an entry never goes to an earlier frame than the one before.
  frames.push([])
  sizes.push(0)
  let record = -1
  let prevKind = -1
  let from = 0
  for (let f = 0; f < kinds.length; f++) {
    const k = kinds[f]!
    if (k === K_RECORD) { record = f; continue }
    const repeated = k === K_ADDR || k === K_PROTOCOL || k === K_UNKNOWN
    if (!repeated || k !== prevKind) from = 0
    from = place(f, from)
    prevKind = k
  }
  // go-libp2p: the signed peer record alone in the last frame once the message does not fit in one.
  if (record >= 0) { frames.push([record]); sizes.push(ends[record]! - starts[record]!) }
  // A first frame too small for any field is sent empty: it keeps its limit, and the fields follow in later frames.
  if (frames.length > maxFrames) {
    let offset = 0
    for (let k = 0; k < maxFrames; k++) offset += varintLength(sizes[k]!) + sizes[k]!
    throw new WireError('TOO_MANY_FRAMES', offset, `the message needs ${frames.length} frames, more than maxFrames ${maxFrames}`)
  }
  return { body, starts, ends, kinds, indices, frames, sizes }
}

/**
 * The messages {@link encodeIdentifyStream} writes, one per frame (bodies, without length prefixes); each frame's
 * bytes are `encodeIdentify` of its message. Merging them with {@link mergeIdentifyFrames} gives back `message`
 * (with protocols and addresses de-duplicated when there are two frames or more).
 *
 * @example
 * ```ts
 * import { identifyStreamFrames, encodeIdentify } from 'identify-wire'
 * const big = { publicKey: new Uint8Array(36), protocols: Array.from({ length: 200 }, (_, i) => `/example/${i}/1.0.0`) }
 * const frames = identifyStreamFrames(big) // default limits: first body <= 2048, later <= 4096
 * frames.length // → 2
 * encodeIdentify(frames[0]!).length <= 2048 // → true
 * identifyStreamFrames({ protocols: ['/ipfs/id/1.0.0'] }).length // → 1
 * ```
 */
export function identifyStreamFrames (message: IdentifyInput, options?: EncodeIdentifyStreamOptions): IdentifyInput[] {
  const l = layout(message, writeLimits(options))
  if (l.starts.length === 0) return [message]
  return l.frames.map((fields) => {
    const m: IdentifyInput = {}
    for (const f of fields) {
      const i = l.indices[f]!
      switch (l.kinds[f]) {
        case K_PUBLIC_KEY: m.publicKey = message.publicKey!; break
        case K_ADDR: (m.listenAddrs ??= []).push(message.listenAddrs![i]!); break
        case K_PROTOCOL: (m.protocols ??= []).push(message.protocols![i]!); break
        case K_OBSERVED: m.observedAddr = message.observedAddr!; break
        case K_PROTOCOL_VERSION: m.protocolVersion = message.protocolVersion!; break
        case K_AGENT_VERSION: m.agentVersion = message.agentVersion!; break
        case K_RECORD: m.signedPeerRecord = message.signedPeerRecord!; break
        default: (m.unknownFields ??= []).push(message.unknownFields![i]!)
      }
    }
    return m
  })
}

/**
 * Exact byte length of {@link encodeIdentifyStream}'s output (all prefixes and bodies), for the same options.
 *
 * @example
 * ```ts
 * import { identifyStreamEncodedLength } from 'identify-wire'
 * identifyStreamEncodedLength({ protocols: ['/ipfs/id/1.0.0'] }) // → 17 (1-byte prefix + 16-byte body)
 * ```
 */
export function identifyStreamEncodedLength (message: IdentifyInput, options?: EncodeIdentifyStreamOptions): number {
  let total = 0
  for (const n of layout(message, writeLimits(options)).sizes) total += varintLength(n) + n
  return total
}

/**
 * Writes `message` as an Identify stream: length-prefixed frames, split as specs PR #709 recommends.
 *
 * - A message whose body fits in `firstFrameLimit` (default 2048) is one frame, byte-identical to
 *   `varint(len) + encodeIdentify(message)`.
 * - Otherwise the first frame (at most `firstFrameLimit` bytes of body) gets publicKey, then listen addresses,
 *   then protocols (rust-libp2p reads only the first frame; old readers reject more than 2 KiB), and the rest are
 *   packed first-fit into frames of at most `frameLimit` (default 4096) bytes, keeping the order of every repeated
 *   field. The signed peer record goes alone into the last frame, as go-libp2p sends it.
 * - A single value that fits in no frame (say a 5000-byte protocol string) gets a frame of its own, larger than the
 *   limit: the limits are a SHOULD, and readers accept up to their maxMessageSize (8192 for go and js).
 * - More than `maxFrames` (default 9, go-libp2p's most) frames: `WireError` `TOO_MANY_FRAMES`, offset = where the
 *   first frame over the limit would start.
 *
 * The body is encoded once; the output is one allocation of the exact length, filled by copying.
 *
 * @example
 * ```ts
 * import { encodeIdentifyStream, decodeIdentifyStream } from 'identify-wire'
 * const stream = encodeIdentifyStream({ agentVersion: 'example/1.0', protocols: ['/ipfs/id/1.0.0'] })
 * stream[0] // → 29 (one frame: the body's length, then the body)
 * decodeIdentifyStream(stream).protocols // → ['/ipfs/id/1.0.0']
 * const big = { protocols: Array.from({ length: 200 }, (_, i) => `/example/${i}/1.0.0`) }
 * encodeIdentifyStream(big, { firstFrameLimit: 1024, frameLimit: 1024, maxFrames: 9 }) // 4 frames of at most 1024 bytes of body
 * encodeIdentifyStream(big, { firstFrameLimit: 1024, frameLimit: 1024, maxFrames: 2 }) // throws WireError TOO_MANY_FRAMES
 * ```
 */
export function encodeIdentifyStream (message: IdentifyInput, options?: EncodeIdentifyStreamOptions): Uint8Array {
  const { body, starts, ends, frames, sizes } = layout(message, writeLimits(options))
  let total = 0
  for (const n of sizes) total += varintLength(n) + n
  const out = new Uint8Array(total)
  if (starts.length === 0) {
    out.set(body, writeVarint(out, 0, body.length))
    return out
  }
  let pos = 0
  for (let k = 0; k < frames.length; k++) {
    pos += writeVarint(out, pos, sizes[k]!)
    // Copy runs of fields that are contiguous in the body in one go.
    const fields = frames[k]!
    let i = 0
    while (i < fields.length) {
      const s = starts[fields[i]!]!
      let e = ends[fields[i]!]!
      i++
      while (i < fields.length && starts[fields[i]!] === e) e = ends[fields[i++]!]!
      out.set(body.subarray(s, e), pos)
      pos += e - s
    }
  }
  return out
}
