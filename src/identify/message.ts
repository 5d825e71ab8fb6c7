// The Identify message body (libp2p identify spec v1.0.0 + field 8 signedPeerRecord, specs PR #630), proto2 semantics.
// Decodes one body (encode.ts encodes); it does not read length prefixes or frames (framing.ts) nor validate multiaddrs.

import { WireError, type WireErrorCode } from '../errors.js'
import { consumeVarint, decodeVarint } from '../wire/varint.js'
import { decodeTag, fieldNumberOf, wireTypeOf, consumeFieldValue, VARINT, LEN, SGROUP, EGROUP } from '../wire/tag.js'
import { decodeUtf8, validateUtf8 } from '../wire/utf8.js'
import { statusError } from '../wire/status.js'
import { copyBytes, BUFFER, OFFSET } from '../wire/bytes.js'
import { checkDecodeOptions, type DecodeSettings } from './options.js'

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
  /** Field 5: the protocol family version, e.g. `ipfs/0.1.0`; undefined when not sent. */
  protocolVersion?: string
  /** Field 6: free-form implementation name and version, e.g. `go-libp2p/0.36.0`; undefined when not sent. */
  agentVersion?: string
  /** Field 1: the peer's public key, a protobuf-encoded libp2p `PublicKey` (not parsed here); undefined when not sent. */
  publicKey?: Uint8Array
  /** Field 2: the addresses the peer listens on, binary multiaddrs in wire order (not validated here); [] when none. */
  listenAddrs: Uint8Array[]
  /** Field 4: the receiver's address as the sender observes it, a binary multiaddr (not validated); undefined when not sent. */
  observedAddr?: Uint8Array
  /** Field 3: the protocol ids the peer supports, e.g. `/ipfs/id/1.0.0`, in wire order; [] when none. */
  protocols: string[]
  /** Field 8: the signed peer record, an RFC 0003 envelope as raw bytes (not verified here); undefined when not sent. */
  signedPeerRecord?: Uint8Array
  /** Only with `preserveUnknown`: unknown fields in wire order (field 7, Delta or sequence, lands here). */
  unknownFields?: UnknownField[]
}

/** What the encoder accepts: every field optional. */
export type IdentifyInput = Partial<Identify>

/**
 * Options of {@link decodeIdentify} and {@link decodeIdentifyRange}; all optional. The defaults decode leniently
 * (`strict` off), return views into the input, drop unknown fields and bound the counts (1024 protocols, 500 listen
 * addresses, as go-libp2p), so that work and memory stay linear in the input and bounded by the limits whatever it
 * holds. Invalid values (NaN, negative, non-integer, not a number / boolean) throw TypeError.
 */
export interface DecodeIdentifyOptions {
  /** Reject wire-type mismatches on known fields, invalid UTF-8 and non-minimal varints. Default false. */
  strict?: boolean
  /** Return owned copies of bytes fields (plain Uint8Arrays, also for a Node Buffer input) instead of views into the input. Default false. */
  copy?: boolean
  /** Most protocols accepted; one more throws TOO_MANY_PROTOCOLS. Default 1024 (go-libp2p's cap); Infinity for none. */
  maxProtocols?: number
  /** Most listen addresses accepted; one more throws TOO_MANY_LISTEN_ADDRS. Default 500 (go-libp2p's cap); Infinity for none. */
  maxListenAddrs?: number
  /**
   * Keep unknown fields in `unknownFields` so that encoding gives them back. Default false. Each kept field costs an
   * object and a view (about 150 bytes of heap for at least 2 bytes of input); there is no count limit on them.
   */
  preserveUnknown?: boolean
}

/** Property name per field number (9: the unknown fields), for error paths and the encoder. Internal. */
export const NAMES = ['', 'publicKey', 'listenAddrs', 'protocols', 'observedAddr', 'protocolVersion', 'agentVersion', '', 'signedPeerRecord', 'unknownFields']

