// identify-wire/libp2p: the shape and behaviour of js-libp2p's generated `Identify` codec (protons): Uint8Array and
// Uint8ArrayList inputs, protons' `limits` and MaxLengthError, stream events in wire order, the codec() used by
// messages that embed an Identify. The same codec against live js-libp2p nodes: libp2p.node.test.ts.
import { describe, it, expect } from 'vitest'
import { Identify, MaxLengthError } from './index.js'
import type { ProtonsReader } from './index.js'
import { decodeIdentify, encodeIdentify } from '../identify/index.js'
import { WireError } from '../errors.js'
import { vectorNames, vectorBytes, hex } from '../testing/vectors.js'

// The first frame's body of a recorded vector (uvarint length prefix, then the body).
function body (name: string): Uint8Array {
  const b = vectorBytes(name)
  let len = 0
  let i = 0
  for (let m = 1; ; m *= 128) { const c = b[i++]!; len += (c & 0x7f) * m; if (c < 0x80) break }
  return b.subarray(i, i + len)
}

// A Uint8ArrayList stand-in: several chunks, subarray() concatenates them (as uint8arraylist does).
class ChunkList {
  constructor (readonly chunks: Uint8Array[]) {}
  subarray (): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0))
    this.chunks.reduce((p, c) => { out.set(c, p); return p + c.length }, 0)
    return out
  }
}

describe('Identify (js-libp2p shape)', () => {
  it('decode equals decodeIdentify on every recorded vector, from a Uint8Array and from a chunked list', () => {
    expect(vectorNames().length).toBeGreaterThan(5)
    for (const name of vectorNames()) {
      const b = body(name)
      const want = decodeIdentify(b)
      expect(Identify.decode(b), name).toEqual(want)
      const cut = b.length >> 1
      expect(Identify.decode(new ChunkList([b.slice(0, cut), b.slice(cut)])), name).toEqual(want)
      expect(Identify.decode(Identify.encode(want)), name).toEqual(want)
      expect(Identify.encode(want), name).toEqual(encodeIdentify(want))
    }
  })

  it('ignores decode options it does not know (js-libp2p passes { signal })', () => {
    const b = body('identify-rich-ed25519')
    expect(Identify.decode(b, { signal: undefined } as never)).toEqual(decodeIdentify(b))
  })

  it('limits: protons semantics (n entries pass, n + 1 throw MaxLengthError), the WireError as cause', () => {
    const b = encodeIdentify({ protocols: ['/a', '/b', '/c'], listenAddrs: [hex('047f000001'), hex('047f000002')] })
    expect(Identify.decode(b, { limits: { protocols: 3, listenAddrs: 2 } }).protocols).toEqual(['/a', '/b', '/c'])
    for (const [limits, field, code] of [[{ protocols: 2 }, 'protocols', 'TOO_MANY_PROTOCOLS'], [{ listenAddrs: 1 }, 'listenAddrs', 'TOO_MANY_LISTEN_ADDRS']] as const) {
      let caught: unknown
      try { Identify.decode(b, { limits }) } catch (e) { caught = e }
      expect(caught).toBeInstanceOf(MaxLengthError)
      expect(caught).toBeInstanceOf(Error)
      const e = caught as MaxLengthError & { cause: WireError }
      expect([e.name, e.code]).toEqual(['MaxLengthError', 'ERR_MAX_LENGTH'])
      expect(e.message).toBe(`Decode error - repeated field "${field}" had too many elements`)
      expect(e.cause).toBeInstanceOf(WireError)
      expect(e.cause.code).toBe(code)
    }
  })

  it('malformed input throws the WireError itself (code, offset, path)', () => {
    let caught: unknown
    try { Identify.decode(hex('1a 05 61')) } catch (e) { caught = e }
    expect(caught).toBeInstanceOf(WireError)
    expect([(caught as WireError).code, (caught as WireError).offset]).toEqual(['LENGTH_OUT_OF_BOUNDS', 1])
  })

  it('wrong argument types throw TypeError', () => {
    expect(() => Identify.decode(42 as never)).toThrow(TypeError)
    expect(() => Identify.decode({ subarray: () => 'x' } as never)).toThrow(TypeError)
    expect(() => Identify.encode({ protocols: 'x' } as never)).toThrow(TypeError)
  })

  it('stream: every field in wire order, indexes per repeated field, repeated singular fields each yielded', () => {
    // agentVersion, listenAddr, protocol, unknown field 7 (skipped), protocol, agentVersion again, observedAddr
    const b = hex('32 01 78  12 05 047f000001  1a 02 2f61  3a 01 00  1a 02 2f62  32 01 79  22 02 0400')
    expect([...Identify.stream(b)]).toEqual([
      { field: '$.agentVersion', value: 'x' },
      { field: '$.listenAddrs[]', index: 0, value: hex('047f000001') },
      { field: '$.protocols[]', index: 0, value: '/a' },
      { field: '$.protocols[]', index: 1, value: '/b' },
      { field: '$.agentVersion', value: 'y' },
      { field: '$.observedAddr', value: hex('0400') }
    ])
    expect(() => [...Identify.stream(b, { limits: { protocols: 1 } })]).toThrow(MaxLengthError)
    expect(() => [...Identify.stream(hex('1a 05 61'))]).toThrow(WireError)
  })

  it('codec(): one object; encode length-delimited or not through a protons-like writer; decode/stream from a reader', () => {
    const c = Identify.codec()
    expect(Identify.codec()).toBe(c)
    expect([c.name, c.type]).toEqual(['message', 2])
    const m = decodeIdentify(body('identify-rich-ed25519'))
    // A writer recording protons' Writer calls, serialised the way protons serialises them.
    const writer = (): { out: number[], w: { uint32: (v: number) => void, string: (s: string) => void, bytes: (b: Uint8Array) => void } } => {
      const out: number[] = []
      const varint = (v: number): void => { for (; v >= 0x80; v = Math.floor(v / 128)) out.push((v & 0x7f) | 0x80); out.push(v) }
      return { out, w: { uint32: varint, string: (s) => { const b = new TextEncoder().encode(s); varint(b.length); out.push(...b) }, bytes: (b) => { varint(b.length); out.push(...b) } } }
    }
    const plain = writer()
    c.encode(m, plain.w, { lengthDelimited: false })
    expect(decodeIdentify(new Uint8Array(plain.out))).toEqual(m)
    expect(new Uint8Array(plain.out)).toEqual(encodeIdentify(m))
    const prefixed = writer()
    c.encode(m, prefixed.w)
    const enc = encodeIdentify(m)
    expect(new Uint8Array(prefixed.out).subarray(prefixed.out.length - enc.length)).toEqual(enc)
    // decode from a reader positioned inside a larger buffer, with and without a length
    const buf = new Uint8Array([0xff, ...enc, 0xee])
    const r: ProtonsReader = { buf, pos: 1, len: buf.length - 1 }
    expect(c.decode(r, enc.length)).toEqual(m)
    expect(r.pos).toBe(1 + enc.length)
    const r2: ProtonsReader = { buf: enc, pos: 0, len: enc.length }
    expect(c.decode(r2)).toEqual(m)
    expect(() => c.decode({ buf, pos: 1, len: buf.length }, buf.length)).toThrow(RangeError)
    const events = [...c.stream({ buf, pos: 1, len: buf.length - 1 }, enc.length, '$.inner')]
    expect(events.filter((e) => e.field === '$.inner.protocols[]').map((e) => e.value)).toEqual(m.protocols)
  })
})
