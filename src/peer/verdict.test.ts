import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { checkIdentify } from './verdict.js'
import { verifyIdentify } from './verify.js'
import { decodeIdentify, encodeIdentify } from '../identify/index.js'
import { encodePublicKey } from './keys.js'
import { peerIdFromPublicKey, peerIdToString } from './peer-id.js'
import { hex, toHex, vectorBytes, vectorJson, vectorNames } from '../testing/vectors.js'

const names = vectorNames()
const json = (n: string): any => vectorJson(`${n}.json`)
/** Node A's peer id: what the receiver's secure channel would give. */
const peerOf = (n: string): string => json(n).configuration.A.peerId

async function hasEd25519 (): Promise<boolean> {
  try { await (globalThis as any).crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify']); return true } catch { return false }
}

describe('checkIdentify on every recorded vector', () => {
  it('has 11 vectors', () => { expect(names).toHaveLength(11) })
  for (const n of names) {
    it(n, () => {
      const d = json(n).messages[0].decoded
      const v = checkIdentify(vectorBytes(n), { expectedPeerId: peerOf(n) })
      if (n === 'identify-protocols-body-8193') {
        // js-libp2p refuses it too (8193 > 8192): the verdict says why and is not ok.
        expect(v.ok).toBe(false)
        expect(v.message).toBeUndefined()
        expect(v.problems.map((p) => [p.code, p.offset])).toEqual([['MESSAGE_TOO_LARGE', 0]])
        const big = checkIdentify(vectorBytes(n), { expectedPeerId: peerOf(n), decode: { maxMessageSize: 8193 } })
        expect(big.ok).toBe(true)
        return
      }
      expect(v.problems).toEqual([])
      expect(v.ok).toBe(true)
      expect(v.peerId).toBe(peerOf(n))
      expect(v.key.present).toBe(d.publicKey !== undefined)
      if (d.publicKey !== undefined) {
        expect(v.key).toMatchObject({ valid: true, type: d.publicKey.type, peerId: d.publicKey.peerId, matchesExpected: true })
      }
      expect(v.record.present).toBe(d.signedPeerRecord !== undefined)
      if (d.signedPeerRecord !== undefined) {
        expect(v.record).toMatchObject({ valid: true, matchesExpected: true, peerId: d.signedPeerRecord.peerRecord.peerId, signature: 'unchecked' })
        expect(v.record.matchesKey).toBe(d.publicKey !== undefined ? true : undefined)
        expect(v.record.seq).toBe(BigInt(d.signedPeerRecord.peerRecord.seq))
        expect(v.addrSource).toBe('signedPeerRecord')
      } else {
        expect(v.addrSource).toBe('listenAddrs')
      }
      expect(v.trustedAddrs.map(toHex)).toEqual(d.listenAddrs.map((a: any) => a.hex))
    })
  }
  it('verifyIdentify: every record valid (Ed25519 needs WebCrypto Ed25519; RSA and secp256k1 verify everywhere here)', async () => {
    const can = await hasEd25519()
    let valid = 0
    for (const n of names.filter((x) => x !== 'identify-protocols-body-8193')) {
      const v = await verifyIdentify(vectorBytes(n), { expectedPeerId: peerOf(n) })
      const d = json(n).messages[0].decoded
      expect(v.ok).toBe(true)
      const t = d.signedPeerRecord?.envelope.publicKeyType
      expect(v.record.signature).toBe(t === undefined || (t === 'Ed25519' && !can) ? 'unchecked' : 'valid')
      if (v.record.signature === 'valid') valid++
    }
    expect(valid).toBe(can ? 9 : 2) // 8 Ed25519 records minus the over-size vector, RSA, secp256k1
  })
})

describe('checkIdentify finds the problems', () => {
  const n = 'identify-minimal-ed25519'
  const bytes = vectorBytes(n)
  const body = bytes.subarray(2)
  const msg = decodeIdentify(body)
  const other = encodePublicKey('Ed25519', new Uint8Array(32).fill(7))

  it('wrong expected peer: PEER_ID_MISMATCH on key and record, not ok', () => {
    const v = checkIdentify(bytes, { expectedPeerId: peerIdFromPublicKey(other) })
    expect(v.ok).toBe(false)
    expect(v.key.matchesExpected).toBe(false)
    expect(v.record.matchesExpected).toBe(false)
    expect(v.problems.map((p) => [p.code, p.path])).toEqual([['PEER_ID_MISMATCH', 'publicKey'], ['PEER_ID_MISMATCH', 'signedPeerRecord.payload.peerId']])
    expect(v.addrSource).toBe('listenAddrs')
    // Offsets are absolute in the stream bytes.
    expect(toHex(bytes.subarray(v.problems[0]!.offset, v.problems[0]!.offset + 4))).toBe('08011220')
  })
  it("a record of another peer than the publicKey: RECORD_KEY_MISMATCH, listen addresses used", () => {
    const rich = decodeIdentify(vectorBytes('identify-rich-ed25519').subarray(2))
    const v = checkIdentify({ ...msg, signedPeerRecord: rich.signedPeerRecord! })
    expect(v.ok).toBe(false)
    expect(v.record.valid).toBe(true)
    expect(v.record.matchesKey).toBe(false)
    expect(v.problems.map((p) => p.code)).toEqual(['RECORD_KEY_MISMATCH'])
    expect(v.addrSource).toBe('listenAddrs')
    expect(v.trustedAddrs).toEqual(msg.listenAddrs)
  })
  it('a tampered payload type: RECORD_PAYLOAD_TYPE at its absolute offset', () => {
    const b = bytes.slice()
    const at = toHex(b).indexOf('12020301') / 2 + 2
    b[at] = 0x04
    const v = checkIdentify(b)
    expect(v.problems.map((p) => [p.code, p.offset])).toEqual([['RECORD_PAYLOAD_TYPE', at]])
    expect(v.ok).toBe(false)
    expect(v.key.valid).toBe(true)
  })
  it('a bad listen address is reported and left out; an empty one is skipped silently', () => {
    const bad = hex('04010203') // ip4 truncated
    const m = encodeIdentify({ ...msg, listenAddrs: [bad, new Uint8Array(0), ...msg.listenAddrs], signedPeerRecord: undefined as never })
    const v = checkIdentify(m, { input: 'body' })
    expect(v.ok).toBe(true)
    expect(v.problems.map((p) => [p.code, p.path])).toEqual([['TRUNCATED', 'listenAddrs[0]']])
    expect(v.trustedAddrs).toEqual(msg.listenAddrs)
  })
  it('an invalid key: KEY_INVALID, not ok, no peer id', () => {
    const v = checkIdentify({ ...msg, publicKey: hex('0801121f' + '00'.repeat(31)) })
    expect(v.ok).toBe(false)
    expect(v.key).toMatchObject({ present: true, valid: false })
    expect(v.problems[0]).toMatchObject({ code: 'KEY_INVALID', offset: 4, path: 'publicKey' })
  })
  it('no key and no record: not ok', () => {
    const v = checkIdentify({ listenAddrs: [], protocols: ['/x'] })
    expect(v.ok).toBe(false)
    expect(v.problems).toEqual([])
  })
  it('undecodable bytes: one problem, no message', () => {
    const v = checkIdentify(hex('05ff'))
    expect(v.message).toBeUndefined()
    expect(v.problems.map((p) => p.code)).toEqual(['TRUNCATED'])
  })
  it('verifyIdentify catches a tampered signature', async () => {
    if (!await hasEd25519()) return void expect(await hasEd25519()).toBe(false)
    const b = bytes.slice(); b[b.length - 1] = b[b.length - 1]! ^ 1
    const v = await verifyIdentify(b, { expectedPeerId: peerOf(n) })
    expect(v.record.signature).toBe('invalid')
    expect(v.ok).toBe(false)
    expect(v.addrSource).toBe('listenAddrs')
    expect(v.problems.map((p) => p.code)).toEqual(['RECORD_SIGNATURE_INVALID'])
  })
  it('caller type mistakes are TypeErrors; a bad expected peer id text is a WireError', () => {
    expect(() => checkIdentify('x' as never)).toThrow(TypeError)
    expect(() => checkIdentify({ ...msg, publicKey: [1] as never })).toThrow(TypeError)
    expect(() => checkIdentify(bytes, { expectedPeerId: 'nope' })).toThrow()
    expect(peerIdToString(peerIdFromPublicKey(other)).startsWith('12D3KooW')).toBe(true)
  })
})

describe('checkIdentify never throws on hostile bytes', () => {
  const seeds = names.map((n) => vectorBytes(n)).filter((b) => b.length < 2000)
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat({ max: 40 }))
    .map(([s, muts, cut]) => { const b = s.slice(0, Math.max(0, s.length - cut)); for (const [i, x] of muts) if (b.length > 0) b[i % b.length] = x; return b })
  it('random and mutated bytes, stream and body modes', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated), fc.boolean(), (b, body) => {
      const v = checkIdentify(b, { input: body ? 'body' : 'stream', expectedPeerId: peerOf('identify-minimal-ed25519') })
      expect(typeof v.ok).toBe('boolean')
      for (const p of v.problems) expect(p.offset).toBeGreaterThanOrEqual(0)
    }), { numRuns: 400 })
  })
  it('decoded messages with random or spliced key, record and addresses', () => {
    const parts = seeds.map((b) => decodeIdentify(b.subarray(2)))
    const field = fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constantFrom(...parts.flatMap((m) => [m.publicKey, m.signedPeerRecord, ...m.listenAddrs]).filter((x): x is Uint8Array => x !== undefined)))
    fc.assert(fc.property(fc.option(field, { nil: undefined }), fc.option(field, { nil: undefined }), fc.array(field, { maxLength: 4 }), (publicKey, signedPeerRecord, listenAddrs) => {
      const m: Record<string, unknown> = { listenAddrs, protocols: [] }
      if (publicKey !== undefined) m.publicKey = publicKey
      if (signedPeerRecord !== undefined) m.signedPeerRecord = signedPeerRecord
      const v = checkIdentify(m as never)
      expect(v.ok).toBe(v.ok && (v.key.valid || v.record.valid))
      if (v.addrSource === 'signedPeerRecord') expect(v.record.valid).toBe(true)
    }), { numRuns: 300 })
  })
})

