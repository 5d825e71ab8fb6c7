// UTF-8 primitives against the platform's WHATWG TextDecoder / TextEncoder, by table and by property.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodeUtf8, validateUtf8, utf8Length, writeUtf8 } from './utf8.js'
import { hex } from '../testing/vectors.js'

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenient = new TextDecoder('utf-8', { ignoreBOM: true })
const isValid = (b: Uint8Array): boolean => { try { fatal.decode(b); return true } catch { return false } }

describe('validateUtf8', () => {
  it('reports the first byte of the first bad sequence (Unicode Table 3-7)', () => {
    const cases: Array<[string, number]> = [['', -1], ['61', -1], ['c2a2', -1], ['e282ac', -1], ['f09f9a80', -1], ['efbbbf', -1], ['f48fbfbf', -1],
      ['c0af', 0], ['c1bf', 0], ['61 ed a080', 1], ['eda080', 0], ['e080af', 0], ['f08080af', 0], ['f4908080', 0], ['f5', 0], ['ff', 0], ['80', 0],
      ['e282', 0], ['61 62 e2', 2], ['c2', 0], ['c2 41', 0], ['f09f9a', 0], ['e282ac 80', 3]]
    for (const [h, want] of cases) expect(validateUtf8(hex(h), 0, h.replace(/ /g, '').length / 2)).toBe(want)
  })
  it('works on a range and reports absolute offsets', () => {
    expect(validateUtf8(hex('ff 61 c0 62'), 1, 4)).toBe(2)
    expect(validateUtf8(hex('ff 61 c0 62'), 1, 2)).toBe(-1)
  })
  it('property: agrees with a fatal TextDecoder on random bytes and on UTF-8 of random strings', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
      const bad = validateUtf8(b, 0, b.length)
      expect(bad === -1).toBe(isValid(b))
      if (bad >= 0) {
        expect(isValid(b.subarray(0, bad))).toBe(true) // everything before the reported byte is valid
      }
    }), { numRuns: 1000 })
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
      const b = new TextEncoder().encode(s)
      expect(validateUtf8(b, 0, b.length)).toBe(-1)
    }), { numRuns: 300 })
  })
})

describe('decodeUtf8', () => {
  it('WHATWG replacement, one U+FFFD per maximal subpart; a leading BOM is kept', () => {
    expect(decodeUtf8(hex('c0af'), 0, 2)).toBe('\ufffd\ufffd')
    expect(decodeUtf8(hex('eda080'), 0, 3)).toBe('\ufffd\ufffd\ufffd')
    expect(decodeUtf8(hex('61e282'), 0, 3)).toBe('a\ufffd')
    expect(decodeUtf8(hex('efbbbf61'), 0, 4)).toBe('\ufeffa')
    expect(decodeUtf8(hex('ff 2f6162 ff'), 1, 4)).toBe('/ab')
  })
  it('property: equals TextDecoder (ignoreBOM) on random bytes, short and long', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(3), (b, off) => {
      const big = new Uint8Array(off + b.length + 2)
      big.set(b, off)
      expect(decodeUtf8(big, off, off + b.length)).toBe(lenient.decode(b))
    }), { numRuns: 1000 })
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const b = new TextEncoder().encode(s)
      expect(decodeUtf8(b, 0, b.length)).toBe(lenient.decode(b))
    }), { numRuns: 300 })
  })
})

describe('utf8Length / writeUtf8', () => {
  it('table: ASCII, 2-, 3-, 4-byte chars, lone surrogates as U+FFFD', () => {
    const cases: Array<[string, string]> = [['', ''], ['a', '61'], ['é', 'c3a9'], ['€', 'e282ac'], ['🚀', 'f09f9a80'], ['\ud800', 'efbfbd'],
      ['\udc00', 'efbfbd'], ['a\ud800b', '61efbfbd62'], ['\udc00\ud800', 'efbfbdefbfbd'], ['\ud83d\ude80\ud83d', 'f09f9a80efbfbd'], ['\uffff', 'efbfbf']]
    for (const [s, h] of cases) {
      const buf = new Uint8Array(16)
      expect(utf8Length(s)).toBe(h.length / 2)
      expect(buf.subarray(0, writeUtf8(buf, 0, s))).toEqual(hex(h))
    }
  })
  it('property: equal to TextEncoder on random strings, lone surrogates included', () => {
    const str = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }))
    fc.assert(fc.property(str, fc.nat(4), (s, off) => {
      const want = new TextEncoder().encode(s)
      expect(utf8Length(s)).toBe(want.length)
      const buf = new Uint8Array(off + want.length + 2)
      expect(writeUtf8(buf, off, s)).toBe(want.length)
      expect(buf.subarray(off, off + want.length)).toEqual(want)
    }), { numRuns: 1000 })
  })
})
