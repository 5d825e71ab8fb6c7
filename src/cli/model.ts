// What `identify-wire inspect` knows about an input and each of its frames, built only from the library's public
// functions: frames found by the one frame scanner (readFramePrefix), bodies by decodeIdentifyRange. Holds raw values;
// escaping for display is the renderers' job. Memory: one frame's model at a time, O(1) per further frame.

import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint, ERR_TRUNCATED, decodeTag, consumeTag, consumeFieldValue, fieldNumberOf, wireTypeOf } from '../wire/index.js'
import { decodeIdentifyRange } from '../identify/index.js'
import type { Identify } from '../identify/index.js'
import { readFramePrefix, framePrefixError } from '../identify/frames.js'
import { checkIdentifyAddrs, multiaddrToString } from '../multiaddr/index.js'
import type { CheckedAddr } from '../multiaddr/index.js'
import { sanitizeDetailed } from '../unicode/index.js'
import { isLegacyRoutingStateRecordAt } from '../peer/record.js'
import { decodePublicKey, peerIdFromPublicKey, peerIdToString, decodeSignedPeerRecord, verifySignedPeerRecord, verifyIdentify } from '../peer/index.js'
import { MAX_ENTRIES } from './args.js'
import type { Options } from './args.js'

export interface ErrorInfo { code: string, offset: number, path?: string, message: string }

/** An untrusted string: `value` as received, `display` sanitized per the Identify spec (Cc, Cf, Cs, Zl, Zp). */
export interface Text { value: string, display: string, changed: boolean, truncated: boolean, codePoints: number }

/** An address: `text` is the raw multiaddr text form (untrusted: renderers escape it). */
export interface Addr { index: number, bytes: string, length: number, text?: string, error?: ErrorInfo }

export interface KeyInfo { bytes: number, type?: string, bits?: number, canonical?: boolean, peerId?: string, error?: ErrorInfo }

export interface RecordInfo {
  bytes: number
  peerId?: string
  seq?: string
  addresses?: Addr[]
  signature?: string
  error?: ErrorInfo
  /** Why a record that is not a libp2p peer record is ignored rather than rejected. */
  ignored?: string
}

/** The receiver's verdict (verifyIdentify) on the frame's message. */
export interface VerdictInfo { ok: boolean, peerId?: string, expectedPeerId?: string, matchesExpected?: boolean, addrSource: string, trustedAddrs: number, problems: ErrorInfo[] }

export interface FrameInfo {
  offset: number
  prefix: string
  prefixBytes: number
  prefixMinimal: boolean
  bodyOffset: number
  bodyLength: number
  wireOrder: string
  fieldBytes: Record<string, number>
  publicKey?: KeyInfo
  protocolVersion?: Text
  agentVersion?: Text
  listenAddrs: Addr[]
  emptyListenAddrs: number[]
  observedAddr?: Addr
  observedAddrEmpty?: boolean
  protocols: Text[]
  signedPeerRecord?: RecordInfo
  unknownFields: Array<{ field: number, wireType: string, length: number, bytes: string }>
  verdict?: VerdictInfo
  findings: string[]
}

/** The frames after the first --max-frames-shown: decoded and counted, not printed. */
export interface NotShown { count: number, fromFrame: number, fromByte: number, empty: number }

/** Everything about one input except its frames, known after one pass over it (scanInput). */
export interface InputInfo {
  input: string
  bytes: number
  /** --raw: the input is one bare body. */
  raw: boolean
  /** Every frame decoded (leniently, as a default reader does). */
  ok: boolean
  error?: ErrorInfo
  /** 0 when the input was rejected; 1 for --raw. */
  frameCount: number
  framesNotShown?: NotShown
  defaultReader: { accepts: boolean, error?: ErrorInfo, limits: { maxMessageSize: number, maxFrames: number } }
  /** Several frames: what a reader gets after merging them (specs PR #709), counted without size limits. */
  merged?: { protocols: number, listenAddrs: number, signedPeerRecord: boolean, publicKey: boolean }
  /** Several frames, but too many entries in all of them to count the merged view. */
  mergedNotComputed?: string
  findings: string[]
}

export const errInfo = (e: unknown): ErrorInfo => {
  if (e instanceof WireError) return { code: e.code, offset: e.offset, ...(e.path === undefined ? {} : { path: e.path }), message: e.message }
  return { code: 'INTERNAL', offset: -1, message: e instanceof Error ? e.message : String(e) }
}

