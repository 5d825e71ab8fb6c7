// Tests of the fuzz mutators: seeded determinism, inputs never modified, varint helpers, delta-debugging minimiser.
import { describe, expect, it } from 'vitest'
import { Rng, mutate, minimise, paddedVarint, parseFields, readVarint, uvarint, hashString } from './mutate.js'

describe('fuzz mutators', () => {
  it('the PRNG is deterministic per seed and spreads values', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    const xs = Array.from({ length: 1000 }, () => a.u32())
    expect(Array.from({ length: 1000 }, () => b.u32())).toEqual(xs)
    expect(new Set(xs).size).toBe(1000)
    const c = new Rng(43)
    expect(c.u32()).not.toBe(xs[0])
    const buckets = new Array(8).fill(0)
    const r = new Rng(hashString('x'))
    for (let i = 0; i < 8000; i++) buckets[r.int(8)]++
    for (const n of buckets) { expect(n).toBeGreaterThan(850); expect(n).toBeLessThan(1150) }
  })

  it('mutate is reproducible, never modifies its inputs, respects maxLen', () => {
    const input = Uint8Array.from([0x2a, 0x03, 0x61, 0x62, 0x63, 0x12, 0x02, 0x04, 0x7f])
    const other = Uint8Array.from([0x1a, 0x01, 0x2f])
    const keep = [input.slice(), other.slice()]
    const run = (seed: number): Uint8Array[] => { const r = new Rng(seed); return Array.from({ length: 500 }, () => mutate(r, input, other, 64)) }
    const x = run(7)
    expect(run(7)).toEqual(x)
    expect(input).toEqual(keep[0])
    expect(other).toEqual(keep[1])
    for (const m of x) expect(m.length).toBeLessThanOrEqual(64)
    expect(new Set(x.map((m) => m.join())).size).toBeGreaterThan(300)
  })

  it('varint helpers: minimal, padded (non-minimal), huge values, reading back', () => {
    expect(uvarint(300)).toEqual(Uint8Array.from([0xac, 0x02]))
    expect(uvarint((1n << 64n) - 1n)).toEqual(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))
    expect(paddedVarint(1, 3)).toEqual(Uint8Array.from([0x81, 0x80, 0x00]))
    expect(readVarint(paddedVarint(300, 5), 0)).toEqual([300n, 5])
    expect(readVarint(Uint8Array.from([0x80]), 0)).toBeUndefined()
  })

  it('parseFields finds top-level protobuf fields and stops at garbage', () => {
    const f = parseFields(Uint8Array.from([0x2a, 0x01, 0x61, 0x08, 0x96, 0x01, 0x12, 0x05, 0x00]))
    expect(f.map((x) => [x.field, x.wireType, x.start, x.dataStart, x.end])).toEqual([[5, 2, 0, 2, 3], [1, 0, 3, 4, 6]])
  })

  it('minimise removes everything not needed for the failure', () => {
    const input = new Uint8Array(300).map((_, i) => 1 + (i % 200))
    input[100] = 0xee
    input[250] = 0xdd
    const fails = (b: Uint8Array): boolean => b.includes(0xee) && b.includes(0xdd)
    const small = minimise(input, fails)
    expect(Array.from(small)).toEqual([0xee, 0xdd])
    expect(minimise(input, (b) => b.length >= 3)).toEqual(new Uint8Array(3))
  })
})