/**
 * Decodes one Identify body (no length prefix). Bytes fields are views into `bytes` (plain Uint8Arrays) unless `copy` is set.
 * Throws WireError for malformed input, TypeError when `bytes` is not a Uint8Array or an option is invalid.
 *
 * @example
 * ```ts
 * import { decodeIdentify } from 'identify-wire'
 * const bytes = new Uint8Array([0x1a, 0x01, 0x61, 0x32, 0x03, 0x78, 0x2f, 0x31]) // protocols ['a'], agentVersion 'x/1'
 * const msg = decodeIdentify(bytes, { strict: true, maxProtocols: 1024 })
 * msg.protocols // → ['a']
 * msg.agentVersion // → 'x/1'
 * msg.listenAddrs // → []
 * decodeIdentify(bytes.subarray(0, 2)) // throws WireError LENGTH_OUT_OF_BOUNDS at 1, path 'protocols[0]'
 * ```
 */
export function decodeIdentify (bytes: Uint8Array, options?: DecodeIdentifyOptions): Identify {
  return decodeIdentifyRange(bytes, 0, bytesArg(bytes).length, options)
}

/**
 * Decodes the body `buf[start..end)`; error offsets are absolute offsets into `buf`. Nothing outside the range is
 * read. `start` / `end` that are not integers throw TypeError; a range outside `buf` throws RangeError.
 *
 * @example
 * ```ts
 * import { decodeIdentifyRange } from 'identify-wire'
 * const frame = new Uint8Array([0x03, 0x1a, 0x01, 0x61]) // length prefix 3, then the body
 * decodeIdentifyRange(frame, 1, frame.length).protocols // → ['a']
 * decodeIdentifyRange(new Uint8Array([0x03, 0x1a, 0x05, 0x61]), 1, 4) // throws WireError LENGTH_OUT_OF_BOUNDS at 2, path 'protocols[0]'
 * ```
 */
export function decodeIdentifyRange (buf: Uint8Array, start: number, end: number, options?: DecodeIdentifyOptions): Identify {
  if (typeof start !== 'number' || typeof end !== 'number' || start % 1 !== 0 || end % 1 !== 0) throw new TypeError('start, end: integers')
  if (!(start >= 0 && start <= end && end <= bytesArg(buf).length)) throw new RangeError('start, end: in the input')
  return decodeBody(buf, start, end, checkDecodeOptions(options), 0, 0, 0)
}

/**
 * Internal: decodes `buf[start..end)` with checked options `o` as one frame of a stream. `delta` is added to every
 * error offset (stream offset of `buf[0]`); `protocolsBefore` / `listenAddrsBefore` entries were received in earlier
 * frames: the count limits apply to the stream's total and error paths count from the stream's start.
 */