export const hexOf = (b: Uint8Array, max = Infinity): string => {
  let s = ''
  const n = Math.min(b.length, max)
  for (let i = 0; i < n; i++) s += b[i]!.toString(16).padStart(2, '0')
  return n < b.length ? `${s}… (${b.length} bytes)` : s
}

// ---------------------------------------------------------------------------------------------------------------
// frames

/** Where one frame lies in the input. */
export interface Span { offset: number, prefixBytes: number, prefixMinimal: boolean, bodyOffset: number, bodyLength: number }

/**
 * Walks the frames of an input with the library's frame scanner; after next() returns true its fields describe the
 * frame. The prefix is read without a size limit (a frame over --max-message-size, or with a non-minimal prefix,
 * is still inspected: what a default reader does with it is a finding, see readerError). With `raw`, the whole
 * input is one body. Owned by its caller, one per walk.
 */
export class FrameCursor implements Span {
  offset = 0
  prefixBytes = 0
  prefixMinimal = true
  bodyOffset = 0
  bodyLength = 0
  /** Frames returned so far. */
  count = 0
  private pos = 0

  constructor (private readonly bytes: Uint8Array, private readonly raw: boolean) {}

  /** Moves to the next frame; false at the end. Throws WireError when the input stops inside a frame or its prefix. */
  next (): boolean {
    const b = this.bytes
    const end = b.length
    const pos = this.pos
    if (this.raw) {
      if (this.count > 0) return false
      this.bodyLength = end
      this.pos = end
      this.count = 1
      return true
    }
    if (pos >= end) {
      if (this.count === 0) throw new WireError('TRUNCATED', 0, 'empty input: no frame')
      return false
    }
    const s = readFramePrefix(b, pos, end, Infinity)
    if (s === ERR_TRUNCATED) throw new WireError('TRUNCATED', pos, 'input ends inside a frame length prefix')
    const minimal = s >= 0
    if (!minimal && decodeVarint(b, pos, end) < 0) throw framePrefixError(s, pos, Infinity, b, pos, end)
    const n = minimal ? s : consumeVarint(b, pos, end)
    const len = decodeVarint(b, pos, end)
    const body = pos + n
    if (len > end - body) throw new WireError('TRUNCATED', pos, `frame declares a ${len}-byte body, only ${end - body} bytes follow`)
    this.offset = pos
    this.prefixBytes = n
    this.prefixMinimal = minimal
    this.bodyOffset = body
    this.bodyLength = len
    this.pos = body + len
    this.count++
    return true
  }
}

/**
 * What merging the frames gives (specs PR #709, as decodeIdentifyStream merges): repeated fields appended then
 * de-duplicated (protocols by string, listen addresses by bytes), a singular field present if any frame has it.
 * Counted frame by frame; holds at most MAX_ENTRIES entries per field, beyond which it gives up.
 */
class MergedCount {
  readonly protocols = new Set<string>()
  readonly listenAddrs = new Set<string>()
  protocolsSeen = 0
  listenAddrsSeen = 0
  publicKey = false
  signedPeerRecord = false

  add (m: Identify): void {
    this.protocolsSeen += m.protocols.length
    this.listenAddrsSeen += m.listenAddrs.length
    if (this.overflow()) return
    for (const p of m.protocols) this.protocols.add(p)
    for (const a of m.listenAddrs) this.listenAddrs.add(hexOf(a))
    if (m.publicKey !== undefined) this.publicKey = true
    if (m.signedPeerRecord !== undefined) this.signedPeerRecord = true
  }

  overflow (): boolean {
    return this.protocolsSeen > MAX_ENTRIES || this.listenAddrsSeen > MAX_ENTRIES
  }
}

/**
 * Decoding as a default reader does (lenient), keeping unknown fields to show them, with the count limits that bound
 * one frame's memory. Both passes use these options, so a frame the first pass accepted decodes in the second.
 */
const DECODE_OPTIONS = { maxProtocols: MAX_ENTRIES, maxListenAddrs: MAX_ENTRIES, preserveUnknown: true } as const

/**
 * The error a default reader (decodeIdentifyStream with the --max-message-size / --max-frames limits) gives at this
 * frame, if any: the checks it makes before reading a body, in its order.
 */
