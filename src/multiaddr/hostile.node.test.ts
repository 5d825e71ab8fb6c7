// Hostile inputs for multiaddr validation and the text form: 10 000 components, huge declared lengths, all-0xff
// varints, megabyte values, text invalid at its start; linear time from 64 KiB to 4 MiB and bounded heap per byte on
// the bundled library. Timed, hence Node-only.
import { describe, expect, it } from 'vitest'
import { validateMultiaddr, isValidMultiaddr } from './validate.js'
import { multiaddrFromString, multiaddrToString } from './text.js'
import { expectWireError } from '../testing/expect-error.js'
import { MAX_RATIO, arrayBufferGrowth, bestNs, loadBundled, perByteAtTwoSizes, report, thrown } from '../../fuzz/timing.js'

const B = await loadBundled<typeof import('./index.js')>(new URL('./index.ts', import.meta.url))
const NS_PER_BYTE = 50
const NS_PER_COMPONENT = 2000 // one Component object (validateMultiaddr) or one text piece (toString) per component

function repeat (unit: readonly number[], times: number): Uint8Array {
  const out = new Uint8Array(unit.length * times)
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length)
  return out
}
const enc = new TextEncoder()
// Byte comparison without vitest's deep equality (seconds on a megabyte).
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
const dec = new TextDecoder()

function assertLinear (name: string, make: (n: number) => Uint8Array, fn: (b: Uint8Array) => void, n: number, componentsPerByte: number): void {
  const { small, best, median, ratio } = perByteAtTwoSizes(make, fn, n)
  const bound = NS_PER_BYTE + NS_PER_COMPONENT * componentsPerByte
  report(`${name}: best ${small.toFixed(1)} ns/byte at ${n >> 4} B; at ${n} B median ${median.toFixed(1)}, best`, best, 'ns/byte', bound)
  expect(ratio).toBeLessThan(MAX_RATIO)
  expect(best).toBeLessThan(bound)
}

// /ip6/::1/tcp/4001 as one 20-byte unit: two components.
const IP6_TCP = [0x29, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x06, 0x0f, 0xa1]
const CIRCUIT = [0xa2, 0x02] // /p2p-circuit: a two-byte code and no value

describe('hostile: a multiaddr of 10 000 components', () => {
  const addr = repeat(IP6_TCP, 5000)

  it('binary: validates in linear time, every component reported', () => {
    const r = validateMultiaddr(addr)
    expect(r.valid).toBe(true)
    if (r.valid) expect(r.components.length).toBe(10_000)
    assertLinear('validateMultiaddr 10 000 components (ip6/tcp)', (n) => repeat(IP6_TCP, Math.floor(n / 20)), (b) => { B.validateMultiaddr(b) }, addr.length, 1 / 10)
    assertLinear('isValidMultiaddr 10 000 components (ip6/tcp)', (n) => repeat(IP6_TCP, Math.floor(n / 20)), (b) => { B.isValidMultiaddr(b) }, addr.length, 0)
    const circuits = repeat(CIRCUIT, 10_000)
    expect(isValidMultiaddr(circuits)).toBe(true)
    assertLinear('validateMultiaddr 10 000 value-less components (p2p-circuit)', (n) => repeat(CIRCUIT, Math.floor(n / 2)), (b) => { B.validateMultiaddr(b) }, circuits.length, 1 / 2)
  }, 60_000)

  it('text: prints and parses back in linear time', () => {
    const text = multiaddrToString(addr)
    expect(text.startsWith('/ip6/::1/tcp/4001/ip6/::1/tcp/4001')).toBe(true)
    expect(same(multiaddrFromString(text), addr)).toBe(true)
    assertLinear('multiaddrToString 10 000 components', (n) => repeat(IP6_TCP, Math.floor(n / 20)), (b) => { B.multiaddrToString(b) }, addr.length, 1 / 10)
    const t = enc.encode(text)
    assertLinear('multiaddrFromString 10 000 components (text bytes)', (n) => enc.encode(B.multiaddrToString(repeat(IP6_TCP, Math.floor(n / 20)))),
      (b) => { B.multiaddrFromString(dec.decode(b)) }, t.length, 10_000 / t.length)
  }, 60_000)

  it('an error after 10 000 good components is found in linear time, at its offset', () => {
    const bad = new Uint8Array(addr.length + 2)
    bad.set(addr)
    bad.set([0x06, 0x0f], addr.length) // tcp with one byte of its two
    const r = validateMultiaddr(bad)
    expect(r.valid).toBe(false)
    if (!r.valid) { expect(r.error.code).toBe('TRUNCATED'); expect(r.error.offset).toBe(addr.length + 1) }
  }, 60_000)
})

