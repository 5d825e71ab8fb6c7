#!/usr/bin/env node
// Test support for libp2p.node.test.ts (never built, never shipped): live js-libp2p nodes on 127.0.0.1, two kinds:
// stock (@libp2p/identify as published) and adapted (a copy whose pb/message.js is identify-wire/libp2p's Identify,
// wrapped only to count calls). Runs identify and identify push in every pairing and prints what each side learned.
// Usage: node peers.node-runner.mjs <cache dir with js-libp2p installed> <stock identify dir> <adapted identify dir>
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// js-libp2p 3 uses Promise.withResolvers (Node >= 22); Node 20 gets the standard polyfill.
Promise.withResolvers ??= function () {
  let resolve, reject
  const promise = new this((a, b) => { resolve = a; reject = b })
  return { promise, resolve, reject }
}

const [cache, stockDir, adaptedDir] = process.argv.slice(2)
const req = async (pkg) => await import(pathToFileURL(join(cache, 'node_modules', pkg, 'dist', 'src', 'index.js')).href)
const { createLibp2p } = await req('libp2p')
const { tcp } = await req('@libp2p/tcp')
const { noise } = await req('@chainsafe/libp2p-noise')
const { yamux } = await req('@chainsafe/libp2p-yamux')
const stock = await import(pathToFileURL(join(stockDir, 'dist', 'src', 'index.js')).href)
const adapted = await import(pathToFileURL(join(adaptedDir, 'dist', 'src', 'index.js')).href)

const loopback = (ma) => /^\/ip4\/127\.0\.0\.1\//.test(ma.toString())
// Every host listens on 127.0.0.1 only, and its gater refuses any other address in either direction.
const gater = {
  denyDialMultiaddr: async (ma) => !loopback(ma),
  denyInboundConnection: async (maConn) => !loopback(maConn.remoteAddr),
  denyOutboundConnection: async (_peer, maConn) => !loopback(maConn.remoteAddr)
}

async function node (kind, agent, init = {}) {
  const lib = kind === 'adapted' ? adapted : stock
  return await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gater,
    nodeInfo: { userAgent: agent },
    services: { identify: lib.identify(init), identifyPush: lib.identifyPush() }
  })
}

const sortStr = (a) => [...a].map(String).sort()
async function learned (by, peer) {
  const p = await by.peerStore.get(peer.peerId)
  const td = new TextDecoder()
  return {
    protocols: sortStr(p.protocols),
    addresses: p.addresses.map((a) => `${a.multiaddr.toString().replace(/\/tcp\/\d+/, '/tcp/PORT')} certified=${a.isCertified}`).sort(),
    agentVersion: p.metadata.get('AgentVersion') === undefined ? null : td.decode(p.metadata.get('AgentVersion')),
    protocolVersion: p.metadata.get('ProtocolVersion') === undefined ? null : td.decode(p.metadata.get('ProtocolVersion')),
    publicKeyMatches: p.id.publicKey?.equals(peer.peerId.publicKey) ?? false,
    signedPeerRecord: p.peerRecordEnvelope !== undefined
  }
}

const until = async (what, f, ms = 10_000) => {
  const end = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const results = []
for (const a of ['stock', 'adapted']) {
  for (const b of ['stock', 'adapted']) {
    const A = await node(a, 'agent-A')
    const B = await node(b, 'agent-B/é ✓')
    try {
      const identified = new Promise((resolve) => A.addEventListener('peer:identify', (e) => resolve(e.detail), { once: true }))
      await A.dial(B.getMultiaddrs()[0])
      const event = await identified
      const identify = await learned(A, B)
      const reverse = await until('B to identify A', async () => { const l = await learned(B, A).catch(() => null); return l?.agentVersion != null ? l : null })
      // identify push: B starts serving a new protocol; A must learn it without dialing again.
      await B.handle('/identify-wire/e2e/1.0.0', async (stream) => { await stream.close() })
      const pushed = await until('the push to reach A', async () => { const l = await learned(A, B); return l.protocols.includes('/identify-wire/e2e/1.0.0') ? l : null })
      // identify on demand over the open connection, result as js-libp2p returns it
      const direct = await A.services.identify.identify(A.getConnections(B.peerId)[0])
      results.push({
        pairing: `${a} -> ${b}`,
        identify,
        reverse,
        pushed,
        event: { protocols: sortStr(event.protocols), listenAddrs: event.listenAddrs.length, agentVersion: event.agentVersion },
        direct: { protocols: sortStr(direct.protocols), listenAddrs: direct.listenAddrs.map((m) => m.toString().replace(/\/tcp\/\d+/, '/tcp/PORT')), signedPeerRecord: direct.signedPeerRecord?.addresses.length ?? null }
      })
    } finally {
      await A.stop()
      await B.stop()
    }
  }
}

// A hostile peer M (no identify service) answers /ipfs/id/1.0.0 with a crafted frame; A's identify must reject it
// and learn nothing, the same way whichever codec A runs. Frames: uvarint length + body.
const hostile = {
  'body truncated inside a protocol': [0x03, 0x1a, 0x05, 0x61],
  'invalid wire type 7': [0x02, 0x0f, 0x00],
  'length prefix beyond maxMessageSize (8192)': [0x81, 0x40, ...new Uint8Array(8193)]
}
const rejections = []
for (const a of ['stock', 'adapted']) {
  for (const [name, frame] of Object.entries(hostile)) {
    const A = await node(a, 'agent-A', { runOnConnectionOpen: false })
    const M = await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()], connectionGater: gater })
    try {
      await M.handle('/ipfs/id/1.0.0', async (stream) => { stream.send(Uint8Array.from(frame)); await stream.close() })
      const conn = await A.dial(M.getMultiaddrs()[0])
      let error = null
      try { await A.services.identify.identify(conn) } catch (e) { error = `${e.name}${e.code === undefined ? '' : ` ${e.code}`}` }
      const p = await A.peerStore.get(M.peerId).catch(() => null)
      rejections.push({ codec: a, frame: name, error, learnedAgent: p?.metadata.get('AgentVersion') !== undefined, learnedProtocols: p?.protocols ?? [] })
    } finally {
      await A.stop()
      await M.stop()
    }
  }
}
console.log(JSON.stringify({ results, rejections, calls: globalThis.__identifyWireCalls ?? null }))
