// Stream framing: decodeIdentifyStream, IdentifyFrameReader (any chunking ≡ whole) and encodeIdentifyStream (#709 split).
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodeIdentifyStream, IdentifyFrameReader, type DecodeIdentifyStreamOptions } from './framing.js'
import { encodeIdentifyStream, identifyStreamEncodedLength, identifyStreamFrames } from './stream-encode.js'
import { decodeIdentify, type Identify, type IdentifyInput } from './message.js'
import { encodeIdentify } from './encode.js'
import { mergeIdentifyFrames } from './merge.js'
import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint, varintLength, writeVarint } from '../wire/varint.js'
import { vectorNames, vectorBytes, vectorJson, hex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'
import { frame, concat } from '../testing/frames.js'

/** uvarint(len) + body. */


/** Frame bodies of a stream (test helper: trusts the prefixes). */
function splitFrames (s: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  let pos = 0
  while (pos < s.length) {
    const n = consumeVarint(s, pos, s.length)
    out.push(s.subarray(pos + n, pos + n + decodeVarint(s, pos, s.length)))
    pos += n + decodeVarint(s, pos, s.length)
  }
  return out
}

/** Result or error of a call, comparable with toEqual (code, offset and path of a WireError). */
function outcome (fn: () => Identify): { ok: Identify } | { code: string, offset: number, path: string | undefined } {
  try {
    return { ok: fn() }
  } catch (e) {
    if (!(e instanceof WireError)) throw e
    return { code: e.code, offset: e.offset, path: e.path }
  }
}

/** Feeds `bytes` to a reader in chunks ending at `cuts` (sorted offsets), then ends it. */
function readChunked (bytes: Uint8Array, cuts: number[], options?: DecodeIdentifyStreamOptions): Identify {
  const r = new IdentifyFrameReader(options)
  let at = 0
  for (const c of [...cuts, bytes.length]) {
    r.push(bytes.subarray(at, c))
    at = c
  }
  return r.end()
}

/** A body holding one protocol string. */
const proto = (s: string): Uint8Array => encodeIdentify({ protocols: [s] })
/** A body of exactly `n` bytes (n >= 2): one unknown LEN field 15 (skipped when decoding). */
function paddingBody (n: number): Uint8Array {
  const payload = n - 1 - varintLength(n - 1 - 1)
  const len = n - 1 - varintLength(payload) === payload ? payload : payload + 1
  const b = new Uint8Array(n)
  b[0] = 0x7a // field 15, LEN
  const k = writeVarint(b, 1, len)
  expect(1 + k + len).toBe(n)
  return b
}

const names = vectorNames()

describe('decodeIdentifyStream: recorded vectors', () => {
  for (const name of names) {
    const bytes = vectorBytes(name)
    const n = consumeVarint(bytes, 0, bytes.length)
    const bodyLen = decodeVarint(bytes, 0, bytes.length)
    if (bodyLen > 8192) {
      it(`${name}: body ${bodyLen} > 8192 is MESSAGE_TOO_LARGE at 0, also with no body bytes at all`, () => {
        expectWireError(() => decodeIdentifyStream(bytes), 'MESSAGE_TOO_LARGE', 0)
        expectWireError(() => decodeIdentifyStream(bytes.subarray(0, n)), 'MESSAGE_TOO_LARGE', 0)
        const r = new IdentifyFrameReader()
        expectWireError(() => r.push(bytes.subarray(0, n)), 'MESSAGE_TOO_LARGE', 0)
        // accepted once the limit is raised
        expect(decodeIdentifyStream(bytes, { maxMessageSize: bodyLen }).protocols.length).toBeGreaterThan(0)
      })
      continue
    }
    it(`${name}: one frame, equal to decodeIdentify of its body and to the recorded protocols`, () => {
      const m = decodeIdentifyStream(bytes)
      expect(m).toEqual(decodeIdentify(bytes.subarray(n)))
      const d = vectorJson(`${name}.json`).messages[0].decoded
      expect(m.protocols).toEqual(d.protocols ?? [])
      expect(m.listenAddrs).toHaveLength((d.listenAddrs ?? []).length)
    })
    it(`${name}: body of ${bodyLen} rejected with maxMessageSize ${bodyLen - 1}, accepted with ${bodyLen}`, () => {
      expectWireError(() => decodeIdentifyStream(bytes, { maxMessageSize: bodyLen - 1 }), 'MESSAGE_TOO_LARGE', 0)
      expect(decodeIdentifyStream(bytes, { maxMessageSize: bodyLen })).toEqual(decodeIdentifyStream(bytes))
    })
    it(`${name}: every truncation is TRUNCATED at 0`, () => {
      for (let cut = 0; cut < bytes.length; cut += cut < 16 ? 1 : 97) {
        expectWireError(() => decodeIdentifyStream(bytes.subarray(0, cut)), 'TRUNCATED', 0)
      }
    })
  }
  it('the 8192-byte body vector is accepted with the default limit', () => {
    const m = decodeIdentifyStream(vectorBytes('identify-protocols-body-8192'))
    expect(m.protocols).toHaveLength(66)
  })
})

describe('decodeIdentifyStream: frames and limits', () => {
  it('empty input is TRUNCATED at 0 (go and js fail an identify that ends before any message)', () => {
    expectWireError(() => decodeIdentifyStream(new Uint8Array(0)), 'TRUNCATED', 0)
  })
  it('an empty frame is an empty message', () => {
    expect(decodeIdentifyStream(hex('00'))).toEqual({ listenAddrs: [], protocols: [] })
  })
  it('body of exactly maxMessageSize accepted, one more rejected at the prefix, before the body is read', () => {
    for (const [max, size] of [[8192, 8192], [100, 100], [127, 127], [128, 128], [2, 2]] as const) {
      const ok = frame(paddingBody(size))
      expect(decodeIdentifyStream(ok, max === 8192 ? undefined : { maxMessageSize: max })).toEqual({ listenAddrs: [], protocols: [] })
      const big = frame(paddingBody(size + 1))
      const opts = max === 8192 ? undefined : { maxMessageSize: max }
      expectWireError(() => decodeIdentifyStream(big, opts), 'MESSAGE_TOO_LARGE', 0)
      // only the prefix: still MESSAGE_TOO_LARGE, not TRUNCATED
      expectWireError(() => decodeIdentifyStream(big.subarray(0, varintLength(size + 1)), opts), 'MESSAGE_TOO_LARGE', 0)
      // in the second frame: at that frame's prefix
      expectWireError(() => decodeIdentifyStream(concat(hex('00'), big), opts), 'MESSAGE_TOO_LARGE', 1)
    }
  })
  it('maxMessageSize 0 accepts only empty frames', () => {
    expect(decodeIdentifyStream(hex('0000'), { maxMessageSize: 0 })).toEqual({ listenAddrs: [], protocols: [] })
    expectWireError(() => decodeIdentifyStream(hex('00 01'), { maxMessageSize: 0 }), 'MESSAGE_TOO_LARGE', 1)
  })
  it('10 frames accepted, the 11th is TOO_MANY_FRAMES at its first byte', () => {
    const ten = concat(...Array.from({ length: 10 }, (_, i) => frame(proto(`/p/${i}`))))
    expect(decodeIdentifyStream(ten).protocols).toHaveLength(10)
    const eleven = concat(ten, frame(proto('/p/10')))
    expectWireError(() => decodeIdentifyStream(eleven), 'TOO_MANY_FRAMES', ten.length)
    // even a lone truncated byte after the 10th frame
    expectWireError(() => decodeIdentifyStream(concat(ten, hex('80'))), 'TOO_MANY_FRAMES', ten.length)
    expect(decodeIdentifyStream(eleven, { maxFrames: 11 }).protocols).toHaveLength(11)
    expectWireError(() => decodeIdentifyStream(hex('00 00 00'), { maxFrames: 2 }), 'TOO_MANY_FRAMES', 2)
    expectWireError(() => decodeIdentifyStream(hex('00'), { maxFrames: 0 }), 'TOO_MANY_FRAMES', 0)
  })
  it('length prefixes: minimal accepted, non-minimal rejected at the prefix', () => {
    const b128 = paddingBody(128)
    expect(decodeIdentifyStream(concat(hex('8001'), b128))).toEqual({ listenAddrs: [], protocols: [] }) // 128: 2-byte minimal
    expectWireError(() => decodeIdentifyStream(hex('8000')), 'LENGTH_PREFIX_NON_MINIMAL', 0) // 0 in 2 bytes
    expectWireError(() => decodeIdentifyStream(concat(hex('8100'), paddingBody(2).subarray(0, 1))), 'LENGTH_PREFIX_NON_MINIMAL', 0) // 1 in 2 bytes
    expectWireError(() => decodeIdentifyStream(concat(hex('ff00'), new Uint8Array(127))), 'LENGTH_PREFIX_NON_MINIMAL', 0) // 127 in 2 bytes
    expectWireError(() => decodeIdentifyStream(hex('808000')), 'LENGTH_PREFIX_NON_MINIMAL', 0)
    expectWireError(() => decodeIdentifyStream(hex('00 8000')), 'LENGTH_PREFIX_NON_MINIMAL', 1)
    // non-minimal is checked before the size: 8193 in 3 bytes
    expectWireError(() => decodeIdentifyStream(hex('81c000')), 'LENGTH_PREFIX_NON_MINIMAL', 0)
    // too large in a long minimal form, and a prefix that is no varint at all
    expectWireError(() => decodeIdentifyStream(hex('ffffffff0f')), 'MESSAGE_TOO_LARGE', 0)
    expectWireError(() => decodeIdentifyStream(hex('00 ffffffffffffffffff01')), 'VARINT_OVERFLOW', 1)
    expectWireError(() => decodeIdentifyStream(hex('ffffffffffffffffffff')), 'VARINT_OVERFLOW', 0)
  })
  it('truncation: at the start of the frame that is cut (prefix or body)', () => {
    expectWireError(() => decodeIdentifyStream(hex('05')), 'TRUNCATED', 0)
    expectWireError(() => decodeIdentifyStream(hex('00 05 0a')), 'TRUNCATED', 1)
    expectWireError(() => decodeIdentifyStream(hex('00 80')), 'TRUNCATED', 1)
    expectWireError(() => decodeIdentifyStream(hex('00 00 ff ff')), 'TRUNCATED', 2)
  })
  it('body errors carry absolute stream offsets', () => {
    // frame 2 body `1a 05`: a protocol declaring 5 bytes, none there
    const s = hex('00 02 1a05')
    const inner = expectWireError(() => decodeIdentify(hex('1a05')), 'LENGTH_OUT_OF_BOUNDS')
    expectWireError(() => decodeIdentifyStream(s), 'LENGTH_OUT_OF_BOUNDS', inner.offset + 2)
    // invalid UTF-8 in strict mode, in the third frame
    const bad = frame(hex('1a 02 c0af'))
    const pre = concat(frame(proto('/a')), frame(proto('/b')))
    expectWireError(() => decodeIdentifyStream(concat(pre, bad), { strict: true }), 'INVALID_UTF8', pre.length + 1 + 2, 'protocols[2]')
  })
})

describe('decodeIdentifyStream: merging frames (#709)', () => {
  it('later singular fields win, present-but-empty included; absent ones keep the earlier value', () => {
    const s = concat(
      frame(encodeIdentify({ protocolVersion: 'a', agentVersion: 'x', publicKey: hex('01'), observedAddr: hex('02') })),
      frame(encodeIdentify({ protocolVersion: '', publicKey: hex('03') })),
      frame(encodeIdentify({ signedPeerRecord: hex('04') }))
    )
    expect(decodeIdentifyStream(s)).toEqual({
      protocolVersion: '', agentVersion: 'x', publicKey: hex('03'), observedAddr: hex('02'), signedPeerRecord: hex('04'), listenAddrs: [], protocols: []
    })
  })
  it('repeated fields appended in order; protocols de-duplicated by string, listenAddrs by bytes, first kept', () => {
    const s = concat(
      frame(encodeIdentify({ protocols: ['/a', '/b', '/a'], listenAddrs: [hex('0401020304'), hex('0401020305')] })),
      frame(encodeIdentify({ protocols: ['/c', '/b'], listenAddrs: [hex('0401020304'), hex('04')] }))
    )
    const m = decodeIdentifyStream(s)
    expect(m.protocols).toEqual(['/a', '/b', '/c'])
    expect(m.listenAddrs).toEqual([hex('0401020304'), hex('0401020305'), hex('04')])
  })
  it('one frame is returned as decodeIdentify gives it, repeats kept; two frames de-duplicate inside frames too', () => {
    const b = encodeIdentify({ protocols: ['/a', '/a'], listenAddrs: [hex('01'), hex('01')] })
    expect(decodeIdentifyStream(frame(b))).toEqual(decodeIdentify(b))
    expect(decodeIdentifyStream(frame(b)).protocols).toEqual(['/a', '/a'])
    const r = new IdentifyFrameReader()
    r.push(frame(b))
    expect(r.end().protocols).toEqual(['/a', '/a'])
    const two = decodeIdentifyStream(concat(frame(b), hex('00')))
    expect(two).toEqual({ protocols: ['/a'], listenAddrs: [hex('01')] })
    const r2 = new IdentifyFrameReader()
    r2.push(concat(frame(b), hex('00')))
    expect(r2.end()).toEqual(two)
  })
  it('unknown fields (with preserveUnknown) are appended, not de-duplicated', () => {
    const s = concat(frame(hex('3a 01 aa')), frame(hex('3a 01 aa 3801')))
    const m = decodeIdentifyStream(s, { preserveUnknown: true })
    expect(m.unknownFields).toEqual([
      { field: 7, wireType: 2, bytes: hex('01aa') }, { field: 7, wireType: 2, bytes: hex('01aa') }, { field: 7, wireType: 0, bytes: hex('01') }
    ])
    expect(decodeIdentifyStream(s).unknownFields).toBeUndefined()
  })
  it('maxProtocols / maxListenAddrs hold for the total of all frames (counted before de-duplication)', () => {
    const f1 = frame(encodeIdentify({ protocols: ['/a'], listenAddrs: [hex('00')] }))
    const f2 = frame(encodeIdentify({ protocols: ['/a', '/b'], listenAddrs: [hex('00'), hex('01')] }))
    const s = concat(f1, f2)
    expect(decodeIdentifyStream(s, { maxProtocols: 3, maxListenAddrs: 3 }).protocols).toEqual(['/a', '/b'])
    // the 3rd protocol overall is the 2nd in frame 2: its tag offset, and its path counted from the stream start
    const f2body = encodeIdentify({ protocols: ['/a', '/b'], listenAddrs: [hex('00'), hex('01')] })
    const tagOfB = f1.length + 1 + f2body.indexOf(0x1a, f2body.indexOf(0x1a) + 1)
    expectWireError(() => decodeIdentifyStream(s, { maxProtocols: 2 }), 'TOO_MANY_PROTOCOLS', tagOfB, 'protocols[2]')
    const tagOfAddr1 = f1.length + 1 + f2body.indexOf(0x12, f2body.indexOf(0x12) + 1)
    expectWireError(() => decodeIdentifyStream(s, { maxListenAddrs: 2 }), 'TOO_MANY_LISTEN_ADDRS', tagOfAddr1, 'listenAddrs[2]')
    expectWireError(() => decodeIdentifyStream(s, { maxProtocols: 0 }), 'TOO_MANY_PROTOCOLS', 1 + 3, 'protocols[0]')
  })
  it('the result equals mergeIdentifyFrames of the frames', () => {
    const bodies = [encodeIdentify({ protocols: ['/x', '/y'], agentVersion: 'a' }), encodeIdentify({ protocols: ['/y', '/z'], agentVersion: 'b' })]
    expect(decodeIdentifyStream(concat(...bodies.map(frame)))).toEqual(mergeIdentifyFrames(bodies.map((b) => decodeIdentify(b))))
  })
  it('wrong argument types are TypeErrors', () => {
    expect(() => decodeIdentifyStream('00' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => decodeIdentifyStream(hex('00'), { maxFrames: -1 })).toThrow(TypeError)
    expect(() => decodeIdentifyStream(hex('00'), { maxMessageSize: 1.5 })).toThrow(TypeError)
    expect(() => new IdentifyFrameReader().push([0] as unknown as Uint8Array)).toThrow(TypeError)
  })
})

describe('IdentifyFrameReader', () => {
  it('says "need more bytes" with undefined, then yields each frame as soon as it is complete', () => {
    const b1 = proto('/one')
    const b2 = proto('/two')
    const s = concat(frame(b1), frame(b2))
    const r = new IdentifyFrameReader()
    expect(r.next()).toBeUndefined()
    expect(r.bytesNeeded).toBe(0)
    r.push(s.subarray(0, 1))
    expect(r.next()).toBeUndefined()
    expect(r.bytesNeeded).toBe(b1.length)
    r.push(s.subarray(1, 3))
    expect(r.bytesNeeded).toBe(b1.length - 2)
    r.push(s.subarray(3, 1 + b1.length + 1)) // frame 1 complete plus the next prefix
    expect(r.next()).toEqual(decodeIdentify(b1))
    expect(r.next()).toBeUndefined()
    expect(r.frameCount).toBe(1)
    r.push(s.subarray(1 + b1.length + 1))
    expect(r.next()).toEqual(decodeIdentify(b2))
    expect(r.end()).toEqual({ listenAddrs: [], protocols: ['/one', '/two'] })
    expect(r.end()).toEqual({ listenAddrs: [], protocols: ['/one', '/two'] })
    expect(r.bytesReceived).toBe(s.length)
    expect(() => r.push(hex('00'))).toThrow(TypeError)
  })
  it('rejects an oversize prefix as soon as the prefix is complete, split or not', () => {
    const r1 = new IdentifyFrameReader()
    r1.push(hex('00'))
    expectWireError(() => r1.push(hex('8140')), 'MESSAGE_TOO_LARGE', 1)
    // the error sticks
    expectWireError(() => r1.next(), 'MESSAGE_TOO_LARGE', 1)
    expectWireError(() => r1.end(), 'MESSAGE_TOO_LARGE', 1)
    expectWireError(() => r1.push(hex('00')), 'MESSAGE_TOO_LARGE', 1)
    const r2 = new IdentifyFrameReader()
    r2.push(hex('00 81'))
    expectWireError(() => r2.push(hex('40')), 'MESSAGE_TOO_LARGE', 1)
    const r3 = new IdentifyFrameReader()
    r3.push(hex('80 40')) // 8192: fine, waits for the body
    expect(r3.bytesNeeded).toBe(8192)
    expectWireError(() => r3.end(), 'TRUNCATED', 0)
  })
  it('decodes a frame inside one chunk in place (views into the chunk), copies only a straddling body, once', () => {
    const b = encodeIdentify({ listenAddrs: [hex('0401020304')], protocols: ['/p'] })
    const s = concat(frame(b), frame(b))
    const r = new IdentifyFrameReader()
    const cut = 1 + b.length + 3 // frame 2 straddles
    const c1 = s.slice(0, cut)
    r.push(c1)
    const m1 = r.next()!
    expect(m1.listenAddrs[0]!.buffer).toBe(c1.buffer)
    r.push(s.slice(cut))
    const m2 = r.next()!
    expect(m2.listenAddrs[0]!.buffer).not.toBe(c1.buffer)
    expect(m2.listenAddrs[0]!.buffer.byteLength).toBe(b.length) // exactly the body
    expect(m2).toEqual(m1)
  })
  it('a frame that is exactly one chunk is decoded in place', () => {
    const b = encodeIdentify({ listenAddrs: [hex('0401020304')] })
    const c = frame(b)
    const r = new IdentifyFrameReader()
    r.push(c)
    expect(r.next()!.listenAddrs[0]!.buffer).toBe(c.buffer)
  })
  it('3-byte prefixes split at every point, with bodies before and after, ≡ decodeIdentifyStream', () => {
    const opts = { maxMessageSize: 70000 }
    const big1 = encodeIdentify({ protocols: ['/big1'], agentVersion: 'x'.repeat(20000) })
    const big2 = encodeIdentify({ protocols: ['/big2'], agentVersion: 'y'.repeat(65000) })
    const s = concat(frame(proto('/a')), frame(big1), frame(big2), frame(proto('/b')))
    const whole = decodeIdentifyStream(s, opts)
    expect(whole.protocols).toEqual(['/a', '/big1', '/big2', '/b'])
    expect(whole.agentVersion).toHaveLength(65000)
    const p1 = frame(proto('/a')).length
    const p2 = p1 + 3 + big1.length
    for (const a of [p1, p1 + 1, p1 + 2, p1 + 3]) {
      for (const b of [p2, p2 + 1, p2 + 2, p2 + 3]) {
        for (const extra of [[], [a + 1], [b + 1], [a + 1, a + 2], [b + 1, b + 2]]) {
          const cuts = [...new Set([a, b, ...extra])].sort((x, y) => x - y)
          expect(readChunked(s, cuts, opts)).toEqual(whole)
        }
      }
    }
    // a 4-byte prefix over the limit, split byte by byte: the error comes with the 4th byte
    const big = frame(paddingBody(3000000)).subarray(0, 4)
    const r = new IdentifyFrameReader({ maxMessageSize: 2999999 })
    r.push(big.subarray(0, 1)); r.push(big.subarray(1, 2)); r.push(big.subarray(2, 3))
    expectWireError(() => r.push(big.subarray(3, 4)), 'MESSAGE_TOO_LARGE', 0)
  })
  it('TRUNCATED at end(): no frame at all (0), inside a prefix or a body (that frame\'s offset)', () => {
    expectWireError(() => new IdentifyFrameReader().end(), 'TRUNCATED', 0)
    const r = new IdentifyFrameReader()
    r.push(new Uint8Array(0))
    expectWireError(() => r.end(), 'TRUNCATED', 0)
    for (const [s, off] of [['00 80', 1], ['00 0203', 1], ['0000 ff', 2]] as const) {
      const q = new IdentifyFrameReader()
      q.push(hex(s))
      expectWireError(() => q.end(), 'TRUNCATED', off)
    }
  })
  it('every recorded vector, in chunks of 1, 7, 64 and 1000 bytes, gives the same result or error as the whole', () => {
    for (const name of names) {
      const bytes = vectorBytes(name)
      const whole = outcome(() => decodeIdentifyStream(bytes))
      for (const size of [1, 7, 64, 1000]) {
        const cuts: number[] = []
        for (let c = size; c < bytes.length; c += size) cuts.push(c)
        expect(outcome(() => readChunked(bytes, cuts))).toEqual(whole)
      }
    }
  })
  it('property: any chunking of any vector ≡ decodeIdentifyStream', () => {
    const all = names.map(vectorBytes)
    fc.assert(fc.property(
      fc.integer({ min: 0, max: all.length - 1 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 9000 }), { maxLength: 12 }),
      (k, rawCuts) => {
        const bytes = all[k]!
        const cuts = rawCuts.filter((c) => c <= bytes.length).sort((a, b) => a - b)
        expect(outcome(() => readChunked(bytes, cuts))).toEqual(outcome(() => decodeIdentifyStream(bytes)))
      }
    ), { numRuns: 150 })
  })
  it('property: random frame sequences (valid, corrupted, cut), random limits and chunking ≡ decodeIdentifyStream', () => {
    const message = fc.record({
      protocols: fc.array(fc.constantFrom('/a', '/b', '/ipfs/id/1.0.0', '/x/ü/1'), { maxLength: 4 }),
      listenAddrs: fc.array(fc.constantFrom(hex('0401020304'), hex('04'), hex('')), { maxLength: 3 }),
      agentVersion: fc.option(fc.string({ maxLength: 5 }), { nil: undefined })
    }, { requiredKeys: [] })
    const stream = fc.record({
      msgs: fc.array(message, { minLength: 0, maxLength: 12 }),
      // byte edits: [position, value]
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      chunks: fc.array(fc.nat(), { maxLength: 10 }),
      options: fc.record({
        maxMessageSize: fc.integer({ min: 0, max: 40 }),
        maxFrames: fc.integer({ min: 0, max: 12 }),
        maxProtocols: fc.integer({ min: 0, max: 20 }),
        maxListenAddrs: fc.integer({ min: 0, max: 20 }),
        strict: fc.boolean(),
        preserveUnknown: fc.boolean()
      }, { requiredKeys: [] })
    })
    fc.assert(fc.property(stream, ({ msgs, edits, cut, chunks, options }) => {
      let s = concat(...msgs.map((m) => frame(encodeIdentify(m as IdentifyInput))))
      if (s.length > 0) for (const [p, v] of edits) s[p % s.length] = v
      if (cut !== undefined && s.length > 0) s = s.subarray(0, cut % s.length)
      const cuts = [...new Set(chunks.map((c) => c % (s.length + 1)))].sort((a, b) => a - b)
      const whole = outcome(() => decodeIdentifyStream(s, options))
      expect(outcome(() => readChunked(s, cuts, options))).toEqual(whole)
      if ('code' in whole) expect(whole.offset).toBeLessThanOrEqual(s.length)
    }), { numRuns: 300 })
  })
  it('a huge declared length with the limit off allocates nothing up front: TRUNCATED, no RangeError', () => {
    const r = new IdentifyFrameReader({ maxMessageSize: Infinity })
    r.push(hex('8080808080808001')) // 2^49
    r.push(hex('0a0b0c'))
    expect(r.bytesNeeded).toBe(2 ** 49 - 3)
    expectWireError(() => r.end(), 'TRUNCATED', 0)
    expectWireError(() => decodeIdentifyStream(hex('8080808080808001 0a0b0c'), { maxMessageSize: Infinity }), 'TRUNCATED', 0)
  })
  it('property: any bytes, any chunking: a result or a WireError with an offset inside the input, same both ways', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (bytes, chunks, strict) => {
      const cuts = [...new Set(chunks.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
      const whole = outcome(() => decodeIdentifyStream(bytes, { strict, maxMessageSize: 64 }))
      if ('code' in whole) {
        expect(whole.offset).toBeGreaterThanOrEqual(0)
        expect(whole.offset).toBeLessThanOrEqual(bytes.length)
      }
      expect(outcome(() => readChunked(bytes, cuts, { strict, maxMessageSize: 64 }))).toEqual(whole)
    }), { numRuns: 300 })
  })
  it('next() yields each frame as decodeIdentify decodes its body', () => {
    const bodies = [proto('/a'), encodeIdentify({ listenAddrs: [hex('04')], agentVersion: 'z' }), new Uint8Array(0)]
    const s = concat(...bodies.map(frame))
    const r = new IdentifyFrameReader()
    for (const b of s) r.push(Uint8Array.of(b))
    for (const b of bodies) expect(r.next()).toEqual(decodeIdentify(b))
    expect(r.next()).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------------------------

/**
 * What decodeIdentifyStream(encodeIdentifyStream(m)) should give: absent lists empty, and when the message was
 * split, protocols and listen addresses de-duplicated (first kept).
 */
function normalized (m: IdentifyInput, split: boolean): Identify {
  const out: Identify = { ...m, listenAddrs: m.listenAddrs ?? [], protocols: m.protocols ?? [] }
  if (split) {
    const keys = out.listenAddrs.map((a) => Array.from(a).join(','))
    out.listenAddrs = out.listenAddrs.filter((_, i) => keys.indexOf(keys[i]!) === i)
    out.protocols = out.protocols.filter((p, i) => out.protocols.indexOf(p) === i)
  }
  return out
}

const bytesArb = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max })
const messageArb: fc.Arbitrary<IdentifyInput> = fc.record({
  publicKey: bytesArb(300),
  listenAddrs: fc.array(bytesArb(60), { maxLength: 60 }),
  protocols: fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 120 }),
  observedAddr: bytesArb(60),
  protocolVersion: fc.string({ maxLength: 20 }),
  agentVersion: fc.string({ unit: 'grapheme', maxLength: 200 }),
  signedPeerRecord: bytesArb(1200)
}, { requiredKeys: [] })

