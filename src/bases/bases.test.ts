// Known vectors (RFC 4648 §10, bitcoin's base58_encode_decode.json, multiformats/multibase tests/*.csv),
// round-trip properties and strict rejection of bad characters, lengths and trailing bits with their index.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  base32Decode, base32Encode, base36Decode, base36Encode, base58btcDecode, base58btcEncode, base64urlDecode, base64urlEncode
} from './index.js'
import { BASE64URL_CODEC, rfc4648, rfcDecode, rfcEncode } from './rfc4648.js'
import { base58btcEncodeRange } from './basex.js'
import { expectWireError } from '../testing/expect-error.js'
import { WireError } from '../errors.js'
import { hex, toHex } from '../testing/vectors.js'

const ascii = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)))

// bitcoin/bitcoin src/test/data/base58_encode_decode.json (hex, base58)
const BITCOIN: Array<[string, string]> = [
  ['', ''],
  ['61', '2g'],
  ['626262', 'a3gV'],
  ['636363', 'aPEr'],
  ['73696d706c792061206c6f6e6720737472696e67', '2cFupjhnEsSn59qHXstmK2ffpLv2'],
  ['00eb15231dfceb60925886b67d065299925915aeb172c06647', '1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L'],
  ['516b6fcd0f', 'ABnLTmg'],
  ['bf4f89001e670274dd', '3SEo3LWLoPntC'],
  ['572e4794', '3EFU7m'],
  ['ecac89cad93923c02321', 'EJDM8drfXA6uyA'],
  ['10c8511e', 'Rt5zm'],
  ['00000000000000000000', '1111111111'],
  ['00'.repeat(40), '1'.repeat(40)],
  ['00'.repeat(39) + '01', '1'.repeat(39) + '2'],
  ['00'.repeat(86) + 'ec39d04c37e71e5d591881f6', '1'.repeat(86) + '5TYzLYH1udmLdzCLM'],
  ['000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5', '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'],
  ['271F359E', 'zzzzy'],
  ['271F359F', 'zzzzz'],
  ['271F35A0', '211111'],
  ['271F35A1', '211112']
]

// multiformats/multibase tests/basic.csv, leading_zero.csv, two_leading_zeros.csv (prefix removed)
const MULTIBASE: Array<{ input: string, b58: string, b32: string, b36: string, b64url: string }> = [
  { input: 'yes mani !', b58: '7paNL19xttacUY', b32: 'pfsxgidnmfxgsibb', b36: '2lcpzo5yikidynfl', b64url: 'eWVzIG1hbmkgIQ' },
  { input: '\x00yes mani !', b58: '17paNL19xttacUY', b32: 'ab4wk4zanvqw42jaee', b36: '02lcpzo5yikidynfl', b64url: 'AHllcyBtYW5pICE' },
  { input: '\x00\x00yes mani !', b58: '117paNL19xttacUY', b32: 'aaahszltebwwc3tjeaqq', b36: '002lcpzo5yikidynfl', b64url: 'AAB5ZXMgbWFuaSAh' }
]

// RFC 4648 §10 test vectors; base32 lowercased and unpadded, base64url identical to base64 for these inputs.
const RFC4648: Array<[string, string, string]> = [
  ['', '', ''],
  ['f', 'my', 'Zg'],
  ['fo', 'mzxq', 'Zm8'],
  ['foo', 'mzxw6', 'Zm9v'],
  ['foob', 'mzxw6yq', 'Zm9vYg'],
  ['fooba', 'mzxw6ytb', 'Zm9vYmE'],
  ['foobar', 'mzxw6ytboi', 'Zm9vYmFy']
]

describe('base58btc', () => {
  it('matches the bitcoin vectors both ways', () => {
    for (const [h, s] of BITCOIN) {
      expect(base58btcEncode(hex(h))).toBe(s)
      expect(toHex(base58btcDecode(s))).toBe(h.toLowerCase())
    }
  })
  it('matches the multibase spec vectors', () => {
    for (const v of MULTIBASE) {
      expect(base58btcEncode(ascii(v.input))).toBe(v.b58)
      expect(base58btcDecode(v.b58)).toEqual(ascii(v.input))
    }
  })
  it('rejects characters outside the alphabet at their index', () => {
    for (const [s, at] of [['0', 0], ['12O', 2], ['abcI', 3], ['l', 0], ['zz+', 2], ['2g ', 2], ['é', 0], ['11111110', 7]] as const) {
      expectWireError(() => base58btcDecode(s), 'INVALID_BASE_ENCODING', at)
    }
  })
})

