// Fuzz targets: one libFuzzer-shaped `(data: Uint8Array) => void` per entry point that reads untrusted input.
// Each returns normally on success or on a WireError, and throws InvariantError only when a guarantee is broken.

import {
  WireError, sanitize, sanitizeDetailed, decodeIdentify, decodeIdentifyRange, encodeIdentify, identifyEncodedLength,
  decodeIdentifyStream, IdentifyFrameReader, encodeIdentifyStream, identifyStreamEncodedLength, identifyStreamFrames,
  validateMultiaddr, isValidMultiaddr, protocolByCode, multiaddrToString, multiaddrFromString, multiaddrToDisplayString,
  checkIdentify, decodePublicKey, encodePublicKey, decodeSignedPeerRecord, envelopeSignedBytes, peerIdFromPublicKey,
  parsePeerId, peerIdToString, validatePeerId, decodeDelta, encodeDelta, deltaEncodedLength,
  type SanitizeOptions, type Identify, type DecodeIdentifyOptions, type DecodeIdentifyStreamOptions
} from '../src/index.js'
import { Rng, hashBytes } from './mutate.js'

/** The shape libFuzzer-style JS fuzzers (Jazzer.js, the runner in fuzz/run.mjs) call. */
export type Target = (data: Uint8Array) => void

/** A broken guarantee (the only thing a target throws on purpose). */
export class InvariantError extends Error {
  constructor (message: string) { super(message); this.name = 'InvariantError' }
}

function fail (message: string): never { throw new InvariantError(message) }
function check (cond: boolean, message: string | (() => string)): void {
  if (!cond) fail(typeof message === 'string' ? message : message())
}

// Last outcome of a target: an error code or a coarse shape of the result. The runner keeps mutated inputs that
// produce an outcome not seen before (cheap feedback in place of coverage).
let outcome = ''
/** What the last target call ended with (e.g. `err:TRUNCATED` or `ok:...`). */
export function lastOutcome (): string { return outcome }

