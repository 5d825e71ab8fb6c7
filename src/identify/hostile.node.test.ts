// Hostile inputs for the Identify codec and stream framing: linear time, nothing allocated before a declared length
// passed its limit, and refusal by the default limits. Timed, hence Node-only (.node.test.ts).
import { describe, expect, it } from 'vitest'
import { WireError } from '../errors.js'
import { decodeIdentify } from './message.js'
import { encodeIdentify } from './encode.js'
import { decodeIdentifyStream, IdentifyFrameReader } from './framing.js'
import { expectWireError } from '../testing/expect-error.js'
import { MAX_RATIO, arrayBufferGrowth, bestNs, loadBundled, medianNs, nsPerByte, perByteAtTwoSizes, report, thrown, timesNs } from '../../fuzz/timing.js'

// Timings run the bundled library (what users import); assertions on codes and offsets run the sources.
const M = await loadBundled<typeof import('./message.js')>(new URL('./message.ts', import.meta.url))
const E = await loadBundled<typeof import('./encode.js')>(new URL('./encode.ts', import.meta.url))
const F = await loadBundled<typeof import('./framing.js')>(new URL('./framing.ts', import.meta.url))

// Bounds (generous; the measured figures are printed beside them and quoted in the README): 50 ns per input byte,
// plus 2 µs per value the decoder hands back (a subarray or a string per entry: V8 allocation, not parsing).
const NS_PER_BYTE = 50
const NS_PER_VALUE = 2000

/**
 * Asserts linear time: per-byte cost at n vs n/16 (MAX_RATIO), and total below 50 ns/byte + 2 µs/value. The ratio
 * is not asserted when the decoder hands back a value every few bytes: V8's GC cost for hundreds of thousands of
 * retained subarrays itself grows faster than linearly (measured: pushing one subarray per 2 bytes costs 19 ns/byte
 * at 16 KB and 483 ns/byte at 4 MB on node 20, with no decoder involved); the absolute bound still catches a
 * quadratic decoder (at 1 MB it would take minutes).
 */
function assertLinear (name: string, make: (n: number) => Uint8Array, fn: (b: Uint8Array) => void, n: number, valuesPerByte: number): void {
  const { small, best, median, ratio } = perByteAtTwoSizes(make, fn, n)
  const bound = NS_PER_BYTE + NS_PER_VALUE * valuesPerByte
  report(`${name}: best ${small.toFixed(1)} ns/byte at ${n >> 4} B; at ${n} B median ${median.toFixed(1)}, best`, best, 'ns/byte', bound)
  if (valuesPerByte < 0.1) expect(ratio).toBeLessThan(MAX_RATIO)
  expect(best).toBeLessThan(bound)
}
const MB = 1 << 20
// The count limits off: what the decoder does on its own, limits aside (the defaults are tested separately).
const UNLIMITED = { maxProtocols: Infinity, maxListenAddrs: Infinity }

function repeat (unit: readonly number[], times: number): Uint8Array {
  const out = new Uint8Array(unit.length * times)
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length)
  return out
}

function uvarint (v: number): number[] {
  const out: number[] = []
  while (v >= 0x80) { out.push((v % 128) | 0x80); v = Math.floor(v / 128) }
  out.push(v)
  return out
}

function frame (body: Uint8Array): Uint8Array {
  const p = uvarint(body.length)
  const out = new Uint8Array(p.length + body.length)
  out.set(p)
  out.set(body, p.length)
  return out
}

/** `v` as a varint padded with redundant 0x80 groups to `width` bytes. */
function padded (v: number, width: number): number[] {
  const out = uvarint(v)
  while (out.length < width) { out[out.length - 1]! |= 0x80; out.push(0) }
  return out
}