function checkFrames (m: IdentifyInput, first = 2048, later = 4096): Uint8Array[] {
  const s = encodeIdentifyStream(m, { firstFrameLimit: first, frameLimit: later, maxFrames: 1000 })
  expect(identifyStreamEncodedLength(m, { firstFrameLimit: first, frameLimit: later, maxFrames: 1000 })).toBe(s.length)
  const bodies = splitFrames(s)
  const layout = identifyStreamFrames(m, { firstFrameLimit: first, frameLimit: later, maxFrames: 1000 })
  expect(bodies).toHaveLength(layout.length)
  bodies.forEach((b, k) => {
    expect(b).toEqual(encodeIdentify(layout[k]!))
    if (k > 0) expect(b.length).toBeGreaterThan(0)
    const limit = k === 0 ? first : later
    if (b.length > limit) {
      // only a single value too big for any frame may exceed the limit, alone in its frame
      const f = decodeIdentify(b, { preserveUnknown: true })
      const values = f.listenAddrs.length + f.protocols.length + ['publicKey', 'observedAddr', 'protocolVersion', 'agentVersion', 'signedPeerRecord']
        .filter((key) => (f as unknown as Record<string, unknown>)[key] !== undefined).length
      expect(values).toBe(1)
      expect(b.length).toBeGreaterThan(k === 0 ? first : Math.min(first, later))
    }
  })
  expect(decodeIdentifyStream(s, { maxMessageSize: Infinity, maxFrames: Infinity })).toEqual(normalized(m, bodies.length > 1))
  return bodies
}

