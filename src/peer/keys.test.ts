import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodePublicKey, encodePublicKey, validateKeyData, publicKeySize, type KeyType } from './keys.js'
import { WireError } from '../errors.js'
import { hex, toHex, vectorFiles, vectorJson } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'
import { P256, P384, P521, rsaSpki, pk, tlv, cat } from '../testing/peer-fixtures.js'

describe('decodePublicKey on the recorded vectors', () => {
  const seen = new Set<string>()
  for (const f of vectorFiles().filter((x) => x.endsWith('.json'))) {
    const m = vectorJson(f).messages?.[0]?.decoded?.publicKey
    if (m === undefined || seen.has(m.hex)) continue
    seen.add(m.hex)
    it(`${f}: ${m.type as string}`, () => {
      const k = decodePublicKey(hex(m.hex))
      expect(k.type).toBe(m.type)
      expect(k.canonical).toBe(true)
      expect(toHex(k.bytes)).toBe(m.hex)
      if (k.type === 'RSA') expect(k.bits).toBe(2048)
    })
  }
  it('covers RSA, Ed25519 and secp256k1', () => {
    const types = [...seen].map((h) => decodePublicKey(hex(h)).type).sort()
    expect(new Set(types)).toEqual(new Set(['Ed25519', 'RSA', 'secp256k1']))
  })
})

