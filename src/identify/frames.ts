// The frame scanner of an Identify stream (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0): uvarint length prefix, then the
// body; prefixes checked as go- and rust-libp2p read them. Finds frames, whole or across chunks; decodes no body.

import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint, varintLength, ERR_TRUNCATED, MAX_VARINT_BYTES } from '../wire/varint.js'
import { statusError } from '../wire/status.js'

// Statuses of readFramePrefix beyond the varint ones (ERR_TRUNCATED, ERR_OVERFLOW).
/** The prefix is not the minimal varint of its value. */
export const ERR_NON_MINIMAL = -20
/** The prefix declares more than the size limit. */
export const ERR_TOO_LARGE = -21

/**
 * Checks a frame's length prefix at `buf[pos..end)`: bytes it takes (the length is `decodeVarint(buf, pos, end)`),
 * or a negative status (truncated, overflow, non-minimal, too large). Checks run in that order: they define which
 * error a prefix that is both non-minimal and too large gives. Never throws, never allocates.
 */
export function readFramePrefix (buf: Uint8Array, pos: number, end: number, maxSize: number): number {
  const len = decodeVarint(buf, pos, end)
  if (len < 0) return len
  // go (delimited reader) and rust (unsigned-varint) reject non-minimal prefixes; js accepts them.
  const n = consumeVarint(buf, pos, end)
  if (n !== varintLength(len)) return ERR_NON_MINIMAL
  return len > maxSize ? ERR_TOO_LARGE : n
}

/** The WireError for status `status` of the prefix at `buf[pos..end)`, reported at stream offset `offset`. */
export function framePrefixError (status: number, offset: number, maxSize: number, buf: Uint8Array, pos: number, end: number): WireError {
  if (status === ERR_NON_MINIMAL) return new WireError('LENGTH_PREFIX_NON_MINIMAL', offset, 'frame length prefix is not a minimal uvarint')
  if (status === ERR_TOO_LARGE) return new WireError('MESSAGE_TOO_LARGE', offset, `frame declares ${decodeVarint(buf, pos, end)} bytes, more than maxMessageSize ${maxSize}`)
  if (status === ERR_TRUNCATED) return truncatedFrame(offset)
  return statusError(status, offset)
}

const EMPTY = new Uint8Array(0)

/** The error for a stream that ends inside the frame starting at `offset` (or holds no frame: offset 0). */
export function truncatedFrame (offset: number): WireError {
  return new WireError('TRUNCATED', offset, 'stream ends inside the frame that starts here')
}

/**
 * Finds the frames of one stream in the chunks it arrives in. {@link next} returns each complete frame's body as
 * `buf[start..end)` (stream offset of `buf[0]`: `delta`): in place in the caller's chunk when the body lies inside
 * it, otherwise in a buffer the scanner owns. What it keeps between calls is its own: the prefix bytes (at most 10)
 * and one buffer for a body that straddles chunks, grown with the bytes received (never to the declared length
 * up front) and handed over with the frame once complete, so no later chunk writes into it. Every chunking of a
 * stream gives the same frames, errors and offsets.
 */
export class FrameScanner {
  /** Frames found so far. */
  frames = 0
  /** Stream offset of the first byte of the chunk being scanned (bytes of the chunks before it). */
  received = 0
  /** Stream offset of the current (or last) frame's prefix. */
  frameStart = 0
  /** Where the frame {@link next} found lies: `buf[start..end)`, `buf[0]` at stream offset `delta`. */
  buf: Uint8Array = EMPTY
  start = 0
  end = 0
  delta = 0
  /** Bytes of a prefix that straddles chunks; allocated on first need. */
  private prefix: Uint8Array | undefined
  private prefixLen = 0
  private inBody = false
  private bodyLen = 0
  private held: Uint8Array | undefined
  private heldLen = 0

  /** A scanner with the size limit (checked on each prefix, before its body) and the frame limit. */
  constructor (readonly maxSize: number, readonly maxFrames: number) {}

