// Cross-check of the pure SHA-256 against Node's crypto on every length around the padding boundaries.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { sha256 } from './sha256.js'
import { toHex } from '../testing/vectors.js'

describe('sha256 vs node:crypto', () => {
  it('every length 0..300', () => {
    for (let n = 0; n <= 300; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff)
      expect(toHex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'))
    }
  })
  it('random inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
      expect(toHex(sha256(b))).toBe(createHash('sha256').update(b).digest('hex'))
    }), { numRuns: 100 })
  })
})
