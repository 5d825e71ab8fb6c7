// Every go-libp2p and rust-libp2p recording in vectors/ (sidecar schema in vectors/README.md) against what that
// implementation's own decoder read from the same bytes: field by field, frame by frame, key to peer id, signed
// peer record, checkIdentify's verdict, size limits, the chunked reader and the built CLI. Needs no Go or Rust.
import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { decodeIdentifyStream, IdentifyFrameReader } from '../identify/index.js'
import type { Identify } from '../identify/index.js'
import { multiaddrToString } from '../multiaddr/index.js'
import { checkIdentify, verifyIdentify, decodeSignedPeerRecord, decodeEnvelope, decodePeerRecord, peerIdFromPublicKey, peerIdToString, decodePublicKey } from './index.js'
import { LEGACY_ROUTING_STATE_PAYLOAD_TYPE } from './record.js'
import { WireError } from '../errors.js'
import { peerRecordingNames, vectorBytes, vectorJson, toHex } from '../testing/vectors.js'
import { root, requireBuilt } from '../testing/dist.js'

interface Decoded {
  protocolVersion?: string
  agentVersion?: string
  publicKey?: string
  listenAddrs: string[]
  observedAddr?: string
  protocols: string[]
  signedPeerRecord?: string
}

interface Sidecar {
  name: string
  file: string
  sha256: string
  totalBytes: number
  implementation: 'go-libp2p' | 'rust-libp2p'
  version: string
  recorderCommit: string
  protocol: '/ipfs/id/1.0.0' | '/ipfs/id/push/1.0.0'
  kind: 'identify-response' | 'identify-push'
  scenario: string
  keyType: 'ed25519' | 'secp256k1' | 'ecdsa' | 'rsa'
  frames: number
  senderPeerId: string
  decoded: Decoded
  decodedFrames?: Decoded[]
  /** rust-libp2p also says which envelope: its legacy routing-state form (see LEGACY_ROUTING_STATE_PAYLOAD_TYPE). */
  signedPeerRecord?: { peerId: string, seq: string, addrs: string[], envelope?: string }
  /** What the receiving stock host learned: go-libp2p's peerstore (`addrs`), rust-libp2p's identify::Info (`listenAddrs`). */
  peerstore: { addrs?: string[], listenAddrs?: string[], [k: string]: unknown }
  refused?: { by: string, error: string }
}

/**
 * Each implementation's receive limit on one frame's body, in bytes, and the form of its version string. go-libp2p
 * v0.52 reads frames of up to 8 KiB (signedIDSize); rust-libp2p 0.48 at most 4096 bytes (MAX_MESSAGE_SIZE_BYTES) and
 * only the first frame of a stream. identify-wire's default reader takes 8192 (js-libp2p's MAX_IDENTIFY_MESSAGE_SIZE).
 */
const IMPL = {
  'go-libp2p': { limit: 8192, version: /^v\d+\.\d+\.\d+$/ },
  'rust-libp2p': { limit: 4096, version: /^libp2p \d+\.\d+\.\d+ \(libp2p-identify \d+\.\d+\.\d+[,)]/ }
} as const
const DEFAULT_LIMIT = 8192

const names = peerRecordingNames()
const side = (n: string): Sidecar => vectorJson<Sidecar>(`${n}.json`)
const unlimited = { maxMessageSize: Infinity, maxFrames: Infinity }

/** identify-wire's reading of a message, in the sidecar's JSON shape (hex bytes, canonical multiaddr text). */
function asJson (m: Identify): Decoded {
  const d: Decoded = { listenAddrs: m.listenAddrs.map((a) => multiaddrToString(a)), protocols: m.protocols }
  if (m.protocolVersion !== undefined) d.protocolVersion = m.protocolVersion
  if (m.agentVersion !== undefined) d.agentVersion = m.agentVersion
  if (m.publicKey !== undefined) d.publicKey = toHex(m.publicKey)
  if (m.observedAddr !== undefined) d.observedAddr = multiaddrToString(m.observedAddr)
  if (m.signedPeerRecord !== undefined) d.signedPeerRecord = toHex(m.signedPeerRecord)
  return d
}

const keyTypeName = { ed25519: 'Ed25519', secp256k1: 'secp256k1', ecdsa: 'ECDSA', rsa: 'RSA' } as const

/** Where each frame starts and its body length (the stream is uvarint prefix + body, one after another). */
function frameStarts (bytes: Uint8Array): Array<{ start: number, body: number }> {
  const out: Array<{ start: number, body: number }> = []
  for (let at = 0; at < bytes.length;) {
    const start = at
    let body = 0; let shift = 0; let b: number
    do { b = bytes[at++]!; body += (b & 0x7f) * 2 ** shift; shift += 7 } while (b >= 0x80)
    out.push({ start, body })
    at += body
  }
  return out
}
const frameBodies = (bytes: Uint8Array): number[] => frameStarts(bytes).map((f) => f.body)

