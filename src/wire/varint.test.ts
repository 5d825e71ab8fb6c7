import { describe, it, expect } from 'vitest'
import { consumeVarint, varintLength, writeVarint, varintValue, ERR_TRUNCATED, ERR_OVERFLOW } from './varint.js'
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
      expect(varintValue).toBe(v)
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
    expect(varintValue).toBe(0)
    expect(varintLength(0)).toBe(1)
  })
})
