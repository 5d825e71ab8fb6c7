// verifyIdentify / verifySignedPeerRecord / verifySignature / verifyPublicKey: the recorded RSA and secp256k1 records
// verify and every single-bit tamper of them is refused; keys that are not points are refused; generated ECDSA
// signatures (P-256, P-384, P-521) verify after the DER conversion; the strict-DER rules.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { WireError } from '../errors.js'
import { encodeIdentify, decodeIdentify } from '../identify/index.js'
import { checkIdentify } from './verdict.js'
import { verifyIdentify, verifySignedPeerRecord, verifySignature, verifyPublicKey } from './verify.js'
import { verifySecp256k1, secp256k1KeyValid } from './secp256k1.js'
import { ed25519KeyValid } from './ed25519-point.js'
import { derSignature } from './ecdsa-der.js'
import { derToRaw, importKey } from './webcrypto.js'
import { decodePublicKey, encodePublicKey } from './keys.js'
import { P256, pk, rsaSpki } from '../testing/peer-fixtures.js'
import { hex, vectorBytes, vectorJson } from '../testing/vectors.js'

const subtle = (globalThis as any).crypto?.subtle

/** The signedPeerRecord field of a recorded vector, as its own bytes. */
function recordOf (name: string): Uint8Array {
  return decodeIdentify(vectorBytes(name).subarray(2)).signedPeerRecord!.slice()
}

/** Refused: rejects with WireError (malformed) or resolves false. */
async function refused (b: Uint8Array): Promise<boolean> {
  try { return !await verifySignedPeerRecord(b) } catch (e) { if (e instanceof WireError) return true; throw e }
}

describe('recorded RSA and secp256k1 records', () => {
  for (const name of ['identify-rich-rsa2048', 'identify-rich-secp256k1']) {
    it(`${name}: verifies through verifyIdentify, and every single-bit tamper of the record is refused`, async () => {
      const peer = vectorJson(`${name}.json`).configuration.A.peerId
      const v = await verifyIdentify(vectorBytes(name), { expectedPeerId: peer })
      expect(v.problems).toEqual([])
      expect(v.ok).toBe(true)
      expect(v.record.signature).toBe('valid')
      const spr = recordOf(name)
      expect(await verifySignedPeerRecord(spr)).toBe(true)
      let n = 0
      for (let i = 0; i < spr.length * 8; i++) {
        const t = spr.slice()
        t[i >> 3] = t[i >> 3]! ^ (1 << (i & 7))
        if (!await refused(t)) throw new Error(`bit ${i} flipped still verifies`)
        n++
      }
      expect(n).toBe(spr.length * 8)
    }, 120_000)
  }

  it('input in a SharedArrayBuffer (where the runtime has one) verifies the same', async () => {
    if (typeof SharedArrayBuffer === 'undefined') return // browsers without cross-origin isolation
    for (const name of ['identify-rich-rsa2048', 'identify-rich-secp256k1', 'identify-rich-ed25519']) {
      const b = vectorBytes(name)
      const shared = new Uint8Array(new SharedArrayBuffer(b.length)); shared.set(b)
      const v = await verifyIdentify(shared)
      expect(v.ok).toBe(true)
      expect(v.record.signature).toBe('valid')
    }
  })

  it('a flipped signature bit inside a whole message: signature invalid, not ok, listen addresses used', async () => {
    const name = 'identify-rich-secp256k1'
    const bytes = vectorBytes(name).slice()
    const m = decodeIdentify(bytes.subarray(2))
    const spr = m.signedPeerRecord!
    const at = spr.byteOffset - bytes.byteOffset + spr.length - 5 // inside s
    bytes[at] = bytes[at]! ^ 0x10
    const v = await verifyIdentify(bytes)
    expect(v.ok).toBe(false)
    expect(v.record.signature).toBe('invalid')
    expect(v.problems.map((p) => [p.code, p.path])).toEqual([['RECORD_SIGNATURE_INVALID', 'signedPeerRecord.signature']])
    expect(v.addrSource).toBe('listenAddrs')
    expect(v.peerId).toBe(v.key.peerId) // the key still identifies the peer; only the record is refused
  })
})

