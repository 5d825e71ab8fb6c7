import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  peerIdFromPublicKey, peerIdToString, parsePeerId, peerIdMatches, peerIdFromMultiaddr, validatePeerId, peerIdPublicKey
} from './peer-id.js'
import { encodePublicKey } from './keys.js'
import { sha256 } from './sha256.js'
import { hex, toHex, vectorFiles, vectorJson } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'
import { WireError } from '../errors.js'
import { rsaSpki, pk, P256 } from '../testing/peer-fixtures.js'
import { base58btcEncode } from '../bases/index.js'

const jsons = vectorFiles().filter((f) => f.endsWith('.json')).map((f) => [f, vectorJson(f)] as const)

describe('peer ids of the recorded vectors (js-libp2p printed each one)', () => {
  let checked = 0
  for (const [f, j] of jsons) {
    const d = j.messages?.[0]?.decoded
    if (d?.publicKey === undefined) continue
    it(`${f}: ${d.publicKey.peerId as string}`, () => {
      const id = peerIdFromPublicKey(hex(d.publicKey.hex))
      expect(peerIdToString(id)).toBe(d.publicKey.peerId)
      expect(toHex(parsePeerId(d.publicKey.peerId))).toBe(toHex(id))
      expect(peerIdMatches(hex(d.publicKey.hex), d.publicKey.peerId)).toBe(true)
      expect(peerIdMatches(hex(d.publicKey.hex), id)).toBe(true)
      if (d.signedPeerRecord !== undefined) {
        expect(d.signedPeerRecord.envelope.signerPeerId).toBe(d.publicKey.peerId)
        expect(d.signedPeerRecord.peerRecord.peerId).toBe(d.publicKey.peerId)
      }
      checked++
    })
  }
  it('checked at least the 9 identify responses', () => { expect(checked).toBeGreaterThanOrEqual(9) })
  it('prefixes: 12D3KooW for Ed25519, 16Uiu2 for secp256k1, Qm for RSA', () => {
    const byType = new Map<string, string>()
    for (const [, j] of jsons) { const p = j.messages?.[0]?.decoded?.publicKey; if (p !== undefined) byType.set(p.type, p.peerId) }
    expect(byType.get('Ed25519')!.startsWith('12D3KooW')).toBe(true)
    expect(byType.get('secp256k1')!.startsWith('16Uiu2')).toBe(true)
    expect(byType.get('RSA')!.startsWith('Qm')).toBe(true)
  })
})

describe('peerIdFromMultiaddr on the recorded addresses', () => {
  let n = 0
  for (const [f, j] of jsons) {
    const d = j.messages?.[0]?.decoded
    if (d === undefined) continue
    const addrs = [...(d.listenAddrs ?? []), ...(d.observedAddr !== undefined ? [d.observedAddr] : [])]
    for (const a of addrs) {
      const text: string = a.multiaddr
      const m = /\/p2p\/([^/]+)(\/p2p-circuit)?[^/]*(\/[^p][^/]*)*$/.exec(text)
      it(`${f}: ${text}`, () => {
        const id = peerIdFromMultiaddr(hex(a.hex))
        const parts = text.split('/')
        let want: string | undefined
        for (let i = 0; i < parts.length; i++) { if (parts[i] === 'p2p') want = parts[i + 1]; if (parts[i] === 'p2p-circuit') want = undefined }
        void m
        if (want === undefined) expect(id).toBeUndefined()
        else expect(peerIdToString(id!)).toBe(want)
        n++
      })
    }
  }
  it('covers addresses with and without /p2p/', () => { expect(n).toBeGreaterThan(20) })
  it('throws WireError on an invalid multiaddr', () => {
    expect(() => peerIdFromMultiaddr(hex('04010203'))).toThrow(WireError)
  })
})

