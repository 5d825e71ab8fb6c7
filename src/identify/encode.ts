// Encoding one Identify body (libp2p identify spec v1.0.0, field 8 signedPeerRecord from specs PR #630): fields in
// number order 1..6, 8, then the unknown fields in their given order; minimal varints. Each input value is read once
// into a snapshot, which alone is then sized and written. No length prefix and no frame split here (stream-encode.ts).

import { WireError } from '../errors.js'
import { varintLength, writeVarint } from '../wire/varint.js'
import { consumeFieldValue, MAX_FIELD_NUMBER } from '../wire/tag.js'
import { TA, TAG, LENGTH } from '../wire/bytes.js'
import { NAMES, type IdentifyInput, type UnknownField } from './message.js'

/**
 * Largest body the encoders write: 64 MiB. A larger input throws RangeError as soon as the values read so far
 * exceed it, before the output is allocated. Readers take at most 8 KiB per frame (go-libp2p and js-libp2p
 * `maxMessageSize`; rust-libp2p 4 KiB) and about ten frames, so no peer reads even 1 MiB; the bound keeps the work
 * on a runaway input finite and far below the engines' limits (V8 strings hold fewer than 2^29 chars).
 */
export const MAX_ENCODED_SIZE = 0x4000000

/**
 * A message's values, each read once from the caller's object, as its fields in write order. Bytes values are the
 * caller's arrays, not copies: no user code runs between the snapshot and the write, and the write is bounded.
 */
export type Snapshot = [
  /** Per field: its tag (field number * 8 + wire type), value and length (bytes; UTF-16 units for a string). */
  keys: number[],
  vals: Array<Uint8Array | string>,
  lens: number[],
  /** The unknown fields are fields `k0 ..` (their values are raw: a LEN value carries its length prefix). */
  k0: number,
  /**
   * The protocols as ONE string of tag char, length char and text per protocol; undefined when a text has 128 UTF-16
   * units or more, or when there are more than 1024 protocols. When every char is ASCII this string is its own UTF-8, written by one TextEncoder.encodeInto.
   * Measured on the 8 KB vector's 66 protocols (node 20): charCodeAt loops (length + write) ~27 us, encodeInto per
   * string ~6.7 us, one run ~2.4 us (per-message figures: `npm run bench -- encode`).
   */
  run: string | undefined,
  /** The body's size when every string is ASCII (exact then, a lower bound otherwise). */
  low: number
]

const FIELDS = [1, 2, 3, 4, 5, 6, 8, 9]

/** TypeError naming the field: `protocols[3]`. */
function bad (name: string, i = -1): never {
  throw new TypeError(i < 0 ? name : `${name}[${i}]`)
}

function tooBig (): never {
  throw new RangeError('MAX_ENCODED_SIZE')
}

/**
 * Reads `m` once (each property, each list length and entry, once) and checks it: TypeError naming the field for a
 * wrong type, a hole or null in a list, an unknown field that is malformed or that decoding would read as a known
 * field; RangeError when the body would exceed {@link MAX_ENCODED_SIZE}.
 */