describe('key validity: points of their curves', () => {
  it('secp256k1: an x with no y on the curve is refused by verifyIdentify (KEY_INVALID), accepted by checkIdentify', async () => {
    let x = 1
    const key = new Uint8Array(33)
    key[0] = 2
    for (; x < 100; x++) { key[32] = x; if (!secp256k1KeyValid(key)) break }
    expect(x).toBeLessThan(100)
    const body = encodeIdentify({ publicKey: pk(2, key), listenAddrs: [], protocols: [] })
    expect(checkIdentify(body, { input: 'body' }).ok).toBe(true)
    const v = await verifyIdentify(body, { input: 'body' })
    expect(v.ok).toBe(false)
    expect(v.key.valid).toBe(false)
    expect(v.key.peerId).toBeUndefined()
    expect(v.peerId).toBeUndefined()
    expect(v.problems.map((p) => [p.code, p.offset, p.path])).toEqual([['KEY_INVALID', 2 + 4, 'publicKey']])
    // valid x: the generator's
    const g = hex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798')
    expect(secp256k1KeyValid(g)).toBe(true)
    expect(await verifyPublicKey(decodePublicKey(pk(2, g)))).toBe(true)
    expect(await verifyPublicKey(pk(2, key))).toBe(false)
  })

  it('Ed25519: small-order and non-canonical encodings are refused; the basepoint and recorded keys are valid', async () => {
    const small = [
      '0100000000000000000000000000000000000000000000000000000000000000', // neutral (0, 1)
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // (0, -1), order 2
      '0000000000000000000000000000000000000000000000000000000000000000', // order 4
      '0000000000000000000000000000000000000000000000000000000000000080',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85'
    ]
    for (const s of small) expect(ed25519KeyValid(hex(s)), s).toBe(false)
    // y = p + 1 (a non-canonical 1), y = 2^255 - 1; x = 0 with the sign bit set (y = 1).
    for (const s of ['eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f']) {
      expect(ed25519KeyValid(hex(s)), s).toBe(false)
    }
    // y = 2 has no x (2 is not (u/v) a square for it): not a point.
    expect(ed25519KeyValid(hex('0200000000000000000000000000000000000000000000000000000000000000'))).toBe(false)
    expect(ed25519KeyValid(hex('5866666666666666666666666666666666666666666666666666666666666666'))).toBe(true) // basepoint
    const key = vectorJson('identify-rich-ed25519.json').messages[0].decoded.publicKey
    expect(await verifyPublicKey(hex(key.hex))).toBe(true)
    // in a message: KEY_INVALID from verifyIdentify
    const body = encodeIdentify({ publicKey: pk(1, hex(small[4]!)), listenAddrs: [], protocols: [] })
    expect(checkIdentify(body, { input: 'body' }).ok).toBe(true)
    const v = await verifyIdentify(body, { input: 'body' })
    expect(v.problems.map((p) => [p.code, p.offset, p.path])).toEqual([['KEY_INVALID', 2 + 4, 'publicKey']])
    expect(v.ok).toBe(false)
  })

  it('Ed25519: the neutral-point key with R = neutral, S = 0 "verifies" any message in WebCrypto (Node 20, Chromium 156); the library refuses it', async () => {
    const neutral = new Uint8Array(32); neutral[0] = 1
    const forged = new Uint8Array(64); forged[0] = 1
    const msg = new TextEncoder().encode('any message at all')
    let platform: unknown = 'no WebCrypto Ed25519'
    try { platform = await subtle.verify({ name: 'Ed25519' }, await subtle.importKey('raw', neutral, { name: 'Ed25519' }, false, ['verify']), forged, msg) } catch {}
    console.log(`WebCrypto Ed25519 on the neutral key with a forged signature: ${String(platform)}`)
    expect(await verifySignature(pk(1, neutral), msg, forged)).toBe(false)
    expect(await verifyPublicKey(pk(1, neutral))).toBe(false)
  })

  it("a record whose envelope key is not a point: KEY_INVALID at the key, record refused, listen addresses used", async () => {
    const small = hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a') // order 8
    const key = encodePublicKey('Ed25519', small)
    const id = new Uint8Array([0, key.length, ...key])
    const addr = hex('047f000001060fa1')
    const payload = new Uint8Array([0x0a, id.length, ...id, 0x10, 0x05, 0x1a, addr.length + 2, 0x0a, addr.length, ...addr])
    const env = new Uint8Array([0x0a, key.length, ...key, 0x12, 2, 3, 1, 0x1a, payload.length, ...payload, 0x2a, 64, ...new Uint8Array(64)])
    const listen = hex('047f000001060fa2')
    const body = encodeIdentify({ signedPeerRecord: env, listenAddrs: [listen], protocols: [] })
    const c = checkIdentify(body, { input: 'body' })
    expect(c.ok).toBe(true)
    expect(c.addrSource).toBe('signedPeerRecord')
    const v = await verifyIdentify(body, { input: 'body' })
    expect(v.ok).toBe(false)
    expect(v.record.valid).toBe(false)
    expect(v.record.signature).toBe('unchecked')
    expect(v.addrSource).toBe('listenAddrs')
    expect(v.trustedAddrs).toEqual([listen])
    const at = body.indexOf(0x0a, 2) // the envelope's first byte is its public_key tag; the key data starts 4 bytes in
    expect(v.problems.map((p) => [p.code, p.path])).toEqual([['KEY_INVALID', 'signedPeerRecord.publicKey']])
    expect(v.problems[0]!.offset).toBe(at + 2 + 4)
    expect(await verifySignedPeerRecord(env)).toBe(false)
  })

  it('ECDSA: a P-256 point moved off the curve is refused by the WebCrypto import', async () => {
    const good = hex(P256)
    expect(await verifyPublicKey(pk(3, good))).toBe(true)
    const bad = good.slice(); bad[bad.length - 1] = bad[bad.length - 1]! ^ 1
    expect(await verifyPublicKey(pk(3, bad))).toBe(false)
  })
})

