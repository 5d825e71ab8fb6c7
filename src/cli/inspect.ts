// `identify-wire inspect`: prints every field of captured Identify messages (length-prefixed frames, a bare body, or
// hex), with addresses checked, strings sanitized for the terminal, keys, peer ids, the signed record and our limits.
// Node only (files, stdin); never prints a stack trace for bad input. Exit codes: see USAGE.

import { WireError } from '../errors.js'
import { consumeVarint, varintValue, varintLength } from '../wire/varint.js'
import { consumeTag, consumeFieldValue, tagField, tagWireType } from '../wire/tag.js'
import { decodeIdentifyRange } from '../identify/message.js'
import type { Identify } from '../identify/message.js'
import { decodeIdentifyStream, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES } from '../identify/framing.js'
import { checkIdentifyAddrs } from '../multiaddr/checked.js'
import type { CheckedAddr } from '../multiaddr/checked.js'
import { multiaddrToString } from '../multiaddr/text.js'
import { sanitizeDetailed } from '../unicode/sanitize.js'
import { decodePublicKey } from '../peer/keys.js'
import { peerIdFromPublicKey, peerIdToString } from '../peer/peer-id.js'
import { decodeSignedPeerRecord } from '../peer/record.js'
import { verifySignedPeerRecord, verifyIdentify } from '../peer/verify.js'
import { parsePeerId } from '../peer/peer-id.js'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'


export const USAGE = `Usage: identify-wire inspect [options] <file|dir|->...

Prints every field of captured libp2p Identify messages (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0).
An input is a file, "-" for stdin, or a directory (its *.bin files). By default it holds one or more
frames as on the stream (uvarint length prefix + protobuf body).

Options:
  --raw                   the input is one bare Identify body (no length prefix)
  --hex                   the input is hex text (whitespace, "0x" and ":" ignored); combines with --raw
  --json                  one JSON document on stdout instead of text
  --check                 also exit 1 when a default reader would reject an input, or its key or signed
                          peer record fails a check
  --max-message-size <n>  the limit to judge frames by (default ${DEFAULT_MAX_MESSAGE_SIZE})
  --max-frames <n>        the most frames a reader accepts (default ${DEFAULT_MAX_FRAMES})
  --peer <id>             the peer id the capture should come from (12D3KooW..., Qm..., or CIDv1):
                          the verdict checks the key and the signed peer record against it
  -h, --help              this text
  -V, --version           the version

Exit codes:
  0  every input decoded (limit and record findings are printed, not fatal without --check)
  1  an input was rejected: malformed bytes (the line says the error code and byte offset), or with
     --check a limit, key or record finding
  2  usage error, or an input could not be read
`

interface Options { raw: boolean, hex: boolean, json: boolean, check: boolean, maxMessageSize: number, maxFrames: number, peer?: string }

class UsageError extends Error {}

