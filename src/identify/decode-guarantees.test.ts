// What every decoder promises on hostile input, as properties: nothing read outside [start, end) (poison bytes
// around the view change nothing), strict UTF-8 judged on the string's own bytes, owned copies, a reader that keeps
// no reference to the caller's chunks, and one option check (TypeError) with bounded defaults for every entry point.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodeIdentify, decodeIdentifyRange, type Identify } from './message.js'
import { decodeIdentifyStream, IdentifyFrameReader, type DecodeIdentifyStreamOptions } from './framing.js'
import { encodeIdentify } from './encode.js'
import { DEFAULT_MAX_PROTOCOLS, DEFAULT_MAX_LISTEN_ADDRS } from './options.js'
import { WireError } from '../errors.js'
import { hex, toHex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'
import { frame, concat } from '../testing/frames.js'

/** A decoded value or error as plain data (bytes as hex), so that views and copies compare by content. */
type Outcome = { ok: unknown } | { code: string, offset: number, path: string | undefined }
function plain (m: Identify): unknown {
  return JSON.parse(JSON.stringify(m, (_k, v: unknown) => v instanceof Uint8Array ? `hex:${toHex(v)}` : v))
}
function outcome (fn: () => Identify, shift = 0): Outcome {
  try {
    return { ok: plain(fn()) }
  } catch (e) {
    if (!(e instanceof WireError)) throw e
    return { code: e.code, offset: e.offset - shift, path: e.path }
  }
}

/** `bytes` copied into a new buffer between `before` and `after`: returns the buffer and where `bytes` lies. */
function poisoned (bytes: Uint8Array, before: Uint8Array, after: Uint8Array): { buf: Uint8Array, start: number, end: number } {
  return { buf: concat(before, bytes, after), start: before.length, end: before.length + bytes.length }
}

/** Bodies worth decoding: encoded messages (strings with ASCII, multi-byte and bad bytes), then maybe cut or flipped. */
const stringBytes = fc.oneof(
  fc.constantFrom('/ipfs/id/1.0.0', '', 'é', '\u{1f600}', '\ufffd'),
  fc.string({ maxLength: 12 })
).map((s) => new TextEncoder().encode(s))
const rawString = fc.oneof(stringBytes, fc.uint8Array({ maxLength: 6 }), fc.constantFrom(hex('ef bf'), hex('ef'), hex('e2 82'), hex('f0 9f 98'), hex('c3')))
const body = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x42, 0x3a, 0x38, 0x48), rawString), { maxLength: 8 }),
  fc.nat(40), fc.nat(255)
).map(([fields, cut, flip]) => {
  const b = concat(...fields.map(([tag, v]) => concat(Uint8Array.of(tag), tag === 0x38 || tag === 0x48 ? Uint8Array.of(v.length) : frame(v))))
  if (flip % 7 === 0 && b.length > 0) b[flip % b.length] = flip
  return cut % 5 === 0 ? b.subarray(0, b.length - (cut % (b.length + 1))) : b
})
const poison = fc.uint8Array({ minLength: 0, maxLength: 6 }).chain((p) => fc.constantFrom(p, hex('bd'), hex('bd bd bd'), hex('bf bd'), hex('80 80')))
const decodeOptions = fc.record({ strict: fc.boolean(), copy: fc.boolean(), preserveUnknown: fc.boolean(), maxProtocols: fc.constantFrom(1, 3, Infinity), maxListenAddrs: fc.constantFrom(0, 2, Infinity) })