export function decodeBody (buf: Uint8Array, start: number, end: number, o: DecodeSettings, delta: number, protocolsBefore: number, listenAddrsBefore: number): Identify {
  const strict = o.strict
  const copy = o.copy
  const maxProtocols = o.maxProtocols - protocolsBefore
  const maxListenAddrs = o.maxListenAddrs - listenAddrsBefore
  const listenAddrs: Uint8Array[] = []
  const protocols: string[] = []
  const msg: Identify = { listenAddrs, protocols }
  let unknown: UnknownField[] | undefined
  // The string run (see stringAt below): buf[rs..re) decoded as rt when ASCII, '' otherwise.
  let rt = ''
  let rs = 0
  let re = 0
  // Errors are built only when thrown (a path string per field would cost time); field 0 means no path.
  const fail = (code: WireErrorCode | number, offset: number, field: number, detail: string): never => {
    const path = NAMES[field]! + (field === 2 ? `[${listenAddrsBefore + listenAddrs.length}]` : field === 3 ? `[${protocolsBefore + protocols.length}]` : '')
    throw typeof code === 'number' ? statusError(code, offset + delta, path || undefined) : new WireError(code, offset + delta, detail, path ? { path } : undefined)
  }
  // Views are plain Uint8Arrays made on buf's ArrayBuffer (read from the internal slots) by the constructor:
  // subarray() looks up buf's species (caller code for a subclass, a Buffer for a Node Buffer) and costs more.
  // Measured (node 20, loaded 2-core machine, 2M 20-byte views in a loop): subarray 99-104 ns, constructor 35-72 ns;
  // CPU time per recorded vector message, both ways in one process: 1.75 us this way, 1.93 us with subarray()
  // (`npm run build && node bench/run.mjs identify`).
  const ab = BUFFER.call(buf)
  const bo = OFFSET.call(buf)
  const view = (s: number, e: number): Uint8Array => copy ? copyBytes(buf, s, e) : new Uint8Array(ab, bo + s, e - s)
  let pos = start
  while (pos < end) {
    const at = pos
    // Tag. Every Identify field has a one-byte tag; longer or invalid ones go through the primitive.
    let tag = buf[pos]!
    if (tag < 0x80 && tag > 7 && (tag & 7) < 6) pos++
    else {
      tag = decodeTag(buf, pos, end)
      if (tag < 0) fail(tag, at, 0, '')
      const n = consumeVarint(buf, pos, end)
      if (strict && n > 1 && buf[pos + n - 1] === 0) fail('VARINT_NON_MINIMAL', at, 0, 'tag not minimal')
      pos += n
    }
    const field = fieldNumberOf(tag)
    const wt = wireTypeOf(tag)
    const known = field < 9 && field !== 7
    if (known && wt === LEN) {
      // Length prefix, then the value buf[s..pos).
      let len: number
      let s: number
      if (pos < end && buf[pos]! < 0x80) {
        len = buf[pos]!
        s = pos + 1
      } else {
        len = decodeVarint(buf, pos, end)
        if (len < 0) fail(len, pos < end ? pos : at, field, '')
        const n = consumeVarint(buf, pos, end)
        if (strict && n > 1 && buf[pos + n - 1] === 0) fail('VARINT_NON_MINIMAL', pos, field, 'length not minimal')
        s = pos + n
      }
      if (len > end - s) fail('LENGTH_OUT_OF_BOUNDS', pos, field, 'length past the end')
      pos = s + len
      switch (field) {
        case 1: msg.publicKey = view(s, pos); break
        case 2:
          if (listenAddrs.length >= maxListenAddrs) fail('TOO_MANY_LISTEN_ADDRS', at, 2, 'over maxListenAddrs')
          listenAddrs.push(view(s, pos))
          break
        case 4: msg.observedAddr = view(s, pos); break
        case 8: msg.signedPeerRecord = view(s, pos); break
        default: {
          // 3 protocols, 5 protocolVersion, 6 agentVersion: strings. Strict UTF-8 is judged on these bytes alone.
          if (field === 3 && protocols.length >= maxProtocols) fail('TOO_MANY_PROTOCOLS', at, 3, 'over maxProtocols')
          let str: string | undefined
          if (pos > re) {
            // A new run from s: the string fields that follow with one-byte lengths, no more protocols than allowed.
            let q = pos
            let budget = maxProtocols - protocols.length
            while (q + 2 <= end) {
              const c = buf[q]!
              const len = buf[q + 1]!
              if (!(c === 0x1a ? budget-- > 0 : c === 0x2a || c === 0x32) || len >= 0x80 || len > end - q - 2) break
              q += 2 + len
            }
            const text = decodeUtf8(buf, s, q)
            rt = text.length === q - s && !text.includes('\ufffd') ? text : ''
            rs = s
            re = q
            if (q === pos) str = text
          }
          str ??= rt === '' ? decodeUtf8(buf, s, pos) : rt.slice(s - rs, pos - rs)
          if (strict && rt === '') { // a string of an ASCII run is valid UTF-8
            const bad = validateUtf8(buf, s, pos)
            if (bad >= 0) fail('INVALID_UTF8', bad, field, 'invalid UTF-8')
          }
          if (field === 3) protocols.push(str)
          else if (field === 5) msg.protocolVersion = str
          else msg.agentVersion = str
        }
      }
      continue
    }
    if (known && strict) fail('WIRE_TYPE_MISMATCH', at, field, 'not wire type 2')
    // An unknown field, or (lenient) a known field with the wrong wire type: skipped, kept on request.
    const n = consumeFieldValue(buf, pos, end, wt)
    if (n < 0) fail(n, wt === SGROUP || wt === EGROUP || pos >= end ? at : pos, 0, '')
    const v = wt === VARINT ? n : wt === LEN ? consumeVarint(buf, pos, end) : 0 // bytes of the value's varint, if any
    if (strict && v > 1 && buf[pos + v - 1] === 0) fail('VARINT_NON_MINIMAL', pos, 0, 'value not minimal')
    if (o.preserveUnknown) (unknown ??= []).push({ field, wireType: wt, bytes: view(pos, pos + n) })
    pos += n
  }
  if (unknown) msg.unknownFields = unknown
  return msg
}

function bytesArg (b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError('not a Uint8Array')
  return b
}
