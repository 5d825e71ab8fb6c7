import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  decodeSignedPeerRecord, decodeEnvelope, decodePeerRecord, envelopeSignedBytes, PEER_RECORD_DOMAIN,
  LEGACY_ROUTING_STATE_PAYLOAD_TYPE, isLegacyRoutingStateRecordAt
} from './record.js'
import { verifySignedPeerRecord } from './verify.js'
import { peerIdToString } from './peer-id.js'
import { encodePublicKey } from './keys.js'
import { WireError } from '../errors.js'
import { hex, toHex, vectorFiles, vectorJson, vectorBytes } from '../testing/vectors.js'
import { decodeIdentifyStream } from '../identify/index.js'
import { expectWireError } from '../testing/expect-error.js'

interface Vec { name: string, spr: Uint8Array, keyType: string, j: any, listen: any[] }
const vecs: Vec[] = []
for (const f of vectorFiles().filter((x) => x.endsWith('.json'))) {
  const j = vectorJson(f)
  const d = j.messages?.[0]?.decoded
  if (d?.signedPeerRecord === undefined) continue
  vecs.push({ name: f, spr: hex(d.signedPeerRecord.hex), keyType: d.signedPeerRecord.envelope.publicKeyType, j: d.signedPeerRecord, listen: d.listenAddrs })
}

/** Does this runtime's WebCrypto have Ed25519? (Node 20 does; the browser run may not.) */
async function hasEd25519 (): Promise<boolean> {
  try {
    await (globalThis as any).crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify'])
    return true
  } catch { return false }
}

describe('signed peer records of the recorded vectors', () => {
  it('there are 10 of them (all but identify-no-listen), Ed25519, secp256k1 and RSA', () => {
    expect(vecs).toHaveLength(10)
    expect(new Set(vecs.map((v) => v.keyType))).toEqual(new Set(['Ed25519', 'secp256k1', 'RSA']))
  })
  for (const v of vecs) {
    it(`${v.name}: decodes as js-libp2p recorded it`, () => {
      const { envelope, record } = decodeSignedPeerRecord(v.spr)
      expect(envelope.publicKey.type).toBe(v.keyType)
      expect(peerIdToString(record.peerId)).toBe(v.j.peerRecord.peerId)
      expect(peerIdToString(record.peerId)).toBe(v.j.envelope.signerPeerId)
      expect(record.seq).toBe(BigInt(v.j.peerRecord.seq))
      expect(toHex(envelope.payloadType)).toBe(v.j.envelope.payloadTypeHex)
      expect(toHex(envelope.payload)).toBe(v.j.envelope.payloadHex)
      expect(toHex(envelope.signature)).toBe(v.j.envelope.signatureHex)
      expect(record.addresses).toHaveLength(v.j.peerRecord.multiaddrs.length)
      // The record's addresses equal listenAddrs (README), whose bytes and text the JSON gives.
      expect(record.addresses.map(toHex)).toEqual(v.listen.map((a: any) => a.hex))
      expect(v.listen.map((a: any) => a.multiaddr)).toEqual(v.j.peerRecord.multiaddrs)
      expect(v.j.signatureValid).toBe(true)
    })
  }
  it('every Ed25519 record verifies with WebCrypto', async () => {
    const ed = vecs.filter((v) => v.keyType === 'Ed25519')
    expect(ed.length).toBe(8)
    if (!await hasEd25519()) {
      for (const v of ed) {
        let caught: unknown
        try { await verifySignedPeerRecord(v.spr) } catch (e) { caught = e }
        expect((caught as WireError).code).toBe('KEY_TYPE_UNSUPPORTED')
      }
      return
    }
    for (const v of ed) expect(await verifySignedPeerRecord(v.spr)).toBe(true)
  })
  it('RSA and secp256k1 records verify too (secp256k1 here, RSA through WebCrypto)', async () => {
    const others = vecs.filter((x) => x.keyType !== 'Ed25519')
    expect(others.map((v) => v.keyType).sort()).toEqual(['RSA', 'secp256k1'])
    for (const v of others) expect(await verifySignedPeerRecord(v.spr)).toBe(true)
  })
})