describe('strict UTF-8 is judged on the string\'s own bytes', () => {
  // A string ending in EF BF (a cut U+FFFD) followed by a BD byte that belongs to something else.
  it('decodeIdentify: the next field\'s BD does not complete the string', () => {
    const b = hex('1a 02 ef bf bd 01 00 00 00 00') // protocols ['ef bf'], then field 23 (I32), whose tag is bd 01
    expectWireError(() => decodeIdentify(b, { strict: true }), 'INVALID_UTF8', 2, 'protocols[0]')
    expect(decodeIdentify(b).protocols).toEqual(['\ufffd'])
    expectWireError(() => decodeIdentify(hex('32 02 ef bf bd 01 00 00 00 00'), { strict: true }), 'INVALID_UTF8', 2, 'agentVersion')
  })
  it('decodeIdentifyRange: the byte after the range does not complete the string', () => {
    expectWireError(() => decodeIdentifyRange(hex('1a 02 ef bf bd'), 0, 4, { strict: true }), 'INVALID_UTF8', 2, 'protocols[0]')
    expect(decodeIdentifyRange(hex('1a 03 ef bf bd'), 0, 5, { strict: true }).protocols).toEqual(['\ufffd']) // a real U+FFFD
  })
  it('decodeIdentifyStream and the reader, whatever the chunking: frame 1 is not judged by frame 2\'s prefix (bd 01)', () => {
    const second = frame(concat(hex('2a ba 01'), new Uint8Array(186).fill(0x61))) // 189-byte body: prefix bd 01
    expect(toHex(second.subarray(0, 2))).toBe('bd01')
    const s = concat(frame(hex('1a 02 ef bf')), second)
    expectWireError(() => decodeIdentifyStream(s, { strict: true }), 'INVALID_UTF8', 3, 'protocols[0]')
    for (let cut = 0; cut <= s.length; cut++) {
      const r = new IdentifyFrameReader({ strict: true })
      expectWireError(() => { r.push(s.subarray(0, cut)); r.push(s.subarray(cut)); r.end() }, 'INVALID_UTF8', 3, 'protocols[0]')
    }
  })
})

describe('nothing is read outside [start, end): poison bytes around the input change nothing', () => {
  it('property: decodeIdentifyRange over a poisoned buffer ≡ decodeIdentify of a clean copy (offsets shifted)', () => {
    fc.assert(fc.property(body, poison, poison, decodeOptions, (b, before, after, o) => {
      const clean = b.slice()
      const { buf, start, end } = poisoned(b, before, after)
      expect(outcome(() => decodeIdentifyRange(buf, start, end, o), start)).toEqual(outcome(() => decodeIdentify(clean, o)))
      // decodeIdentify of a view (subarray) of the poisoned buffer: offsets are those of the view
      expect(outcome(() => decodeIdentify(buf.subarray(start, end), o))).toEqual(outcome(() => decodeIdentify(clean, o)))
    }), { numRuns: 1500 })
  })
  it('property: decodeIdentifyStream of a view ≡ of a clean copy; the reader fed views of poisoned chunks ≡ too', () => {
    const stream = fc.array(body, { minLength: 0, maxLength: 4 }).chain((bodies) => fc.tuple(
      fc.constant(concat(...bodies.map(frame))), fc.nat(12), fc.array(fc.nat(), { maxLength: 5 })))
    fc.assert(fc.property(stream, poison, poison, decodeOptions, fc.boolean(), ([s, cutEnd, cuts], before, after, o, cutShort) => {
      const bytes = cutShort ? s.subarray(0, Math.max(0, s.length - cutEnd)) : s
      const opts: DecodeIdentifyStreamOptions = { ...o, maxMessageSize: 64 }
      const whole = outcome(() => decodeIdentifyStream(bytes.slice(), opts))
      const { buf, start, end } = poisoned(bytes, before, after)
      expect(outcome(() => decodeIdentifyStream(buf.subarray(start, end), opts))).toEqual(whole)
      // Reader: each chunk a view into its own poisoned buffer; any split gives the same result, error and offset.
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
      const r = new IdentifyFrameReader(opts)
      expect(outcome(() => {
        let at = 0
        for (const c of [...points, bytes.length]) {
          const p = poisoned(bytes.subarray(at, c), after, before)
          r.push(p.buf.subarray(p.start, p.end))
          at = c
        }
        return r.end()
      })).toEqual(whole)
    }), { numRuns: 1000 })
  })
})