/** Raw r || s to DER (minimal integers). */
function rawToDer (raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const ints = [raw.subarray(0, half), raw.subarray(half)].map((x) => {
    let i = 0
    while (i < x.length - 1 && x[i] === 0) i++
    const v = x.subarray(i)
    return v[0]! >= 0x80 ? [0x02, v.length + 1, 0, ...v] : [0x02, v.length, ...v]
  })
  const body = [...ints[0]!, ...ints[1]!]
  return new Uint8Array(body.length < 0x80 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body])
}

describe('ECDSA through WebCrypto: generated keys, SHA-256 for every curve', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
    it(`${curve}: verifies, refuses a tampered message, a high-s twin is accepted (as go and WebCrypto do)`, async () => {
      const kp = await subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, ['sign', 'verify'])
      const spki = new Uint8Array(await subtle.exportKey('spki', kp.publicKey))
      const key = decodePublicKey(encodePublicKey('ECDSA', spki))
      expect(key.curve).toBe(curve)
      const data = new TextEncoder().encode(`libp2p ${curve}`)
      const raw = new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, kp.privateKey, data))
      const der = rawToDer(raw)
      expect(derToRaw(der, curve)).toEqual(raw)
      expect(await verifySignature(key, data, der)).toBe(true)
      expect(await verifySignature(key, data.subarray(1), der)).toBe(false)
      expect(await verifySignature(key, data, raw)).toBe(false) // raw r||s is not DER
      // BER: the same signature with a long-form length where a short one fits, and with a padded integer
      if (der[1]! < 0x80) expect(await verifySignature(key, data, new Uint8Array([0x30, 0x81, ...der.subarray(1)]))).toBe(false)
      const padded = new Uint8Array([0x30, der[1]! + 1, 0x02, der[3]! + 1, 0, ...der.subarray(4)])
      if (der[1]! < 0x7f) expect(await verifySignature(key, data, padded)).toBe(false)
      const trailing = new Uint8Array([...der, 0])
      expect(await verifySignature(key, data, trailing)).toBe(false)
    })
  }
})

describe('RSA sizes', () => {
  it('2048 and 8192-bit keys import into WebCrypto; a wrong signature is false, a wrong-length one false without WebCrypto', async () => {
    for (const bits of [2048, 8192]) {
      const key = decodePublicKey(encodePublicKey('RSA', rsaSpki(bits)))
      expect(key.bits).toBe(bits)
      const k = await importKey(key)
      expect(k === false || k === undefined).toBe(false) // a CryptoKey
      expect(await verifySignature(key, new Uint8Array(3), new Uint8Array(bits / 8).fill(1))).toBe(false)
      expect(await verifySignature(key, new Uint8Array(3), new Uint8Array(bits / 8 - 1).fill(1))).toBe(false)
    }
  })
})