export function snapshotIdentify (m: IdentifyInput): Snapshot {
  if (typeof m !== 'object' || m === null) bad('message')
  const keys: number[] = []
  const vals: Array<Uint8Array | string> = []
  const lens: number[] = []
  let run: string | undefined = ''
  let low = 0
  let k0 = 0
  for (let k = 0; k < 8; k++) {
    const f = FIELDS[k]!
    const name = NAMES[f]!
    const v = (m as Record<string, unknown>)[name]
    if (f === 9) k0 = keys.length
    if (v == null) continue
    const list = f === 2 || f === 3 || f === 9
    const n: unknown = !list ? 1 : Array.isArray(v) ? v.length : bad(name) // a Proxy of an array may answer anything
    if (!(typeof n === 'number' && n >= 0 && n % 1 === 0)) bad(name)
    if (n > MAX_ENCODED_SIZE / 2) tooBig() // every entry takes 2 bytes at least
    for (let i = 0; i < n; i++) {
      let x: unknown = list ? (v as unknown[])[i] : v
      let key = f * 8 + 2
      let len: number
      if (f === 9) {
        const { field, wireType, bytes } = (x ?? bad(name, i)) as UnknownField
        x = bytes
        // A LEN field 1..6 or 8 would decode as that field (decode(encode(m)) must give m): refused. Other wire types
        // on those numbers are what a lenient decoder keeps as unknown fields, so they pass. consumeFieldValue
        // refuses wire types other than 0, 1, 2 and 5, and bytes that are not one value of the wire type.
        if (!(typeof field === 'number' && field >= 1 && field <= MAX_FIELD_NUMBER && field % 1 === 0 &&
          !(wireType === 2 && field < 9 && field !== 7) && TAG.call(x) === 'Uint8Array')) bad(name, i)
        key = field * 8 + wireType
        len = LENGTH.call(x)
        if (consumeFieldValue(x as Uint8Array, 0, len, wireType) !== len) bad(name, i)
        low += varintLength(key) - 1 - varintLength(len) // no length prefix of its own
      } else if (f === 3 || f === 5 || f === 6) {
        if (typeof x !== 'string') bad(name, list ? i : -1)
        len = x.length
        // (at most 1024 protocols, go-libp2p's cap: beyond, the run's cons cells would cost more than the output)
        if (f === 3) run = run !== undefined && len < 128 && i < 1024 ? run + HDR[len]! + x : undefined
      } else {
        if (TAG.call(x) !== 'Uint8Array') bad(name, list ? i : -1)
        len = LENGTH.call(x)
      }
      keys.push(key)
      vals.push(x as Uint8Array | string)
      lens.push(len)
      if ((low += 1 + varintLength(len) + len) > MAX_ENCODED_SIZE) tooBig()
    }
  }
  return [keys, vals, lens, k0, run, low]
}

const te = /* @__PURE__ */ new TextEncoder()
/** A protocol's tag and one-byte length as the run's 2 chars, per length 0..127 (constant). */
const HDR = /* @__PURE__ */ Array.from({ length: 128 }, (_, n) => String.fromCharCode(0x1a, n))

/**
 * Writes `s` into `t`, which is exactly its size, so nothing can be written past it; returns the end. Strings come
 * from `strs` (each string's UTF-8, in write order) or, without it, are assumed ASCII (one byte per UTF-16 unit) and
 * written by encodeInto: -1 when one is not. Each value takes exactly its snapshot length: were one grown meanwhile
 * (another thread growing a SharedArrayBuffer: no code of the caller's runs here), set() writes past it and the next
 * field overwrites that, or set() throws RangeError at the end of `t`; bytes beyond the snapshot are never kept.
 */
function write ([keys, vals, lens, k0, run]: Snapshot, t: Uint8Array, strs?: Uint8Array[]): number {
  let pos = 0
  let j = 0
  for (let i = 0; i < keys.length; i++) {
    let v = vals[i]!
    let n = lens[i]!
    const key = keys[i]!
    if (typeof v === 'string' && strs) n = (v = strs[j++]!).length
    else if (key === 0x1a && run !== undefined) {
      // All of the run read into exactly its length in bytes: one byte per char, ASCII.
      if (te.encodeInto(run, t.subarray(pos, pos += run.length)).read !== run.length) return -1
      while (keys[i + 1] === 0x1a) i++
      continue
    }
    // One-byte tags and lengths inline; values of at most 32 bytes copied by a loop (set() and subarray() cost more
    // than the copy there). Measured (node 20, loaded 2-core machine, CPU time per recorded vector message, both
    // ways interleaved in one process, 4 runs): 3.2-4.7 us this way against 4.0-5.5 us with writeVarint, set() and
    // encodeInto for every field, 4-22% less (`npm run build && npm run bench -- encode` for per-message figures).
    if (key < 0x80) t[pos++] = key
    else pos += writeVarint(t, pos, key)
    if (i < k0) {
      if (n < 0x80) t[pos++] = n
      else pos += writeVarint(t, pos, n)
    }
    if (typeof v !== 'string') {
      if (n > 32) t.set(v, pos)
      else for (let k = 0; k < n; k++) t[pos + k] = v[k]!
    } else if (n > 32 || strs) {
      if (n > 0 && te.encodeInto(v, t.subarray(pos, pos + n)).read !== n) return -1
    } else {
      for (let k = 0; k < n; k++) {
        const c = v.charCodeAt(k)
        if (c > 0x7f) return -1
        t[pos + k] = c
      }
    }
    pos += n
  }
  return pos
}

