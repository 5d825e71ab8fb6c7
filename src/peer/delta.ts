// Identify Delta (/p2p/id/delta/1.0.0, go-libp2p <= v0.24, cpp, nim): `Delta { repeated string added_protocols = 1;
// repeated string rm_protocols = 2; }` carried in Identify field 7 when that field is length-delimited. A VARINT
// field 7 (specs PR #502's proposed `sequence`) is not a Delta and is left alone.

import { WireError } from '../errors.js'
import { LEN } from '../wire/tag.js'
import { readField, FieldCursor } from '../wire/field.js'
import { consumeVarint, decodeVarint, varintLength, writeVarint } from '../wire/varint.js'
import { statusError } from '../wire/status.js'
import { decodeUtf8, validateUtf8, utf8Length, writeUtf8 } from '../wire/utf8.js'
import type { UnknownField } from '../identify/message.js'
import { dedupStrings } from '../identify/merge.js'
import { MAX_ENCODED_SIZE } from '../identify/encode.js'

/** An Identify Delta (/p2p/id/delta/1.0.0): protocols the peer added and removed since its last Identify. */
export interface Delta {
  /** Field 1 `added_protocols`: protocol ids now supported, in wire order. */
  addedProtocols: string[]
  /** Field 2 `rm_protocols`: protocol ids no longer supported, in wire order. */
  rmProtocols: string[]
}

/** Options of {@link decodeDelta} and {@link deltaFromIdentify}; all optional (lenient, at most 1024 protocols). */
export interface DecodeDeltaOptions {
  /** Reject invalid UTF-8 (INVALID_UTF8) and wire-type mismatches on fields 1 and 2 (WIRE_TYPE_MISMATCH). Default false. */
  strict?: boolean
  /**
   * Most protocol strings (added + removed, over all the field-7 occurrences merged by deltaFromIdentify) accepted;
   * one more throws TOO_MANY_PROTOCOLS. A non-negative integer or Infinity; default 1024 (go's cap).
   */
  maxProtocols?: number
}

/** Checked options: TypeError for anything but an object with `strict` boolean and `maxProtocols` a count. */
function optionsOf (options: DecodeDeltaOptions | undefined): { strict: boolean, max: number } {
  if (options === undefined) return { strict: false, max: 1024 }
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object')
  const { strict, maxProtocols: max = 1024 } = options
  if (strict !== undefined && typeof strict !== 'boolean') throw new TypeError('strict must be a boolean')
  if (typeof max !== 'number' || !(max >= 0) || (max !== Infinity && max % 1 !== 0)) throw new TypeError('maxProtocols must be a non-negative integer or Infinity')
  return { strict: strict === true, max }
}

/** The Identify field number that carries a Delta. */
export const DELTA_FIELD = 7

/** Decodes `buf[start..end)` onto `delta` (appending), `max` counting the protocols `delta` already holds. */
function decodeRange (buf: Uint8Array, start: number, end: number, strict: boolean, max: number, delta: Delta): Delta {
  const c = new FieldCursor()
  let pos = start
  while (pos < end) {
    const at = pos
    const next = readField(buf, pos, end, 'delta', c)
    const field = c.field; const wt = c.wireType
    if ((field === 1 || field === 2) && wt === LEN) {
      const list = field === 1 ? delta.addedProtocols : delta.rmProtocols
      const path = `delta.${field === 1 ? 'addedProtocols' : 'rmProtocols'}[${list.length}]`
      if (delta.addedProtocols.length + delta.rmProtocols.length >= max) throw new WireError('TOO_MANY_PROTOCOLS', at, 'maxProtocols', { path })
      const s = c.value
      if (strict) {
        const bad = validateUtf8(buf, s, next)
        if (bad >= 0) throw new WireError('INVALID_UTF8', bad, 'invalid UTF-8', { path })
      }
      list.push(decodeUtf8(buf, s, next))
    } else if (strict && (field === 1 || field === 2)) {
      throw new WireError('WIRE_TYPE_MISMATCH', at, 'wire type', { path: 'delta' })
    }
    pos = next
  }
  return delta
}

/**
 * Decodes a Delta message body. Unknown fields are skipped; invalid UTF-8 becomes U+FFFD unless `strict`.
 * Throws WireError (wire-level codes, TOO_MANY_PROTOCOLS, and in strict mode INVALID_UTF8 / WIRE_TYPE_MISMATCH).
 *
 * @example
 * ```ts
 * const d = decodeDelta(body, { strict: true, maxProtocols: 256 })
 * // { addedProtocols: ['/foo/1.0.0'], rmProtocols: ['/bar/1.0.0'] }
 * ```
 */
export function decodeDelta (bytes: Uint8Array, options?: DecodeDeltaOptions): Delta {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
  const { strict, max } = optionsOf(options)
  return decodeRange(bytes, 0, bytes.length, strict, max, { addedProtocols: [], rmProtocols: [] })
}

/**
 * The Delta's two lists read once (each property, length and entry) into new arrays, checked: TypeError naming the
 * entry (`addedProtocols[2]`) unless strings. Encoders size and write this copy only.
 */
function checkDelta (delta: Delta): Delta {
  if (delta === null || typeof delta !== 'object') throw new TypeError('delta must be { addedProtocols: string[], rmProtocols: string[] }')
  const copy = (list: unknown, name: string): string[] => {
    if (!Array.isArray(list)) throw new TypeError(`${name} must be an array of strings`)
    const out: string[] = []
    for (let i = 0, n = list.length; i < n; i++) {
      const p: unknown = list[i]
      if (typeof p !== 'string') throw new TypeError(`${name}[${i}] must be a string`)
      out.push(p)
    }
    return out
  }
  return { addedProtocols: copy(delta.addedProtocols, 'addedProtocols'), rmProtocols: copy(delta.rmProtocols, 'rmProtocols') }
}