/** rust-libp2p 0.48's record: its legacy envelope (domain libp2p-routing-state), not a libp2p peer record. */
const isLegacy = (s: Sidecar): boolean => s.implementation === 'rust-libp2p' && s.signedPeerRecord !== undefined

describe('go-libp2p and rust-libp2p recordings', () => {
  it('the committed go-libp2p set is whole: 4 key types, 5 transports, no listen addresses, split, over-limit, 2 pushes', () => {
    const go = names.filter((n) => n.startsWith('go-libp2p-'))
    expect(go).toHaveLength(13)
    expect(new Set(go.map((n) => side(n).keyType))).toEqual(new Set(['ed25519', 'secp256k1', 'ecdsa', 'rsa']))
    expect(go.filter((n) => side(n).kind === 'identify-push')).toHaveLength(2)
    expect(go.filter((n) => side(n).frames > 1).length).toBeGreaterThanOrEqual(2)
    expect(go.filter((n) => side(n).refused !== undefined)).toHaveLength(1)
    const observed = go.map((n) => side(n).decoded.observedAddr ?? '')
    for (const t of [/\/tcp\/\d+$/, /\/quic-v1$/, /\/tcp\/\d+\/ws$/, /\/quic-v1\/webtransport$/, /^\/ip6\//]) {
      expect(observed.some((o) => t.test(o))).toBe(true)
    }
  })

  it('the committed rust-libp2p set is whole: 4 key types, tcp/quic-v1/ws/ip6, 3 pushes, 4 legacy records, limits 4096/4097/8193', () => {
    const rust = names.filter((n) => n.startsWith('rust-libp2p-'))
    expect(rust).toHaveLength(14)
    expect(new Set(rust.map((n) => side(n).keyType))).toEqual(new Set(['ed25519', 'secp256k1', 'ecdsa', 'rsa']))
    expect(rust.filter((n) => side(n).kind === 'identify-push')).toHaveLength(3)
    expect(rust.every((n) => side(n).frames === 1)).toBe(true)
    expect(rust.filter((n) => side(n).refused !== undefined).map((n) => frameBodies(vectorBytes(n))[0])).toEqual([4097, 8193])
    expect(rust.filter((n) => side(n).signedPeerRecord !== undefined)).toHaveLength(8)
    const observed = rust.map((n) => side(n).decoded.observedAddr ?? '')
    for (const t of [/\/tcp\/\d+$/, /\/quic-v1$/, /\/tcp\/\d+\/ws$/, /^\/ip6\//]) {
      expect(observed.some((o) => t.test(o))).toBe(true)
    }
  })

  for (const n of names) {
    describe(n, () => {
      const s = side(n)
      const bytes = vectorBytes(n)

      it('sidecar: file, sha256, size, implementation, protocol and kind agree', () => {
        expect(s.name).toBe(n)
        expect(s.file).toBe(`${n}.bin`)
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(s.sha256)
        expect(bytes.length).toBe(s.totalBytes)
        expect(n.startsWith(`${s.implementation}-`)).toBe(true)
        expect(s.kind).toBe(s.protocol === '/ipfs/id/1.0.0' ? 'identify-response' : 'identify-push')
        expect(s.version).toMatch(IMPL[s.implementation].version)
        expect(s.recorderCommit).toMatch(/^[0-9a-f]{40}$/)
      })

      it('frames: the chunked reader splits them as the implementation did, each frame equal to its own decoding', () => {
        const r = new IdentifyFrameReader(unlimited)
        r.push(bytes)
        const frames: Identify[] = []
        for (let f = r.next(); f !== undefined; f = r.next()) frames.push(f)
        r.end()
        expect(frames).toHaveLength(s.frames)
        if (s.frames > 1) {
          expect(s.decodedFrames).toHaveLength(s.frames)
          frames.forEach((f, i) => expect(asJson(f)).toEqual(s.decodedFrames![i]))
        }
      })

      it('decode equals what the implementation decoded, field by field', () => {
        const m = decodeIdentifyStream(bytes, unlimited)
        const got = asJson(m)
        for (const k of ['protocolVersion', 'agentVersion', 'publicKey', 'listenAddrs', 'observedAddr', 'protocols', 'signedPeerRecord'] as const) {
          expect([k, got[k]]).toEqual([k, s.decoded[k]])
        }
        expect(Object.keys(got).sort()).toEqual(Object.keys(s.decoded).sort())
        // strict mode finds nothing to object to either
        expect(asJson(decodeIdentifyStream(bytes, { ...unlimited, strict: true }))).toEqual(got)
      })

      it("the implementation refused it exactly when a frame is over its limit; identify-wire's reader does the same at that limit and at its own default", () => {
        const bodies = frameBodies(bytes)
        expect(bodies).toHaveLength(s.frames)
        const limit = IMPL[s.implementation].limit
        const over = (max: number): number => bodies.findIndex((b) => b > max)
        expect(s.refused !== undefined).toBe(over(limit) >= 0)
        const refusal = (opts?: { maxMessageSize: number }): [string, number] | undefined => {
          try { decodeIdentifyStream(bytes, opts); return undefined } catch (e) {
            expect(e).toBeInstanceOf(WireError)
            return [(e as WireError).code, (e as WireError).offset]
          }
        }
        const at = (i: number): number => frameStarts(bytes)[i]!.start // the refused frame's length prefix
        expect(refusal({ maxMessageSize: limit })).toEqual(over(limit) < 0 ? undefined : ['MESSAGE_TOO_LARGE', at(over(limit))])
        expect(refusal()).toEqual(over(DEFAULT_LIMIT) < 0 ? undefined : ['MESSAGE_TOO_LARGE', at(over(DEFAULT_LIMIT))])
        if (over(DEFAULT_LIMIT) < 0) expect(asJson(decodeIdentifyStream(bytes))).toEqual(s.decoded)
      })

      it('stream reader agrees with the one-shot decoder under any chunking', () => {
        const whole = asJson(decodeIdentifyStream(bytes, unlimited))
        fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }), (sizes) => {
          const r = new IdentifyFrameReader(unlimited)
          let at = 0
          for (let i = 0; at < bytes.length; i++) {
            const k = sizes[i % sizes.length]!
            r.push(bytes.subarray(at, at + k))
            at += k
          }
          expect(asJson(r.end())).toEqual(whole)
        }), { numRuns: 30 })
      })

      it('the public key derives the peer id the implementation printed', () => {
        const m = decodeIdentifyStream(bytes, unlimited)
        if (m.publicKey === undefined) {
          expect(s.decoded.publicKey).toBeUndefined()
          return
        }
        expect(decodePublicKey(m.publicKey).type).toBe(keyTypeName[s.keyType])
        expect(peerIdToString(peerIdFromPublicKey(m.publicKey))).toBe(s.senderPeerId)
      })

      it('the signed peer record decodes to the sidecar peer id, seq and addresses', () => {
        const m = decodeIdentifyStream(bytes, unlimited)
        expect(m.signedPeerRecord !== undefined).toBe(s.signedPeerRecord !== undefined)
        if (m.signedPeerRecord === undefined) return
        expect(s.signedPeerRecord!.envelope).toBe(isLegacy(s) ? 'legacy: domain libp2p-routing-state, payload type /libp2p/routing-state-record' : undefined)
        if (isLegacy(s)) {
          // Not a libp2p peer record, so refused as one; its payload is a PeerRecord all the same, and reads as rust read it.
          let e: unknown
          try { decodeSignedPeerRecord(m.signedPeerRecord) } catch (x) { e = x }
          expect((e as WireError).code).toBe('RECORD_PAYLOAD_TYPE')
          const env = decodeEnvelope(m.signedPeerRecord)
          expect(env.payloadType).toEqual(LEGACY_ROUTING_STATE_PAYLOAD_TYPE)
          expect(env.publicKey.bytes).toEqual(m.publicKey)
          const rec = decodePeerRecord(env.payload)
          expect(peerIdToString(rec.peerId)).toBe(s.signedPeerRecord!.peerId)
          expect(peerIdToString(rec.peerId)).toBe(s.senderPeerId)
          expect(rec.seq).toBe(BigInt(s.signedPeerRecord!.seq))
          expect(rec.addresses.map((a) => multiaddrToString(a))).toEqual(s.signedPeerRecord!.addrs)
          return
        }
        const r = decodeSignedPeerRecord(m.signedPeerRecord, m.publicKey === undefined ? {} : { publicKey: m.publicKey })
        expect(peerIdToString(r.record.peerId)).toBe(s.signedPeerRecord!.peerId)
        expect(peerIdToString(r.record.peerId)).toBe(s.senderPeerId)
        expect(r.record.seq).toBe(BigInt(s.signedPeerRecord!.seq))
        expect(r.record.addresses.map((a) => multiaddrToString(a))).toEqual(s.signedPeerRecord!.addrs)
      })

      it('verifyIdentify: go-libp2p records verify (every key type); rust-libp2p legacy records stay unchecked, ok kept', async () => {
        const bigger = frameBodies(bytes).some((b) => b > DEFAULT_LIMIT)
        const v = await verifyIdentify(bytes, { expectedPeerId: s.senderPeerId, decode: bigger ? { maxMessageSize: Infinity } : {} })
        expect(v.ok).toBe(true)
        expect(v.peerId).toBe(s.senderPeerId)
        expect(v.record.signature).toBe(s.signedPeerRecord !== undefined && !isLegacy(s) ? 'valid' : 'unchecked')
        expect(v.record.ignored !== undefined).toBe(isLegacy(s))
      })

      it('checkIdentify: ok for the sender, addresses from the record (rust: its legacy record ignored, listen addresses)', () => {
        const bigger = frameBodies(bytes).some((b) => b > DEFAULT_LIMIT)
        const opts = { expectedPeerId: s.senderPeerId, decode: bigger ? { maxMessageSize: Infinity } : {} }
        const v = checkIdentify(bytes, opts)
        if (isLegacy(s)) {
          expect(v.problems.map((p) => [p.code, p.path])).toEqual([['RECORD_PAYLOAD_TYPE', 'signedPeerRecord.payloadType']])
          expect(v.record.ignored).toMatch(/routing-state/)
          expect(v.record.valid).toBe(false)
        } else {
          expect(v.problems).toEqual([])
          expect(v.record.ignored).toBeUndefined()
        }
        expect(v.ok).toBe(true)
        expect(v.peerId).toBe(s.senderPeerId)
        const fromRecord = s.signedPeerRecord !== undefined && !isLegacy(s)
        expect(v.addrSource).toBe(fromRecord ? 'signedPeerRecord' : 'listenAddrs')
        const trusted = v.trustedAddrs.map((a) => multiaddrToString(a))
        expect(trusted).toEqual(fromRecord ? s.signedPeerRecord!.addrs : s.decoded.listenAddrs)
        // What the receiving host learned, next to what identify-wire trusts.
        if (s.refused !== undefined) {
          // rust's receiver learned nothing from a refused message (go's peerstore keeps the stock exchange's view).
          if (s.implementation === 'rust-libp2p') expect(s.peerstore).toEqual({})
        } else if (s.implementation === 'go-libp2p') {
          // go's peerstore holds every address identify-wire trusts.
          for (const a of trusted) expect(s.peerstore.addrs).toContain(a)
        } else {
          // rust's identify::Info holds what identify-wire trusts, less the listen addresses that end in another peer's
          // /p2p/ id (rust drops those; identify-wire leaves that judgement to the caller). Order is rust's own.
          const learned = s.peerstore.listenAddrs!
          const otherPeer = (a: string): boolean => { const m = /\/p2p\/([^/]+)$/.exec(a); return m !== null && m[1] !== s.senderPeerId }
          expect([...learned].sort()).toEqual(trusted.filter((a) => !otherPeer(a)).sort())
          expect(s.peerstore.peerId).toBe(s.senderPeerId)
          expect(s.peerstore.publicKey).toBe(s.decoded.publicKey)
          expect(s.peerstore.agentVersion).toBe(s.decoded.agentVersion)
          expect(s.peerstore.protocolVersion).toBe(s.decoded.protocolVersion)
          expect(s.peerstore.observedAddr).toBe(s.decoded.observedAddr)
          if (s.kind === 'identify-response') expect([...(s.peerstore.protocols as string[])].sort()).toEqual([...s.decoded.protocols].sort())
        }
        if (bigger) {
          expect(checkIdentify(bytes, { expectedPeerId: s.senderPeerId }).problems.map((p) => p.code)).toEqual(['MESSAGE_TOO_LARGE'])
        }
      })
    })
  }

  it('the built CLI (npm start) inspects every recording: frames, default-reader verdict, merged counts', () => {
    if (names.length === 0) return
    const r = spawnSync('node', [requireBuilt('cli.js'), 'inspect', '--json', ...names.map((n) => `vectors/${n}.bin`)],
      { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as { inputs: any[] }
    expect(out.inputs).toHaveLength(names.length)
    names.forEach((n, i) => {
      const s = side(n)
      const got = out.inputs[i]
      expect(got.ok).toBe(true)
      expect(got.frames).toHaveLength(s.frames)
      expect(got.defaultReader.accepts).toBe(frameBodies(vectorBytes(n)).every((b) => b <= DEFAULT_LIMIT))
      if (s.frames > 1) expect(got.merged).toMatchObject({ protocols: s.decoded.protocols.length, listenAddrs: s.decoded.listenAddrs.length })
      const frames = s.decodedFrames ?? [s.decoded]
      got.frames.forEach((f: any, j: number) => {
        expect(f.listenAddrs.map((a: { text: string }) => a.text)).toEqual(frames[j]!.listenAddrs)
        expect(f.protocols.map((p: { value: string }) => p.value)).toEqual(frames[j]!.protocols)
      })
    })
  })
})