  /**
   * Scans `chunk` from `pos`: the position just after the next complete frame (found in `buf` / `start` / `end` /
   * `delta`), or -1 once `chunk` holds no further complete frame (a partial one is kept, as copies). With `last`,
   * `chunk` is the rest of the stream: a frame cut short throws TRUNCATED at once and nothing is kept. Throws
   * WireError for a bad prefix (at its offset) or a byte after `maxFrames` frames.
   */
  next (chunk: Uint8Array, pos: number, last: boolean): number {
    const len = chunk.length
    const base = this.received
    this.buf = EMPTY // the previous frame was consumed: keep no reference to a caller's chunk between calls
    let i = pos
    for (;;) {
      if (!this.inBody) {
        if (i >= len) break
        let n: number
        if (this.prefixLen === 0) {
          if (this.frames >= this.maxFrames) throw new WireError('TOO_MANY_FRAMES', base + i, `more than maxFrames ${this.maxFrames} frames`)
          this.frameStart = base + i
          n = readFramePrefix(chunk, i, len, this.maxSize)
          if (n === ERR_TRUNCATED && !last) {
            // The prefix continues in a later chunk: keep its (at most 9) bytes.
            this.prefix ??= new Uint8Array(MAX_VARINT_BYTES)
            this.prefix.set(chunk.subarray(i, len), 0)
            this.prefixLen = len - i
            break
          }
          if (n < 0) throw framePrefixError(n, this.frameStart, this.maxSize, chunk, i, len)
          this.bodyLen = decodeVarint(chunk, i, len)
          i += n
        } else {
          const prefix = this.prefix!
          const had = this.prefixLen
          const take = Math.min(prefix.length - had, len - i)
          prefix.set(chunk.subarray(i, i + take), had)
          n = readFramePrefix(prefix, 0, had + take, this.maxSize)
          if (n === ERR_TRUNCATED && !last) { this.prefixLen = had + take; i += take; continue }
          if (n < 0) throw framePrefixError(n, this.frameStart, this.maxSize, prefix, 0, had + take)
          this.bodyLen = decodeVarint(prefix, 0, had + take)
          this.prefixLen = 0
          i += n - had
        }
        this.inBody = true
        this.heldLen = 0
      }
      const need = this.bodyLen - this.heldLen
      const avail = len - i
      if (this.heldLen === 0 && avail >= need) {
        this.found(chunk, i, i + need, base)
        return i + need
      }
      if (last) throw truncatedFrame(this.frameStart)
      if (avail === 0) break
      const take = Math.min(need, avail)
      this.hold(chunk, i, take)
      i += take
      if (this.heldLen === this.bodyLen) {
        const body = this.held!
        this.held = undefined // handed over with the frame: views of its values stay valid
        this.found(body, 0, this.bodyLen, base + i - this.bodyLen)
        return i
      }
    }
    this.received = base + len
    return -1
  }

  /** Ends the stream: throws TRUNCATED when it stopped inside a frame, or held none. */
  finish (): void {
    if (this.inBody || this.prefixLen > 0) throw truncatedFrame(this.frameStart)
    if (this.frames === 0) throw truncatedFrame(0)
  }

  /** Least number of bytes still needed to complete the current frame (1 inside a prefix); 0 between frames. */
  get bytesNeeded (): number {
    if (this.inBody) return this.bodyLen - this.heldLen
    return this.prefixLen > 0 ? 1 : 0
  }

  private found (buf: Uint8Array, start: number, end: number, delta: number): void {
    this.buf = buf
    this.start = start
    this.end = end
    this.delta = delta
    this.frames++
    this.inBody = false
    this.heldLen = 0
  }

  /** Copies `chunk[i..i+take)` after the body bytes held so far; the buffer doubles, up to the declared length. */
  private hold (chunk: Uint8Array, i: number, take: number): void {
    const need = this.heldLen + take
    let h = this.held
    if (h === undefined || h.length < need) {
      const grown = new Uint8Array(Math.min(this.bodyLen, Math.max(need, 2 * (h?.length ?? 0), 64)))
      if (h !== undefined) grown.set(h.subarray(0, this.heldLen))
      this.held = h = grown
    }
    h.set(chunk.subarray(i, i + take), this.heldLen)
    this.heldLen = need
  }
}