function describe (e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`
  return `non-Error thrown: ${String(e)}`
}

/**
 * The error contract: only WireError escapes, with an integer offset in [0, limit] (limit = input length in bytes,
 * or in characters for text; offset == length is allowed and means "truncated at the end").
 */
function expectWireError (e: unknown, limit: number, where: string): WireError {
  if (e instanceof InvariantError) throw e
  if (!(e instanceof WireError)) fail(`${where}: non-WireError escaped: ${describe(e)}`)
  check(typeof e.code === 'string' && e.code.length > 0, `${where}: WireError without a code`)
  check(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= limit,
    () => `${where}: WireError ${e.code} offset ${e.offset} outside [0, ${limit}]`)
  return e
}

function sameBytes (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Runs `fn` on `data` and fails if the caller's buffer changed. */
function untouched<T> (data: Uint8Array, where: string, fn: () => T): T {
  const copy = new Uint8Array(data) // a copy even when data is a Node Buffer (whose slice() is a view)
  try {
    return fn()
  } finally {
    if (!sameBytes(copy, data)) fail(`${where}: the input buffer was modified`)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// sanitize: compared with an independent oracle built on the engine's \p{} classes (Node 20: Unicode 15.x; the
// library's frozen Cf table is identical from 15.0 to 18.0).

const BAD = /[\p{Cc}\p{Cf}\p{Cs}]/u

function isNonchar (c: number): boolean { return (c & 0xfffe) === 0xfffe || (c >= 0xfdd0 && c <= 0xfdef) }

function oracle (s: string, o: SanitizeOptions): { text: string, changed: boolean, truncated: boolean } {
  const max = o.maxCodePoints ?? 128
  let text = ''
  let n = 0
  let changed = false
  let truncated = false
  for (const ch of s) {
    if (n >= max) { truncated = true; break }
    const c = ch.codePointAt(0)!
    const bad = BAD.test(ch) || (o.replaceNoncharacters === true && isNonchar(c)) ||
      (o.replaceLineSeparators === true && (c === 0x2028 || c === 0x2029))
    if (bad) changed = true
    text += bad ? '\uFFFD' : ch
    n++
  }
  return { text, changed, truncated }
}

/** Options chosen from one byte of the data (most runs use the defaults). */
function optionsFrom (b: number | undefined, c: number | undefined): SanitizeOptions {
  if (b === undefined || (b & 0xe0) !== 0xe0) return {}
  const o: SanitizeOptions = {}
  if ((b & 1) !== 0) o.replaceNoncharacters = true
  if ((b & 2) !== 0) o.replaceLineSeparators = true
  if ((b & 4) !== 0) o.maxCodePoints = c ?? 0
  if ((b & 0x1c) === 0x18) o.maxCodePoints = Infinity
  return o
}

function codePoints (s: string): number { let n = 0; for (const _ of s) n++; return n }

function checkSanitized (where: string, input: string, out: string, o: SanitizeOptions): void {
  const max = o.maxCodePoints ?? 128
  check(typeof out === 'string', `${where}: not a string`)
  check(codePoints(out) <= max, () => `${where}: ${codePoints(out)} code points > ${max}`)
  for (const ch of out) {
    const c = ch.codePointAt(0)!
    check(!BAD.test(ch), () => `${where}: output contains U+${c.toString(16).toUpperCase()} (Cc/Cf/Cs)`)
    if (o.replaceNoncharacters === true) check(!isNonchar(c), `${where}: noncharacter kept`)
    if (o.replaceLineSeparators === true) check(c !== 0x2028 && c !== 0x2029, `${where}: line separator kept`)
  }
  check(sanitize(out, o) === out, `${where}: not idempotent`)
  const want = oracle(input, o)
  check(out === want.text, () => `${where}: differs from the oracle: ${JSON.stringify(out)} vs ${JSON.stringify(want.text)}`)
}

/** The data as a JS string: UTF-16LE code units (lone surrogates included), Latin-1, or lenient UTF-8. */
function textFrom (data: Uint8Array): string {
  const mode = data.length === 0 ? 0 : data[0]! & 3
  const rest = data.subarray(1)
  if (mode === 1) return new TextDecoder('utf-8', { ignoreBOM: true }).decode(rest)
  if (mode === 2) { let s = ''; for (const b of rest) s += String.fromCharCode(b); return s }
  let s = ''
  for (let i = 0; i + 1 < rest.length; i += 2) s += String.fromCharCode(rest[i]! | (rest[i + 1]! << 8))
  return s
}

/** sanitize(string): output rules (no Cc/Cf/Cs, <= max code points, idempotent), equal to the oracle, flags right. */
export const sanitizeString: Target = (data) => {
  const o = optionsFrom(data[data.length - 1], data[data.length - 2])
  const s = textFrom(data)
  const r = sanitizeDetailed(s, o)
  checkSanitized('sanitizeString', s, r.text, o)
  const want = oracle(s, o)
  check(r.changed === want.changed, 'sanitizeString: changed flag wrong')
  check(r.truncated === want.truncated, 'sanitizeString: truncated flag wrong')
  check(sanitize(s, o) === r.text, 'sanitizeString: sanitize and sanitizeDetailed differ')
  outcome = `ok:${r.changed ? 'c' : ''}${r.truncated ? 't' : ''}:${Math.min(r.text.length, 130) >> 4}`
}

/** sanitize(bytes): as for strings, and equal to sanitize(WHATWG-decoded text) (one U+FFFD per maximal subpart). */
export const sanitizeBytes: Target = (data) => {
  const o = optionsFrom(data[0], data[1])
  const r = untouched(data, 'sanitizeBytes', () => sanitizeDetailed(data, o))
  const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data)
  checkSanitized('sanitizeBytes', decoded, r.text, o)
  check(r.truncated === oracle(decoded, o).truncated, 'sanitizeBytes: truncated flag wrong')
  // A view into a larger buffer must give the same result as a standalone copy (no reads outside the view).
  const big = new Uint8Array(data.length + 8).fill(0x41)
  big.set(data, 4)
  check(sanitize(big.subarray(4, 4 + data.length), o) === r.text, 'sanitizeBytes: a subarray view reads outside itself')
  outcome = `ok:${r.changed ? 'c' : ''}${r.truncated ? 't' : ''}:${Math.min(r.text.length, 130) >> 4}`
}

// ---------------------------------------------------------------------------------------------------------------
// Structural equality of decoded values (Uint8Array by content), returning the path of the first difference.

function diff (a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || !sameBytes(a, b)) return path || '(root)'
    return undefined
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}.length`
    for (let i = 0; i < a.length; i++) { const d = diff(a[i], b[i], `${path}[${i}]`); if (d !== undefined) return d }
    return undefined
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined).sort()
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort()
    if (ka.join() !== kb.join()) return `${path}{${ka.join()}} vs {${kb.join()}}`
    for (const k of ka) { const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`); if (d !== undefined) return d }
    return undefined
  }
  return path || '(root)'
}

function same (where: string, a: unknown, b: unknown): void {
  const d = diff(a, b)
  if (d !== undefined) fail(`${where}: values differ at ${d}`)
}

type Result<T> = { ok: true, value: T } | { ok: false, error: WireError }

/** Runs a decoder on `data`: the result or the WireError (anything else, or a bad offset, is an invariant failure). */
function attempt<T> (where: string, limit: number, fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() }
  } catch (e) {
    return { ok: false, error: expectWireError(e, limit, where) }
  }
}

function sameOutcome<T> (where: string, a: Result<T>, b: Result<T>, shift = 0): void {
  if (a.ok !== b.ok) fail(`${where}: one succeeds, the other fails (${a.ok ? '' : a.error.code}${b.ok ? '' : b.error.code})`)
  if (a.ok && b.ok) same(where, a.value, b.value)
  if (!a.ok && !b.ok) {
    check(a.error.code === b.error.code && a.error.offset + shift === b.error.offset && a.error.path === b.error.path,
      () => `${where}: errors differ: ${a.error.code}@${a.error.offset} ${a.error.path} vs ${b.error.code}@${b.error.offset - shift} ${b.error.path}`)
  }
}

/** `data` copied into the middle of a larger buffer whose other bytes continue it plausibly (the data again). */
function embedded (data: Uint8Array, before: number): Uint8Array {
  const big = new Uint8Array(before + data.length * 2 + 16).fill(0x0a)
  big.set(data, before)
  big.set(data, before + data.length)
  return big
}

function shape (m: Identify): string {
  const bit = (x: unknown, c: string): string => (x === undefined ? '' : c)
  return `${bit(m.publicKey, 'k')}${bit(m.observedAddr, 'o')}${bit(m.protocolVersion, 'v')}${bit(m.agentVersion, 'a')}` +
    `${bit(m.signedPeerRecord, 's')}${bit(m.unknownFields, 'u')}:${Math.min(m.listenAddrs.length, 3)}${Math.min(m.protocols.length, 3)}`
}

/** Re-encoding: exact size, decodes back to the same value, a byte fixpoint after one round. */
function checkRoundTrip (where: string, m: Identify, options: DecodeIdentifyOptions): void {
  const enc = encodeIdentify(m)
  check(identifyEncodedLength(m) === enc.length, () => `${where}: identifyEncodedLength ${identifyEncodedLength(m)} != encoded ${enc.length}`)
  let m2: Identify
  try { m2 = decodeIdentify(enc, options) } catch (e) { fail(`${where}: the re-encoding does not decode: ${describe(e)}`) }
  same(`${where}: decode(encode(m)) vs m`, m2, m)
  const enc2 = encodeIdentify(m2)
  check(sameBytes(enc, enc2), `${where}: encode(decode(encode(m))) != encode(m)`)
}

function identifyTarget (strict: boolean): Target {
  const where = strict ? 'decodeIdentify(strict)' : 'decodeIdentify'
  const base: DecodeIdentifyOptions = strict ? { strict } : {}
  return (data) => {
    const r = untouched(data, where, () => attempt(where, data.length, () => decodeIdentify(data, base)))
    outcome = r.ok ? `ok:${shape(r.value)}` : `err:${r.error.code}`
    // Views: a subarray inside a larger buffer, and decodeIdentifyRange over that buffer, give the same result.
    const big = embedded(data, 3)
    sameOutcome(`${where} on a subarray view`, r, attempt(where, data.length, () => decodeIdentify(big.subarray(3, 3 + data.length), base)))
    sameOutcome(`${where} via decodeIdentifyRange`, r, attempt(where, big.length, () => decodeIdentifyRange(big, 3, 3 + data.length, base)), 3)
    // Reads confined to the range: continuation bytes around it (they would complete a UTF-8 sequence cut at the
    // end, or extend a varint) change nothing.
    for (const fill of [0xbd, 0x80]) {
      const poison = new Uint8Array(data.length + 8).fill(fill)
      poison.set(data, 4)
      sameOutcome(`${where} with ${fill.toString(16)} bytes around the range`, r, attempt(where, poison.length, () => decodeIdentifyRange(poison, 4, 4 + data.length, base)), 4)
    }
    // Strict accepts a subset of what the default accepts, with the same value.
    const other = attempt(where, data.length, () => decodeIdentify(data, strict ? {} : { strict: true }))
    const [lax, tight] = strict ? [other, r] : [r, other]
    if (tight.ok) {
      check(lax.ok, 'strict accepts what the default rejects')
      if (lax.ok) same('strict vs default', tight.value, lax.value)
    }
    if (!r.ok) return
    const m = r.value
    checkRoundTrip(where, m, base)
    // copy: same values, none of them a view into the input, and unchanged when the input is overwritten afterwards.
    const c = attempt(where, data.length, () => decodeIdentify(data, { ...base, copy: true }))
    sameOutcome(`${where} with copy`, r, c)
    const scratch = new Uint8Array(data)
    const owned = attempt(where, data.length, () => decodeIdentify(scratch, { ...base, copy: true, preserveUnknown: true }))
    scratch.fill(0xee)
    if (owned.ok) {
      const again = attempt(where, data.length, () => decodeIdentify(data, { ...base, preserveUnknown: true }))
      if (again.ok) same(`${where} with copy, input overwritten afterwards`, owned.value, again.value)
    }
    if (c.ok) {
      for (const b of [c.value.publicKey, c.value.observedAddr, c.value.signedPeerRecord, ...c.value.listenAddrs]) {
        check(b === undefined || b.length === 0 || b.buffer !== data.buffer, `${where}: copy returned a view into the input`)
      }
    }
    // preserveUnknown: known fields unchanged; unknown fields survive a round trip.
    const u = attempt(where, data.length, () => decodeIdentify(data, { ...base, preserveUnknown: true }))
    if (!u.ok) fail(`${where}: preserveUnknown fails where the default succeeds: ${u.error.code}`)
    const { unknownFields, ...known } = u.value
    same(`${where} preserveUnknown (known fields)`, known, m)
    if (unknownFields !== undefined) check(unknownFields.length > 0, `${where}: empty unknownFields`)
    checkRoundTrip(`${where} preserveUnknown`, u.value, { ...base, preserveUnknown: true })
    // Count limits: exactly the count passes, one less is refused with the right code.
    for (const [key, count, code] of [['maxProtocols', m.protocols.length, 'TOO_MANY_PROTOCOLS'], ['maxListenAddrs', m.listenAddrs.length, 'TOO_MANY_LISTEN_ADDRS']] as const) {
      check(attempt(where, data.length, () => decodeIdentify(data, { ...base, [key]: count })).ok, `${where}: ${key} = count refused`)
      if (count > 0) {
        const l = attempt(where, data.length, () => decodeIdentify(data, { ...base, [key]: count - 1 }))
        check(!l.ok && l.error.code === code, () => `${where}: ${key} = count - 1 not refused with ${code}`)
      }
    }
  }
}

/** decodeIdentify with default options (lenient: WHATWG replacement, wire-type mismatches skipped). */
export const identify: Target = identifyTarget(false)
/** decodeIdentify with `strict: true`. */
export const identifyStrict: Target = identifyTarget(true)

// ---------------------------------------------------------------------------------------------------------------
// Streams: decodeIdentifyStream and IdentifyFrameReader

/** Stream options chosen from the data's hash: mostly defaults, sometimes strict or tight limits. */
function streamOptions (h: number): DecodeIdentifyStreamOptions {
  const o: DecodeIdentifyStreamOptions = {}
  if ((h & 7) === 0) o.strict = true
  if (((h >>> 3) & 7) === 0) o.maxMessageSize = (h >>> 6) & 63
  else if (((h >>> 3) & 7) === 1) o.maxMessageSize = Infinity // "no limit": huge declared lengths reach the reader
  if (((h >>> 12) & 7) === 0) o.maxFrames = 1 + ((h >>> 15) & 3)
  if (((h >>> 17) & 7) === 0) o.maxProtocols = (h >>> 20) & 7
  if (((h >>> 23) & 7) === 0) o.maxListenAddrs = (h >>> 26) & 7
  return o
}

/** Cuts `data` into chunks chosen from the data itself: single bytes, small pieces, random cuts, empty chunks. */
function chunksOf (data: Uint8Array, rng: Rng): Uint8Array[] {
  const out: Uint8Array[] = []
  const mode = rng.int(5)
  if (mode === 0 && data.length <= 4096) {
    for (let i = 0; i < data.length; i++) out.push(data.subarray(i, i + 1))
    return out
  }
  if (mode === 1) { // two or three cuts
    const cuts = [rng.int(data.length + 1), rng.int(data.length + 1), rng.int(data.length + 1)].sort((a, b) => a - b)
    let at = 0
    for (const c of [...cuts, data.length]) { out.push(data.subarray(at, c)); at = c }
    return out
  }
  for (let i = 0; i < data.length;) {
    const n = mode === 2 ? 1 + rng.int(16) : mode === 3 ? rng.int(data.length - i + 1) : rng.int(3) // 0-length chunks too
    const piece = data.subarray(i, i + n)
    out.push(rng.oneIn(4) ? new Uint8Array(piece) : piece) // copies and views alike
    i += n
  }
  return out
}

function streamTarget (reader: boolean): Target {
  return (data) => {
    const h = hashBytes(data)
    const o = streamOptions(h)
    const where = 'decodeIdentifyStream'
    const r = untouched(data, where, () => attempt(where, data.length, () => decodeIdentifyStream(data, o)))
    outcome = r.ok ? `ok:${shape(r.value)}` : `err:${r.error.code}`
    if (reader) checkReader(data, h, o, r)
    else if (r.ok) checkStreamRoundTrip(r.value, o)
  }
}

/**
 * The reader, fed the same bytes in chunks chosen from the data, must end with the same value or throw the same
 * error; errors other than TRUNCATED must come from push(), as soon as their bytes arrived, never only at end().
 */
function checkReader (data: Uint8Array, h: number, o: DecodeIdentifyStreamOptions, r: Result<Identify>): void {
  const rng = new Rng(h ^ 0x5bd1e995)
  const reader = new IdentifyFrameReader(o)
  let pushed = 0
  let early: WireError | undefined
  const frames: Identify[] = []
  for (const c of chunksOf(data, rng)) {
    try {
      reader.push(c)
    } catch (e) {
      early = expectWireError(e, data.length, 'IdentifyFrameReader.push')
      check(early.offset <= pushed + c.length, () => `IdentifyFrameReader.push: error offset ${early!.offset} beyond the ${pushed + c.length} bytes pushed`)
      break
    }
    pushed += c.length
    check(reader.bytesReceived === pushed, 'IdentifyFrameReader.bytesReceived wrong')
    for (let f = reader.next(); f !== undefined; f = reader.next()) frames.push(f)
  }
  if (early !== undefined) {
    check(!r.ok, () => `IdentifyFrameReader.push throws ${early!.code} where decodeIdentifyStream succeeds`)
    sameOutcome('IdentifyFrameReader vs decodeIdentifyStream', r, { ok: false, error: early })
    let again: unknown
    try { reader.end() } catch (e) { again = e }
    check(again === early, 'IdentifyFrameReader: end() after an error does not throw that error')
    return
  }
  const fin = attempt('IdentifyFrameReader.end', data.length, () => reader.end())
  sameOutcome('IdentifyFrameReader vs decodeIdentifyStream', r, fin)
  if (!r.ok) {
    check(r.error.code === 'TRUNCATED', () => `IdentifyFrameReader: ${r.error.code} found only at end()`)
    return
  }
  check(frames.length === reader.frameCount, 'IdentifyFrameReader: next() returned a different number of frames than frameCount')
  // The reader owns what it keeps: chunks read into one reused buffer, overwritten after each push (copy: true, so
  // that frames decoded in place are owned too), give the same result.
  const reused = new IdentifyFrameReader({ ...o, copy: true })
  const readBuffer = new Uint8Array(Math.max(1, ...chunksOf(data, new Rng(h)).map((c) => c.length)))
  for (const c of chunksOf(data, new Rng(h))) {
    readBuffer.set(c)
    reused.push(readBuffer.subarray(0, c.length))
    readBuffer.fill(0xbd)
  }
  sameOutcome('IdentifyFrameReader fed one reused read buffer vs decodeIdentifyStream', r, attempt('IdentifyFrameReader.end', data.length, () => reused.end()))
}

/** `m` with protocols (by string) and listenAddrs (by bytes) de-duplicated, first occurrence kept (#709 merging). */
function dedup (m: Identify): Identify {
  const seen = new Set<string>()
  const addrs = new Set<string>()
  return {
    ...m,
    protocols: m.protocols.filter((p) => (seen.has(p) ? false : (seen.add(p), true))),
    listenAddrs: m.listenAddrs.filter((a) => { const k = a.join(); return addrs.has(k) ? false : (addrs.add(k), true) })
  }
}

/**
 * Round trip through the splitting encoder: exact length; a one-frame encoding decodes to exactly `m`, a split one to
 * `m` de-duplicated (decodeIdentifyStream applies #709's de-duplication only when it merges two or more frames);
 * then a byte fixpoint: encodeIdentifyStream(decodeIdentifyStream(enc)) decodes and re-encodes to itself.
 */
function checkStreamRoundTrip (m: Identify, o: DecodeIdentifyStreamOptions): void {
  const roundTrip = (msg: Identify, where: string): [Uint8Array, Identify] | undefined => {
    let enc: Uint8Array
    try {
      enc = encodeIdentifyStream(msg)
    } catch (e) {
      const w = expectWireError(e, Infinity, 'encodeIdentifyStream')
      check(w.code === 'TOO_MANY_FRAMES', () => `encodeIdentifyStream: ${w.code}`)
      return undefined
    }
    check(identifyStreamEncodedLength(msg) === enc.length, 'identifyStreamEncodedLength != encoded length')
    const back = attempt(where, enc.length, () => decodeIdentifyStream(enc, { ...o, maxFrames: Infinity, maxMessageSize: Infinity }))
    if (!back.ok) fail(`${where} fails: ${back.error.code}@${back.error.offset}`)
    return [enc, back.value]
  }
  const first = roundTrip(m, 'decodeIdentifyStream(encodeIdentifyStream(m))')
  if (first === undefined) return
  const [enc, back] = first
  const frames = identifyStreamFrames(m).length
  same(`decodeIdentifyStream(encodeIdentifyStream(m)) vs m${frames > 1 ? ' de-duplicated' : ''}`, back, frames > 1 ? dedup(m) : m)
  if (frames === 1) { check(sameBytes(encodeIdentifyStream(back), enc), 'encodeIdentifyStream is not a fixpoint after one round'); return }
  const second = roundTrip(back, 'second round')
  if (second === undefined) return
  same('second round', second[1], back)
  check(sameBytes(encodeIdentifyStream(second[1]), second[0]), 'encodeIdentifyStream is not a fixpoint after two rounds')
}

/** decodeIdentifyStream (one shot), then encodeIdentifyStream / identifyStreamEncodedLength round trip. */
export const identifyStream: Target = streamTarget(false)
/** IdentifyFrameReader under chunkings chosen from the data, against decodeIdentifyStream. */
export const identifyReader: Target = streamTarget(true)

// ---------------------------------------------------------------------------------------------------------------
// Multiaddr

/** Code points the display form must never print raw (Cc, Cf, Cs, line and paragraph separators). */
const UNDISPLAYABLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u

/**
 * validateMultiaddr: never throws; components tile the input; the verdict does not depend on bytes beyond the view.
 * multiaddrToDisplayString: never throws, prints nothing undisplayable, prints an invalid address as its hex.
 */
export const multiaddrValidate: Target = (data) => {
  const r = untouched(data, 'validateMultiaddr', () => validateMultiaddr(data))
  check(isValidMultiaddr(data) === r.valid, 'isValidMultiaddr disagrees with validateMultiaddr')
  const shown = untouched(data, 'multiaddrToDisplayString', () => multiaddrToDisplayString(data))
  check(!UNDISPLAYABLE.test(shown), () => `multiaddrToDisplayString prints an undisplayable code point: ${JSON.stringify(shown)}`)
  check(shown.startsWith(r.valid ? '/' : '0x'), () => `multiaddrToDisplayString: ${JSON.stringify(shown.slice(0, 40))} for a ${r.valid ? 'valid' : 'invalid'} address`)
  const big = embedded(data, 5)
  const v = validateMultiaddr(big.subarray(5, 5 + data.length))
  if (r.valid) {
    outcome = `ok:${r.components.map((c) => c.name).join('/')}`.slice(0, 80)
    check(v.valid, 'validateMultiaddr: a view with bytes after it is judged differently')
    if (v.valid) same('validateMultiaddr on a view', v.components, r.components)
    let pos = 0
    check(r.components.length > 0, 'valid with no components')
    for (const c of r.components) {
      check(c.offset === pos, () => `component at ${c.offset}, expected ${pos}`)
      check(c.valueOffset > c.offset && c.valueLength >= 0, 'component value before its code')
      check(protocolByCode(c.code)?.name === c.name, () => `component ${c.code} named ${c.name}`)
      pos = c.valueOffset + c.valueLength
    }
    check(pos === data.length, () => `components end at ${pos}, input is ${data.length} bytes`)
    // A valid multiaddr prints, and the text parses back to the same bytes (and prints the same again).
    const text = attempt('multiaddrToString', data.length, () => multiaddrToString(data))
    if (!text.ok) fail(`multiaddrToString refuses a valid multiaddr: ${text.error.code}@${text.error.offset}`)
    const back = attempt('multiaddrFromString', text.value.length, () => multiaddrFromString(text.value))
    if (!back.ok) fail(`multiaddrFromString refuses the printed form ${JSON.stringify(text.value)}: ${back.error.code}@${back.error.offset}`)
    check(sameBytes(back.value, data), () => `printed and parsed back to different bytes: ${JSON.stringify(text.value)}`)
  } else {
    outcome = `err:${r.error.code}`
    expectWireError(r.error, data.length, 'validateMultiaddr')
    check(!v.valid && v.error.code === r.error.code && v.error.offset === r.error.offset,
      'validateMultiaddr: a view with bytes after it is judged differently')
    // multiaddrToString refuses it with the validator's error.
    const t = attempt('multiaddrToString', data.length, () => multiaddrToString(data))
    check(!t.ok && t.error.code === r.error.code && t.error.offset === r.error.offset,
      () => `multiaddrToString: ${t.ok ? 'prints an invalid multiaddr' : `${t.error.code}@${t.error.offset}`} vs validateMultiaddr ${r.error.code}@${r.error.offset}`)
  }
}

/**
 * multiaddrFromString on the data decoded as text (lenient UTF-8): only WireError with a character index within the
 * text; what parses is a valid multiaddr whose printed form is canonical (parses to the same bytes, prints the same).
 */
export const multiaddrText: Target = (data) => {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data)
  const r = attempt('multiaddrFromString', text.length, () => multiaddrFromString(text))
  if (!r.ok) { outcome = `err:${r.error.code}:${r.error.path ?? ''}`; return }
  const b = r.value
  outcome = `ok:${b.length > 0 ? b[0] : ''}:${Math.min(b.length, 64) >> 3}`
  check(isValidMultiaddr(b), () => `multiaddrFromString(${JSON.stringify(text)}) returns an invalid multiaddr`)
  const printed = attempt('multiaddrToString', b.length, () => multiaddrToString(b))
  if (!printed.ok) fail(`multiaddrToString refuses the bytes of ${JSON.stringify(text)}: ${printed.error.code}`)
  const again = attempt('multiaddrFromString', printed.value.length, () => multiaddrFromString(printed.value))
  if (!again.ok) fail(`multiaddrFromString refuses the printed form ${JSON.stringify(printed.value)}: ${again.error.code}@${again.error.offset}`)
  check(sameBytes(again.value, b), () => `${JSON.stringify(text)} and its printed form ${JSON.stringify(printed.value)} parse differently`)
  check(multiaddrToString(again.value) === printed.value, 'multiaddrToString is not a fixpoint')
}

// ---------------------------------------------------------------------------------------------------------------
// Peer: keys, records, peer ids, the receiver's verdict

/** decodePublicKey: WireError only; a decoded key re-encodes canonically, and that encoding decodes to the same key. */
export const peerKey: Target = (data) => {
  const r = untouched(data, 'decodePublicKey', () => attempt('decodePublicKey', data.length, () => decodePublicKey(data)))
  if (!r.ok) { outcome = `err:${r.error.code}`; return }
  const k = r.value
  outcome = `ok:${k.type}:${k.canonical ? 'c' : ''}`
  const enc = encodePublicKey(k.type, k.data)
  check(sameBytes(enc, k.bytes), 'encodePublicKey differs from PublicKey.bytes')
  check(k.canonical === sameBytes(enc, data), 'PublicKey.canonical is wrong')
  const k2 = decodePublicKey(enc)
  check(k2.canonical && k2.type === k.type && sameBytes(k2.data, k.data) && k2.bits === k.bits, 'the canonical re-encoding decodes differently')
  check(sameBytes(peerIdFromPublicKey(k), peerIdFromPublicKey(k2)), 'peer id depends on the key encoding')
  validatePeerId(peerIdFromPublicKey(k))
}

/** decodeSignedPeerRecord (and decodeDelta on the same bytes): WireError only; what decodes is consistent. */
export const peerRecord: Target = (data) => {
  const r = untouched(data, 'decodeSignedPeerRecord', () => attempt('decodeSignedPeerRecord', data.length, () => decodeSignedPeerRecord(data)))
  if (r.ok) {
    const { envelope, record } = r.value
    outcome = `ok:${record.addresses.length}`
    for (const a of record.addresses) check(isValidMultiaddr(a), 'a record address does not validate')
    validatePeerId(record.peerId)
    check(sameBytes(peerIdFromPublicKey(envelope.publicKey), record.peerId), 'record peer id is not the envelope key\'s')
    envelopeSignedBytes(envelope)
  } else outcome = `err:${r.error.code}`
  // The same bytes as a field-7 Delta (both are small protobufs of LEN fields).
  const d = attempt('decodeDelta', data.length, () => decodeDelta(data))
  if (d.ok) {
    const enc = encodeDelta(d.value)
    check(deltaEncodedLength(d.value) === enc.length, 'deltaEncodedLength != encoded length')
    same('decodeDelta(encodeDelta(d))', decodeDelta(enc), d.value)
  }
}

/** parsePeerId on the data as text: WireError only (character index within the text); round trip through peerIdToString. */
export const peerIdText: Target = (data) => {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data)
  const r = attempt('parsePeerId', text.length, () => parsePeerId(text))
  if (!r.ok) { outcome = `err:${r.error.code}`; return }
  outcome = `ok:${text[0]}:${r.value.length}`
  validatePeerId(r.value)
  for (const f of ['base58btc', 'base32', 'base36'] as const) {
    const t = peerIdToString(r.value, f)
    check(sameBytes(parsePeerId(t), r.value), () => `peerIdToString(${f}) does not parse back`)
  }
}

/**
 * checkIdentify never throws for any bytes (stream and body input); every problem's offset lies in the input; a
 * message is given exactly when decoding succeeds; `ok` needs a valid key or record; trusted addresses validate.
 */
export const checkIdentifyTarget: Target = (data) => {
  for (const input of ['stream', 'body'] as const) {
    let v: ReturnType<typeof checkIdentify>
    try {
      v = untouched(data, 'checkIdentify', () => checkIdentify(data, { input }))
    } catch (e) {
      if (e instanceof InvariantError) throw e
      fail(`checkIdentify(${input}) threw: ${describe(e)}`)
    }
    for (const p of v.problems) {
      check(Number.isInteger(p.offset) && p.offset >= 0 && p.offset <= data.length, () => `checkIdentify: problem ${p.code} offset ${p.offset} outside [0, ${data.length}]`)
    }
    const decoded = attempt('decode', data.length, () => (input === 'body' ? decodeIdentify(data) : decodeIdentifyStream(data)))
    check(decoded.ok === (v.message !== undefined), 'checkIdentify: message present iff decoding succeeds')
    if (decoded.ok) same('checkIdentify message', v.message, decoded.value)
    else check(v.problems[0]?.code === decoded.error.code && v.problems[0]?.offset === decoded.error.offset, 'checkIdentify: first problem is not the decoding error')
    if (v.ok) check(v.key.valid || v.record.valid, 'checkIdentify: ok without a valid key or record')
    for (const a of v.trustedAddrs) check(isValidMultiaddr(a), 'checkIdentify: a trusted address does not validate')
    if (input === 'stream') outcome = `${v.ok ? 'ok' : 'no'}:${v.key.valid ? 'k' : ''}${v.record.valid ? 'r' : ''}:${v.problems[0]?.code ?? ''}:${Math.min(v.problems.length, 4)}`
  }
}

/** Every target by name, with the corpus kinds the runner seeds it from. */
export const TARGETS: Record<string, { fn: Target, corpus: readonly string[] }> = {
  identify: { fn: identify, corpus: ['identify'] },
  'identify-strict': { fn: identifyStrict, corpus: ['identify'] },
  'identify-stream': { fn: identifyStream, corpus: ['frames'] },
  'identify-reader': { fn: identifyReader, corpus: ['frames'] },
  'multiaddr-validate': { fn: multiaddrValidate, corpus: ['multiaddr'] },
  'multiaddr-text': { fn: multiaddrText, corpus: ['multiaddr-text'] },
  'peer-key': { fn: peerKey, corpus: ['record'] },
  'peer-record': { fn: peerRecord, corpus: ['record'] },
  'peer-id-text': { fn: peerIdText, corpus: ['peer-id-text'] },
  'check-identify': { fn: checkIdentifyTarget, corpus: ['frames', 'identify'] },
  'sanitize-string': { fn: sanitizeString, corpus: ['text', 'identify'] },
  'sanitize-bytes': { fn: sanitizeBytes, corpus: ['text', 'identify'] }
}

/** Targets whose entry point has not landed in src/ (reported by the runner; never stubbed). */
export const MISSING: readonly string[] = []