describe('encodeIdentifyStream', () => {
  it('a message that fits in the first frame is one frame: varint(len) + encodeIdentify', () => {
    for (const name of names) {
      const bytes = vectorBytes(name)
      const n = consumeVarint(bytes, 0, bytes.length)
      const bodyLen = decodeVarint(bytes, 0, bytes.length)
      const m = decodeIdentify(bytes.subarray(n))
      const s = encodeIdentifyStream(m)
      if (bodyLen <= 2048) expect(s).toEqual(frame(encodeIdentify(m)))
      else expect(splitFrames(s).length).toBeGreaterThan(1)
      expect(decodeIdentifyStream(s)).toEqual(normalized(m, bodyLen > 2048))
    }
    expect(encodeIdentifyStream({})).toEqual(hex('00'))
  })
  it('a body of exactly firstFrameLimit is one frame, one byte more is split', () => {
    const m = { protocols: ['/p'], agentVersion: 'x'.repeat(2048 - 4 - 3) }
    expect(encodeIdentify(m).length).toBe(2048)
    expect(splitFrames(encodeIdentifyStream(m))).toHaveLength(1)
    const m2 = { ...m, agentVersion: m.agentVersion + 'x' }
    const bodies = checkFrames(m2)
    expect(bodies).toHaveLength(2)
    expect(decodeIdentify(bodies[0]!).protocols).toEqual(['/p'])
  })
  it('the 8192/8193-byte vectors are split into frames of at most 2048 then 4096 bytes, protocols in order', () => {
    for (const name of ['identify-protocols-body-8192', 'identify-protocols-body-8193']) {
      const bytes = vectorBytes(name)
      const m = decodeIdentify(bytes.subarray(2))
      const bodies = checkFrames(m)
      expect(bodies[0]!.length).toBeLessThanOrEqual(2048)
      const f0 = decodeIdentify(bodies[0]!)
      expect(f0.publicKey).toEqual(m.publicKey) // rust reads only the first frame and needs the key
      expect(f0.listenAddrs).toEqual(m.listenAddrs)
      expect(f0.protocols.length).toBeGreaterThan(0)
      expect(f0.signedPeerRecord).toBeUndefined()
      // signed peer record alone in the last frame
      expect(decodeIdentify(bodies[bodies.length - 1]!)).toEqual({ listenAddrs: [], protocols: [], signedPeerRecord: m.signedPeerRecord })
      // and decodable with the default reader limits (every frame <= 8192)
      expect(decodeIdentifyStream(encodeIdentifyStream(m))).toEqual(normalized(m, true))
    }
  })
  it('a value bigger than any frame gets a frame of its own, over the limit', () => {
    const big = '/big/' + 'x'.repeat(4995)
    const m = { publicKey: new Uint8Array(36), protocols: ['/a', big, '/b'], agentVersion: 'agent' }
    const bodies = checkFrames(m)
    expect(bodies.map((b) => decodeIdentify(b).protocols)).toEqual([['/a'], [big], ['/b']])
    expect(bodies[1]!.length).toBe(1 + 2 + 5000)
    const key = { publicKey: new Uint8Array(3000), protocols: ['/a'] }
    const kb = checkFrames(key)
    expect(kb.map((b) => decodeIdentify(b).publicKey?.length)).toEqual([undefined, 3000])
  })
  it('unknown fields (field 7, and field 2 with a VARINT wire type) travel too, in order, after the known ones', () => {
    const unknownFields = [
      { field: 7, wireType: 2, bytes: concat(hex('8008'), new Uint8Array(1024)) },
      { field: 2, wireType: 0, bytes: hex('2a') },
      { field: 7, wireType: 2, bytes: concat(hex('8008'), new Uint8Array(1024).fill(1)) }
    ]
    const m = { publicKey: new Uint8Array(36), protocols: ['/a', '/b'], listenAddrs: [hex('04')], unknownFields, signedPeerRecord: new Uint8Array(500) }
    const s = encodeIdentifyStream(m)
    const bodies = splitFrames(s)
    expect(bodies.length).toBeGreaterThan(2)
    const layout = identifyStreamFrames(m)
    bodies.forEach((b, k) => expect(b).toEqual(encodeIdentify(layout[k]!)))
    expect(identifyStreamEncodedLength(m)).toBe(s.length)
    const back = decodeIdentifyStream(s, { preserveUnknown: true })
    expect(back.unknownFields).toEqual(unknownFields)
    expect(back.protocols).toEqual(['/a', '/b'])
    expect(back.signedPeerRecord).toEqual(m.signedPeerRecord)
    expect(decodeIdentify(bodies[0]!, { preserveUnknown: true }).publicKey).toEqual(m.publicKey)
  })
  it('a first frame too small for any field is sent empty, within its limit', () => {
    const m = { publicKey: new Uint8Array(36), protocols: ['/a'] }
    const bodies = checkFrames(m, 10, 4096)
    expect(bodies.map((b) => decodeIdentify(b).publicKey?.length)).toEqual([undefined, 36])
    expect(decodeIdentify(bodies[0]!).protocols).toEqual(['/a'])
    expect(splitFrames(encodeIdentifyStream({ protocols: ['/a', '/b'] }, { firstFrameLimit: 0 })).map((b) => b.length)).toEqual([0, 8])
  })
  it('more frames than maxFrames: TOO_MANY_FRAMES where the first extra frame would start', () => {
    const m = { protocols: Array.from({ length: 40 }, (_, i) => `/proto/${i}/${'y'.repeat(90)}`) }
    const s = encodeIdentifyStream(m, { maxFrames: 100, firstFrameLimit: 500, frameLimit: 500 })
    const bodies = splitFrames(s)
    expect(bodies.length).toBeGreaterThan(3)
    const third = frame(bodies[0]!).length + frame(bodies[1]!).length + frame(bodies[2]!).length
    expectWireError(() => encodeIdentifyStream(m, { maxFrames: 3, firstFrameLimit: 500, frameLimit: 500 }), 'TOO_MANY_FRAMES', third)
    expect(splitFrames(encodeIdentifyStream(m, { maxFrames: bodies.length, firstFrameLimit: 500, frameLimit: 500 }))).toHaveLength(bodies.length)
    expectWireError(() => encodeIdentifyStream(m, { maxFrames: bodies.length - 1, firstFrameLimit: 500, frameLimit: 500 }), 'TOO_MANY_FRAMES')
  })
  it('defaults: a 40 KB message needs more than 9 frames and is refused', () => {
    const m = { protocols: Array.from({ length: 400 }, (_, i) => `/proto/${i}/${'z'.repeat(90)}`) }
    expectWireError(() => encodeIdentifyStream(m), 'TOO_MANY_FRAMES')
  })
  it('wrong argument types are TypeErrors', () => {
    expect(() => encodeIdentifyStream(null as unknown as IdentifyInput)).toThrow(TypeError)
    expect(() => encodeIdentifyStream({}, { frameLimit: -1 })).toThrow(TypeError)
    expect(() => encodeIdentifyStream({}, { maxFrames: 0 })).toThrow(TypeError)
  })
  it('property: round trip, exact sizes, every frame within its limit, repeated fields in order', () => {
    fc.assert(fc.property(messageArb, fc.integer({ min: 0, max: 2048 }), fc.integer({ min: 0, max: 4096 }), (m, first, later) => {
      checkFrames(m, first, later)
    }), { numRuns: 60 })
  })
  it('property: default limits on generated large messages', () => {
    fc.assert(fc.property(messageArb, (m) => {
      const bodies = checkFrames(m)
      if (bodies.length > 1 && m.publicKey !== undefined && m.publicKey.length < 2000) {
        expect(decodeIdentify(bodies[0]!).publicKey).toEqual(m.publicKey)
      }
    }), { numRuns: 60 })
  })
})
