import { describe, it, expect } from 'vitest'
import { consumeVarint, decodeVarint, varintLength, writeVarint, ERR_TRUNCATED, ERR_OVERFLOW } from './varint.js'
import fc from 'fast-check'
import { hex } from '../testing/vectors.js'

describe('varint', () => {
  it('round-trips values at every 7-bit boundary up to 2^53-1', () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32,
      2 ** 35 - 1, 2 ** 35, 2 ** 42 - 1, 2 ** 42, 2 ** 49 - 1, 2 ** 49, Number.MAX_SAFE_INTEGER]
    for (const v of values) {
      const buf = new Uint8Array(10)
      const n = writeVarint(buf, 0, v)
      expect(n).toBe(varintLength(v))
      expect(consumeVarint(buf, 0, n)).toBe(n)
      expect(decodeVarint(buf, 0, n)).toBe(v)
      for (let cut = 0; cut < n; cut++) expect(consumeVarint(buf, 0, cut)).toBe(ERR_TRUNCATED)
    }
  })
  it('rejects 2^53 and more than 10 bytes', () => {
    expect(consumeVarint(hex('8080808080808080 10'), 0, 9)).toBe(ERR_OVERFLOW) // 2^53
    expect(consumeVarint(hex('ffffffffffffffffff01'), 0, 10)).toBe(ERR_OVERFLOW)
    expect(consumeVarint(hex('8080808080808080808000'), 0, 11)).toBe(ERR_OVERFLOW)
  })
  it('accepts non-minimal forms (callers check minimality)', () => {
    expect(consumeVarint(hex('8000'), 0, 2)).toBe(2)
    expect(decodeVarint(hex('8000'), 0, 2)).toBe(0)
    expect(varintLength(0)).toBe(1)
  })
})

describe('varint tables and properties', () => {
  it('every boundary 2^(7k)-1 / 2^(7k) has the minimal length k / k+1, and writes it', () => {
    for (let k = 1; k <= 7; k++) {
      const below = 2 ** (7 * k) - 1
      const at = 2 ** (7 * k)
      expect(varintLength(below)).toBe(k)
      if (at <= Number.MAX_SAFE_INTEGER) expect(varintLength(at)).toBe(k + 1)
      const buf = new Uint8Array(10)
      expect(writeVarint(buf, 0, below)).toBe(k)
      expect(buf[k - 1]).toBe(below >= 128 ? 0x7f : below) // last byte has no continuation bit
    }
    expect(varintLength(Number.MAX_SAFE_INTEGER)).toBe(8)
  })
  it('known encodings (protobuf docs: 150 = 96 01)', () => {
    const cases: Array<[number, string]> = [[0, '00'], [1, '01'], [127, '7f'], [128, '8001'], [150, '9601'], [300, 'ac02'], [16384, '808001'],
      [2 ** 31, '8080808008'], [2 ** 32, '8080808010'], [Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f']]
    for (const [v, h] of cases) {
      const buf = new Uint8Array(10)
      expect(hex(h)).toEqual(buf.subarray(0, writeVarint(buf, 0, v)))
      expect(consumeVarint(hex(h), 0, h.length / 2)).toBe(h.length / 2)
      expect(decodeVarint(hex(h), 0, h.length / 2)).toBe(v)
    }
  })
  it('reads at an offset and stops at end, not at the buffer length', () => {
    const b = hex('ff ac02 ff')
    expect(consumeVarint(b, 1, 3)).toBe(2)
    expect(decodeVarint(b, 1, 3)).toBe(300)
    expect(consumeVarint(b, 1, 2)).toBe(ERR_TRUNCATED)
    expect(consumeVarint(b, 3, 3)).toBe(ERR_TRUNCATED)
  })
  it('10-byte varints: up to 2^53-1 read; larger, or a 10th byte with more bits, overflow', () => {
    expect(consumeVarint(hex('ffffffffffffff0f'), 0, 8)).toBe(8)
    expect(consumeVarint(hex('ffffffffffffff8f80 00'), 0, 10)).toBe(10) // non-minimal, 10 bytes, value 2^53-1
    expect(decodeVarint(hex('ffffffffffffff8f80 00'), 0, 10)).toBe(Number.MAX_SAFE_INTEGER)
    expect(consumeVarint(hex('ffffffffffffffffff01'), 0, 10)).toBe(ERR_OVERFLOW)
    expect(consumeVarint(hex('80808080808080808002'), 0, 10)).toBe(ERR_OVERFLOW)
  })
  it('property: write/consume round trip with minimal length; every truncation is ERR_TRUNCATED', () => {
    fc.assert(fc.property(fc.maxSafeNat(), fc.nat(5), (v, off) => {
      const buf = new Uint8Array(off + 10)
      const n = writeVarint(buf, off, v)
      expect(n).toBe(varintLength(v))
      expect(consumeVarint(buf, off, off + n)).toBe(n)
      expect(decodeVarint(buf, off, off + n)).toBe(v)
      for (let cut = off; cut < off + n; cut++) expect(consumeVarint(buf, off, cut)).toBe(ERR_TRUNCATED)
    }), { numRuns: 500 })
  })
  it('property: any bytes give a count in 1..10 or a negative status, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
      const n = consumeVarint(b, 0, b.length)
      expect(n === ERR_TRUNCATED || n === ERR_OVERFLOW || (n >= 1 && n <= 10 && n <= b.length)).toBe(true)
    }), { numRuns: 500 })
  })
})