describe("rust-libp2p's routing-state record: ignored, not fatal", () => {
  const rust = ['identify-signed-ed25519', 'identify-signed-secp256k1', 'identify-signed-ecdsa', 'identify-signed-rsa',
    'identify-external-addrs-ed25519', 'push-protocol-added-ed25519', 'push-protocol-removed-ed25519', 'push-new-listen-addr-ed25519']
    .map((x) => `rust-libp2p-${x}`)
  const ascii = toHex(new TextEncoder().encode('/libp2p/routing-state-record'))
  for (const n of rust) {
    it(`${n}: ok from the publicKey, RECORD_PAYLOAD_TYPE listed, record ignored, listen addresses used`, async () => {
      const s = json(n)
      const bytes = vectorBytes(n)
      const at = toHex(bytes).indexOf(ascii) / 2
      expect(at).toBeGreaterThan(0)
      for (const v of [checkIdentify(bytes, { expectedPeerId: s.senderPeerId }), await verifyIdentify(bytes, { expectedPeerId: s.senderPeerId })]) {
        expect(v.ok).toBe(true)
        expect(v.peerId).toBe(s.senderPeerId)
        expect(v.problems.map((p) => [p.code, p.offset, p.path])).toEqual([['RECORD_PAYLOAD_TYPE', at, 'signedPeerRecord.payloadType']])
        expect(v.record).toMatchObject({ present: true, valid: false, signature: 'unchecked', addresses: [] })
        expect(v.record.ignored?.includes('routing-state record')).toBe(true)
        expect(v.addrSource).toBe('listenAddrs')
        expect(v.trustedAddrs).toEqual(v.message!.listenAddrs)
      }
    })
  }
  it('another payload type (one byte of the ASCII changed) still clears ok, nothing ignored', () => {
    const n = 'rust-libp2p-identify-signed-ed25519'
    const b = vectorBytes(n)
    const at = toHex(b).indexOf(ascii) / 2
    b[at + 9] = 0x52 // '/libp2p/Routing-state-record'
    const v = checkIdentify(b, { expectedPeerId: json(n).senderPeerId })
    expect(v.problems.map((p) => [p.code, p.offset])).toEqual([['RECORD_PAYLOAD_TYPE', at]])
    expect(v.ok).toBe(false)
    expect(v.record.ignored).toBeUndefined()
    expect(v.key.valid).toBe(true)
  })
  it('the routing-state record without a publicKey identifies nobody: not ok', () => {
    const m = decodeIdentify(vectorBytes('rust-libp2p-identify-signed-ed25519').subarray(2))
    const v = checkIdentify({ ...m, publicKey: undefined as never })
    expect(v.ok).toBe(false)
    expect(v.record.ignored?.includes('routing-state record')).toBe(true)
    expect(v.problems.map((p) => p.code)).toEqual(['RECORD_PAYLOAD_TYPE'])
  })
  it('a standard record keeps no ignored mark', () => {
    expect(checkIdentify(vectorBytes('identify-minimal-ed25519')).record.ignored).toBeUndefined()
  })
})