describe('tampering', () => {
  const v = vecs.find((x) => x.name.startsWith('identify-minimal-ed25519'))!
  it('every single-bit flip anywhere in the envelope is caught (structure or signature)', async () => {
    const can = await hasEd25519()
    let structural = 0; let signature = 0
    for (let i = 0; i < v.spr.length; i++) {
      for (const bit of [0, 7]) {
        const b = v.spr.slice(); b[i] = b[i]! ^ (1 << bit)
        let ok = true
        try { decodeSignedPeerRecord(b) } catch (e) { expect(e).toBeInstanceOf(WireError); ok = false; structural++ }
        if (!ok || !can) continue
        expect(await verifySignedPeerRecord(b)).toBe(false)
        signature++
      }
    }
    expect(structural + signature).toBe(can ? 2 * v.spr.length : structural)
    expect(structural).toBeGreaterThan(50)
    if (can) expect(signature).toBeGreaterThan(100)
  })
  // Layout of this envelope: 0a24 <key 36> 1202 0301 1a<len> <payload> 2a40 <sig 64>
  it('a changed key: RECORD_KEY_MISMATCH at the record peer id', () => {
    const b = v.spr.slice(); b[10] = b[10]! ^ 1
    const e = expectWireError(() => decodeSignedPeerRecord(b), 'RECORD_KEY_MISMATCH')
    expect(e.path).toBe('signedPeerRecord.payload.peerId')
  })
  it('a changed payload type: RECORD_PAYLOAD_TYPE at its offset', () => {
    const b = v.spr.slice(); b[40] = 0x04
    expectWireError(() => decodeSignedPeerRecord(b), 'RECORD_PAYLOAD_TYPE', 40, 'signedPeerRecord.payloadType')
  })
  it('an Identify publicKey other than the envelope key: RECORD_KEY_MISMATCH', () => {
    const other = encodePublicKey('Ed25519', new Uint8Array(32).fill(3))
    expectWireError(() => decodeSignedPeerRecord(v.spr, { publicKey: other }), 'RECORD_KEY_MISMATCH', 6, 'signedPeerRecord.publicKey')
    expect(decodeSignedPeerRecord(v.spr, { publicKey: v.spr.subarray(2, 38) }).record.addresses).toHaveLength(1)
  })
  it('a changed seq or signature verifies false', async () => {
    if (!await hasEd25519()) return void expect(await hasEd25519()).toBe(false)
    const seqAt = toHex(v.spr).indexOf('10b4aac189a034') / 2
    expect(seqAt).toBeGreaterThan(0)
    const b = v.spr.slice(); b[seqAt + 1] = b[seqAt + 1]! + 1
    expect(decodeSignedPeerRecord(b).record.seq).toBe(BigInt(v.j.peerRecord.seq) + 1n)
    expect(await verifySignedPeerRecord(b)).toBe(false)
    const c = v.spr.slice(); c[c.length - 1] = c[c.length - 1]! ^ 0x80
    expect(await verifySignedPeerRecord(c)).toBe(false)
  })
})

