#!/usr/bin/env node
// The identify-wire side of the live interop judge: the Go and Rust relay hosts pipe the raw Identify stream bytes
// through this process, so that every Identify byte they send or judge comes from the built library (dist/).
// Test tooling, never part of the package. Needs `npm run build` first.
//
//   node vectors/interop/wire-peer.mjs encode [--split] < message.json > stream.bin
//     message.json: { protocolVersion?, agentVersion?, publicKey?: hex, listenAddrs?: [text multiaddr],
//                     observedAddr?: text multiaddr, protocols?: [string], signedPeerRecord?: hex }
//     writes the length-prefixed frame(s): one frame (encodeIdentify + uvarint prefix), or with --split the
//     multi-frame split of encodeIdentifyStream.
//   node vectors/interop/wire-peer.mjs decode [--max-size N] < stream.bin > result.json
//     reads every byte of one Identify stream (all frames) and writes
//     { ok: true, message: { same shape as above, plus frames: N }, verdict: { ok, peerId?, addrSource, problems:
//     [code], recordIgnored? } (checkIdentify on the same bytes) } or { ok: false, code, offset, detail }.
//     Exit code 0 in both cases (a refusal is an answer); 2 for a caller mistake.
//   node vectors/interop/wire-peer.mjs announce < { addrs: [text], local: text, remote: text }
//     writes the JSON array of the addresses announceAddrs (identify-wire/peer) keeps for that connection.
//   node vectors/interop/wire-peer.mjs record < { signedPeerRecord: hex, addrs?: [text], publishNonPublic? }
//     writes { peerId, seq, addrs } of the record as identify-wire decodes it, plus `expected`: what recordAddrs
//     (identify-wire/peer) keeps of `addrs` with that option.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url))
const lib = await import(dist)
const peer = await import(fileURLToPath(new URL('../../dist/peer/index.js', import.meta.url)))

const hexOf = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const bytesOf = (h) => {
  if (typeof h !== 'string' || !/^([0-9a-f]{2})*$/i.test(h)) throw new TypeError('expected an even-length hex string')
  const out = new Uint8Array(h.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16)
  return out
}

function toInput (j) {
  const m = {}
  if (j.protocolVersion !== undefined) m.protocolVersion = j.protocolVersion
  if (j.agentVersion !== undefined) m.agentVersion = j.agentVersion
  if (j.publicKey !== undefined) m.publicKey = bytesOf(j.publicKey)
  m.listenAddrs = (j.listenAddrs ?? []).map((a) => lib.multiaddrFromString(a))
  if (j.observedAddr !== undefined) m.observedAddr = lib.multiaddrFromString(j.observedAddr)
  m.protocols = j.protocols ?? []
  if (j.signedPeerRecord !== undefined) m.signedPeerRecord = bytesOf(j.signedPeerRecord)
  return m
}

const text = (a) => { try { return lib.multiaddrToString(a) } catch { return '0x' + hexOf(a) } }

function toJson (m, frames) {
  const j = {}
  if (m.protocolVersion !== undefined) j.protocolVersion = m.protocolVersion
  if (m.agentVersion !== undefined) j.agentVersion = m.agentVersion
  if (m.publicKey !== undefined) j.publicKey = hexOf(m.publicKey)
  j.listenAddrs = m.listenAddrs.map(text)
  if (m.observedAddr !== undefined) j.observedAddr = text(m.observedAddr)
  j.protocols = m.protocols
  if (m.signedPeerRecord !== undefined) j.signedPeerRecord = hexOf(m.signedPeerRecord)
  j.frames = frames
  return j
}

/** checkIdentify's verdict on the same bytes (no expected peer): ok, peer id, where the addresses come from, problems. */
function verdictJson (v) {
  const out = { ok: v.ok, addrSource: v.addrSource, problems: v.problems.map((p) => p.code) }
  if (v.peerId !== undefined) out.peerId = v.peerId
  if (v.record.ignored !== undefined) out.recordIgnored = v.record.ignored
  return out
}

function countFrames (bytes) {
  const r = new lib.IdentifyFrameReader({ maxMessageSize: Infinity, maxFrames: Infinity })
  r.push(bytes)
  r.end()
  return r.frameCount
}

const [cmd, ...args] = process.argv.slice(2)
const stdin = readFileSync(0)
const input = new Uint8Array(stdin.buffer.slice(stdin.byteOffset, stdin.byteOffset + stdin.length))
if (cmd === 'encode') {
  const m = toInput(JSON.parse(new TextDecoder().decode(input)))
  // One frame: the whole message with no split limits (encodeIdentifyStream with one frame allowed).
  const out = args.includes('--split')
    ? lib.encodeIdentifyStream(m)
    : lib.encodeIdentifyStream(m, { firstFrameLimit: Number.MAX_SAFE_INTEGER, frameLimit: Number.MAX_SAFE_INTEGER, maxFrames: 1 })
  process.stdout.write(out)
} else if (cmd === 'decode') {
  const i = args.indexOf('--max-size')
  const opts = i >= 0 ? { maxMessageSize: Number(args[i + 1]) } : {}
  let result
  try {
    const m = lib.decodeIdentifyStream(input, opts)
    result = { ok: true, message: toJson(m, countFrames(input)), verdict: verdictJson(peer.checkIdentify(input, { decode: opts })) }
  } catch (e) {
    if (!(e instanceof lib.WireError)) throw e
    result = { ok: false, code: e.code, offset: e.offset, detail: e.message }
  }
  process.stdout.write(JSON.stringify(result) + '\n')
} else if (cmd === 'announce') {
  const j = JSON.parse(new TextDecoder().decode(input))
  const ma = lib.multiaddrFromString
  const kept = peer.announceAddrs(j.addrs.map(ma), ma(j.local), ma(j.remote))
  process.stdout.write(JSON.stringify(kept.map((a) => lib.multiaddrToString(a))) + '\n')
} else if (cmd === 'record') {
  const j = JSON.parse(new TextDecoder().decode(input))
  const r = lib.decodeSignedPeerRecord(bytesOf(j.signedPeerRecord)).record
  const out = { peerId: lib.peerIdToString(r.peerId), seq: String(r.seq), addrs: r.addresses.map((a) => lib.multiaddrToString(a)) }
  if (j.addrs !== undefined) {
    const opts = j.publishNonPublic === undefined ? undefined : { publishNonPublic: j.publishNonPublic }
    out.expected = peer.recordAddrs(j.addrs.map(lib.multiaddrFromString), opts).map((a) => lib.multiaddrToString(a))
  }
  process.stdout.write(JSON.stringify(out) + '\n')
} else {
  process.stderr.write('usage: wire-peer.mjs encode [--split] | decode [--max-size N] | announce | record\n')
  process.exit(2)
}