describe('text forms', () => {
  it('peer-ids spec example: base58 Qm… and its CIDv1 base32 form', () => {
    const id = parsePeerId('QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N')
    expect(peerIdToString(id, 'base32')).toBe('bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe')
    expect(toHex(parsePeerId('bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe'))).toBe(toHex(id))
  })
  it('base36 CID of an Ed25519 peer id starts with k51qzi5uqu5d', () => {
    const id = peerIdFromPublicKey(encodePublicKey('Ed25519', new Uint8Array(32).fill(9)))
    const k = peerIdToString(id, 'base36')
    expect(k.startsWith('k51qzi5uqu5d')).toBe(true)
    expect(parsePeerId(k)).toEqual(id)
    expect(parsePeerId('z' + base58btcEncode(new Uint8Array([1, 0x72, ...id])))).toEqual(id)
  })
  const keys = fc.oneof(
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => encodePublicKey('Ed25519', b)),
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => encodePublicKey('secp256k1', new Uint8Array([2, 0, ...b.subarray(1)]))),
    fc.constant(pk(0, rsaSpki(2048))), fc.constant(pk(3, hex(P256)))
  )
  it('round-trips base58btc, base32 and base36 (property)', () => {
    fc.assert(fc.property(keys, (k) => {
      const id = peerIdFromPublicKey(k)
      for (const f of ['base58btc', 'base32', 'base36'] as const) {
        const s = peerIdToString(id, f)
        expect(parsePeerId(s)).toEqual(id)
      }
      expect(peerIdMatches(k, id)).toBe(true)
    }), { numRuns: 60 })
  })
  it('round-trips any valid multihash', () => {
    const ids = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((d) => new Uint8Array([0x12, 32, ...d])),
      fc.uint8Array({ minLength: 1, maxLength: 42 }).map((d) => new Uint8Array([0, d.length, ...d]))
    )
    fc.assert(fc.property(ids, fc.constantFrom('base58btc', 'base32', 'base36' as const), (id, f) => {
      const s = peerIdToString(id, f as 'base58btc')
      expect(parsePeerId(s)).toEqual(id)
    }), { numRuns: 100 })
  })
  const bad: Array<[string, WireError['code'], number]> = [
    ['', 'PEER_ID_INVALID', 0],
    ['x123', 'PEER_ID_INVALID', 0],
    ['Qm0', 'INVALID_BASE_ENCODING', 2],
    ['QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5', 'PEER_ID_INVALID', 0], // one character short
    ['bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqx1', 'INVALID_BASE_ENCODING', 58],
    ['b' + 'a'.repeat(200), 'PEER_ID_INVALID', 0]
  ]
  for (const [s, code, off] of bad) it(`rejects ${JSON.stringify(s.slice(0, 40))}`, () => { expectWireError(() => parsePeerId(s), code, off) })
  it('rejects a CID with another codec or version', () => {
    const id = new Uint8Array([0x12, 32, ...new Uint8Array(32)])
    const s = peerIdToString(id, 'base32')
    // 'bafz…' is 01 72; 'bafy…' is 01 70 (dag-pb)
    expectWireError(() => parsePeerId('bafy' + s.slice(4)), 'PEER_ID_INVALID', 0)
  })
})

describe('validatePeerId / peerIdMatches', () => {
  const cases: Array<[string, number]> = [['', 0], ['1220' + '00'.repeat(31), 1], ['1221' + '00'.repeat(33), 1],
    ['0000', 1], ['002b' + '00'.repeat(43), 1], ['1320' + '00'.repeat(32), 0], ['8001', 0], ['122000', 1]]
  for (const [h, off] of cases) it(`rejects ${h.slice(0, 12)}`, () => { expectWireError(() => validatePeerId(hex(h)), 'PEER_ID_INVALID', off) })
  it('mismatching keys are false; the sha2-256 form of a short key does not match (go, js)', () => {
    const a = encodePublicKey('Ed25519', new Uint8Array(32).fill(1))
    const b = encodePublicKey('Ed25519', new Uint8Array(32).fill(2))
    expect(peerIdMatches(a, peerIdFromPublicKey(b))).toBe(false)
    expect(peerIdMatches(a, new Uint8Array([0x12, 32, ...sha256(a)]))).toBe(false)
    expect(peerIdMatches(b, new Uint8Array([0x12, 32, ...sha256(a)]))).toBe(false)
    const r = pk(0, rsaSpki(2048))
    expect(peerIdMatches(r, peerIdFromPublicKey(pk(0, rsaSpki(3072))))).toBe(false)
  })
  it('peerIdPublicKey extracts inlined keys', () => {
    const a = encodePublicKey('Ed25519', new Uint8Array(32).fill(1))
    expect(peerIdPublicKey(peerIdFromPublicKey(a))!.bytes).toEqual(a)
    expect(peerIdPublicKey(peerIdFromPublicKey(pk(0, rsaSpki(2048))))).toBeUndefined()
    expectWireError(() => peerIdPublicKey(hex('00020801')), 'KEY_INVALID', undefined, 'peerId')
  })
  it('TypeError for wrong argument types', () => {
    expect(() => peerIdMatches({} as never, 'x')).toThrow(TypeError)
    expect(() => parsePeerId(5 as never)).toThrow(TypeError)
    expect(() => peerIdToString(new Uint8Array([0, 1, 1]), 'hex' as never)).toThrow(TypeError)
  })
})