describe('hostile: declared lengths and varints', () => {
  it('a value length of 2^60 or 2^50: refused at the length, nothing allocated', () => {
    const p60 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]
    const p50 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]
    for (const [len, code] of [[p60, 'LENGTH_OUT_OF_BOUNDS'], [p50, 'LENGTH_OUT_OF_BOUNDS']] as const) {
      const b = Uint8Array.from([0x36, ...len, 0x61]) // /dns4/<2^60 bytes>
      const r = validateMultiaddr(b)
      expect(r.valid).toBe(false)
      if (!r.valid) { expect(r.error.code).toBe(code); expect(r.error.offset).toBe(1) }
      expect(arrayBufferGrowth(() => { thrown(() => multiaddrToString(b)) })).toBeLessThan(1 << 20)
    }
  }, 60_000)

  it('a 10-byte varint of all 0xff as the protocol code or a value length', () => {
    const ff = new Array(10).fill(0xff) as number[]
    const a = validateMultiaddr(Uint8Array.from([...ff, 0x01]))
    expect(a.valid).toBe(false)
    if (!a.valid) expect(a.error.offset).toBe(0)
    const b = validateMultiaddr(Uint8Array.from([0x36, ...ff, 0x01]))
    expect(b.valid).toBe(false)
    if (!b.valid) expect(b.error.offset).toBe(1)
    expectWireError(() => multiaddrToString(Uint8Array.from(ff)), a.valid ? 'MULTIADDR_EMPTY' : a.error.code, 0)
  }, 60_000)

  it('deeply non-minimal varints are refused at the first one', () => {
    const padded = [0x86, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0f, 0xa1] // tcp code padded to 9 bytes
    const r = validateMultiaddr(Uint8Array.from(padded))
    expect(r.valid).toBe(false)
    if (!r.valid) { expect(r.error.code).toBe('VARINT_NON_MINIMAL'); expect(r.error.offset).toBe(0) }
  }, 60_000)
})

describe('hostile: megabyte values', () => {
  it('a 1 MB dns name validates in linear time; a 1 MB /p2p/ text is refused without quadratic base58 work', () => {
    const name = (n: number): Uint8Array => {
      const lp: number[] = []
      let v = n
      while (v >= 0x80) { lp.push((v & 0x7f) | 0x80); v >>>= 7 }
      lp.push(v)
      const out = new Uint8Array(1 + lp.length + n).fill(0x61)
      out[0] = 0x35 // dns
      out.set(lp, 1)
      return out
    }
    expect(isValidMultiaddr(name(1 << 20))).toBe(true)
    assertLinear('validateMultiaddr /dns/<1 MB>', name, (b) => { B.validateMultiaddr(b) }, 1 << 20, 0)
    const p2p = '/p2p/' + '1'.repeat(1 << 20)
    expectWireError(() => multiaddrFromString(p2p), 'MULTIADDR_INVALID_VALUE', 5)
    expect(bestNs(() => { thrown(() => B.multiaddrFromString(p2p)) })).toBeLessThan(5e6)
    const text = '/dns/' + 'a'.repeat(1 << 20)
    expect(same(multiaddrFromString(text), name(1 << 20))).toBe(true)
    assertLinear('multiaddrFromString /dns/<1 MB>', (n) => enc.encode('/dns/' + 'a'.repeat(n)), (b) => { B.multiaddrFromString(dec.decode(b)) }, 1 << 20, 0)
  }, 60_000)
})

describe('hostile: every value kind, repeated', () => {
  // One of each protocol with a value (unix aside: it must come last), so that no per-component step can look back
  // over the text or bytes already handled (a slice from 0, a rescan) without this turning quadratic.
  const unitText = '/ip4/1.2.3.4/tcp/80/ip6/::ffff:1.2.3.4/udp/1/dns/example.com/ip6zone/eth0/ipcidr/24/sni/x.org' +
    '/onion/aaimaq4ygg2iegci:80/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234' +
    '/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq' +
    '/p2p/12D3KooWGHipR9r2SwYctpzuHCwqQ7HYkv8YVzv3oQqcti7u3RLw' +
    '/certhash/uEiCmGGArauHg3F6RqENih8O1WSN4VTZyKygHIKZ5nhKjWQ/memory/12345678901234/http-path/a%2Fb+c'
  const garlic64 = [0xbe, 0x03, 0x82, 0x03, ...new Array<number>(386).fill(7)] // /garlic64/<386 bytes>
  const unit = [...multiaddrFromString(unitText), ...garlic64]
  // Text as the uppercase onion hosts go accepts it, so the case-folding path is timed too.
  const upper = (t: string): string => t.replace(/(onion3?\/)([a-z2-7]+)/g, (_, p: string, h: string) => p + h.toUpperCase())

  it('round trips, and prints and parses in linear time', () => {
    const addr = repeat(unit, 200)
    const text = multiaddrToString(addr)
    expect(same(multiaddrFromString(text), addr)).toBe(true)
    expect(same(multiaddrFromString(upper(text)), addr)).toBe(true)
    const perUnit = 17 / unit.length
    assertLinear('multiaddrToString every kind x N', (n) => repeat(unit, Math.ceil(n / unit.length)), (b) => { B.multiaddrToString(b) }, 1 << 19, perUnit)
    const textOf = (n: number): Uint8Array => enc.encode(upper(B.multiaddrToString(repeat(unit, Math.ceil(n / unit.length)))))
    assertLinear('multiaddrFromString every kind x N (uppercase onions)', textOf, (b) => { B.multiaddrFromString(dec.decode(b)) }, 1 << 19, perUnit)
  }, 60_000)
})