describe('base36', () => {
  it('matches the multibase spec vectors', () => {
    for (const v of MULTIBASE) {
      expect(base36Encode(ascii(v.input))).toBe(v.b36)
      expect(base36Decode(v.b36)).toEqual(ascii(v.input))
    }
  })
  it('handles zeros and limb boundaries', () => {
    expect(base36Encode(new Uint8Array(0))).toBe('')
    expect(base36Encode(hex('00'))).toBe('0')
    expect(base36Encode(hex('23'))).toBe('z') // 35
    expect(base36Encode(hex('24'))).toBe('10') // 36
    expect(base36Encode(hex('19a0ff'))).toBe('zzzz') // 36^4 - 1 = 1679615
    expect(base36Encode(hex('19a100'))).toBe('10000')
    expect(toHex(base36Decode('10000'))).toBe('19a100')
  })
  it('rejects uppercase and other characters at their index', () => {
    expectWireError(() => base36Decode('2LCP'), 'INVALID_BASE_ENCODING', 1)
    expectWireError(() => base36Decode('00-'), 'INVALID_BASE_ENCODING', 2)
  })
})

describe('base32 and base64url', () => {
  it('match the RFC 4648 vectors', () => {
    for (const [input, b32, b64] of RFC4648) {
      expect(base32Encode(ascii(input))).toBe(b32)
      expect(base32Decode(b32)).toEqual(ascii(input))
      expect(base64urlEncode(ascii(input))).toBe(b64)
      expect(base64urlDecode(b64)).toEqual(ascii(input))
    }
  })
  it('match the multibase spec vectors', () => {
    for (const v of MULTIBASE) {
      expect(base32Encode(ascii(v.input))).toBe(v.b32)
      expect(base32Decode(v.b32)).toEqual(ascii(v.input))
      expect(base64urlEncode(ascii(v.input))).toBe(v.b64url)
      expect(base64urlDecode(v.b64url)).toEqual(ascii(v.input))
    }
  })
  it('uses the url alphabet', () => {
    expect(base64urlEncode(hex('fbff'))).toBe('-_8')
    expect(toHex(base64urlDecode('-_8'))).toBe('fbff')
  })
  it('rejects bad characters at their index', () => {
    expectWireError(() => base32Decode('MZXQ'), 'INVALID_BASE_ENCODING', 0)
    expectWireError(() => base32Decode('mzx1'), 'INVALID_BASE_ENCODING', 3)
    expectWireError(() => base32Decode('my======'), 'INVALID_BASE_ENCODING', 2) // no padding in multibase 'b'
    expectWireError(() => base64urlDecode('Zm9+'), 'INVALID_BASE_ENCODING', 3)
    expectWireError(() => base64urlDecode('Z/8'), 'INVALID_BASE_ENCODING', 1)
    expectWireError(() => base64urlDecode('Zg=='), 'INVALID_BASE_ENCODING', 2)
  })
  it('rejects impossible lengths at the last character', () => {
    for (const n of [1, 3, 6, 9]) expectWireError(() => base32Decode('a'.repeat(n)), 'INVALID_BASE_ENCODING', n - 1)
    for (const n of [1, 5]) expectWireError(() => base64urlDecode('A'.repeat(n)), 'INVALID_BASE_ENCODING', n - 1)
  })
  it('rejects non-zero trailing bits (non-canonical text) at the last character', () => {
    expectWireError(() => base32Decode('mz'), 'INVALID_BASE_ENCODING', 1) // 'f' is 'my'
    expectWireError(() => base64urlDecode('Zh'), 'INVALID_BASE_ENCODING', 1) // 'f' is 'Zg'
    expectWireError(() => base64urlDecode('Zm9'), 'INVALID_BASE_ENCODING', 2) // 'fo' is 'Zm8'
  })
})

describe('codec built from another alphabet (i2p base64, used by garlic64)', () => {
  const i2p = rfc4648('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~')
  it('uses its alphabet both ways and rejects the standard one', () => {
    expect(rfcEncode(hex('fbff'), i2p)).toBe('-~8')
    expect(toHex(rfcDecode('-~8', i2p))).toBe('fbff')
    expectWireError(() => rfcDecode('+/8', i2p), 'INVALID_BASE_ENCODING', 0)
  })
})