function readerError (bytes: Uint8Array, span: Span, index: number, o: Options): WireError | undefined {
  if (span.prefixBytes === 0) return undefined
  if (index >= o.maxFrames) return new WireError('TOO_MANY_FRAMES', span.offset, `more than maxFrames ${o.maxFrames} frames`)
  const s = readFramePrefix(bytes, span.offset, bytes.length, o.maxMessageSize)
  return s < 0 ? framePrefixError(s, span.offset, o.maxMessageSize, bytes, span.offset, bytes.length) : undefined
}

/**
 * First pass over an input: every frame found and decoded (nothing kept but counts), the default reader's verdict,
 * the findings about frame sizes and prefixes, and the merged view of several frames. Linear time; memory is one
 * frame's decoded message at a time.
 */
export function scanInput (input: string, bytes: Uint8Array, o: Options): InputInfo {
  const info: InputInfo = {
    input,
    bytes: bytes.length,
    raw: o.raw,
    ok: true,
    frameCount: 0,
    defaultReader: { accepts: true, limits: { maxMessageSize: o.maxMessageSize, maxFrames: o.maxFrames } },
    findings: []
  }
  let nonMinimal = 0
  let oversize = 0
  let notShown: NotShown | undefined
  const merged = new MergedCount()
  try {
    const cur = new FrameCursor(bytes, o.raw)
    while (cur.next()) {
      const i = cur.count - 1
      merged.add(decodeIdentifyRange(bytes, cur.bodyOffset, cur.bodyOffset + cur.bodyLength, DECODE_OPTIONS))
      if (info.defaultReader.error === undefined) {
        const e = readerError(bytes, cur, i, o)
        if (e !== undefined) info.defaultReader = { ...info.defaultReader, accepts: false, error: errInfo(e) }
      }
      if (i >= o.maxFramesShown) {
        notShown ??= { count: 0, fromFrame: i + 1, fromByte: cur.offset, empty: 0 }
        notShown.count++
        if (cur.bodyLength === 0) notShown.empty++
      }
      const over = cur.bodyLength > o.maxMessageSize
      if (cur.prefixBytes === 0) {
        if (over) info.findings.push(`body ${cur.bodyLength} > maxMessageSize ${o.maxMessageSize}: a default reader rejects it`)
      } else if (i < o.maxFramesShown) {
        if (!cur.prefixMinimal) info.findings.push(`frame ${i + 1}: length prefix ${hexOf(bytes.subarray(cur.offset, cur.bodyOffset))} is not minimal: a default reader rejects it`)
        if (over) info.findings.push(`frame ${i + 1}: body ${cur.bodyLength} > maxMessageSize ${o.maxMessageSize}: a default reader rejects it`)
      } else {
        if (!cur.prefixMinimal) nonMinimal++
        if (over) oversize++
      }
    }
    info.frameCount = cur.count
  } catch (e) {
    info.ok = false
    info.error = errInfo(e)
    info.defaultReader = { ...info.defaultReader, accepts: false }
    return info
  }
  if (o.raw && bytes.length > o.maxMessageSize) info.defaultReader.accepts = false
  if (notShown !== undefined) {
    info.framesNotShown = notShown
    if (nonMinimal > 0) info.findings.push(`${nonMinimal} frames not shown have a length prefix that is not minimal: a default reader rejects it`)
    if (oversize > 0) info.findings.push(`${oversize} frames not shown have a body > maxMessageSize ${o.maxMessageSize}: a default reader rejects it`)
  }
  if (!o.raw && info.frameCount > o.maxFrames) info.findings.push(`${info.frameCount} frames > maxFrames ${o.maxFrames}: a default reader rejects it`)
  if (info.frameCount > 1) {
    if (merged.overflow()) info.mergedNotComputed = `more than ${MAX_ENTRIES} protocols or listen addresses in all frames`
    else info.merged = { protocols: merged.protocols.size, listenAddrs: merged.listenAddrs.size, signedPeerRecord: merged.signedPeerRecord, publicKey: merged.publicKey }
  }
  return info
}

// ---------------------------------------------------------------------------------------------------------------
// one frame

const FIELD_NAMES: Record<number, string> = { 1: 'publicKey', 2: 'listenAddrs', 3: 'protocols', 4: 'observedAddr', 5: 'protocolVersion', 6: 'agentVersion', 8: 'signedPeerRecord' }
const WIRE_TYPES = ['VARINT', 'I64', 'LEN', 'SGROUP', 'EGROUP', 'I32']