describe('hostile: text that is invalid at its start allocates nothing in proportion to its length', () => {
  // 16 Mi characters: allocating 3 bytes per character before reading (48 MiB) shows as ArrayBuffer growth.
  const N = 1 << 24
  const cases: Array<[string, string, import('../errors.js').WireErrorCode, number]> = [
    ['an unknown protocol name', '/' + '\u0000'.repeat(N), 'MULTIADDR_UNKNOWN_PROTOCOL', 1],
    ['a name with a lone surrogate first', '/dns4/\ud800' + 'a'.repeat(N), 'MULTIADDR_TEXT_INVALID', 6],
    ['an http-path with a bad escape first', '/http-path/%zz' + 'a'.repeat(N), 'MULTIADDR_TEXT_INVALID', 11],
    ['an ip4 address of letters', '/ip4/' + 'x'.repeat(N), 'MULTIADDR_TEXT_INVALID', 5]
  ]
  for (const [name, text, code, offset] of cases) {
    it(`${name}: WireError at its index, < 1 MiB of ArrayBuffers, < 50 ms`, () => {
      expectWireError(() => multiaddrFromString(text), code, offset)
      expect(arrayBufferGrowth(() => { thrown(() => multiaddrFromString(text)) })).toBeLessThan(1 << 20)
      expect(bestNs(() => { thrown(() => B.multiaddrFromString(text)) }, 3, 1)).toBeLessThan(50e6)
    }, 60_000)
  }
})

describe('hostile: ns/byte flat from 64 KiB to 4 MiB, heap per byte bounded', () => {
  // Units that make the most components per byte (p2p-circuit: 2 bytes) and the most text per byte (ip6 ::,
  // garlic64), so that any per-component or per-character cost that grows with the input shows.
  const units: Array<[string, number[], number]> = [
    ['p2p-circuit', CIRCUIT, 1 / 2],
    ['ip6/tcp', IP6_TCP, 1 / 10],
    ['garlic64', [0xbe, 0x03, 0x82, 0x03, ...new Array<number>(386).fill(7)], 1 / 390],
    ['dns', [0x35, 0x0b, ...enc.encode('example.com')], 1 / 13]
  ]
  const MiB4 = 4 << 20
  for (const [name, unit, perByte] of units) {
    it(`${name}: validate, toString and fromString linear from 64 KiB to 4 MiB`, () => {
      const make = (n: number): Uint8Array => repeat(unit, Math.ceil(n / unit.length))
      const textOf = (n: number): Uint8Array => enc.encode(B.multiaddrToString(make(n)))
      for (const n of [1 << 20, MiB4]) { // n/16 → n: 64 KiB → 1 MiB and 256 KiB → 4 MiB
        assertLinear(`validateMultiaddr ${name} x N`, make, (b) => { B.validateMultiaddr(b) }, n, perByte)
        assertLinear(`isValidMultiaddr ${name} x N`, make, (b) => { B.isValidMultiaddr(b) }, n, 0)
        assertLinear(`multiaddrToString ${name} x N`, make, (b) => { B.multiaddrToString(b) }, n, perByte)
        assertLinear(`multiaddrFromString ${name} x N (text bytes)`, textOf, (b) => { B.multiaddrFromString(dec.decode(b)) }, n, perByte)
      }
    }, 300_000)
  }

  it('heap: isValidMultiaddr keeps nothing; fromString keeps its result; validate keeps one Component per component', () => {
    const big = repeat(IP6_TCP, (MiB4 / IP6_TCP.length) | 0)
    const text = B.multiaddrToString(big)
    const heapGrowth = (fn: () => unknown): number => {
      const g = (globalThis as { gc?: () => void }).gc
      g?.()
      const before = process.memoryUsage()
      const keep = fn()
      const after = process.memoryUsage()
      expect(keep).toBeDefined()
      return (after.heapUsed - before.heapUsed) + (after.arrayBuffers - before.arrayBuffers)
    }
    const perByte = (fn: () => unknown): number => heapGrowth(fn) / big.length
    const valid = perByte(() => B.isValidMultiaddr(big))
    const parsed = perByte(() => B.multiaddrFromString(text))
    const components = perByte(() => B.validateMultiaddr(big))
    report('heap per input byte: isValidMultiaddr (4 MiB)', valid, 'B/byte', 1)
    report('heap per input byte: multiaddrFromString (4 MiB of ip6/tcp)', parsed, 'B/byte', 5)
    report('heap per input byte: validateMultiaddr (4 MiB, one Component per 10 bytes)', components, 'B/byte', 16)
    expect(valid).toBeLessThan(1) // a cursor, no per-byte state (young-generation noise stays far below 1 B/byte)
    expect(parsed).toBeLessThan(5) // the result (1 B/byte), the doubling output buffer it was copied from (< 2 B/byte), per-value arrays
    expect(components).toBeLessThan(16) // ~100 B per Component object, one per 10 bytes of ip6/tcp
  }, 120_000)
})
