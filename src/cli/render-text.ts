// The text form of `identify-wire inspect`: lines for an input's header, each frame, and the input's summary. Builds
// strings only; Output (render-escape.ts) escapes every line it writes. Addresses are also marked when escaped;
// agent and protocol strings show the spec's sanitized form (U+FFFD) with a marker.

import { displayUntrusted } from './render-escape.js'
import type { Addr, FrameInfo, InputInfo, Text } from './model.js'

function showText (t: Text): string {
  const marks: string[] = []
  if (t.changed) marks.push('sanitized: characters replaced with U+FFFD')
  if (t.truncated) marks.push(`truncated for display: ${t.codePoints} code points`)
  return `"${t.display}"${marks.length > 0 ? `  ⚠ [${marks.join('; ')}]` : ''}`
}

function showAddr (a: Addr): string {
  return a.text !== undefined ? `${displayUntrusted(a.text)}  (${a.length} B)` : `INVALID ${a.error!.code} at byte ${a.error!.offset}: ${a.bytes}`
}

/** The input's first line: its name, size, and frame count or why it was rejected. */
export function textHeader (info: InputInfo): string[] {
  const e = info.error
  const what = !info.ok
    ? `REJECTED: ${e!.code} at byte ${e!.offset}${e!.path === undefined ? '' : ` (${e!.path})`}`
    : info.raw ? 'one bare body' : `${info.frameCount} frame${info.frameCount === 1 ? '' : 's'}`
  return [`${info.input}: ${info.bytes} bytes, ${what}`]
}

/** The lines of one frame (`index` counts from 0). */
export function textFrame (f: FrameInfo, index: number): string[] {
  const out: string[] = []
  out.push(f.prefixBytes > 0
    ? `  frame ${index + 1} at byte ${f.offset}: prefix ${f.prefix} (${f.prefixBytes} B${f.prefixMinimal ? '' : ', NOT minimal'}), body ${f.bodyLength} B`
    : `  body: ${f.bodyLength} B (raw)`)
  out.push(`    wire order        ${f.wireOrder === '' ? '(empty message)' : f.wireOrder}`)
  const k = f.publicKey
  if (k === undefined) out.push('    publicKey         (absent)')
  else if (k.error === undefined) {
    out.push(`    publicKey         ${k.type!} (${k.bits!} bits), ${k.bytes} B${k.canonical === true ? '' : ', non-canonical encoding'}`)
    out.push(`    peer id           ${k.peerId!}`)
  } else out.push(`    publicKey         INVALID ${k.error.code} at byte ${k.error.offset}, ${k.bytes} B`)
  out.push(`    protocolVersion   ${f.protocolVersion === undefined ? '(absent)' : showText(f.protocolVersion)}`)
  out.push(`    agentVersion      ${f.agentVersion === undefined ? '(absent)' : showText(f.agentVersion)}`)
  out.push(`    listenAddrs       ${f.listenAddrs.length}${f.emptyListenAddrs.length > 0 ? ` (+${f.emptyListenAddrs.length} empty, skipped: [${f.emptyListenAddrs.join(', ')}])` : ''}${f.fieldBytes.listenAddrs === undefined ? '' : `, ${f.fieldBytes.listenAddrs} B`}`)
  for (const a of f.listenAddrs) out.push(`      [${a.index}] ${showAddr(a)}`)
  out.push(`    observedAddr      ${f.observedAddr !== undefined ? showAddr(f.observedAddr) : f.observedAddrEmpty === true ? '(empty: treated as absent)' : '(absent)'}`)
  out.push(`    protocols         ${f.protocols.length}${f.fieldBytes.protocols === undefined ? '' : `, ${f.fieldBytes.protocols} B`}`)
  for (const p of f.protocols) out.push(`      ${showText(p)}`)
  const r = f.signedPeerRecord
  if (r === undefined) out.push('    signedPeerRecord  (absent)')
  else if (r.ignored !== undefined) out.push(`    signedPeerRecord  ${r.bytes} B, IGNORED: ${r.ignored} (${r.error!.code})`)
  else if (r.error !== undefined) out.push(`    signedPeerRecord  ${r.bytes} B, REJECTED: ${r.error.code} at byte ${r.error.offset}${r.error.path === undefined ? '' : ` (${r.error.path})`}`)
  else {
    out.push(`    signedPeerRecord  ${r.bytes} B, structure valid, key matches; signature ${r.signature!}`)
    out.push(`      peer id ${r.peerId!}, seq ${r.seq!}, ${r.addresses!.length} addresses`)
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
  return out
}

/** The input's closing lines: frames not shown, the merged view, findings, the default reader's verdict. */
export function textFooter (info: InputInfo): string[] {
  const out: string[] = []
  if (!info.ok) return ['']
  const ns = info.framesNotShown
  if (ns !== undefined) {
    out.push(`  frames ${ns.fromFrame}..${ns.fromFrame + ns.count - 1} not shown (--max-frames-shown): ${ns.count} frames from byte ${ns.fromByte}, ${ns.empty} of them empty; each decoded without error`)
  }
  const mg = info.merged
  if (mg !== undefined) out.push(`  merged (#709)     ${mg.protocols} protocols (de-duplicated), ${mg.listenAddrs} listen addresses, publicKey ${mg.publicKey ? 'present' : 'absent'}, signedPeerRecord ${mg.signedPeerRecord ? 'present' : 'absent'}`)
  if (info.mergedNotComputed !== undefined) out.push(`  merged (#709)     not computed: ${info.mergedNotComputed}`)
  for (const x of info.findings) out.push(`  ! ${x}`)
  const d = info.defaultReader
  out.push(`  limits            maxMessageSize ${d.limits.maxMessageSize}, maxFrames ${d.limits.maxFrames}: ${d.accepts ? 'a default reader accepts it' : `a default reader REJECTS it${d.error === undefined ? '' : ` (${d.error.code} at byte ${d.error.offset})`}`}`)
  out.push('')
  return out
}