describe('long inputs and ranges', () => {
  it('round-trips inputs beyond the scratch of the base58/base36 codecs', () => {
    const big = new Uint8Array(1000).map((_, i) => (i * 131 + 7) & 255) // > 1200 base58 digits: no scratch
    big[0] = 0
    big[1] = 0
    for (const [enc, dec, zero] of [[base58btcEncode, base58btcDecode, '1'], [base36Encode, base36Decode, '0']] as const) {
      const s = enc(big)
      expect(s.startsWith(zero + zero)).toBe(true)
      expect(s.charAt(2) === zero).toBe(false)
      expect(dec(s)).toEqual(big)
    }
  })
  it('is exact on both sides of the scratch limits (300 bytes, 1200 digits), at the largest values', () => {
    // All-0xff bytes and all-top digits need the most limbs; at the limit they still use the shared scratch.
    for (const [enc, dec, zero, top] of [[base58btcEncode, base58btcDecode, '1', 'z'], [base36Encode, base36Decode, '0', 'z']] as const) {
      for (const n of [299, 300, 301]) {
        const ff = new Uint8Array(n).fill(255)
        expect(dec(enc(ff))).toEqual(ff)
      }
      for (const n of [1199, 1200, 1201]) {
        const s = zero + top.repeat(n)
        expect(enc(dec(s))).toBe(s)
      }
    }
  })
  it('encodes a range exactly as the subarray', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 60 }), fc.nat(60), fc.nat(60), (b, x, y) => {
      const start = Math.min(x, y, b.length)
      const end = Math.min(Math.max(x, y), b.length)
      expect(base58btcEncodeRange(b, start, end)).toBe(base58btcEncode(b.subarray(start, end)))
      expect(rfcEncode(b, BASE64URL_CODEC, start, end)).toBe(base64urlEncode(b.subarray(start, end)))
    }), { numRuns: 200 })
  })
  it('decodes a range exactly as the slice, errors at indices into the whole text', () => {
    const decoders = [base58btcDecode, base36Decode, base32Decode, base64urlDecode]
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'11Qabz2gkA_-!'), maxLength: 40 }), fc.nat(40), fc.nat(40), (t, x, y) => {
      const start = Math.min(x, y, t.length)
      const end = Math.min(Math.max(x, y), t.length)
      for (const decode of decoders) {
        const run = (f: () => Uint8Array): unknown => { try { return toHex(f()) } catch (e) { return e instanceof WireError ? [e.code, e.offset] : e } }
        const whole = run(() => decode(t.slice(start, end)))
        expect(run(() => decode(t, start, end))).toEqual(Array.isArray(whole) ? [whole[0], whole[1] + start] : whole)
      }
    }), { numRuns: 500 })
    expectWireError(() => base32Decode('xxmf!', 2), 'INVALID_BASE_ENCODING', 4)
    expect(toHex(base58btcDecode('zz2g/', 2, 4))).toBe('61')
  })
})

describe('round trips', () => {
  const codecs: Array<[string, (b: Uint8Array) => string, (s: string) => Uint8Array]> = [
    ['base58btc', base58btcEncode, base58btcDecode],
    ['base36', base36Encode, base36Decode],
    ['base32', base32Encode, base32Decode],
    ['base64url', base64urlEncode, base64urlDecode]
  ]
  for (const [name, enc, dec] of codecs) {
    it(`${name}: decode(encode(b)) = b, and encode(decode(s)) = s`, () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        const s = enc(b)
        expect(dec(s)).toEqual(b)
        expect(enc(dec(s))).toBe(s)
      }), { numRuns: 300 })
    })
    it(`${name}: any string either decodes to bytes that re-encode to it, or throws WireError in range`, () => {
      fc.assert(fc.property(fc.string({ maxLength: 40, unit: fc.constantFrom(...'0189AZaz_-=+/lIO0é'.split(''), 'k', 'q', '2', '7') }), (s) => {
        let out: Uint8Array | undefined
        try { out = dec(s) } catch (e) {
          expect((e as { code?: string }).code).toBe('INVALID_BASE_ENCODING')
          const at = (e as { offset: number }).offset
          expect(at >= 0 && at < s.length).toBe(true)
          return
        }
        expect(enc(out)).toBe(s)
      }), { numRuns: 300 })
    })
  }
})
