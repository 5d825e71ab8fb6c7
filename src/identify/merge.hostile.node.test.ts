// Hostile inputs for de-duplication: values built to collide under a 32-bit FNV-1a hash (what grouping by a hash of
// the bytes would make quadratic) cost what random values of the same shape cost, and the cost grows as n log n.
// Timed, hence Node-only.
import { describe, expect, it } from 'vitest'
import { MAX_RATIO, loadBundled, report, timesNs } from '../../fuzz/timing.js'
import type { Identify } from './message.js'

const G = await loadBundled<typeof import('./merge.js')>(new URL('./merge.ts', import.meta.url))

/** Block `x`: 8 bytes, a 32-bit counter and a mix of it (4-byte blocks make FNV-1a nearly injective). */
function block (x: number): number[] {
  const y = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0
  return [x, x >>> 8, x >>> 16, x >>> 24, y, y >>> 8, y >>> 16, y >>> 24].map((v) => v & 0xff)
}

/** FNV-1a (32-bit) of block `x`, from `state`. */
function step (state: number, x: number): number {
  for (const b of block(x)) state = Math.imul(state ^ b, 0x01000193)
  return state >>> 0
}

/**
 * For each of `k` blocks, two 8-byte alternatives that reach the same FNV-1a state from the state before them
 * (a birthday search, ~80 000 tries a block); with `collide` false, two alternatives that do not. The 2^k values
 * (one alternative per block) then all share one hash, or have the same shape without sharing it.
 */
function values (k: number, collide: boolean): Uint8Array[] {
  let state = 0x811c9dc5
  const pairs: Array<[number, number]> = []
  for (let j = 0; j < k; j++) {
    const seen = new Map<number, number>()
    for (let x = j * 0x1000000; ; x++) {
      const h = step(state, x)
      const y = seen.get(h)
      if (y !== undefined || (!collide && x > j * 0x1000000)) {
        pairs.push(y !== undefined ? [y, x] : [x - 1, x])
        state = h
        break
      }
      seen.set(h, x)
    }
  }
  const out: Uint8Array[] = []
  for (let v = 0; v < 2 ** k; v++) {
    const b: number[] = []
    for (let j = 0; j < k; j++) b.push(...block(pairs[j]![(v >> j) & 1]!))
    out.push(Uint8Array.from(b))
  }
  return out
}

function fnv (b: Uint8Array): number {
  let h = 0x811c9dc5
  for (const x of b) h = Math.imul(h ^ x, 0x01000193)
  return h >>> 0
}

/** Order the values as an attacker would send them: each one once, then all again (so half are repeats). */
const withRepeats = (list: Uint8Array[]): Uint8Array[] => [...list, ...list.map((b) => b.slice())]

const best = (fn: () => void): number => timesNs(fn, 5, 1)[0]!

describe('de-duplication is not slowed by hash collisions', () => {
  const K = 13 // 8192 distinct 104-byte values, 16384 entries with the repeats
  const colliding = values(K, true)
  const plain = values(K, false)
  it('the colliding values do share one 32-bit FNV-1a hash, the others do not', () => {
    expect(new Set(colliding.map(fnv)).size).toBe(1)
    expect(new Set(plain.map(fnv)).size).toBeGreaterThan(2 ** K - 10)
  })
  it('dedupBytes, hasDuplicateBytes and mergeIdentifyFrames: colliding values cost about what the others cost', () => {
    const a = withRepeats(colliding)
    const b = withRepeats(plain)
    expect(G.dedupBytes(a)).toEqual(colliding)
    expect(G.hasDuplicateBytes(a)).toBe(true)
    const frames = (list: Uint8Array[]): Identify[] => [{ listenAddrs: list.slice(0, list.length / 2), protocols: [] }, { listenAddrs: list.slice(list.length / 2), protocols: [] }]
    for (const [name, fn] of [
      ['dedupBytes', (l: Uint8Array[]) => G.dedupBytes(l)],
      ['hasDuplicateBytes', (l: Uint8Array[]) => G.hasDuplicateBytes(l)],
      ['mergeIdentifyFrames', (l: Uint8Array[]) => G.mergeIdentifyFrames(frames(l))]
    ] as const) {
      const tc = best(() => { fn(a) })
      const tp = best(() => { fn(b) })
      report(`${name} of ${a.length} addresses sharing one FNV-1a hash vs ${b.length} of the same shape`, tc / tp, 'x', 3)
      expect(tc / tp).toBeLessThan(3)
    }
  }, 120_000)
  it('strings: equal-length long strings (one V8 hash: the length) cost what strings of distinct lengths cost', () => {
    // V8 hashes a string over 16383 chars by its length alone: a Set of such strings would compare them all.
    const same = Array.from({ length: 400 }, (_, i) => 'x'.repeat(20000) + String(i).padStart(4, '0'))
    const varied = Array.from({ length: 400 }, (_, i) => 'x'.repeat(20000 + i) + String(i).padStart(4, '0'))
    expect(G.dedupStrings([...same, ...same])).toEqual(same)
    const ts = best(() => { G.dedupStrings([...same, ...same]) })
    const tv = best(() => { G.dedupStrings([...varied, ...varied]) })
    report('dedupStrings of 800 strings of 20 004 chars vs 800 of distinct lengths, same prefix', ts / tv, 'x', 3)
    expect(ts / tv).toBeLessThan(3)
  }, 60_000)
  it('scales as n log n: 16x the entries costs far less than 16x per entry', () => {
    const rand = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.of(i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, (i * 7) & 0xff))
    const small = withRepeats(rand(2048))
    const big = withRepeats(rand(32768))
    const ts = best(() => { G.dedupBytes(small) })
    const tb = best(() => { G.dedupBytes(big) })
    report('dedupBytes per entry at 65536 vs 4096 entries', (tb / big.length) / (ts / small.length), 'x', MAX_RATIO)
    expect((tb / big.length) / (ts / small.length)).toBeLessThan(MAX_RATIO)
  }, 60_000)
})
