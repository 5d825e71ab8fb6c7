// Hostile inputs for sanitize: a 1 MB string or byte string, by default (work bounded by the
// 128-code-point limit) and with maxCodePoints: Infinity (loosely bounded). Timed on the bundled library, Node-only.
import { describe, expect, it } from 'vitest'
import { sanitize } from './sanitize.js'
import { bestNs, loadBundled, perByteAtTwoSizes, report } from '../../fuzz/timing.js'

const B = await loadBundled<typeof import('./index.js')>(new URL('./index.ts', import.meta.url))
const NS_PER_BYTE = 50
// maxCodePoints: Infinity on replacement-dense text builds the output one piece per replaced code point; at 1 MB
// that is dominated by V8 string and GC work (measured node 20, loaded 2-core machine: 17-25 ns/unit at 64 K,
// 90-230 ns/unit at 1-4 MB, not growing further from 1 to 4 MB). Bounded loosely; the default limit is the guarantee.
const NS_PER_UNIT_UNLIMITED = 500
const MB = 1 << 20
const enc = new TextEncoder()
const dec = new TextDecoder('utf-8', { ignoreBOM: true })

// 1 MB strings (UTF-16 units) that make the sanitizer work: every other unit replaced, surrogates, astral pairs.
const STRINGS: Array<[string, (n: number) => string]> = [
  ['ESC and ASCII alternating (Cc)', (n) => '\u001bx'.repeat(n >> 1)],
  ['zero-width joiners (Cf, table lookups)', (n) => '\u200d'.repeat(n)],
  ['lone surrogates (Cs)', (n) => '\ud800'.repeat(n)],
  ['astral pairs', (n) => '\u{1F680}'.repeat(n >> 1)],
  ['mixed hostile text', (n) => 'a\u202e\u0000\udc00\u{E0041}\u00ad\u{1F468}\u200d'.repeat(Math.floor(n / 10))]
]
// As UTF-8 bytes: invalid everywhere, 4-byte sequences, truncated sequences.
const BYTES: Array<[string, (n: number) => Uint8Array]> = [
  ['invalid bytes (0xff)', (n) => new Uint8Array(n).fill(0xff)],
  ['4-byte sequences', (n) => enc.encode('\u{1F680}'.repeat(n >> 2))],
  ['truncated 3-byte sequences', (n) => new Uint8Array(n).map((_, i) => (i % 2 === 0 ? 0xe2 : 0x80))],
  ['control bytes', (n) => new Uint8Array(n).map((_, i) => i % 32)]
]

describe('hostile: a 1 MB string to sanitize', () => {
  for (const [name, make] of STRINGS) {
    it(`${name}: by default the work stops after 128 code points; without a limit (256 K units), under 500 ns per unit`, () => {
      const s = make(MB)
      expect([...sanitize(s)].length).toBe(128)
      const ns = bestNs(() => { B.sanitize(s) })
      report(`sanitize 1 MB of ${name} (default limit)`, ns / MB, 'ns/byte', NS_PER_BYTE)
      expect(ns / MB).toBeLessThan(NS_PER_BYTE)
      expect(ns).toBeLessThan(1e6) // about 128 code points of work, whatever the length
      // Without the limit: 256 K units (the cost per unit is GC-dominated and noisy at 1 MB, see above).
      const q = make(MB >> 2)
      const all = sanitize(q, { maxCodePoints: Infinity })
      expect(sanitize(all, { maxCodePoints: Infinity })).toBe(all)
      const { small, best, median } = perByteAtTwoSizes((n) => enc.encode(make(n)), (b) => { B.sanitize(dec.decode(b), { maxCodePoints: Infinity }) }, MB >> 2)
      report(`decode + sanitize(maxCodePoints: Infinity) ${name}: best ${small.toFixed(1)} at 16 KB; 256 KB median ${median.toFixed(1)}, best`, best, 'ns/byte', NS_PER_UNIT_UNLIMITED)
      const strOnly = bestNs(() => { B.sanitize(q, { maxCodePoints: Infinity }) }) / q.length
      report(`sanitize(maxCodePoints: Infinity) 256 K units of ${name}, string only`, strOnly, 'ns/unit', NS_PER_UNIT_UNLIMITED)
      expect(strOnly).toBeLessThan(NS_PER_UNIT_UNLIMITED)
    }, 60_000)
  }
})

describe('hostile: a 1 MB byte string to sanitize', () => {
  for (const [name, make] of BYTES) {
    it(`${name}: bounded by default, under 500 ns per byte without a limit (256 KB), equal to sanitizing the WHATWG-decoded text`, () => {
      const b = make(MB)
      expect(sanitize(b)).toBe(sanitize(dec.decode(b)))
      const ns = bestNs(() => { B.sanitize(b) })
      report(`sanitize(bytes) 1 MB of ${name} (default limit)`, ns / MB, 'ns/byte', NS_PER_BYTE)
      expect(ns).toBeLessThan(1e6)
      const q = make(MB >> 2)
      const all = sanitize(q, { maxCodePoints: Infinity })
      expect(all === sanitize(dec.decode(q), { maxCodePoints: Infinity })).toBe(true)
      const { small, best, median } = perByteAtTwoSizes(make, (x) => { B.sanitize(x, { maxCodePoints: Infinity }) }, MB >> 2)
      report(`sanitize(bytes, maxCodePoints: Infinity) ${name}: best ${small.toFixed(1)} at 16 KB; 256 KB median ${median.toFixed(1)}, best`, best, 'ns/byte', NS_PER_UNIT_UNLIMITED)
      expect(best).toBeLessThan(NS_PER_UNIT_UNLIMITED)
    }, 60_000)
  }
})