function text (s: string): Text {
  const r = sanitizeDetailed(s, { replaceLineSeparators: true })
  let cps = 0
  for (let i = 0; i < s.length; i++) {
    cps++
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1) // NaN past the end
      if (d >= 0xdc00 && d <= 0xdfff) i++
    }
  }
  return { value: s, display: r.text, changed: r.changed, truncated: r.truncated, codePoints: cps }
}

function addrText (index: number, b: Uint8Array): Addr {
  const base = { index, bytes: hexOf(b), length: b.length }
  try {
    return { ...base, text: multiaddrToString(b) }
  } catch (e) {
    return { ...base, error: errInfo(e) }
  }
}

function addr (a: CheckedAddr): Addr {
  return a.ok ? addrText(a.index, a.bytes) : { index: a.index, bytes: hexOf(a.bytes), length: a.bytes.length, error: errInfo(a.error) }
}

/** Field order (run-length) and bytes per field (tag + length + value) of a body already known to decode. */
function wireLayout (buf: Uint8Array, start: number, end: number): { order: string, bytes: Record<string, number> } {
  const runs: Array<[number, number]> = []
  const bytes: Record<string, number> = {}
  let pos = start
  while (pos < end) {
    const tag = decodeTag(buf, pos, end)
    if (tag < 0) break
    const t = consumeTag(buf, pos, end)
    const field = fieldNumberOf(tag)
    const n = consumeFieldValue(buf, pos + t, end, wireTypeOf(tag))
    if (n < 0) break
    const name = FIELD_NAMES[field] ?? `field ${field}`
    bytes[name] = (bytes[name] ?? 0) + t + n
    const last = runs[runs.length - 1]
    if (last !== undefined && last[0] === field) last[1]++
    else runs.push([field, 1])
    pos += t + n
  }
  return { order: runs.map(([f, c]) => c > 1 ? `${f}×${c}` : String(f)).join(','), bytes }
}

async function keyInfo (m: Identify, f: FrameInfo): Promise<void> {
  if (m.publicKey === undefined) return
  const k: KeyInfo = { bytes: m.publicKey.length }
  try {
    const key = decodePublicKey(m.publicKey)
    k.type = key.type
    k.bits = key.bits
    k.canonical = key.canonical
    k.peerId = peerIdToString(peerIdFromPublicKey(key))
    if (!key.canonical) f.findings.push('publicKey is not in the deterministic encoding (peer ids hash the re-encoded key)')
  } catch (e) {
    k.error = errInfo(e)
    f.findings.push(`publicKey invalid: ${k.error.code} at byte ${k.error.offset} of the key`)
  }
  f.publicKey = k
}

async function recordInfo (m: Identify, f: FrameInfo): Promise<void> {
  const spr = m.signedPeerRecord
  if (spr === undefined) return
  const r: RecordInfo = { bytes: spr.length }
  const keyOk = f.publicKey !== undefined && f.publicKey.error === undefined
  try {
    const d = decodeSignedPeerRecord(spr, keyOk && m.publicKey !== undefined ? { publicKey: m.publicKey } : {})
    r.peerId = peerIdToString(d.record.peerId)
    r.seq = d.record.seq.toString()
    r.addresses = d.record.addresses.map((b, i) => addrText(i, b))
    try {
      r.signature = await verifySignedPeerRecord(spr) ? 'valid' : 'INVALID'
      if (r.signature === 'INVALID') f.findings.push('signedPeerRecord: the signature does not verify')
    } catch (e) {
      r.signature = `not verified (${errInfo(e).code})`
    }
  } catch (e) {
    r.error = errInfo(e)
    if (r.error.code === 'RECORD_PAYLOAD_TYPE' && isLegacyRoutingStateRecordAt(spr, 0, spr.length)) {
      // Shown on the record's line; not a finding: the verdict stays ok, as go-libp2p's does.
      r.ignored = 'rust-libp2p routing-state record, not a libp2p peer record: ignored, as go-libp2p ignores it'
    } else {
      f.findings.push(`signedPeerRecord rejected: ${r.error.code} at byte ${r.error.offset} of the record${r.error.path === undefined ? '' : ` (${r.error.path})`}`)
    }
  }
  f.signedPeerRecord = r
}

