// The Identify message body (libp2p identify spec v1.0.0 + field 8 signedPeerRecord, specs PR #630), proto2 semantics.
// Decodes one body (encode.ts encodes); it does not read length prefixes or frames (framing.ts) nor validate multiaddrs.

import { WireError, type WireErrorCode } from '../errors.js'
import { consumeVarint, decodeVarint } from '../wire/varint.js'
import { decodeTag, fieldNumberOf, wireTypeOf, consumeFieldValue } from '../wire/tag.js'
import { decodeUtf8 } from '../wire/utf8.js'

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
 * (`strict` off), return views into the input, set no count limits and drop unknown fields.
 */
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

const NAMES = ['', 'publicKey', 'listenAddrs', 'protocols', 'observedAddr', 'protocolVersion', 'agentVersion', '', 'signedPeerRecord']
// Codes of the wire primitives' negative statuses (-1 .. -6), kept here so that the bundle carries no message texts
// (size budget: decode + encode <= 1.5 KB gzipped). The code, offset and path say everything.
const STATUS: WireErrorCode[] = ['TRUNCATED', 'VARINT_OVERFLOW', 'FIELD_NUMBER_INVALID', 'WIRE_TYPE_INVALID', 'WIRE_TYPE_GROUP', 'LENGTH_OUT_OF_BOUNDS']

function fail (code: WireErrorCode | number, offset: number, path?: string): never {
  throw new WireError(typeof code === 'number' ? STATUS[-code - 1]! : code, offset, '', path === undefined ? path : { path })
}

const NO_OPTIONS: DecodeIdentifyOptions = {}