/** `s` encoded, in a new array of exactly its size. */
export function encodeSnapshot (s: Snapshot): Uint8Array {
  // Optimistic: the strings are ASCII (all of them in practice), written without a pass to check.
  const [, vals, lens, , , low] = s
  let out = new Uint8Array(low)
  if (write(s, out) >= 0) return out
  // Otherwise each string's UTF-8 first (lone surrogates become U+FFFD): memory proportional to the output.
  const strs: Uint8Array[] = []
  let n = low
  vals.forEach((v, i) => {
    if (typeof v !== 'string') return
    const b = te.encode(v)
    strs.push(b)
    if ((n += varintLength(b.length) + b.length - varintLength(lens[i]!) - lens[i]!) > MAX_ENCODED_SIZE) tooBig()
  })
  out = new Uint8Array(n)
  write(s, out, strs)
  return out
}

/**
 * Exact size in bytes of {@link encodeIdentify}'s output for `message`, same checks. It costs an encode (the
 * strings' UTF-8 lengths come from encoding them).
 *
 * @example
 * ```ts
 * import { identifyEncodedLength } from 'identify-wire'
 * identifyEncodedLength({ protocols: ['/ipfs/id/1.0.0'] }) // → 16 (tag, length, 14 bytes)
 * identifyEncodedLength({ agentVersion: 'h\u00e9' }) // → 5 (tag, length, 3 bytes of UTF-8)
 * ```
 */
export function identifyEncodedLength (message: IdentifyInput): number {
  return encodeIdentify(message).length
}

/**
 * Writes `message` at `target[offset]` and returns the bytes written; throws WireError BUFFER_TOO_SMALL
 * (nothing written) when it does not fit. Nothing is ever written outside `target[offset .. offset + returned)`.
 * Same checks as encodeIdentify; a `target` that is not a Uint8Array is a TypeError, an `offset` that is not a
 * non-negative integer a RangeError.
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
  const b = encodeIdentify(message)
  if (TAG.call(target) !== 'Uint8Array') bad('target')
  const room = LENGTH.call(target)
  if (!(typeof offset === 'number' && offset >= 0 && offset % 1 === 0)) throw new RangeError('offset')
  if (offset + b.length > room) throw new WireError('BUFFER_TOO_SMALL', offset, `${b.length} bytes needed, ${room - offset} available`)
  // %TypedArray%.prototype.set writes exactly b.length bytes at offset, within what target holds, whatever its methods
  TA.set.call(target, b, offset)
  return b.length
}

/**
 * Encodes `message` in field-number order with minimal varints into a new Uint8Array of its own (not shared with any
 * other output). Reads each value of `message` once. Wrong field types, null or missing list entries and unknown
 * fields that are malformed or carry a known field (LEN field 1..6 or 8) throw TypeError naming the field
 * (`protocols[3]`); a body over {@link MAX_ENCODED_SIZE} throws RangeError.
 *
 * @example
 * ```ts
 * import { encodeIdentify, decodeIdentify } from 'identify-wire'
 * const bytes = encodeIdentify({ protocolVersion: 'ipfs/0.1.0', protocols: ['/ipfs/id/1.0.0'] })
 * bytes.length // → 28
 * decodeIdentify(bytes).protocolVersion // → 'ipfs/0.1.0'
 * encodeIdentify({ protocols: ['/a', null] }) // throws TypeError (protocols[1])
 * ```
 */
export function encodeIdentify (message: IdentifyInput): Uint8Array {
  return encodeSnapshot(snapshotIdentify(message))
}