describe('PublicKey protobuf', () => {
  const ed = new Uint8Array(32).fill(7)
  it('encodes deterministically and round-trips', () => {
    const b = encodePublicKey('Ed25519', ed)
    expect(toHex(b.subarray(0, 4))).toBe('08011220')
    expect(b).toHaveLength(publicKeySize(32))
    const k = decodePublicKey(b)
    expect(k.type).toBe('Ed25519')
    expect(k.data).toEqual(ed)
  })
  it('accepts fields in reverse order and unknown fields, re-encoding canonically', () => {
    const rev = cat(tlv(0x12, ed), hex('0801'))
    const k = decodePublicKey(rev)
    expect(k.canonical).toBe(false)
    expect(k.bytes).toEqual(encodePublicKey('Ed25519', ed))
    const extra = cat(hex('0801'), tlv(0x12, ed), hex('1801'))
    expect(decodePublicKey(extra).canonical).toBe(false)
    const twice = cat(hex('0801'), tlv(0x12, new Uint8Array(32)), tlv(0x12, ed))
    const k2 = decodePublicKey(twice)
    expect(k2.data).toEqual(ed) // last wins
    expect(k2.canonical).toBe(false)
  })
  it('non-minimal varints are not canonical', () => {
    expect(decodePublicKey(cat(hex('088100'), tlv(0x12, new Uint8Array(32).fill(1)).subarray(0))).canonical).toBe(false)
  })
  const cases: Array<[string, string, WireError['code'], number]> = [
    ['empty', '', 'KEY_INVALID', 0],
    ['type missing', '1220' + '07'.repeat(32), 'KEY_INVALID', 34],
    ['data missing', '0801', 'KEY_INVALID', 2],
    ['type 4', '08041220' + '07'.repeat(32), 'KEY_TYPE_UNSUPPORTED', 1],
    ['type 2^60 (above 2^53), after type 8', '0808' + '08808080808080808010' + '1220' + '07'.repeat(32), 'KEY_TYPE_UNSUPPORTED', 3],
    ['type as LEN', '0a0101', 'KEY_INVALID', 0],
    ['data as varint', '08011001', 'KEY_INVALID', 2],
    ['truncated data', '0801122001', 'LENGTH_OUT_OF_BOUNDS', 3],
    ['truncated tag', '0801ff', 'TRUNCATED', 2],
    ['group', '0b', 'WIRE_TYPE_GROUP', 0], // at the tag, as decodeIdentify and decodeDelta report groups
    ['ed25519 31 bytes', '0801121f' + '07'.repeat(31), 'KEY_INVALID', 4],
    ['ed25519 33 bytes', '08011221' + '07'.repeat(33), 'KEY_INVALID', 4],
    ['secp256k1 32 bytes', '08021220' + '07'.repeat(32), 'KEY_INVALID', 4],
    ['secp256k1 prefix 04', '0802122104' + '07'.repeat(32), 'KEY_INVALID', 4],
    ['secp256k1 x = p', '0802122102' + 'ff'.repeat(27) + 'fefffffc2f', 'KEY_INVALID', 5],
    ['secp256k1 x > p', '0802122103' + 'ff'.repeat(32), 'KEY_INVALID', 5]
  ]
  for (const [name, h, code, off] of cases) {
    it(`rejects ${name}`, () => { expectWireError(() => decodePublicKey(hex(h)), code, off, 'publicKey') })
  }
  it('accepts secp256k1 x = p - 1', () => {
    expect(decodePublicKey(hex('0802122102' + 'ff'.repeat(27) + 'fefffffc2e')).type).toBe('secp256k1')
  })
  it('throws TypeError for non-bytes', () => {
    expect(() => decodePublicKey('08' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => validateKeyData('DSA' as KeyType, new Uint8Array())).toThrow(TypeError)
  })
})

describe('RSA SubjectPublicKeyInfo', () => {
  for (const bits of [2048, 3072, 4096, 8192]) {
    it(`accepts ${bits} bits`, () => {
      const k = decodePublicKey(pk(0, rsaSpki(bits)))
      expect(k.type).toBe('RSA')
      expect(k.bits).toBe(bits)
    })
  }
  for (const bits of [1024, 2047, 8193, 16384]) {
    it(`rejects ${bits} bits with KEY_RSA_SIZE`, () => {
      const e = expectWireError(() => validateKeyData('RSA', rsaSpki(bits)), 'KEY_RSA_SIZE')
      expect(e.offset).toBeGreaterThan(20)
    })
  }
  it('a 2048-bit key hashes into a Qm peer id path (> 42 bytes)', () => {
    expect(pk(0, rsaSpki(2048)).length).toBeGreaterThan(42)
  })
  const good = rsaSpki(2048)
  it('rejects every truncation', () => {
    for (let n = 0; n < good.length; n++) {
      expect(() => validateKeyData('RSA', good.subarray(0, n))).toThrow(WireError)
    }
  })
  it('rejects trailing bytes', () => { expectWireError(() => validateKeyData('RSA', cat(good, hex('00'))), 'KEY_INVALID', good.length) })
  it('rejects a wrong OID, missing NULL, unused bits, negative modulus, non-minimal lengths, big exponent', () => {
    const mut = (i: number, v: number): Uint8Array => { const b = good.slice(); b[i] = v; return b }
    // Layout: 30 82 01 22 | 30 0d 06 09 <oid 9> 05 00 | 03 82 01 0f 00 | 30 82 01 0a 02 82 01 01 00 <n> 02 03 010001
    expectWireError(() => validateKeyData('RSA', mut(14, 0x02)), 'KEY_INVALID', 8) // OID last byte
    expectWireError(() => validateKeyData('RSA', mut(17, 0x04)), 'KEY_INVALID', 17) // NULL tag
    expectWireError(() => validateKeyData('RSA', mut(23, 0x01)), 'KEY_INVALID', 23) // unused bits
    expectWireError(() => validateKeyData('RSA', mut(0, 0x31)), 'KEY_INVALID', 0)
    expectWireError(() => validateKeyData('RSA', mut(1, 0x80)), 'KEY_INVALID', 1) // indefinite length
    const e5 = rsaSpki(2048, hex('0100000000'))
    expectWireError(() => validateKeyData('RSA', e5), 'KEY_INVALID')
    const e0 = rsaSpki(2048, hex('00'))
    expectWireError(() => validateKeyData('RSA', e0), 'KEY_INVALID')
    const eNonMin = rsaSpki(2048, hex('0003'))
    expectWireError(() => validateKeyData('RSA', eNonMin), 'KEY_INVALID')
    const eNeg = rsaSpki(2048, hex('ff'))
    expectWireError(() => validateKeyData('RSA', eNeg), 'KEY_INVALID')
  })
  it('rejects a non-minimal long-form length', () => {
    // 30 81 05 ... : long form for a length below 128
    expectWireError(() => validateKeyData('RSA', hex('3081050000000000')), 'KEY_INVALID', 1)
    expectWireError(() => validateKeyData('RSA', hex('308200050000000000')), 'KEY_INVALID', 1)
  })
})

describe('ECDSA SubjectPublicKeyInfo', () => {
  for (const [name, h, bits] of [['P-256', P256, 256], ['P-384', P384, 384], ['P-521', P521, 521]] as const) {
    it(`accepts ${name}`, () => {
      const k = decodePublicKey(pk(3, hex(h)))
      expect(k.type).toBe('ECDSA')
      expect(k.curve).toBe(name)
      expect(k.bits).toBe(bits)
    })
  }
  it('rejects a compressed point, an unknown curve, an RSA OID, truncations', () => {
    const good = hex(P256)
    const b = good.slice(); b[26] = 0x02
    expectWireError(() => validateKeyData('ECDSA', b), 'KEY_INVALID', 26)
    const c = good.slice(); c[20] = 0x08
    expectWireError(() => validateKeyData('ECDSA', c), 'KEY_INVALID', 15)
    expectWireError(() => validateKeyData('ECDSA', rsaSpki(2048)), 'KEY_INVALID', 8)
    expectWireError(() => validateKeyData('RSA', good), 'KEY_INVALID', 6)
    for (let n = 0; n < good.length; n++) expect(() => validateKeyData('ECDSA', good.subarray(0, n))).toThrow(WireError)
  })
})

describe('hostile input', () => {
  it('decodePublicKey throws only WireError on random and mutated bytes', () => {
    const seeds = [hex('08011220' + '07'.repeat(32)), pk(0, rsaSpki(2048)), pk(3, hex(P256))]
    fc.assert(fc.property(fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
        .map(([s, muts]) => { const b = s.slice(); for (const [i, v] of muts) b[i % b.length] = v; return b })
    ), (b) => {
      try { decodePublicKey(b) } catch (e) { expect(e).toBeInstanceOf(WireError) }
    }), { numRuns: 300 })
  })
})