function size (delta: Delta): number {
  let n = 0
  for (const p of delta.addedProtocols) { const l = utf8Length(p); n += 1 + varintLength(l) + l }
  for (const p of delta.rmProtocols) { const l = utf8Length(p); n += 1 + varintLength(l) + l }
  if (n > MAX_ENCODED_SIZE) throw new RangeError('delta larger than MAX_ENCODED_SIZE')
  return n
}

/**
 * Exact size of {@link encodeDelta}'s output.
 *
 * @example
 * ```ts
 * deltaEncodedLength({ addedProtocols: ['/foo/1.0.0'], rmProtocols: [] }) // 12: tag, length, 10 bytes
 * ```
 */
export function deltaEncodedLength (delta: Delta): number {
  return size(checkDelta(delta))
}

function write (delta: Delta, out: Uint8Array, pos: number): number {
  for (const [key, list] of [[0x0a, delta.addedProtocols], [0x12, delta.rmProtocols]] as const) {
    for (const p of list) {
      out[pos++] = key
      pos += writeVarint(out, pos, utf8Length(p))
      pos += writeUtf8(out, pos, p)
    }
  }
  return pos
}

/**
 * Encodes a Delta body: field 1 strings, then field 2 strings, minimal varints; lone surrogates become U+FFFD.
 *
 * @example
 * ```ts
 * const body = encodeDelta({ addedProtocols: ['/foo/1.0.0'], rmProtocols: ['/bar/1.0.0'] })
 * // 0a 0a "/foo/1.0.0" 12 0a "/bar/1.0.0" (24 bytes); decodeDelta(body) gives the Delta back
 * ```
 */
export function encodeDelta (delta: Delta): Uint8Array {
  const d = checkDelta(delta)
  const out = new Uint8Array(size(d))
  write(d, out, 0)
  return out
}

/**
 * The Identify unknown field (field 7, LEN) that carries `delta`, ready for `encodeIdentify({ unknownFields })`.
 * `bytes` is the field's value including its length prefix.
 *
 * @example
 * ```ts
 * const push = encodeIdentify({ unknownFields: [deltaToUnknownField({ addedProtocols: ['/foo/1.0.0'], rmProtocols: [] })] })
 * ```
 */
export function deltaToUnknownField (delta: Delta): UnknownField {
  const d = checkDelta(delta)
  const n = size(d)
  const bytes = new Uint8Array(varintLength(n) + n)
  write(d, bytes, writeVarint(bytes, 0, n))
  return { field: DELTA_FIELD, wireType: LEN, bytes }
}

/**
 * The Delta carried in field 7 of an Identify decoded with `preserveUnknown: true`, or undefined when there is none.
 * Several LEN occurrences merge (protobuf: an embedded message given twice is merged, repeated fields append).
 * A VARINT field 7 (the proposed `sequence`) is ignored. Error offsets are relative to the field's value bytes.
 * `options` as for {@link decodeDelta}; `maxProtocols` bounds the merged Delta (all occurrences together).
 *
 * @example
 * ```ts
 * const delta = deltaFromIdentify(decodeIdentify(body, { preserveUnknown: true }))
 * if (delta !== undefined) protocols = applyDelta(protocols, delta)
 * ```
 */
export function deltaFromIdentify (message: { unknownFields?: UnknownField[] | undefined }, options?: DecodeDeltaOptions): Delta | undefined {
  if (message === null || typeof message !== 'object') throw new TypeError('message must be a decoded Identify')
  const { strict, max } = optionsOf(options)
  let out: Delta | undefined
  for (const u of message.unknownFields ?? []) {
    if (u.field !== DELTA_FIELD || u.wireType !== LEN) continue
    const len = decodeVarint(u.bytes, 0, u.bytes.length)
    if (len < 0) throw statusError(len, 0, 'delta')
    const n = consumeVarint(u.bytes, 0, u.bytes.length)
    if (len !== u.bytes.length - n) throw new WireError('LENGTH_OUT_OF_BOUNDS', 0, 'length', { path: 'delta' })
    // every occurrence appends to one Delta: maxProtocols holds for the merged result
    out = decodeRange(u.bytes, n, u.bytes.length, strict, max, out ?? { addedProtocols: [], rmProtocols: [] })
  }
  return out
}

/**
 * Applies a Delta to a protocol list as go-libp2p's consumeDelta does: add `addedProtocols` (appended, no duplicates),
 * then remove `rmProtocols` (so a protocol in both lists ends up removed). Returns a new array; order is kept.
 *
 * @example
 * ```ts
 * applyDelta(['/bar/1.0.0', '/x'], { addedProtocols: ['/foo/1.0.0'], rmProtocols: ['/bar/1.0.0'] })
 * // ['/x', '/foo/1.0.0']
 * ```
 */
export function applyDelta (protocols: readonly string[], delta: Delta): string[] {
  if (!Array.isArray(protocols)) throw new TypeError('protocols must be an array')
  const d = checkDelta(delta)
  // By sorting, not hashing (see dedupStrings): n log n comparisons whatever the strings.
  const all: string[] = []
  for (let i = 0, n = protocols.length; i < n; i++) {
    const p: unknown = protocols[i]
    if (typeof p !== 'string') throw new TypeError(`protocols[${i}] must be a string`)
    all.push(p)
  }
  for (const p of d.addedProtocols) all.push(p)
  const rm = d.rmProtocols.sort()
  return dedupStrings(all).filter((p) => !sortedHas(rm, p))
}

function sortedHas (sorted: readonly string[], s: string): boolean {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < s) lo = mid + 1
    else hi = mid
  }
  return lo < sorted.length && sorted[lo] === s
}
