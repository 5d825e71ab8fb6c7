// The Identify message body (libp2p identify spec v1.0.0 + field 8 signedPeerRecord, specs PR #630), proto2 semantics.
// Decodes and encodes one body; it does not read length prefixes or frames (see framing.ts) nor validate multiaddrs.

import { WireError, type WireErrorCode } from '../errors.js'
import { consumeVarint, decodeVarint, varintLength, writeVarint } from '../wire/varint.js'
import { decodeTag, fieldNumberOf, wireTypeOf, consumeFieldValue, MAX_FIELD_NUMBER } from '../wire/tag.js'
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
              o += (te ??= new TextEncoder()).encode(str.slice(i, j)).length
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

// Encoding: field-number order 1..6, 8, then unknown fields in their original order; minimal varints.
//
// Strings: each run of string fields (the protocols; protocolVersion + agentVersion) is built as ONE JS string of
// tag char, length char and text, which is its own UTF-8 when every char is ASCII (so every text is shorter than
// 128); one TextEncoder.encodeInto into a scratch buffer both checks that and makes the bytes, later copied with
// one set(). Measured (node 20, this machine) on the 8 KB vector's 66 protocols: JS charCodeAt loops (length +
// write) ~27 us, encodeInto per string ~6.7 us, one run ~2.4 us. Otherwise each string is TextEncoder.encode()d
// (lone surrogates become U+FFFD: the output is always valid UTF-8).

let te: TextEncoder | undefined
const EMPTY = new Uint8Array(0)
const scratch: Uint8Array[] = [EMPTY, EMPTY]
// The two string runs size() prepared for write(), which runs right after it.
let runP: Uint8Array = EMPTY
let runV: Uint8Array = EMPTY

function typeError (): never {
  throw new TypeError('not an Identify message')
}

function arr<T> (a: T[] | undefined): T[] {
  return a == null ? [] : Array.isArray(a) ? a : typeError()
}

function bytesSize (b: Uint8Array | null | undefined): number {
  return b == null ? 0 : 1 + varintLength(bytesArg(b).length) + b.length
}

/** Appends field `key` with text `s` to the run `c`; undefined once a text has 128 chars or more. */
function runOf (c: string | undefined, key: number, s: unknown): string | undefined {
  if (s == null) return c
  if (typeof s !== 'string') typeError()
  // The protocols' 2-char headers are cached: measured ~10 ns less per protocol than String.fromCharCode.
  return c !== undefined && s.length < 128 ? c + (key === 0x1a ? HDR[s.length] ??= String.fromCharCode(key, s.length) : String.fromCharCode(key, s.length)) + s : undefined
}
const HDR: string[] = []

/** The bytes of the fields `key + step * i, ss[i]` whose run is `c` (a view of scratch buffer k when all ASCII). */
function strings (c: string | undefined, ss: unknown[], key: number, step: number, k: number): Uint8Array {
  if (c === '') return EMPTY
  if (c !== undefined) {
    let buf: Uint8Array = scratch[k]!
    if (buf.length < 3 * c.length) buf = new Uint8Array(3 * c.length + 256)
    if (c.length <= 65536) scratch[k] = buf // keep no huge scratch buffer
    const r = (te ??= new TextEncoder()).encodeInto(c, buf)
    if (r.written === c.length) return buf.subarray(0, c.length)
    // Not all ASCII: the run again with each text's UTF-8 length (what encodeInto writes for it), when all < 128.
    let d: string | undefined = ''
    ss.forEach((s, i) => {
      const n = s == null ? 0 : te!.encodeInto(s as string, buf).written
      if (s != null) d = d !== undefined && n < 128 ? d + String.fromCharCode(key + step * i, n) + (s as string) : undefined
    })
    if (d !== undefined) return buf.subarray(0, te.encodeInto(d, buf).written)
  }
  const parts = ss.map((s) => s == null ? s : te!.encode(s as string))
  const out = new Uint8Array(parts.reduce((n: number, b) => n + bytesSize(b), 0))
  parts.reduce((pos: number, b, i) => put(out, pos, key + step * i, b), 0)
  return out
}

/**
 * Exact encoded size; checks the caller's types (TypeError) and prepares the strings for write().
 * Exported as `identifyEncodedLength`: the exact size in bytes of {@link encodeIdentify}'s output for `m`.
 *
 * @example
 * ```ts
 * import { identifyEncodedLength } from 'identify-wire'
 * identifyEncodedLength({ protocols: ['/ipfs/id/1.0.0'] }) // → 16 (tag, length, 14 bytes)
 * identifyEncodedLength({ agentVersion: 'h\u00e9' }) // → 5 (tag, length, 3 bytes of UTF-8)
 * ```
 */