/** Everything about the frame at `span` (which scanInput already decoded without error). */
export async function frameInfo (bytes: Uint8Array, span: Span, o: Options): Promise<FrameInfo> {
  const start = span.bodyOffset
  const end = start + span.bodyLength
  const m = decodeIdentifyRange(bytes, start, end, DECODE_OPTIONS)
  const layout = wireLayout(bytes, start, end)
  const f: FrameInfo = {
    offset: span.offset,
    prefix: hexOf(bytes.subarray(span.offset, start)),
    prefixBytes: span.prefixBytes,
    prefixMinimal: span.prefixMinimal,
    bodyOffset: start,
    bodyLength: span.bodyLength,
    wireOrder: layout.order,
    fieldBytes: layout.bytes,
    listenAddrs: [],
    emptyListenAddrs: [],
    protocols: [],
    unknownFields: [],
    findings: []
  }
  await keyInfo(m, f)
  if (m.protocolVersion !== undefined) f.protocolVersion = text(m.protocolVersion)
  if (m.agentVersion !== undefined) f.agentVersion = text(m.agentVersion)
  const checked = checkIdentifyAddrs(m)
  f.listenAddrs = checked.listenAddrs.map(addr)
  f.emptyListenAddrs = checked.skipped
  if (checked.observedAddr !== undefined) f.observedAddr = addr(checked.observedAddr)
  else if (m.observedAddr !== undefined) f.observedAddrEmpty = true
  for (const a of f.listenAddrs) if (a.error !== undefined) f.findings.push(`listenAddrs[${a.index}] invalid: ${a.error.code} at byte ${a.error.offset} of the address (skipped by a checked reader)`)
  if (f.observedAddr?.error !== undefined) f.findings.push(`observedAddr invalid: ${f.observedAddr.error.code} at byte ${f.observedAddr.error.offset} of the address`)
  f.protocols = m.protocols.map(text)
  await recordInfo(m, f)
  const v = await verifyIdentify(m, o.peer === undefined ? {} : { expectedPeerId: o.peer })
  f.verdict = {
    ok: v.ok,
    ...(v.peerId === undefined ? {} : { peerId: v.peerId }),
    ...(o.peer === undefined ? {} : { expectedPeerId: o.peer, matchesExpected: v.key.matchesExpected !== false && v.record.matchesExpected !== false && (v.key.matchesExpected ?? v.record.matchesExpected) === true }),
    addrSource: v.addrSource,
    trustedAddrs: v.trustedAddrs.length,
    problems: v.problems.map((p) => ({ code: p.code, offset: p.offset, ...(p.path === undefined ? {} : { path: p.path }), message: p.message }))
  }
  for (const u of m.unknownFields ?? []) f.unknownFields.push({ field: u.field, wireType: WIRE_TYPES[u.wireType] ?? String(u.wireType), length: u.bytes.length, bytes: hexOf(u.bytes, 64) })
  return f
}

/** Why --check fails for this frame (the first reason), or undefined. */
export function frameCheckFailure (f: FrameInfo, index: number): string | undefined {
  if (f.findings.length > 0) return `frame ${index + 1}: ${f.findings[0]!}`
  if (f.verdict?.ok === false) {
    const p = f.verdict.problems[0]
    return `frame ${index + 1}: verdict NOT ok${p === undefined ? ' (no identity: no valid publicKey or signed peer record)' : ` (${p.code} at byte ${p.offset}${p.path === undefined ? '' : `, ${p.path}`})`}`
  }
  return undefined
}

/** Why --check fails for the input as a whole (reader verdict, size and prefix findings), or undefined. */
export function inputCheckFailure (info: InputInfo): string | undefined {
  const e = info.defaultReader.error
  if (!info.defaultReader.accepts) return `a default reader rejects it${e === undefined ? '' : ` (${e.code} at byte ${e.offset})`}`
  return info.findings[0]
}

/**
 * Second pass: the model of each frame, handed to `show` one at a time, for the first --max-frames-shown frames;
 * with --check, the frames after those are modelled too (not shown) until one fails the check. Resolves to the
 * first check failure among the frames, if any.
 */
export async function eachFrame (bytes: Uint8Array, info: InputInfo, o: Options, show: (f: FrameInfo, index: number) => void): Promise<string | undefined> {
  if (!info.ok) return undefined
  let failure: string | undefined
  const cur = new FrameCursor(bytes, o.raw)
  while (cur.next()) {
    const i = cur.count - 1
    const shown = i < o.maxFramesShown
    if (!shown && (!o.check || failure !== undefined)) break
    const f = await frameInfo(bytes, cur, o)
    failure ??= frameCheckFailure(f, i)
    if (shown) show(f, i)
  }
  return failure
}
