// Hostile inputs for the encoders: time per output byte flat from 64 KiB to 4 MiB for every shape of message, memory
// held during an encode bounded by a small multiple of the output. Timed, hence Node-only.
import { describe, expect, it } from 'vitest'
import { MAX_RATIO, loadBundled, report, timesNs } from '../../fuzz/timing.js'
import type { IdentifyInput } from './message.js'

const E = await loadBundled<typeof import('./encode.js')>(new URL('./encode.ts', import.meta.url))
const S = await loadBundled<typeof import('./stream-encode.js')>(new URL('./stream-encode.ts', import.meta.url))

const KiB = 1024
/** Messages of about `n` encoded bytes, one per shape. */
const shapes: Array<[string, (n: number) => IdentifyInput]> = [
  ['protocols of 100 ASCII chars', (n) => ({ protocols: Array.from({ length: n / 102 }, (_, i) => `/p/${String(i).padStart(96, '0')}`) })],
  ['empty protocols', (n) => ({ protocols: new Array<string>(n / 2).fill('') })],
  ['protocols of 50 x U+00E9', (n) => ({ protocols: Array.from({ length: n / 102 }, (_, i) => 'é'.repeat(49) + String.fromCharCode(0x100 + (i % 200))) })],
  ['protocols of 200 ASCII chars', (n) => ({ protocols: Array.from({ length: n / 203 }, (_, i) => `/p/${String(i).padStart(197, '0')}`) })],
  ['8-byte listen addresses', (n) => ({ listenAddrs: Array.from({ length: n / 10 }, (_, i) => Uint8Array.of(4, i, i >> 8, i >> 16, 1, 6, 0, 80)) })],
  ['one agentVersion', (n) => ({ agentVersion: 'a'.repeat(n - 5) })],
  ['8-byte unknown fields', (n) => ({ unknownFields: Array.from({ length: n / 10 }, () => ({ field: 9, wireType: 1, bytes: new Uint8Array(8) })) })]
]

const best = (fn: () => void, runs: number): number => timesNs(fn, runs, 1)[0]!

describe('encoding hostile messages: linear time, bounded memory', () => {
  for (const [name, make] of shapes) {
    it(`${name}: ns per output byte flat from 64 KiB to 4 MiB, memory held a small multiple of the output`, () => {
      const small = make(64 * KiB)
      const big = make(4096 * KiB)
      const ns = E.encodeIdentify(small).length
      const nb = E.encodeIdentify(big).length
      const ts = best(() => { E.encodeIdentify(small) }, 9) / ns
      const tb = best(() => { E.encodeIdentify(big) }, 3) / nb
      report(`encodeIdentify ${name}: ${ts.toFixed(1)} ns/byte at ${ns} B, at ${nb} B`, tb, 'ns/byte', 100)
      expect(tb / ts).toBeLessThan(MAX_RATIO)
      expect(tb).toBeLessThan(100)
      // ArrayBuffers alive right after one encode: the output plus whatever scratch the GC has not yet freed
      const before = process.memoryUsage().arrayBuffers
      const out = E.encodeIdentify(big)
      const held = (process.memoryUsage().arrayBuffers - before) / out.length
      report(`encodeIdentify ${name}: ArrayBuffer bytes held per output byte`, held, 'x', 2.75)
      expect(held).toBeLessThan(2.75) // the non-ASCII path holds at most ~2.5x: a first optimistic try, each string's UTF-8, the output
      // the stream writer on the same message: linear as well
      const st = best(() => { S.encodeIdentifyStream(big, { maxFrames: 1e9 }) }, 1)
      expect(st / nb).toBeLessThan(1000)
    }, 120_000)
  }
})
