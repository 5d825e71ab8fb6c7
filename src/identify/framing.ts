// Identify on the stream: uvarint-length-prefixed frames (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0), read whole or in
// chunks and merged per libp2p/specs PR #709 (stream-encode.ts writes them). No I/O, no timers: bytes in, values out.

import { WireError } from '../errors.js'
import { FrameScanner } from './frames.js'
import { decodeBody } from './message.js'
import type { DecodeIdentifyOptions, Identify } from './message.js'
import { checkDecodeOptions, type DecodeSettings } from './options.js'
import { appendFrame, dedupInPlace } from './merge.js'

export { DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES } from './options.js'

/** Options of {@link decodeIdentifyStream} and {@link IdentifyFrameReader}; invalid values throw TypeError. */
export interface DecodeIdentifyStreamOptions extends DecodeIdentifyOptions {
  /** Largest body of one frame, in bytes (default 8192). Checked on the prefix, before the body is read. */
  maxMessageSize?: number
  /** Most frames on the stream (default 10). A byte after the last allowed frame is an error. */
  maxFrames?: number
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
 * - anything {@link decodeIdentify} throws for a body; `maxProtocols` / `maxListenAddrs` (defaults 1024 / 500, as
 *   for decodeIdentify) count the entries of all frames together, before de-duplication, and paths count entries
 *   from the start of the stream.
 *
 * Nothing outside `bytes` is read, and each frame is judged on its own bytes. Bytes values are views into `bytes`
 * unless `copy` is set (then owned copies, also for a Node Buffer input).
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
  const o = checkDecodeOptions(options)
  const frames = new FrameScanner(o.maxMessageSize, o.maxFrames)
  // The first frame's message is ours (fresh from the decoder): later frames are appended to it in place.
  let acc: Identify | undefined
  for (let pos = 0; (pos = frames.next(bytes, pos, true)) >= 0;) {
    const msg = decodeBody(frames.buf, frames.start, frames.end, o, frames.delta, acc?.protocols.length ?? 0, acc?.listenAddrs.length ?? 0)
    if (acc === undefined) acc = msg
    else appendFrame(acc, msg)
  }
  frames.finish()
  // #709's de-duplication applies to merged frames; one frame is returned as decoded (see mergeIdentifyFrames).
  return frames.frames === 1 ? acc! : dedupInPlace(acc!)
}

/**
 * Reads an Identify stream whose bytes arrive in chunks, without waiting for the end to find errors.
 *
 * - {@link push} takes the next chunk. Every frame completed by it is decoded at once (so errors come in stream
 *   order, exactly as {@link decodeIdentifyStream} reports them); an oversize or non-minimal length prefix throws
 *   as soon as the prefix is complete, before any of its body arrives. Any split of a stream into chunks gives the
 *   same frames, errors and offsets.
 * - {@link next} returns the next decoded frame (unmerged), or `undefined` when more bytes are needed.
 * - {@link end} says the stream is over: it throws `TRUNCATED` if it stopped inside a frame (or held no frame),
 *   otherwise returns all frames merged (the value {@link decodeIdentifyStream} would return; for a one-frame
 *   stream, the very object {@link next} returned for it).
 *
 * What the reader keeps between calls it owns: it never holds on to a pushed chunk, so a transport may reuse or
 * transfer its read buffer as soon as push() returns. A body that straddles chunks is copied, as it arrives, into
 * one buffer of the reader grown with the bytes received (a few bytes per byte received, whatever the chunking;
 * at most twice the body, and never more than `maxMessageSize` however large the declared length).
 * Returned values: strings are always owned. Bytes values (`listenAddrs`, `publicKey`, ...) are owned copies with
 * `copy: true`. Without it, a frame that lay whole inside one chunk is decoded in place and its bytes values are
 * views into THAT chunk (valid while the caller leaves the chunk unchanged); a frame that straddled chunks gives
 * views into the reader's buffer for that frame, which nothing writes to afterwards. Decoded frames not yet taken
 * by next() stay queued (at most `maxFrames`). After an error, every call throws that same error.
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
  private readonly options: DecodeSettings
  private readonly scanner: FrameScanner
  /** The first frame as decoded (next() hands it out; end() returns it for a one-frame stream). */
  private first: Identify | undefined
  /** From the second frame on: every frame merged so far (#709, before de-duplication); owned by the reader. */
  private merged: Identify | undefined
  private readonly queue: Identify[] = []
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
    this.options = checkDecodeOptions(options)
    this.scanner = new FrameScanner(this.options.maxMessageSize, this.options.maxFrames)
  }

  /** Frames decoded so far. */
  get frameCount (): number { return this.scanner.frames }

  /** Bytes pushed so far. */
  get bytesReceived (): number { return this.scanner.received }

  /**
   * Least number of bytes still needed to complete the current frame: the rest of the body once its prefix is
   * known, otherwise 1. 0 when no frame is in progress.
   */
  get bytesNeeded (): number { return this.scanner.bytesNeeded }

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
    const sc = this.scanner
    try {
      for (let pos = 0; (pos = sc.next(chunk, pos, false)) >= 0;) this.decodeFrame(sc)
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
    try {
      this.scanner.finish()
    } catch (e) {
      throw (this.error = e as WireError)
    }
    // One frame: that frame itself, as decoded (the object next() returned); more: the merge, de-duplicated.
    this.final = this.merged === undefined ? this.first! : dedupInPlace(this.merged)
    return this.final
  }

  private decodeFrame (sc: FrameScanner): void {
    const acc = this.merged ?? this.first
    const msg = decodeBody(sc.buf, sc.start, sc.end, this.options, sc.delta, acc?.protocols.length ?? 0, acc?.listenAddrs.length ?? 0)
    if (this.first === undefined) this.first = msg
    else {
      if (this.merged === undefined) {
        this.merged = { listenAddrs: [], protocols: [] }
        appendFrame(this.merged, this.first)
      }
      appendFrame(this.merged, msg)
    }
    this.queue.push(msg)
  }
}