function size (m: IdentifyInput): number {
  if (typeof m !== 'object' || m === null) typeError()
  let n = bytesSize(m.publicKey) + bytesSize(m.observedAddr) + bytesSize(m.signedPeerRecord)
  for (const a of arr(m.listenAddrs)) n += bytesSize(a)
  const ps = arr(m.protocols)
  let c: string | undefined = ''
  for (const p of ps) c = runOf(c, 0x1a, p)
  const pv = m.protocolVersion
  const av = m.agentVersion
  runP = strings(c, ps, 0x1a, 0, 0)
  runV = strings(runOf(runOf('', 0x2a, pv), 0x32, av), [pv, av], 0x2a, 8, 1)
  n += runP.length + runV.length
  for (const u of arr(m.unknownFields)) {
    const f = u?.field
    if (!(f >= 1 && f <= MAX_FIELD_NUMBER && f % 1 === 0) || consumeFieldValue(bytesArg(u.bytes), 0, u.bytes.length, u.wireType) !== u.bytes.length) typeError()
    n += varintLength(f * 8 + u.wireType) + u.bytes.length
  }
  return n
}

function put (t: Uint8Array, pos: number, key: number, b: Uint8Array | null | undefined): number {
  if (b == null) return pos
  if (key) {
    t[pos++] = key
    pos += writeVarint(t, pos, b.length)
  }
  t.set(b, pos)
  return pos + b.length
}

function write (m: IdentifyInput, t: Uint8Array, pos: number): number {
  pos = put(t, pos, 0x0a, m.publicKey)
  for (const a of arr(m.listenAddrs)) pos = put(t, pos, 0x12, a)
  pos = put(t, put(t, put(t, pos, 0, runP), 0x22, m.observedAddr), 0, runV)
  pos = put(t, pos, 0x42, m.signedPeerRecord)
  for (const u of arr(m.unknownFields)) pos = put(t, pos + writeVarint(t, pos, u.field * 8 + u.wireType), 0, u.bytes)
  return pos
}

/** Exact size in bytes of {@link encodeIdentify}'s output for `message`. */
export { size as identifyEncodedLength }

/**
 * Writes `message` at `target[offset]` and returns the bytes written; throws WireError BUFFER_TOO_SMALL
 * (nothing written) when it does not fit.
 *
 * @example
 * ```ts
 * import { encodeIdentifyInto, identifyEncodedLength } from 'identify-wire'
 * const msg = { protocols: ['/ipfs/id/1.0.0'] }
 * const n = identifyEncodedLength(msg) // → 16
 * const out = new Uint8Array(1 + n)
 * out[0] = n // a one-byte length prefix (n < 128), then the body
 * encodeIdentifyInto(msg, out, 1) // → 16
 * encodeIdentifyInto(msg, new Uint8Array(4), 0) // throws WireError BUFFER_TOO_SMALL at 0
 * ```
 */
export function encodeIdentifyInto (message: IdentifyInput, target: Uint8Array, offset: number): number {
  const n = size(message)
  if (!(offset >= 0 && offset % 1 === 0)) throw new RangeError('offset')
  if (offset + n > bytesArg(target).length) fail('BUFFER_TOO_SMALL', offset)
  return write(message, target, offset) - offset
}

// Outputs of at most 8 KB are carved from a shared 64 KB slab, as Node's allocUnsafe does with its 8 KB pool
// (and so protobufjs and protons in Node): a fresh zero-filled ArrayBuffer costs more than the encoding itself.
// Measured (node 20, this machine): new Uint8Array(300) ~350 ns, (1100) ~1.1 us, (8192) 1.7-4.5 us; a slab
// subarray ~40 ns. peer-bench encode: 2.2x protobufjs with this slab, 0.96-1.45x with a 16 KB slab / 2 KB cap.
let slab: Uint8Array = EMPTY
let slabPos = 0

/**
 * Encodes `message` in field-number order with minimal varints: exact size first, one allocation.
 * An output of at most 8 KB may share its ArrayBuffer with other outputs (like a Node Buffer): `.slice()` it
 * before transferring `.buffer` to a worker. Wrong field types throw TypeError.
 *
 * @example
 * ```ts
 * import { encodeIdentify, decodeIdentify } from 'identify-wire'
 * const bytes = encodeIdentify({ protocolVersion: 'ipfs/0.1.0', protocols: ['/ipfs/id/1.0.0'] })
 * bytes.length // → 28
 * decodeIdentify(bytes).protocolVersion // → 'ipfs/0.1.0'
 * const owned = bytes.slice() // its own ArrayBuffer, safe to transfer
 * ```
 */
export function encodeIdentify (message: IdentifyInput): Uint8Array {
  const n = size(message)
  let out: Uint8Array
  if (n > 8192) out = new Uint8Array(n)
  else {
    // a transferred slab is detached (byteLength 0): start a new one
    if (slabPos + n > slab.length || slab.byteLength === 0) slab = new Uint8Array(65536), slabPos = 0
    out = slab.subarray(slabPos, slabPos += n)
    slabPos = (slabPos + 7) & ~7
  }
  write(message, out, 0)
  return out
}
