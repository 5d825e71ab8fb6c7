// Work is bounded by maxCodePoints, not by input length: a 1 MB hostile input must cost about what 512 units cost.
// Timing test, hence Node-only (*.node.test.ts); the factor allowed is loose for a shared 2-core machine.
import { describe, it, expect } from 'vitest'
import { sanitize } from './sanitize.js'

function nsPerCall (input: string | Uint8Array): number {
  const times: number[] = []
  for (let r = 0; r < 9; r++) {
    const t0 = process.hrtime.bigint()
    for (let k = 0; k < 300; k++) sanitize(input)
    times.push(Number(process.hrtime.bigint() - t0) / 300)
  }
  times.sort((a, b) => a - b)
  return times[4]!
}

describe('sanitize work bound', () => {
  const MB = 1 << 20
  const cases: Array<[string, (n: number) => string | Uint8Array]> = [
    ['printable ASCII', (n) => 'x'.repeat(n)],
    ['zero-width spaces (Cf)', (n) => '\u200b'.repeat(n)],
    ['ESC (Cc)', (n) => '\u001b'.repeat(n)],
    ['astral pairs', (n) => '🚀'.repeat(n / 2)],
    ['lone surrogates', (n) => '\ud800'.repeat(n)],
    ['UTF-8 bytes, ASCII', (n) => new Uint8Array(n).fill(0x78)],
    ['UTF-8 bytes, invalid', (n) => new Uint8Array(n).fill(0xff)],
  ]
  for (const [name, make] of cases) {
    it(`1 MB of ${name} costs within 4x of 512 units`, () => {
      const small = make(512)
      const big = make(MB)
      nsPerCall(small); nsPerCall(big) // warm up both
      const a = nsPerCall(small)
      const b = nsPerCall(big)
      expect(b / a).toBeLessThan(4)
    })
  }
})