describe('structure errors', () => {
  const key = encodePublicKey('Ed25519', new Uint8Array(32).fill(5))
  const cat = (...a: Array<Uint8Array | number[]>): Uint8Array => new Uint8Array(a.flatMap((x) => [...x]))
  const len = (b: Uint8Array | number[]): number[] => [[...b].length]
  const idOf = cat([0, key.length], key)
  const record = (...fields: Array<Uint8Array | number[]>): Uint8Array => cat(...fields)
  const env = (payload: Uint8Array, pt: number[] = [3, 1], sig: number[] = new Array(64).fill(1)): Uint8Array =>
    cat([0x0a], len(key), key, [0x12], len(pt), pt, [0x1a], len(payload), payload, [0x2a], len(sig), sig)
  const addr = hex('047f000001060fa1')
  const good = record([0x0a], len(idOf), idOf, [0x10, 0x05], [0x1a, addr.length + 2, 0x0a, addr.length], addr)

  it('a hand-built record decodes', () => {
    const r = decodeSignedPeerRecord(env(good))
    expect(r.record.seq).toBe(5n)
    expect(r.record.addresses).toEqual([addr])
  })
  it('seq up to 2^64-1 as bigint; above is VARINT_OVERFLOW', () => {
    const max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
    expect(decodePeerRecord(record([0x0a], len(idOf), idOf, [0x10], max)).seq).toBe(2n ** 64n - 1n)
    expectWireError(() => decodePeerRecord(record([0x0a], len(idOf), idOf, [0x10], [...max.slice(0, 9), 0x02])), 'VARINT_OVERFLOW', 2 + idOf.length + 1)
    expectWireError(() => decodePeerRecord(record([0x0a], len(idOf), idOf, [0x10, 0xff])), 'TRUNCATED', 2 + idOf.length + 1)
  })
  it('missing peer id, bad peer id, bad address, wrong wire types', () => {
    expectWireError(() => decodePeerRecord(record([0x10, 0x05])), 'RECORD_INVALID', 2, 'peerRecord')
    expectWireError(() => decodePeerRecord(record([0x0a, 3, 0x12, 1, 0])), 'PEER_ID_INVALID', 3, 'peerRecord.peerId')
    const badAddr = record([0x0a], len(idOf), idOf, [0x1a, 6, 0x0a, 4], [0x04, 1, 2, 3])
    expectWireError(() => decodePeerRecord(badAddr), 'RECORD_ADDR_INVALID', 2 + idOf.length + 5, 'peerRecord.addresses[0]')
    const emptyAddr = record([0x0a], len(idOf), idOf, [0x1a, 0])
    expectWireError(() => decodePeerRecord(emptyAddr), 'RECORD_ADDR_INVALID', 2 + idOf.length + 2, 'peerRecord.addresses[0]')
    expectWireError(() => decodePeerRecord(record([0x08, 1])), 'RECORD_INVALID', 0)
    expectWireError(() => decodePeerRecord(record([0x0a], len(idOf), idOf, [0x12, 0])), 'RECORD_INVALID', 2 + idOf.length)
  })
  it('envelope without key or signature, with a bad key, with a wrong payload type', () => {
    expectWireError(() => decodeEnvelope(cat([0x2a, 1, 1])), 'RECORD_INVALID', 3, 'envelope')
    expectWireError(() => decodeEnvelope(cat([0x0a], len(key), key)), 'RECORD_INVALID', key.length + 2, 'envelope')
    expectWireError(() => decodeEnvelope(cat([0x0a, 4, 8, 1, 0x12, 0, 0x2a, 1, 1])), 'KEY_INVALID', 6, 'envelope.publicKey')
    expectWireError(() => decodeSignedPeerRecord(env(good, [3, 2])), 'RECORD_PAYLOAD_TYPE', key.length + 4)
    expectWireError(() => decodeSignedPeerRecord(env(good, [])), 'RECORD_PAYLOAD_TYPE')
    expectWireError(() => decodeEnvelope(cat([0x08, 1])), 'RECORD_INVALID', 0, 'envelope')
  })
  it('signed bytes follow the record-envelope layout', () => {
    const sb = envelopeSignedBytes({ payloadType: new Uint8Array([3, 1]), payload: new Uint8Array([9, 9, 9]) })
    expect(toHex(sb)).toBe('12' + toHex(new TextEncoder().encode(PEER_RECORD_DOMAIN)) + '020301' + '03090909')
    expect(toHex(envelopeSignedBytes({ payloadType: new Uint8Array(0), payload: new Uint8Array(200) }, 'x')).slice(0, 10)).toBe('017800c801')
  })
  it('never throws anything but WireError on random and mutated envelopes', () => {
    const seeds = [env(good), ...vecs.map((x) => x.spr)]
    fc.assert(fc.property(fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat())
        .map(([s, muts, cut]) => { const b = s.slice(0, s.length - (cut % 4)); for (const [i, x] of muts) b[i % b.length] = x; return b })
    ), (b) => {
      try { decodeSignedPeerRecord(b) } catch (e) { expect(e).toBeInstanceOf(WireError) }
    }), { numRuns: 300 })
  })
  it('TypeError for wrong argument types', () => {
    expect(() => decodeSignedPeerRecord('x' as never)).toThrow(TypeError)
    expect(() => envelopeSignedBytes({ payloadType: [] as never, payload: new Uint8Array() })).toThrow(TypeError)
  })
})

describe("rust-libp2p's routing-state record (rust-libp2p identify 0.48)", () => {
  const spr = decodeIdentifyStream(vectorBytes('rust-libp2p-identify-signed-ed25519')).signedPeerRecord!
  const at = toHex(spr).indexOf(toHex(LEGACY_ROUTING_STATE_PAYLOAD_TYPE)) / 2
  it('is an envelope with the ASCII payload type /libp2p/routing-state-record', () => {
    expect(new TextDecoder().decode(LEGACY_ROUTING_STATE_PAYLOAD_TYPE)).toBe('/libp2p/routing-state-record')
    expect(decodeEnvelope(spr).payloadType).toEqual(LEGACY_ROUTING_STATE_PAYLOAD_TYPE)
    expect(isLegacyRoutingStateRecordAt(spr, 0, spr.length)).toBe(true)
  })
  it('is not a peer record: decodeSignedPeerRecord throws RECORD_PAYLOAD_TYPE at the payload type', () => {
    expect(at).toBeGreaterThan(0)
    expectWireError(() => decodeSignedPeerRecord(spr), 'RECORD_PAYLOAD_TYPE', at, 'signedPeerRecord.payloadType')
  })
  it('the predicate: false for a standard record, another payload type, a cut or garbage envelope', () => {
    const std = hex(vecs[0]!.j.hex)
    expect(isLegacyRoutingStateRecordAt(std, 0, std.length)).toBe(false)
    const other = spr.slice(); other[at + 1] = 0x4c // '/Libp2p/...'
    expect(isLegacyRoutingStateRecordAt(other, 0, other.length)).toBe(false)
    expect(isLegacyRoutingStateRecordAt(spr, 0, at + 5)).toBe(false)
    expect(isLegacyRoutingStateRecordAt(hex('ffff'), 0, 2)).toBe(false)
    // reads only inside [start, end): the same envelope inside a larger buffer
    const inside = new Uint8Array(spr.length + 6); inside.set(spr, 3)
    expect(isLegacyRoutingStateRecordAt(inside, 3, 3 + spr.length)).toBe(true)
  })
})