/**
 * Decodes one Identify body (no length prefix). Bytes fields are views into `bytes` unless `copy` is set.
 * Throws WireError for malformed input, TypeError when `bytes` is not a Uint8Array.
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
 * Decodes the body `buf[start..end)`; error offsets are absolute offsets into `buf`. A range outside `buf` throws
 * RangeError.
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
  if (!(start >= 0 && start <= end && end <= bytesArg(buf).length && start % 1 === 0 && end % 1 === 0)) throw new RangeError('range')
  const { strict, copy, preserveUnknown, maxProtocols = Infinity, maxListenAddrs = Infinity } = options ?? NO_OPTIONS
  const listenAddrs: Uint8Array[] = []
  const protocols: string[] = []
  const msg: Identify = { listenAddrs, protocols }
  let unknown: UnknownField[] | undefined
  // Field path for errors, built only when throwing (a template string per field would cost time).
  const path = (f: number): string => f === 2 ? `listenAddrs[${listenAddrs.length}]` : f === 3 ? `protocols[${protocols.length}]` : NAMES[f]!
  // Strings are decoded a run at a time: consecutive string fields with 1-byte lengths (their tags and lengths are
  // ASCII too) go through ONE decodeUtf8 call; when that gives one char per byte, char i is byte i and each string
  // is a slice. (An invalid byte becomes one U+FFFD on its own: tags and lengths are no continuation bytes, so the
  // maximal subparts are those of each string alone.) Measured (node 20, this machine): TextDecoder ~75 ns per
  // call + ~0.13 ns/byte, String#slice ~6 ns; the 8 KB vector's 66 protocols: 66 calls ~8 us, one run ~1.4 us.
  let win = '' // buf[ws..we) decoded, one char per byte
  let ws = 0
  let we = 0
  let noWin = 0 // strings ending at or before this lie in a run that is not one char per byte
  let pos = start
  while (pos < end) {
    const at = pos
    // One-byte tags and lengths (all of them in practice) are read inline; the primitives handle the rest.
    let n = buf[pos]!
    let field = n >> 3
    let wt = n & 7
    if (n < 0x80 && n > 7 && wt < 6) pos++
    else {
      const tag = decodeTag(buf, pos, end)
      if (tag < 0) fail(tag, at)
      n = consumeVarint(buf, pos, end)
      // A varint is non-minimal when it ends in a 0x00 byte after others (strict only).
      if (strict && n > 1 && buf[pos + n - 1] === 0) fail('VARINT_NON_MINIMAL', at)
      pos += n
      field = fieldNumberOf(tag)
      wt = wireTypeOf(tag)
    }
    if (field < 9 && field !== 7) {
      if (wt === 2) {
        let len = buf[pos]!
        let s = pos + 1
        if (!(len < 0x80 && pos < end)) {
          len = decodeVarint(buf, pos, end)
          if (len < 0) fail(len, pos < end ? pos : at, path(field))
          n = consumeVarint(buf, pos, end)
          if (strict && n > 1 && buf[pos + n - 1] === 0) fail('VARINT_NON_MINIMAL', pos, path(field))
          s = pos + n
        }
        if (len > end - s) fail('LENGTH_OUT_OF_BOUNDS', pos, path(field))
        pos = s + len
        if (field === 3 || field === 5 || field === 6) {
          if (field === 3 && protocols.length >= maxProtocols) fail('TOO_MANY_PROTOCOLS', at, path(3))
          let str: string | undefined
          if (pos > we && pos > noWin) {
            let q = pos
            // (no further than maxProtocols allows, so that a refused message costs no more than the limit)
            for (let c = buf[q], k = maxProtocols - protocols.length; (c === 0x1a ? k-- > 0 : c === 0x2a || c === 0x32) && buf[q + 1]! < 0x80 && q + 2 + buf[q + 1]! <= end; c = buf[q]) q += 2 + buf[q + 1]!
            const w = decodeUtf8(buf, s, q)
            if (w.length === q - s && !(strict && w.includes('\ufffd'))) {
              win = w
              ws = s
              we = q
            } else {
              noWin = q
              if (q === pos) str = w
            }
          }
          str ??= pos <= we ? win.slice(s - ws, pos - ws) : decodeUtf8(buf, s, pos)
          if (strict && str.includes('\ufffd')) {
            // Find the first U+FFFD that stands for invalid bytes (not for a real EF BF BD); what precedes it is
            // valid UTF-8, so its re-encoded length is its byte length.
            for (let i = 0, o = s, j; (j = str.indexOf('\ufffd', i)) >= 0; i = j + 1, o += 3) {
              o += new TextEncoder().encode(str.slice(i, j)).length
              if (buf[o] !== 0xef || buf[o + 1] !== 0xbf || buf[o + 2] !== 0xbd) fail('INVALID_UTF8', o, path(field))
            }
          }
          if (field === 3) protocols.push(str)
          else if (field === 5) msg.protocolVersion = str
          else msg.agentVersion = str
        } else {
          if (field === 2 && listenAddrs.length >= maxListenAddrs) fail('TOO_MANY_LISTEN_ADDRS', at, path(2))
          const b = copy ? buf.slice(s, pos) : buf.subarray(s, pos)
          if (field === 2) listenAddrs.push(b)
          else if (field === 1) msg.publicKey = b
          else if (field === 4) msg.observedAddr = b
          else msg.signedPeerRecord = b
        }
        continue
      }
      if (strict) fail('WIRE_TYPE_MISMATCH', at, path(field))
    }
    // Unknown field, or (lenient) a known field with the wrong wire type: skip it, keep it on request.
    n = consumeFieldValue(buf, pos, end, wt)
    if (n < 0) fail(n, wt === 3 || wt === 4 || pos >= end ? at : pos)
    const v = wt === 0 ? n : wt === 2 ? consumeVarint(buf, pos, end) : 0 // bytes of the value's varint, if any
    if (strict && v > 1 && buf[pos + v - 1] === 0) fail('VARINT_NON_MINIMAL', pos)
    if (preserveUnknown) (unknown ??= []).push({ field, wireType: wt, bytes: copy ? buf.slice(pos, pos + n) : buf.subarray(pos, pos + n) })
    pos += n
  }
  if (unknown) msg.unknownFields = unknown
  return msg
}

function bytesArg (b: unknown): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new TypeError('not a Uint8Array')
  return b
}