function parseArgs (args: string[]): { command: string | undefined, options: Options, inputs: string[] } {
  const options: Options = { raw: false, hex: false, json: false, check: false, maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE, maxFrames: DEFAULT_MAX_FRAMES }
  const inputs: string[] = []
  let command: string | undefined
  const num = (name: string, v: string | undefined): number => {
    if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`${name} needs a non-negative integer`)
    return Number(v)
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--raw') options.raw = true
    else if (a === '--hex') options.hex = true
    else if (a === '--json') options.json = true
    else if (a === '--check') options.check = true
    else if (a === '--max-message-size') options.maxMessageSize = num(a, args[++i])
    else if (a.startsWith('--max-message-size=')) options.maxMessageSize = num('--max-message-size', a.slice(19))
    else if (a === '--max-frames') options.maxFrames = num(a, args[++i])
    else if (a.startsWith('--max-frames=')) options.maxFrames = num('--max-frames', a.slice(13))
    else if (a === '--peer' || a.startsWith('--peer=')) {
      const v = a === '--peer' ? args[++i] : a.slice(7)
      if (v === undefined || v === '') throw new UsageError('--peer needs a peer id')
      try { parsePeerId(v) } catch (e) { throw new UsageError(`--peer ${v}: not a peer id (${e instanceof WireError ? `${e.code} at character ${e.offset}` : 'invalid'})`) }
      options.peer = v
    } else if (a === '-h' || a === '--help' || a === 'help') command = 'help'
    else if (a === '-V' || a === '--version') command = 'version'
    else if (a === '--') inputs.push(...args.slice(i + 1)), i = args.length
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`)
    else if (command === undefined) command = a
    else inputs.push(a)
  }
  return { command, options, inputs }
}

// ---------------------------------------------------------------------------------------------------------------
// reading inputs

async function readStdin (): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let n = 0
  for await (const c of process.stdin) { parts.push(c); n += c.length }
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/** Hex text to bytes; throws a one-line error naming the character index of the first bad character. */
function parseHex (text: string): Uint8Array {
  const digits: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) { i++; continue }
    if (/\s|:/.test(c)) continue
    const v = parseInt(c, 16)
    if (Number.isNaN(v)) throw new InputError(`HEX_INVALID at character ${i}: ${JSON.stringify(c)} is not a hex digit`)
    digits.push(v)
  }
  if (digits.length % 2 !== 0) throw new InputError(`HEX_INVALID at character ${text.length}: odd number of hex digits`)
  const out = new Uint8Array(digits.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!
  return out
}

class InputError extends Error {}

function expand (inputs: string[]): string[] {
  const out: string[] = []
  for (const f of inputs) {
    let dir = false
    try { dir = f !== '-' && statSync(f).isDirectory() } catch { /* reported when read */ }
    if (dir) out.push(...readdirSync(f).filter((n) => n.endsWith('.bin')).sort().map((n) => join(f, n)))
    else out.push(f)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// inspecting

const hexOf = (b: Uint8Array, max = Infinity): string => {
  let s = ''
  const n = Math.min(b.length, max)
  for (let i = 0; i < n; i++) s += b[i]!.toString(16).padStart(2, '0')
  return n < b.length ? `${s}… (${b.length} bytes)` : s
}

const FIELD_NAMES: Record<number, string> = { 1: 'publicKey', 2: 'listenAddrs', 3: 'protocols', 4: 'observedAddr', 5: 'protocolVersion', 6: 'agentVersion', 8: 'signedPeerRecord' }
const WIRE_TYPES = ['VARINT', 'I64', 'LEN', 'SGROUP', 'EGROUP', 'I32']

interface Text { value: string, display: string, changed: boolean, truncated: boolean, codePoints: number }
function text (s: string): Text {
  const r = sanitizeDetailed(s, { replaceLineSeparators: true })
  let cps = 0
  for (const _ of s) cps++
  return { value: s, display: r.text, changed: r.changed, truncated: r.truncated, codePoints: cps }
}

interface Addr { index: number, bytes: string, length: number, text?: string, error?: ErrorInfo }
interface ErrorInfo { code: string, offset: number, path?: string, message: string }

const errInfo = (e: unknown): ErrorInfo => {
  if (e instanceof WireError) return { code: e.code, offset: e.offset, ...(e.path === undefined ? {} : { path: e.path }), message: e.message }
  return { code: 'INTERNAL', offset: -1, message: e instanceof Error ? e.message : String(e) }
}

function addr (a: CheckedAddr): Addr {
  const base = { index: a.index, bytes: hexOf(a.bytes), length: a.bytes.length }
  if (!a.ok) return { ...base, error: errInfo(a.error) }
  try { return { ...base, text: multiaddrToString(a.bytes) } } catch (e) { return { ...base, error: errInfo(e) } }
}

interface KeyInfo { bytes: number, type?: string, bits?: number, canonical?: boolean, peerId?: string, error?: ErrorInfo }
interface RecordInfo {
  bytes: number
  peerId?: string
  seq?: string
  addresses?: Addr[]
  signature?: 'valid' | 'INVALID' | string
  error?: ErrorInfo
}
interface FrameInfo {
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
/** The receiver's verdict (verifyIdentify from the peer module) on the frame's message. */
interface VerdictInfo { ok: boolean, peerId?: string, expectedPeerId?: string, matchesExpected?: boolean, addrSource: string, trustedAddrs: number, problems: ErrorInfo[] }
interface InputInfo {
  input: string
  bytes: number
  ok: boolean
  error?: ErrorInfo
  frames: FrameInfo[]
  defaultReader: { accepts: boolean, error?: ErrorInfo, limits: { maxMessageSize: number, maxFrames: number } }
  /** Several frames: what a reader gets after merging them (specs PR #709), counted without limits. */
  merged?: { protocols: number, listenAddrs: number, signedPeerRecord: boolean, publicKey: boolean }
  findings: string[]
}

/** Field order (run-length) and bytes per field (tag + length + value) of a body already known to decode. */
function wireLayout (buf: Uint8Array, start: number, end: number): { order: string, bytes: Record<string, number> } {
  const runs: Array<[number, number]> = []
  const bytes: Record<string, number> = {}
  let pos = start
  while (pos < end) {
    const t = consumeTag(buf, pos, end)
    if (t < 0) break
    const field = tagField
    const n = consumeFieldValue(buf, pos + t, end, tagWireType)
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

async function inspectBody (buf: Uint8Array, start: number, end: number, m: Identify, o: Options, frame: Omit<FrameInfo, 'listenAddrs' | 'emptyListenAddrs' | 'protocols' | 'unknownFields' | 'findings' | 'wireOrder' | 'fieldBytes'>): Promise<FrameInfo> {
  const layout = wireLayout(buf, start, end)
  const f: FrameInfo = { ...frame, wireOrder: layout.order, fieldBytes: layout.bytes, listenAddrs: [], emptyListenAddrs: [], protocols: [], unknownFields: [], findings: [] }
  let keyForRecord: Uint8Array | undefined
  if (m.publicKey !== undefined) {
    const k: KeyInfo = { bytes: m.publicKey.length }
    try {
      const key = decodePublicKey(m.publicKey)
      k.type = key.type
      k.bits = key.bits
      k.canonical = key.canonical
      k.peerId = peerIdToString(peerIdFromPublicKey(key))
      keyForRecord = m.publicKey
      if (!key.canonical) f.findings.push('publicKey is not in the deterministic encoding (peer ids hash the re-encoded key)')
    } catch (e) {
      k.error = errInfo(e)
      f.findings.push(`publicKey invalid: ${k.error.code} at byte ${k.error.offset} of the key`)
    }
    f.publicKey = k
  }
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
  if (m.signedPeerRecord !== undefined) {
    const r: RecordInfo = { bytes: m.signedPeerRecord.length }
    try {
      const spr = decodeSignedPeerRecord(m.signedPeerRecord, keyForRecord === undefined ? {} : { publicKey: keyForRecord })
      r.peerId = peerIdToString(spr.record.peerId)
      r.seq = spr.record.seq.toString()
      r.addresses = spr.record.addresses.map((b, index) => {
        try { return { index, bytes: hexOf(b), length: b.length, text: multiaddrToString(b) } } catch (e) { return { index, bytes: hexOf(b), length: b.length, error: errInfo(e) } }
      })
      if (spr.envelope.publicKey.type === 'Ed25519') {
        try {
          r.signature = await verifySignedPeerRecord(m.signedPeerRecord) ? 'valid' : 'INVALID'
          if (r.signature === 'INVALID') f.findings.push('signedPeerRecord: the signature does not verify')
        } catch (e) {
          r.signature = `not verified (${errInfo(e).code})`
        }
      } else {
        r.signature = `not verified (${spr.envelope.publicKey.type}: verify envelopeSignedBytes() with your own crypto)`
      }
    } catch (e) {
      r.error = errInfo(e)
      f.findings.push(`signedPeerRecord rejected: ${r.error.code} at byte ${r.error.offset} of the record${r.error.path === undefined ? '' : ` (${r.error.path})`}`)
    }
    f.signedPeerRecord = r
  }
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

async function inspect (input: string, bytes: Uint8Array, o: Options): Promise<InputInfo> {
  const info: InputInfo = {
    input,
    bytes: bytes.length,
    ok: true,
    frames: [],
    defaultReader: { accepts: true, limits: { maxMessageSize: o.maxMessageSize, maxFrames: o.maxFrames } },
    findings: []
  }
  const lenient = { preserveUnknown: true } as const
  try {
    if (o.raw) {
      const m = decodeIdentifyRange(bytes, 0, bytes.length, lenient)
      info.frames.push(await inspectBody(bytes, 0, bytes.length, m, o, { offset: 0, prefix: '', prefixBytes: 0, prefixMinimal: true, bodyOffset: 0, bodyLength: bytes.length }))
      if (bytes.length > o.maxMessageSize) info.findings.push(`body ${bytes.length} > maxMessageSize ${o.maxMessageSize}: a default reader rejects it`)
    } else {
      if (bytes.length === 0) throw new WireError('TRUNCATED', 0, 'empty input: no frame')
      let pos = 0
      while (pos < bytes.length) {
        const n = consumeVarint(bytes, pos, bytes.length)
        if (n < 0) throw new WireError(n === -1 ? 'TRUNCATED' : 'VARINT_OVERFLOW', pos, n === -1 ? 'input ends inside a frame length prefix' : 'frame length prefix is not a varint')
        const len = varintValue
        const body = pos + n
        if (len > bytes.length - body) throw new WireError('TRUNCATED', pos, `frame declares a ${len}-byte body, only ${bytes.length - body} bytes follow`)
        const m = decodeIdentifyRange(bytes, body, body + len, lenient)
        info.frames.push(await inspectBody(bytes, body, body + len, m, o, {
          offset: pos, prefix: hexOf(bytes.subarray(pos, body)), prefixBytes: n, prefixMinimal: n === varintLength(len), bodyOffset: body, bodyLength: len
        }))
        pos = body + len
      }
      info.frames.forEach((f, i) => {
        if (!f.prefixMinimal) info.findings.push(`frame ${i + 1}: length prefix ${f.prefix} is not minimal: a default reader rejects it`)
        if (f.bodyLength > o.maxMessageSize) info.findings.push(`frame ${i + 1}: body ${f.bodyLength} > maxMessageSize ${o.maxMessageSize}: a default reader rejects it`)
      })
      if (info.frames.length > 1) {
        try {
          const m = decodeIdentifyStream(bytes, { maxMessageSize: Infinity, maxFrames: Infinity })
          info.merged = { protocols: m.protocols.length, listenAddrs: m.listenAddrs.length, signedPeerRecord: m.signedPeerRecord !== undefined, publicKey: m.publicKey !== undefined }
        } catch { /* e.g. a non-minimal prefix: the frames above are still shown; the limits line says why a reader refuses */ }
      }
      if (info.frames.length > o.maxFrames) info.findings.push(`${info.frames.length} frames > maxFrames ${o.maxFrames}: a default reader rejects it`)
      try {
        decodeIdentifyStream(bytes, { maxMessageSize: o.maxMessageSize, maxFrames: o.maxFrames })
      } catch (e) {
        info.defaultReader.accepts = false
        info.defaultReader.error = errInfo(e)
      }
    }
    if (o.raw && bytes.length > o.maxMessageSize) { info.defaultReader.accepts = false }
  } catch (e) {
    info.ok = false
    info.error = errInfo(e)
    info.defaultReader.accepts = false
  }
  return info
}

// ---------------------------------------------------------------------------------------------------------------
// printing

function showText (t: Text): string {
  const marks: string[] = []
  if (t.changed) marks.push('sanitized: characters replaced with U+FFFD')
  if (t.truncated) marks.push(`truncated for display: ${t.codePoints} code points`)
  return `"${t.display}"${marks.length > 0 ? `  ⚠ [${marks.join('; ')}]` : ''}`
}

function showAddr (a: Addr): string {
  return a.text !== undefined ? `${a.text}  (${a.length} B)` : `INVALID ${a.error!.code} at byte ${a.error!.offset}: ${a.bytes}`
}

function printText (info: InputInfo, out: string[]): void {
  const e = info.error
  out.push(`${info.input}: ${info.bytes} bytes, ${!info.ok ? `REJECTED: ${e!.code} at byte ${e!.offset}${e!.path === undefined ? '' : ` (${e!.path})`}` : info.frames[0]!.prefixBytes === 0 ? 'one bare body' : `${info.frames.length} frame${info.frames.length === 1 ? '' : 's'}`}`)
  if (!info.ok) return
  info.frames.forEach((f, i) => {
    out.push(f.prefixBytes > 0
      ? `  frame ${i + 1} at byte ${f.offset}: prefix ${f.prefix} (${f.prefixBytes} B${f.prefixMinimal ? '' : ', NOT minimal'}), body ${f.bodyLength} B`
      : `  body: ${f.bodyLength} B (raw)`)
    out.push(`    wire order        ${f.wireOrder === '' ? '(empty message)' : f.wireOrder}`)
    if (f.publicKey !== undefined) {
      const k = f.publicKey
      out.push(k.error === undefined
        ? `    publicKey         ${k.type} (${k.bits} bits), ${k.bytes} B${k.canonical === true ? '' : ', non-canonical encoding'}\n    peer id           ${k.peerId}`
        : `    publicKey         INVALID ${k.error.code} at byte ${k.error.offset}, ${k.bytes} B`)
    } else out.push('    publicKey         (absent)')
    out.push(`    protocolVersion   ${f.protocolVersion === undefined ? '(absent)' : showText(f.protocolVersion)}`)
    out.push(`    agentVersion      ${f.agentVersion === undefined ? '(absent)' : showText(f.agentVersion)}`)
    out.push(`    listenAddrs       ${f.listenAddrs.length}${f.emptyListenAddrs.length > 0 ? ` (+${f.emptyListenAddrs.length} empty, skipped: [${f.emptyListenAddrs.join(', ')}])` : ''}${f.fieldBytes.listenAddrs === undefined ? '' : `, ${f.fieldBytes.listenAddrs} B`}`)
    for (const a of f.listenAddrs) out.push(`      [${a.index}] ${showAddr(a)}`)
    out.push(`    observedAddr      ${f.observedAddr !== undefined ? showAddr(f.observedAddr) : f.observedAddrEmpty === true ? '(empty: treated as absent)' : '(absent)'}`)
    out.push(`    protocols         ${f.protocols.length}${f.fieldBytes.protocols === undefined ? '' : `, ${f.fieldBytes.protocols} B`}`)
    for (const p of f.protocols) out.push(`      ${showText(p)}`)
    const r = f.signedPeerRecord
    if (r === undefined) out.push('    signedPeerRecord  (absent)')
    else if (r.error !== undefined) out.push(`    signedPeerRecord  ${r.bytes} B, REJECTED: ${r.error.code} at byte ${r.error.offset}${r.error.path === undefined ? '' : ` (${r.error.path})`}`)
    else {
      out.push(`    signedPeerRecord  ${r.bytes} B, structure valid, key matches; signature ${r.signature}`)
      out.push(`      peer id ${r.peerId}, seq ${r.seq}, ${r.addresses!.length} addresses`)
      for (const a of r.addresses!) out.push(`      [${a.index}] ${showAddr(a)}`)
    }
    if (f.unknownFields.length === 0) out.push('    unknown fields    none')
    else for (const u of f.unknownFields) out.push(`    unknown field     ${u.field} (${u.wireType}, ${u.length} B): ${u.bytes}`)
    const v = f.verdict
    if (v !== undefined) {
      const who = v.peerId === undefined ? 'no identity' : `peer ${v.peerId}${v.expectedPeerId === undefined ? '' : v.matchesExpected === true ? ' (the expected peer)' : ` (NOT the expected ${v.expectedPeerId})`}`
      out.push(`    verdict           ${v.ok ? 'ok' : 'NOT ok'}: ${who}; trusted addresses: ${v.trustedAddrs} from ${v.addrSource}`)
      for (const p of v.problems) out.push(`      problem ${p.code} at byte ${p.offset}${p.path === undefined ? '' : ` (${p.path})`}`)
    }
    for (const x of f.findings) out.push(`    ! ${x}`)
  })
  const mg = info.merged
  if (mg !== undefined) out.push(`  merged (#709)     ${mg.protocols} protocols (de-duplicated), ${mg.listenAddrs} listen addresses, publicKey ${mg.publicKey ? 'present' : 'absent'}, signedPeerRecord ${mg.signedPeerRecord ? 'present' : 'absent'}`)
  for (const x of info.findings) out.push(`  ! ${x}`)
  const d = info.defaultReader
  out.push(`  limits            maxMessageSize ${d.limits.maxMessageSize}, maxFrames ${d.limits.maxFrames}: ${d.accepts ? 'a default reader accepts it' : `a default reader REJECTS it${d.error === undefined ? '' : ` (${d.error.code} at byte ${d.error.offset})`}`}`)
}

/** The version from package.json next to dist/ (the CLI is dist/cli.js). */
function version (): string {
  try { return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version } catch { return 'unknown' }
}

function toJson (v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => typeof x === 'bigint' ? x.toString() : x, 2)
}