describe('hostile: a 1 MB body of one repeated field', () => {
  const cases: Array<[string, number[], (m: ReturnType<typeof decodeIdentify>) => number]> = [
    ['protocols (1a 00)', [0x1a, 0x00], (m) => m.protocols.length],
    ['listenAddrs (12 00)', [0x12, 0x00], (m) => m.listenAddrs.length],
    ['publicKey (0a 00, last wins)', [0x0a, 0x00], (m) => (m.publicKey === undefined ? 0 : 1)],
    ['unknown field 9 (48 00)', [0x48, 0x00], (m) => m.protocols.length],
    ['unknown LEN field 100 (a2 06 00)', [0xa2, 0x06, 0x00], (m) => m.listenAddrs.length]
  ]
  for (const [name, unit, count] of cases) {
    it(`${name}: decodes in linear time; the stream framing refuses it on the prefix`, () => {
      const body = repeat(unit, Math.floor(MB / unit.length))
      const expected = name.startsWith('protocols') || name.startsWith('listenAddrs') ? body.length / unit.length : name.startsWith('publicKey') ? 1 : 0
      expect(count(decodeIdentify(body, UNLIMITED))).toBe(expected)
      const values = expected === 1 ? 1 / unit.length : expected / body.length // publicKey: one subarray per field, then dropped
      assertLinear(`decodeIdentify 1 MB of ${name}`, (n) => repeat(unit, Math.floor(n / unit.length)), (b) => { M.decodeIdentify(b, UNLIMITED) }, MB, values)
      // Stream: 1 MB > maxMessageSize 8192, refused at the prefix (offset 0) before the body is looked at.
      const stream = frame(body)
      expectWireError(() => decodeIdentifyStream(stream), 'MESSAGE_TOO_LARGE', 0)
      expect(medianNs(() => { thrown(() => F.decodeIdentifyStream(stream)) })).toBeLessThan(1e6)
    }, 60_000)
  }
})

describe('hostile: 100 000 one-byte protocols', () => {
  const body = repeat([0x1a, 0x01, 0x61], 100_000)

  it('decode in linear time without a limit; maxProtocols refuses the first one over', () => {
    expect(decodeIdentify(body, UNLIMITED).protocols.length).toBe(100_000)
    assertLinear('decodeIdentify 100 000 one-byte protocols', (n) => repeat([0x1a, 0x01, 0x61], n / 3), (b) => { M.decodeIdentify(b, UNLIMITED) }, body.length, 1 / 3)
    expectWireError(() => decodeIdentify(body, { maxProtocols: 1024 }), 'TOO_MANY_PROTOCOLS', 1024 * 3, 'protocols[1024]')
    // Refused after 1024 entries: the work stops there, whatever follows (at least 5 times faster than the whole).
    const full = bestNs(() => { M.decodeIdentify(body, UNLIMITED) })
    expect(bestNs(() => { thrown(() => M.decodeIdentify(body, { maxProtocols: 1024 })) })).toBeLessThan(full / 5)
  }, 60_000)

  it('the stream refuses it by default (maxMessageSize); without limits, merging de-duplicates in linear time', () => {
    expectWireError(() => decodeIdentifyStream(frame(body)), 'MESSAGE_TOO_LARGE', 0)
    // #709 de-duplication applies once two frames are merged: a second frame triggers it.
    const second = frame(Uint8Array.of(0x1a, 0x01, 0x62))
    const two = (b: Uint8Array): Uint8Array => { const f = frame(b); const out = new Uint8Array(f.length + second.length); out.set(f); out.set(second, f.length); return out }
    const m = decodeIdentifyStream(two(body), { maxMessageSize: Infinity, ...UNLIMITED })
    expect(m.protocols.length).toBe(2)
    expect(m.protocols[0]).toBe('a')
    expect(m.protocols[1]).toBe('b')
    // 100 000 distinct protocols: the de-duplication must not be quadratic.
    const distinct = new Uint8Array(100_000 * 5)
    for (let i = 0; i < 100_000; i++) distinct.set([0x1a, 0x03, 0x2f, 0x21 + (i % 90), 0x21 + Math.floor(i / 90) % 90], i * 5)
    const s = two(distinct)
    const n = decodeIdentifyStream(s, { maxMessageSize: Infinity, ...UNLIMITED }).protocols.length
    expect(n).toBe(8100 + 1)
    assertLinear('decodeIdentifyStream 100 000 protocols, merged and de-duplicated', (n) => two(distinct.subarray(0, n - (n % 5))),
      (b) => { F.decodeIdentifyStream(b, { maxMessageSize: Infinity, ...UNLIMITED }) }, distinct.length, 1 / 5)
  }, 60_000)
})

