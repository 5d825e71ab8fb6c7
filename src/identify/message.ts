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

/** Field path of the value being read, for errors only (built lazily: a template string per field costs time). */
function pathOf (field: number, m: Identify): string {
  return field === 2 ? `listenAddrs[${m.listenAddrs.length}]` : field === 3 ? `protocols[${m.protocols.length}]` : NAMES[field]!
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
  // Strings are decoded a run at a time: consecutive string fields with 1-byte lengths (tags and lengths are ASCII
  // too) go through ONE decodeUtf8 call; when the result has one char per byte, char i is byte i, and each string
  // is a slice of it (an invalid byte cannot join a neighbour string's bytes: tags and lengths are no continuation
  // bytes, so the maximal subparts are those of the string alone). Measured (node 20, this machine): TextDecoder ~75 ns per call + ~0.13 ns/byte, a JS
  // char loop ~7 ns/byte, String#slice ~6 ns; the 8 KB vector's 66 protocols: 66 calls ~8 us, one run ~1.4 us.
  let win = '' // buf[ws..we) decoded, one char per byte
  let ws = 0
  let we = 0
  let noWin = 0 // strings ending at or before this lie in a non-ASCII run: decoded one by one
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
      if (wt !== LEN) {
        if (strict) throw new WireError('WIRE_TYPE_MISMATCH', at, `wire type ${wt} for a LEN field`, { path: pathOf(field, msg) })
      } else {
        n = consumeVarint(buf, pos, end)
        if (n < 0) throw statusError(n, pos < end ? pos : at, pathOf(field, msg))
        const len = varintValue
        if (strict && buf[pos + n - 1] === 0 && n > 1) throw new WireError('VARINT_NON_MINIMAL', pos, 'non-minimal length', { path: pathOf(field, msg) })
        const s = pos + n
        if (len > end - s) throw new WireError('LENGTH_OUT_OF_BOUNDS', pos, 'declared length exceeds the input', { path: pathOf(field, msg) })
        pos = s + len
        if (field === 3 || field === 5 || field === 6) {
          if (field === 3 && protocols.length >= maxProtocols) throw new WireError('TOO_MANY_PROTOCOLS', at, 'more protocols than maxProtocols', { path: pathOf(3, msg) })
          let str: string | undefined
          if (pos > we && pos > noWin) {
            let q = pos
            for (let c = buf[q]; (c === 0x1a || c === 0x2a || c === 0x32) && q + 1 < end && buf[q + 1]! < 0x80 && q + 2 + buf[q + 1]! <= end; c = buf[q]) q += 2 + buf[q + 1]!
            const w = decodeUtf8(buf, s, q)
            // one char per byte: every byte was ASCII or (lenient only) an invalid byte become U+FFFD on its own
            if (w.length === q - s && !(strict && w.includes('\ufffd'))) {
              win = w
              ws = s
              we = q
            } else {
              noWin = q
              if (q === pos && !strict) str = w
            }
          }
          if (str === undefined) {
            if (pos <= we) str = win.slice(s - ws, pos - ws)
            else {
              const bad = strict ? validateUtf8(buf, s, pos) : -1
              if (bad >= 0) throw new WireError('INVALID_UTF8', bad, 'invalid UTF-8', { path: pathOf(field, msg) })
              str = decodeUtf8(buf, s, pos)
            }
          }
          if (field === 3) protocols.push(str)
          else if (field === 5) msg.protocolVersion = str
          else msg.agentVersion = str
        } else {
          if (field === 2 && listenAddrs.length >= maxAddrs) throw new WireError('TOO_MANY_LISTEN_ADDRS', at, 'more listen addresses than maxListenAddrs', { path: pathOf(2, msg) })
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
//
// Strings: a run of string fields (the protocols; protocolVersion + agentVersion) is built as ONE JS string of
// tag char, length char and text, which is valid UTF-8 byte for byte when every char is ASCII and every text is
// shorter than 128; one TextEncoder.encodeInto then writes the whole run. Measured (node 20, this machine) on the
// 8 KB vector's 66 protocols: JS charCodeAt loops (length + write) ~27 us, encodeInto per string ~6.7 us, one run
// ~2.4 us. A run with other chars falls back to the per-string JS writer (lone surrogates become U+FFFD).

let te: TextEncoder | undefined

function arr<T> (a: T[]): T[] {
  if (!Array.isArray(a)) throw new TypeError('expected an array')
  return a
}

function str (s: unknown): string | undefined {
  if (s != null && typeof s !== 'string') throw new TypeError('expected a string')
  return s ?? undefined
}

function bytesSize (b: Uint8Array | undefined): number {
  return b == null ? 0 : 1 + varintLength(bytesArg(b).length) + b.length
}

function strSize (s: string | undefined): number {
  if (s == null) return 0
  const n = utf8Length(s)
  return 1 + varintLength(n) + n
}

/** Appends field `key` with text `s` to the ASCII run `c`; undefined once the run cannot be ASCII. */
function run (c: string | undefined, key: number, s: string | undefined): string | undefined {
  return c === undefined || s === undefined ? c : s.length < 128 ? c + String.fromCharCode(key, s.length) + s : undefined
}

const EMPTY = new Uint8Array(0)
const scratch = [EMPTY, EMPTY]

/**
 * UTF-8 of run `c`, written into scratch buffer `k` (reused across calls up to 64 KB), when it is one byte per
 * char (every char ASCII), else undefined. write() copies these bytes: cheaper than encoding the run again.
 */
function encodeRun (c: string | undefined, k: number): Uint8Array | undefined {
  if (c === undefined) return undefined
  if (c.length === 0) return EMPTY
  let s = scratch[k]!
  if (s.length < c.length) {
    s = new Uint8Array(c.length + 256)
    if (c.length <= 65536) scratch[k] = s
  }
  const r = (te ??= new TextEncoder()).encodeInto(c, s)
  return r.written === c.length && r.read === c.length ? s.subarray(0, c.length) : undefined
}

// What size() found, for write() right after it.
let runP: Uint8Array | undefined
let runV: Uint8Array | undefined

/** Exact encoded size; checks the caller's types (TypeError) and plans the string runs. */
function size (m: IdentifyInput): number {
  if (typeof m !== 'object' || m === null) throw new TypeError('expected an Identify object')
  let n = bytesSize(m.publicKey) + bytesSize(m.observedAddr) + bytesSize(m.signedPeerRecord)
  const pv = str(m.protocolVersion)
  const av = str(m.agentVersion)
  let c: string | undefined = ''
  if (m.listenAddrs != null) for (const a of arr(m.listenAddrs)) n += bytesSize(a)
  if (m.protocols != null) for (const p of arr(m.protocols)) c = run(c, 0x1a, str(p) ?? (void bytesArg(p) as never))
  runP = encodeRun(c, 0)
  if (runP !== undefined) n += runP.length
  else for (const p of m.protocols!) n += strSize(p)
  runV = encodeRun(run(run('', 0x2a, pv), 0x32, av), 1)
  n += runV !== undefined ? runV.length : strSize(pv) + strSize(av)
  if (m.unknownFields != null) {
    for (const u of arr(m.unknownFields)) {
      const f = u?.field
      if (!(f >= 1 && f <= MAX_FIELD_NUMBER && f % 1 === 0) || consumeFieldValue(bytesArg(u.bytes), 0, u.bytes.length, u.wireType) !== u.bytes.length) {
        throw new TypeError('unknownFields: not a field number with one raw value of its wire type')
      }
      n += varintLength(f * 8 + u.wireType) + u.bytes.length
    }
  }
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

function putRun (t: Uint8Array, pos: number, b: Uint8Array): number {
  t.set(b, pos)
  return pos + b.length
}

/** Exact size in bytes of {@link encodeIdentify}'s output for `message`. */
export function identifyEncodedLength (message: IdentifyInput): number {
  return size(message)
}

/**
 * Writes `message` at `target[offset]` and returns the bytes written; throws WireError BUFFER_TOO_SMALL
 * (nothing written) when it does not fit.
 */
export function encodeIdentifyInto (message: IdentifyInput, target: Uint8Array, offset: number): number {
  const n = size(message)
  bytesArg(target)
  if (!(offset >= 0 && offset % 1 === 0)) throw new RangeError('invalid offset')
  if (offset + n > target.length) throw new WireError('BUFFER_TOO_SMALL', offset, `needs ${n} bytes`)
  return write(message, target, offset) - offset
}

// Outputs of at most 2 KB are carved from a shared 16 KB slab, as Node's Buffer.allocUnsafe does (and so
// protobufjs and protons in Node): a fresh zero-filled ArrayBuffer costs more than the encoding itself.
// Measured (node 20, this machine): new Uint8Array(300) ~350 ns, (1100) ~1.1 us; a slab subarray ~40 ns.
let slab = EMPTY
let slabPos = 0

/**
 * Encodes `message` in field-number order with minimal varints: exact size first, one allocation.
 * An output of at most 2 KB may share its ArrayBuffer with other outputs (like a Node Buffer): `.slice()` it
 * before transferring `.buffer` to a worker.
 */
export function encodeIdentify (message: IdentifyInput): Uint8Array {
  const n = size(message)
  let out: Uint8Array
  if (n > 2048) out = new Uint8Array(n)
  else {
    // a transferred slab is detached (byteLength 0): start a new one
    if (slabPos + n > slab.length || slab.byteLength === 0) slab = new Uint8Array(16384), slabPos = 0
    out = slab.subarray(slabPos, slabPos += n)
    slabPos = (slabPos + 7) & ~7
  }
  write(message, out, 0)
  return out
}

function write (m: IdentifyInput, t: Uint8Array, pos: number): number {
  const p = runP
  const v = runV
  pos = putBytes(t, pos, 0x0a, m.publicKey)
  if (m.listenAddrs != null) for (const a of m.listenAddrs) pos = putBytes(t, pos, 0x12, a)
  if (p !== undefined) pos = putRun(t, pos, p)
  else for (const s of m.protocols!) pos = putStr(t, pos, 0x1a, s)
  pos = putBytes(t, pos, 0x22, m.observedAddr)
  if (v !== undefined) pos = putRun(t, pos, v)
  else pos = putStr(t, putStr(t, pos, 0x2a, m.protocolVersion), 0x32, m.agentVersion)
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
