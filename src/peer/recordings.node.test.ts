// Every go-libp2p and rust-libp2p recording in vectors/ (sidecar schema in vectors/README.md) against what that
// implementation's own decoder read from the same bytes: field by field, frame by frame, key to peer id, signed
// peer record, checkIdentify's verdict, the chunked reader and the built CLI. Needs no Go or Rust: bytes are committed.
import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { decodeIdentifyStream, IdentifyFrameReader } from '../identify/index.js'
import type { Identify } from '../identify/index.js'
import { multiaddrToString } from '../multiaddr/index.js'
import { checkIdentify, decodeSignedPeerRecord, peerIdFromPublicKey, peerIdToString, decodePublicKey } from './index.js'
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
  signedPeerRecord?: { peerId: string, seq: string, addrs: string[] }
  peerstore: Record<string, unknown>
  refused?: { by: string, error: string }
}

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
        expect(s.version).toMatch(/^v?\d+\.\d+\.\d+/)
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

      it('the default reader accepts it, or refuses it as the implementation did', () => {
        if (s.refused === undefined) {
          expect(asJson(decodeIdentifyStream(bytes))).toEqual(s.decoded)
          return
        }
        let e: unknown
        try { decodeIdentifyStream(bytes) } catch (x) { e = x }
        expect(e).toBeInstanceOf(WireError)
        expect([(e as WireError).code, (e as WireError).offset]).toEqual(['MESSAGE_TOO_LARGE', 0])
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
        const r = decodeSignedPeerRecord(m.signedPeerRecord, m.publicKey === undefined ? {} : { publicKey: m.publicKey })
        expect(peerIdToString(r.record.peerId)).toBe(s.signedPeerRecord!.peerId)
        expect(peerIdToString(r.record.peerId)).toBe(s.senderPeerId)
        expect(r.record.seq).toBe(BigInt(s.signedPeerRecord!.seq))
        expect(r.record.addresses.map((a) => multiaddrToString(a))).toEqual(s.signedPeerRecord!.addrs)
      })

      it('checkIdentify: ok for the sender, addresses from the record', () => {
        const opts = { expectedPeerId: s.senderPeerId, decode: s.refused === undefined ? {} : { maxMessageSize: Infinity } }
        const v = checkIdentify(bytes, opts)
        expect(v.problems).toEqual([])
        expect(v.ok).toBe(true)
        expect(v.peerId).toBe(s.senderPeerId)
        expect(v.addrSource).toBe(s.signedPeerRecord !== undefined ? 'signedPeerRecord' : 'listenAddrs')
        const trusted = v.trustedAddrs.map((a) => multiaddrToString(a))
        expect(trusted).toEqual(s.signedPeerRecord?.addrs ?? s.decoded.listenAddrs)
        // What the receiving host's peerstore learned holds every address identify-wire trusts.
        const learned = s.peerstore.addrs
        if (s.refused === undefined && Array.isArray(learned)) {
          for (const a of trusted) expect(learned).toContain(a)
        }
        if (s.refused !== undefined) {
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
      expect(got.defaultReader.accepts).toBe(s.refused === undefined)
      if (s.frames > 1) expect(got.merged).toMatchObject({ protocols: s.decoded.protocols.length, listenAddrs: s.decoded.listenAddrs.length })
      const frames = s.decodedFrames ?? [s.decoded]
      got.frames.forEach((f: any, j: number) => {
        expect(f.listenAddrs.map((a: { text: string }) => a.text)).toEqual(frames[j]!.listenAddrs)
        expect(f.protocols.map((p: { value: string }) => p.value)).toEqual(frames[j]!.protocols)
      })
    })
  })
})