describe('hostile: a length prefix declaring 2^60 bytes (and 2^30)', () => {
  const p60 = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10] // 2^60
  const p30 = uvarint(2 ** 30)

  it('frame prefix: refused at offset 0 before anything is allocated', () => {
    const s60 = Uint8Array.from([...p60, 0x0a, 0x00])
    expectWireError(() => decodeIdentifyStream(s60), 'VARINT_OVERFLOW', 0) // above 2^53: no number holds it
    const s30 = Uint8Array.from([...p30, 0x0a, 0x00])
    expectWireError(() => decodeIdentifyStream(s30), 'MESSAGE_TOO_LARGE', 0)
    // Without a size limit the 1 GiB body is simply missing: TRUNCATED, still without allocating it.
    let grew = arrayBufferGrowth(() => { expect(thrown(() => decodeIdentifyStream(s30, { maxMessageSize: Infinity }))).toBeInstanceOf(WireError) })
    expect(grew).toBeLessThan(MB)
    for (const [prefix, code] of [[p60, 'VARINT_OVERFLOW'], [p30, 'MESSAGE_TOO_LARGE']] as const) {
      const r = new IdentifyFrameReader()
      grew = arrayBufferGrowth(() => expectWireError(() => r.push(Uint8Array.from(prefix)), code, 0))
      expect(grew).toBeLessThan(MB)
    }
    // The incremental reader with no limit: the prefix and 64 KiB of body in; nothing of 1 GiB allocated.
    const r = new IdentifyFrameReader({ maxMessageSize: Infinity })
    grew = arrayBufferGrowth(() => {
      r.push(Uint8Array.from(p30))
      for (let i = 0; i < 16; i++) r.push(new Uint8Array(4096))
    })
    expect(grew).toBeLessThan(4 * MB)
    expect(r.bytesNeeded).toBe(2 ** 30 - 16 * 4096)
    expectWireError(() => r.end(), 'TRUNCATED', 0)
  }, 60_000)

  it('inside a body: a LEN field declaring 2^60 or 2^50 bytes is refused at its length prefix', () => {
    expectWireError(() => decodeIdentify(Uint8Array.from([0x0a, ...p60, 0x00])), 'VARINT_OVERFLOW', 1)
    expectWireError(() => decodeIdentify(Uint8Array.from([0x0a, ...uvarint(2 ** 50), 0x00])), 'LENGTH_OUT_OF_BOUNDS', 1)
    expectWireError(() => decodeIdentify(Uint8Array.from([0xa2, 0x06, ...uvarint(2 ** 50), 0x00])), 'LENGTH_OUT_OF_BOUNDS', 2)
    const grew = arrayBufferGrowth(() => { thrown(() => decodeIdentify(Uint8Array.from([0x0a, ...uvarint(2 ** 50)]), { copy: true })) })
    expect(grew).toBeLessThan(MB)
  }, 60_000)
})

describe('hostile: a 10-byte varint of all 0xff', () => {
  const ff = new Array(10).fill(0xff) as number[]
  it('as a tag, a length, a frame prefix, an unknown varint value: VARINT_OVERFLOW where it starts', () => {
    expectWireError(() => decodeIdentify(Uint8Array.from(ff)), 'VARINT_OVERFLOW', 0)
    expectWireError(() => decodeIdentify(Uint8Array.from([0x1a, ...ff, 0x61])), 'VARINT_OVERFLOW', 1)
    expectWireError(() => decodeIdentify(Uint8Array.from([0x48, ...ff, 0x01])), 'VARINT_OVERFLOW', 1)
    expectWireError(() => decodeIdentifyStream(Uint8Array.from([...ff, 0x01])), 'VARINT_OVERFLOW', 0)
    expectWireError(() => new IdentifyFrameReader().push(Uint8Array.from(ff)), 'VARINT_OVERFLOW', 0)
    // 1 MB of them: the first one ends the work.
    const big = repeat(ff, Math.floor(MB / 10))
    expect(medianNs(() => { thrown(() => M.decodeIdentify(big)) })).toBeLessThan(1e6)
  }, 60_000)
})

describe('hostile: deeply non-minimal varints', () => {
  // Field 3 tag and a length of 1, both padded to 10 bytes (the longest a varint may be), then one byte.
  const unit = [...padded(0x1a, 10), ...padded(1, 10), 0x61]

  it('lenient: accepted (js-libp2p accepts them), in linear time; strict: refused at the first one', () => {
    expect(unit.length).toBe(21)
    expect(decodeIdentify(Uint8Array.from(unit)).protocols).toEqual(['a'])
    const body = repeat(unit, Math.floor(MB / unit.length))
    expect(decodeIdentify(body, UNLIMITED).protocols.length).toBe(body.length / 21)
    assertLinear('decodeIdentify 1 MB of 10-byte non-minimal varints', (n) => repeat(unit, Math.floor(n / 21)), (b) => { M.decodeIdentify(b, UNLIMITED) }, MB, 1 / 21)
    expectWireError(() => decodeIdentify(body, { strict: true }), 'VARINT_NON_MINIMAL', 0)
  }, 60_000)

  it('11 bytes is no varint; a non-minimal frame prefix is refused', () => {
    expectWireError(() => decodeIdentify(Uint8Array.from([...padded(0x1a, 11), 0x00])), 'VARINT_OVERFLOW', 0)
    expectWireError(() => decodeIdentifyStream(Uint8Array.from([...padded(2, 10), 0x2a, 0x00])), 'LENGTH_PREFIX_NON_MINIMAL', 0)
    expectWireError(() => new IdentifyFrameReader().push(Uint8Array.from(padded(0, 2))), 'LENGTH_PREFIX_NON_MINIMAL', 0)
  }, 60_000)
})

