// Writing Identify on the stream: one message split into uvarint-length-prefixed frames as libp2p/specs PR #709
// recommends (a first frame old readers accept, later frames within rust-libp2p's limit). No I/O: values in, bytes out.

import { WireError } from '../errors.js'
import { varintLength, writeVarint } from '../wire/varint.js'
import { decodeTag, consumeTag, consumeFieldValue, wireTypeOf } from '../wire/tag.js'
import { snapshotIdentify, encodeSnapshot, type Snapshot } from './encode.js'
import type { IdentifyInput, UnknownField } from './message.js'

/** Default body limit of the first frame written (#709: old readers reject more than 2 KiB). */
export const DEFAULT_FIRST_FRAME_LIMIT = 2048
/** Default body limit of every later frame written (#709: 4 KiB, rust-libp2p's limit). */
export const DEFAULT_FRAME_LIMIT = 4096
/**
 * Default most frames written. go-libp2p's `readAllIDMessages` makes 10 reads of which the last must see EOF,
 * so it accepts at most 9 frames.
 */
export const DEFAULT_MAX_FRAMES_WRITTEN = 9

/** Options of {@link encodeIdentifyStream}. */
export interface EncodeIdentifyStreamOptions {
  /** Body limit of the first frame (default 2048). A message whose body fits stays one frame. */
  firstFrameLimit?: number
  /** Body limit of every later frame (default 4096). */
  frameLimit?: number
  /** Most frames to write (default 9); a message needing more throws `TOO_MANY_FRAMES`. */
  maxFrames?: number
}

// The message is read once (snapshotIdentify) and encoded once (field-number order 1..6, 8, then unknown fields); its
// fields are then found in that body and frames are assembled by copying byte ranges, so every frame is exactly what
// encodeIdentify gives for its fields, and identifyStreamFrames returns the values that were read. Measured (node 20,
// loaded 2-core machine, the 8 KB vector, split in 4 frames): planning from the values (utf8Length per protocol,
// encodeIdentifyInto per frame) 215 us; this way 51-90 us, with encodeIdentify alone at 25-44 us in the same runs.

/** Frames to write: for each, the indices of its fields in the encoded body, and its exact body size. */
interface Layout {
  /** The message, read once; its fields in write order are the body's fields. */
  snap: Snapshot
  body: Uint8Array
  /** Per field of `body`, in order: tag (0 for an unknown field), value; start and end offset (none for one frame). */
  starts: number[]
  ends: number[]
  keys: number[]
  vals: Array<Uint8Array | string | UnknownField>
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
  const snap = snapshotIdentify(message) // checks the message (TypeError, RangeError)
  const body = encodeSnapshot(snap)
  const starts: number[] = []
  const ends: number[] = []
  const keys: number[] = []
  const vals: Array<Uint8Array | string | UnknownField> = []
  // kinds: the tag, and every unknown field counts as one repeated kind 0 (their order is kept)
  const [sk, sv, , k0] = snap
  sk.forEach((key, f) => {
    keys.push(f >= k0 ? 0 : key)
    vals.push(f >= k0 ? { field: Math.floor(key / 8), wireType: key % 8, bytes: sv[f] as Uint8Array } : sv[f]!)
  })
  if (body.length <= first) return { snap, body, starts, ends, keys, vals, frames: [[]], sizes: [body.length] }

  // The body's fields, one per snapshot entry in the same order: it is this encoder's own well-formed output.
  let pos = 0
  while (pos < body.length) {
    const t = consumeTag(body, pos, body.length)
    starts.push(pos)
    pos += t + consumeFieldValue(body, pos + t, body.length, wireTypeOf(decodeTag(body, pos, body.length)))
    ends.push(pos)
  }
  const RECORD = 0x42 // field 8, LEN

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
  for (let f = 0; f < keys.length; f++) {
    const k = keys[f]! // the unknown fields count as one repeated kind (their order is kept)
    if (k === RECORD) { record = f; continue }
    const repeated = k === 0x12 || k === 0x1a || k === 0
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
  return { snap, body, starts, ends, keys, vals, frames, sizes }
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
  const { starts, keys, vals, frames } = layout(message, writeLimits(options))
  // The messages hold the values read once (their encoding is what was planned, whatever `message` does later).
  return (starts.length === 0 ? [keys.map((_, f) => f)] : frames).map((fields) => {
    const m: IdentifyInput = {}
    for (const f of fields) {
      const v = vals[f]!
      switch (keys[f]) {
        case 0x0a: m.publicKey = v as Uint8Array; break
        case 0x12: (m.listenAddrs ??= []).push(v as Uint8Array); break
        case 0x1a: (m.protocols ??= []).push(v as string); break
        case 0x22: m.observedAddr = v as Uint8Array; break
        case 0x2a: m.protocolVersion = v as string; break
        case 0x32: m.agentVersion = v as string; break
        case 0x42: m.signedPeerRecord = v as Uint8Array; break
        default: (m.unknownFields ??= []).push(v as UnknownField)
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