describe('strict DER', () => {
  const ok = hex('3006020101020102')
  it('parses minimal positive integers', () => {
    expect(derSignature(ok, 32)).toEqual([4, 5, 7, 8])
    expect(derSignature(hex('30080202008002020080'), 32)).toEqual([5, 6, 9, 10])
  })
  it('refuses BER and malformed forms', () => {
    for (const s of [
      '3007020101020102', // outer length wrong
      '308106020101020102', // long form for a short length
      '3080020101020102', // indefinite length
      '300702020001020102', // padded r
      '3006020181020102', // negative r
      '3006020101020102' + '00', // trailing byte
      '3004020101020100'.slice(0, 12), // truncated
      '3006030101020102', // not an INTEGER
      '300502000201 02'.replace(' ', ''), // zero-length r
      '3106020101020102' // SET, not SEQUENCE
    ]) expect(derSignature(hex(s), 32), s).toBeUndefined()
    const big = new Uint8Array([0x30, 4 + 33 + 1, 0x02, 34, 0, ...new Uint8Array(33).fill(0x80), 0x02, 1, 1])
    expect(derSignature(big, 32)).toBeUndefined() // r wider than 32 bytes
  })
  it('secp256k1: r or s of 0 or >= n is refused; wrong types throw TypeError', () => {
    const g = hex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798')
    expect(verifySecp256k1(g, new Uint8Array(1), hex('3006020100020101'))).toBe(false)
    expect(() => verifySecp256k1(g, 'x' as any, ok)).toThrow(TypeError)
  })
})

describe('hostile input', () => {
  it('verifySecp256k1: arbitrary key and signature bytes are false, never a throw', () => {
    const data = new Uint8Array([1, 2, 3])
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 8, maxLength: 80 }), (key, sig) => {
      expect(verifySecp256k1(key, data, sig)).toBe(false)
    }), { numRuns: 300 })
    // well-formed DER around arbitrary 32-byte r and s, with a valid key: false
    const g = hex('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798')
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (r, s) => {
      const sig = new Uint8Array([0x30, 70, 0x02, 33, 0, ...r, 0x02, 33, 0, ...s])
      expect(verifySecp256k1(g, data, sig)).toBe(false)
    }), { numRuns: 30 })
  })

  it('verifyIdentify never rejects for arbitrary bytes, nor for recorded messages with arbitrary bytes spliced in', async () => {
    const base = vectorBytes('identify-rich-secp256k1')
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat(base.length), fc.uint8Array({ maxLength: 8 }), async (junk, at, patch) => {
      const v1 = await verifyIdentify(junk)
      expect(typeof v1.ok).toBe('boolean')
      const b = base.slice(); b.set(patch.subarray(0, b.length - at), at)
      const v2 = await verifyIdentify(b)
      if (v2.ok) expect(v2.peerId.length).toBeGreaterThan(0)
    }), { numRuns: 100 })
  }, 60_000)
})

describe('a runtime without WebCrypto', () => {
  it("secp256k1 still verifies; RSA and Ed25519 records stay 'unchecked', verifySignedPeerRecord rejects KEY_TYPE_UNSUPPORTED", async () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    try {
      Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true })
    } catch { return } // a runtime whose crypto global cannot be hidden
    if ((globalThis as any).crypto !== undefined) return
    try {
      for (const [name, want] of [['identify-rich-secp256k1', 'valid'], ['identify-rich-rsa2048', 'unchecked'], ['identify-rich-ed25519', 'unchecked']] as const) {
        const v = await verifyIdentify(vectorBytes(name))
        expect(v.record.signature, name).toBe(want)
        expect(v.ok).toBe(true)
      }
      let caught: unknown
      try { await verifySignedPeerRecord(recordOf('identify-rich-rsa2048')) } catch (e) { caught = e }
      expect((caught as WireError).code).toBe('KEY_TYPE_UNSUPPORTED')
      expect(await verifyPublicKey(pk(3, hex(P256)))).toBeUndefined()
    } finally {
      if (d !== undefined) Object.defineProperty(globalThis, 'crypto', d)
      else delete (globalThis as any).crypto
    }
  })
})