/** Runs the command line; resolves to the exit code. */
export async function run (args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs(args)
  } catch (e) {
    process.stderr.write(`identify-wire: ${(e as Error).message} (see identify-wire --help)\n`)
    return 2
  }
  const { command, options, inputs } = parsed
  if (command === 'help' || (command === undefined && inputs.length === 0)) {
    (command === 'help' ? process.stdout : process.stderr).write(USAGE)
    return command === 'help' ? 0 : 2
  }
  if (command === 'version') { process.stdout.write(`identify-wire ${version()}\n`); return 0 }
  if (command !== 'inspect') { process.stderr.write(`identify-wire: unknown command ${JSON.stringify(command)} (see identify-wire --help)\n`); return 2 }
  if (inputs.length === 0) { process.stderr.write('identify-wire: inspect needs at least one input (see identify-wire --help)\n'); return 2 }

  let code = 0
  const results: InputInfo[] = []
  for (const input of expand(inputs)) {
    let bytes: Uint8Array
    try {
      bytes = input === '-' ? await readStdin() : readFileSync(input)
    } catch (e) {
      process.stderr.write(`identify-wire: cannot read ${input}: ${(e as { code?: string }).code ?? (e as Error).message}\n`)
      code = 2
      continue
    }
    let info: InputInfo
    try {
      if (options.hex) bytes = parseHex(new TextDecoder().decode(bytes))
      info = await inspect(input, bytes, options)
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      process.stderr.write(`identify-wire: ${input}: rejected: ${e.message}\n`)
      code = Math.max(code, 1)
      if (options.json) results.push({ input, bytes: bytes.length, ok: false, error: { code: 'HEX_INVALID', offset: -1, message: e.message }, frames: [], defaultReader: { accepts: false, limits: { maxMessageSize: options.maxMessageSize, maxFrames: options.maxFrames } }, findings: [] })
      continue
    }
    results.push(info)
    if (!info.ok) {
      const e = info.error!
      process.stderr.write(`identify-wire: ${input}: rejected: ${e.code} at byte ${e.offset}${e.path === undefined ? '' : ` (${e.path})`}: ${e.message.slice(e.message.indexOf(': ') + 2)}\n`)
      code = Math.max(code, 1)
    } else if (options.check && (!info.defaultReader.accepts || info.findings.length > 0 || info.frames.some((f) => f.findings.length > 0 || f.verdict?.ok === false))) {
      code = Math.max(code, 1)
    }
    if (!options.json) {
      const out: string[] = []
      printText(info, out)
      process.stdout.write(out.join('\n') + '\n\n')
    }
  }
  if (options.json) process.stdout.write(toJson({ inputs: results }) + '\n')
  return code
}
