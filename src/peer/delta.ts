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
  /** Most protocol strings (added + removed) accepted; one more throws TOO_MANY_PROTOCOLS. Default 1024 (go's cap). */
  maxProtocols?: number
}

/** The Identify field number that carries a Delta. */
export const DELTA_FIELD = 7

function decodeRange (buf: Uint8Array, start: number, end: number, options?: DecodeDeltaOptions): Delta {
  const strict = options?.strict === true
  const max = options?.maxProtocols ?? 1024
  const delta: Delta = { addedProtocols: [], rmProtocols: [] }
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
  return decodeRange(bytes, 0, bytes.length, options)
}

function checkDelta (delta: Delta): void {
  if (delta === null || typeof delta !== 'object' || !Array.isArray(delta.addedProtocols) || !Array.isArray(delta.rmProtocols)) {
    throw new TypeError('delta must be { addedProtocols: string[], rmProtocols: string[] }')
  }
  for (const p of delta.addedProtocols) if (typeof p !== 'string') throw new TypeError('protocols must be strings')
  for (const p of delta.rmProtocols) if (typeof p !== 'string') throw new TypeError('protocols must be strings')
}

function size (delta: Delta): number {
  let n = 0
  for (const p of delta.addedProtocols) { const l = utf8Length(p); n += 1 + varintLength(l) + l }
  for (const p of delta.rmProtocols) { const l = utf8Length(p); n += 1 + varintLength(l) + l }
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
  checkDelta(delta)
  return size(delta)
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
  checkDelta(delta)
  const out = new Uint8Array(size(delta))
  write(delta, out, 0)
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
  checkDelta(delta)
  const n = size(delta)
  const bytes = new Uint8Array(varintLength(n) + n)
  write(delta, bytes, writeVarint(bytes, 0, n))
  return { field: DELTA_FIELD, wireType: LEN, bytes }
}

/**
 * The Delta carried in field 7 of an Identify decoded with `preserveUnknown: true`, or undefined when there is none.
 * Several LEN occurrences merge (protobuf: an embedded message given twice is merged, repeated fields append).
 * A VARINT field 7 (the proposed `sequence`) is ignored. Error offsets are relative to the field's value bytes.
 * `options` as for {@link decodeDelta}.
 *
 * @example
 * ```ts
 * const delta = deltaFromIdentify(decodeIdentify(body, { preserveUnknown: true }))
 * if (delta !== undefined) protocols = applyDelta(protocols, delta)
 * ```
 */
export function deltaFromIdentify (message: { unknownFields?: UnknownField[] | undefined }, options?: DecodeDeltaOptions): Delta | undefined {
  if (message === null || typeof message !== 'object') throw new TypeError('message must be a decoded Identify')
  let out: Delta | undefined
  for (const u of message.unknownFields ?? []) {
    if (u.field !== DELTA_FIELD || u.wireType !== LEN) continue
    const len = decodeVarint(u.bytes, 0, u.bytes.length)
    if (len < 0) throw statusError(len, 0, 'delta')
    const n = consumeVarint(u.bytes, 0, u.bytes.length)
    if (len !== u.bytes.length - n) throw new WireError('LENGTH_OUT_OF_BOUNDS', 0, 'length', { path: 'delta' })
    const d = decodeRange(u.bytes, n, u.bytes.length, options)
    if (out === undefined) out = d
    else { out.addedProtocols.push(...d.addedProtocols); out.rmProtocols.push(...d.rmProtocols) }
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
  checkDelta(delta)
  const out: string[] = []
  const seen = new Set<string>()
  for (const p of [...protocols, ...delta.addedProtocols]) if (!seen.has(p)) { seen.add(p); out.push(p) }
  const rm = new Set(delta.rmProtocols)
  return out.filter((p) => !rm.has(p))
}
