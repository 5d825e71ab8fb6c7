// The frozen Cf table: exactly the 21 ranges / 170 code points of Unicode 15.0-17.0 (UnicodeData.txt), checked
// code point by code point against sanitize; a difference from the engine's \p{Cf} is reported, not failed.
import { describe, it, expect } from 'vitest'
import { CF_RANGES, CF_UNICODE_VERSION } from './tables.js'
import { sanitize } from './sanitize.js'

// UnicodeData.txt (General_Category field = Cf), Unicode 15.0 to 17.0; written out here independently of the generator.
const EXPECTED = [
  0xAD, 0xAD, 0x600, 0x605, 0x61C, 0x61C, 0x6DD, 0x6DD, 0x70F, 0x70F, 0x890, 0x891, 0x8E2, 0x8E2, 0x180E, 0x180E,
  0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x206F, 0xFEFF, 0xFEFF, 0xFFF9, 0xFFFB, 0x110BD, 0x110BD,
  0x110CD, 0x110CD, 0x13430, 0x1343F, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0001, 0xE0001, 0xE0020, 0xE007F,
]

describe('CF_RANGES', () => {
  it('is the 21-range, 170-code-point Cf set, ascending and disjoint', () => {
    expect([...CF_RANGES]).toEqual(EXPECTED)
    expect(CF_RANGES.length / 2).toBe(21)
    let points = 0
    for (let k = 0; k < CF_RANGES.length; k += 2) {
      expect(CF_RANGES[k]!).toBeLessThanOrEqual(CF_RANGES[k + 1]!)
      if (k > 0) expect(CF_RANGES[k]!).toBeGreaterThan(CF_RANGES[k - 1]! + 1)
      points += CF_RANGES[k + 1]! - CF_RANGES[k]! + 1
    }
    expect(points).toBe(170)
    expect(CF_UNICODE_VERSION).toBe('17.0')
  })

  it('drives sanitize for every code point; differences from the engine\'s \\p{Cf} are only reported', () => {
    const inTable = (c: number): boolean => {
      for (let k = 0; k < EXPECTED.length; k += 2) if (c >= EXPECTED[k]! && c <= EXPECTED[k + 1]!) return true
      return false
    }
    const engineCf = /\p{Cf}/u
    const engineDiffers: string[] = []
    let replaced = 0
    for (let c = 0; c <= 0x10ffff; c++) {
      const s = c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c)
      const cc = c <= 0x1f || (c >= 0x7f && c <= 0x9f)
      const cs = c >= 0xd800 && c <= 0xdfff
      const cf = inTable(c)
      const out = sanitize(s)
      if (out !== (cc || cf || cs ? '\uFFFD' : s)) expect([c.toString(16), out]).toEqual([c.toString(16), 'wrong'])
      if (cc || cf || cs) replaced++
      if (!cs && engineCf.test(s) !== cf) engineDiffers.push(c.toString(16))
    }
    expect(replaced).toBe(65 + 170 + 2048)
    if (engineDiffers.length > 0) {
      console.info(`note: this engine's \\p{Cf} differs from the frozen Unicode ${CF_UNICODE_VERSION} table at ` +
        `${engineDiffers.length} code points (${engineDiffers.slice(0, 10).join(' ')}); the table wins`)
    }
  })
})