describe('every error says what is wrong', () => {
  it('property: each WireError of decodeIdentify / decodeIdentifyStream has a non-empty detail', () => {
    fc.assert(fc.property(body, fc.boolean(), (b, strict) => {
      for (const fn of [() => decodeIdentify(b, { strict, maxProtocols: 2, maxListenAddrs: 1 }), () => decodeIdentifyStream(frame(b), { strict, maxMessageSize: 32, maxFrames: 1 })]) {
        try { fn() } catch (e) {
          if (!(e instanceof WireError)) throw e
          expect(e.detail.length).toBeGreaterThan(0)
          expect(e.message.endsWith(': ')).toBe(false)
        }
      }
    }), { numRuns: 1000 })
  })
})

describe('the reader keeps no reference to the caller\'s chunks', () => {
  const frames = ['/a/1', '/b/2', '/c/3'].map((p, i) => encodeIdentify({ protocols: [p], listenAddrs: [Uint8Array.of(4, 1, 2, 3, i, 6, 0, 1)] }))
  const stream = concat(...frames.map(frame))
  const expected = plain(decodeIdentifyStream(stream.slice()))

  it('a transport that reuses one read buffer gets frames a, b, c (not c, c, c), for every chunk size', () => {
    for (const copy of [true, false]) {
      for (let size = 1; size <= stream.length; size++) {
        const readBuffer = new Uint8Array(size)
        const r = new IdentifyFrameReader({ copy })
        const got: Identify[] = []
        for (let at = 0; at < stream.length; at += size) {
          const n = Math.min(size, stream.length - at)
          readBuffer.set(stream.subarray(at, at + n))
          r.push(readBuffer.subarray(0, n))
          for (let m = r.next(); m !== undefined; m = r.next()) got.push(m)
          readBuffer.fill(0xee) // the transport reads the next bytes into the same buffer
        }
        expect(got.map((m) => m.protocols[0])).toEqual(['/a/1', '/b/2', '/c/3'])
        // With copy: true everything is owned. Without it, only frames that lay whole in one chunk are views into it.
        if (copy || size < frames[0]!.length) {
          expect(plain(r.end())).toEqual(expected)
          expect(got.map((m) => toHex(m.listenAddrs[0]!))).toEqual(frames.map((_f, i) => toHex(Uint8Array.of(4, 1, 2, 3, i, 6, 0, 1))))
        }
      }
    }
  })

  it('a chunk transferred (detached) after push() does not break later pushes', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const r = new IdentifyFrameReader()
      const first = stream.slice(0, cut)
      r.push(first)
      ;(structuredClone as (v: unknown, o: unknown) => unknown)(first.buffer, { transfer: [first.buffer] }) // detaches `first`
      expect(first.byteLength).toBe(0)
      r.push(stream.slice(cut))
      expect(r.end().protocols).toEqual(['/a/1', '/b/2', '/c/3'])
    }
  })

  it('copy: true gives owned bytes from every decoder (the input overwritten afterwards changes nothing)', () => {
    const b = encodeIdentify({ publicKey: Uint8Array.of(8, 1), listenAddrs: [Uint8Array.of(4, 1, 2, 3, 4)], observedAddr: Uint8Array.of(4, 9, 9, 9, 9), signedPeerRecord: Uint8Array.of(1, 2), unknownFields: [{ field: 9, wireType: 2, bytes: Uint8Array.of(1, 7) }] })
    const want = plain(decodeIdentify(b.slice(), { copy: true, preserveUnknown: true }))
    const s = frame(b)
    const cases: Array<[Uint8Array, (input: Uint8Array) => Identify]> = [
      [b.slice(), (x) => decodeIdentify(x, { copy: true, preserveUnknown: true })],
      [b.slice(), (x) => decodeIdentifyRange(x, 0, x.length, { copy: true, preserveUnknown: true })],
      [s.slice(), (x) => decodeIdentifyStream(x, { copy: true, preserveUnknown: true })],
      [s.slice(), (x) => { const r = new IdentifyFrameReader({ copy: true, preserveUnknown: true }); r.push(x); return r.end() }]
    ]
    for (const [input, decode] of cases) {
      const m = decode(input)
      input.fill(0xee)
      expect(plain(m)).toEqual(want)
    }
  })
})