describe('hostile: encoding is linear too', () => {
  it('a message of 100 000 protocols encodes in linear time', () => {
    const m = decodeIdentify(repeat([0x1a, 0x02, 0x2f, 0x61], 100_000), UNLIMITED)
    const enc = encodeIdentify(m)
    expect(enc.length).toBe(400_000)
    const ns = nsPerByte(() => { E.encodeIdentify(m) }, enc.length)
    report('encodeIdentify 100 000 protocols', ns, 'ns/byte', NS_PER_BYTE + NS_PER_VALUE / 4)
    expect(ns).toBeLessThan(NS_PER_BYTE + NS_PER_VALUE / 4)
  }, 60_000)
})

describe('hostile: the default limits keep work and memory bounded, 64 KiB to 4 MiB', () => {
  // Inputs that cost the most per byte without limits: empty listen addresses and empty protocols (one value per
  // 2 bytes), and skipped unknown fields. With the defaults each decoder refuses the first entry over 500 / 1024,
  // or skips in constant memory: ns/byte must not grow from 64 KiB to 4 MiB, and the heap kept is bounded.
  const units: Array<[string, number[]]> = [['empty listen addresses (12 00)', [0x12, 0x00]], ['empty protocols (1a 00)', [0x1a, 0x00]], ['unknown field 9 (48 00)', [0x48, 0x00]]]
  const streamOf = (body: Uint8Array): Uint8Array => frame(body)
  const readerOf = (s: Uint8Array): void => {
    const r = new F.IdentifyFrameReader({ maxMessageSize: Infinity })
    for (let i = 0; i < s.length; i += 4096) r.push(s.subarray(i, i + 4096))
    r.end()
  }
  for (const [name, unit] of units) {
    it(`${name}: decodeIdentify, decodeIdentifyStream and the reader, flat ns/byte with the defaults`, () => {
      const make = (n: number): Uint8Array => repeat(unit, n / 2)
      const cases: Array<[string, (n: number) => Uint8Array, (b: Uint8Array) => void]> = [
        ['decodeIdentify', make, (b) => { thrown(() => M.decodeIdentify(b)) }],
        ['decodeIdentifyStream (maxMessageSize off)', (n) => streamOf(make(n)), (b) => { thrown(() => F.decodeIdentifyStream(b, { maxMessageSize: Infinity })) }],
        ['IdentifyFrameReader, 4 KiB chunks (maxMessageSize off)', (n) => streamOf(make(n)), (b) => { thrown(() => readerOf(b)) }]
      ]
      for (const [what, mk, fn] of cases) {
        // ns/byte at 64 KiB and at 4 MiB (64 times larger): best of several runs each
        const a = mk(64 * 1024)
        const b = mk(4 * MB)
        const small = timesNs(() => fn(a), 9)[0]! / a.length
        const best = timesNs(() => fn(b), 5)[0]! / b.length
        const ratio = best / small
        report(`${what}, ${name}: ${small.toFixed(2)} ns/byte at 64 KiB; at 4 MiB`, best, 'ns/byte', NS_PER_BYTE)
        expect(ratio).toBeLessThan(MAX_RATIO)
        expect(best).toBeLessThan(NS_PER_BYTE)
      }
    }, 120_000)
  }

  it('heap kept per input byte: bounded by the limits, not by the input', () => {
    for (const [name, unit] of units) {
      const body = repeat(unit, 2 * MB) // 4 MiB
      const before = process.memoryUsage().heapUsed
      const kept: unknown[] = []
      for (let i = 0; i < 4; i++) kept.push(thrown(() => decodeIdentify(body)) ?? decodeIdentify(body))
      const perByte = (process.memoryUsage().heapUsed - before) / (4 * body.length)
      report(`decodeIdentify 4 MiB of ${name}, defaults: heap kept`, perByte, 'B/byte', 1)
      expect(perByte).toBeLessThan(1)
      expect(kept.length).toBe(4)
    }
  }, 60_000)
})