describe('one option check for every decode entry point', () => {
  const entries: Array<[string, (o: unknown) => unknown]> = [
    ['decodeIdentify', (o) => decodeIdentify(hex('1a 01 61'), o as never)],
    ['decodeIdentifyRange', (o) => decodeIdentifyRange(hex('1a 01 61'), 0, 3, o as never)],
    ['decodeIdentifyStream', (o) => decodeIdentifyStream(hex('03 1a 01 61'), o as never)],
    ['IdentifyFrameReader', (o) => new IdentifyFrameReader(o as never)]
  ]
  const bad: Array<Record<string, unknown>> = []
  for (const name of ['maxProtocols', 'maxListenAddrs', 'maxMessageSize', 'maxFrames']) {
    for (const v of [NaN, -1, 1.5, '8', '', null, true, -Infinity, 2n]) bad.push({ [name]: v })
  }
  for (const name of ['strict', 'copy', 'preserveUnknown']) for (const v of [1, 'true', null, 0]) bad.push({ [name]: v })

  it('an invalid option is a TypeError everywhere (NaN, negative, non-integer, strings, numeric strings, wrong type)', () => {
    for (const [name, call] of entries) {
      for (const o of bad) expect(() => call(o), `${name} ${String(Object.keys(o)[0])}=${String(Object.values(o)[0])}`).toThrow(TypeError)
      for (const o of [null, 1, 'strict']) expect(() => call(o), `${name} options ${String(o)}`).toThrow(TypeError)
      for (const o of [undefined, {}, { maxProtocols: 0 }, { maxProtocols: Infinity, strict: false, copy: true }]) expect(() => call(o)).not.toThrow(TypeError)
    }
  })

  it('decodeIdentifyRange: start / end that are not integers are TypeErrors; a range outside the input is a RangeError', () => {
    const b = hex('1a 01 61')
    for (const [s, e] of [['0', 3], [0, '3'], [0.5, 3], [NaN, 3], [0, Infinity], [null, 3]] as const) {
      expect(() => decodeIdentifyRange(b, s as never, e as never)).toThrow(TypeError)
    }
    for (const [s, e] of [[-1, 3], [0, 4], [2, 1]] as const) expect(() => decodeIdentifyRange(b, s, e)).toThrow(RangeError)
  })

  it('bounded defaults, the same everywhere: 1024 protocols and 500 listen addresses; Infinity lifts them', () => {
    expect([DEFAULT_MAX_PROTOCOLS, DEFAULT_MAX_LISTEN_ADDRS]).toEqual([1024, 500])
    const protocols = concat(...Array.from({ length: 1025 }, () => hex('1a 00')))
    const addrs = concat(...Array.from({ length: 501 }, () => hex('12 00')))
    expectWireError(() => decodeIdentify(protocols), 'TOO_MANY_PROTOCOLS', 2048, 'protocols[1024]')
    expectWireError(() => decodeIdentify(addrs), 'TOO_MANY_LISTEN_ADDRS', 1000, 'listenAddrs[500]')
    expectWireError(() => decodeIdentifyRange(protocols, 0, protocols.length), 'TOO_MANY_PROTOCOLS', 2048)
    expect(decodeIdentify(protocols, { maxProtocols: Infinity }).protocols.length).toBe(1025)
    expect(decodeIdentify(protocols.subarray(2)).protocols.length).toBe(1024)
    // Streams count all frames together: 1025 protocols over two frames.
    const two = concat(frame(protocols.subarray(0, 1000)), frame(protocols.subarray(1000)))
    expectWireError(() => decodeIdentifyStream(two), 'TOO_MANY_PROTOCOLS', 2 + 1000 + 2 + 1048, 'protocols[1024]')
    const r = new IdentifyFrameReader()
    expectWireError(() => r.push(two), 'TOO_MANY_PROTOCOLS', 2 + 1000 + 2 + 1048, 'protocols[1024]')
    expect(decodeIdentifyStream(two, { maxProtocols: Infinity }).protocols.length).toBe(1) // all '' merged into one
  })
})
