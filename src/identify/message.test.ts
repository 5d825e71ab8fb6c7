// Identify body codec against the recorded js-libp2p vectors, round trips and sizes, options and limits.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodeIdentify, decodeIdentifyRange, type Identify, type IdentifyInput } from './message.js'
import { encodeIdentify, encodeIdentifyInto, identifyEncodedLength } from './encode.js'
import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint } from '../wire/varint.js'
import { vectorNames, vectorBytes, vectorJson, hex, toHex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'

/** The body of a recorded single-frame capture (uvarint prefix stripped). */
export function body (name: string): Uint8Array {
  const b = vectorBytes(name)
  const n = consumeVarint(b, 0, b.length)
  expect(n).toBeGreaterThan(0)
  expect(n + decodeVarint(b, 0, b.length)).toBe(b.length)
  return b.subarray(n)
}

/** A decoded message in the JSON shape of the vectors' `messages[0].decoded` (hex for bytes, present flags). */
function asRecorded (m: Identify): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (m.protocolVersion !== undefined) out['protocolVersion'] = m.protocolVersion
  if (m.agentVersion !== undefined) out['agentVersion'] = m.agentVersion
  if (m.publicKey !== undefined) out['publicKey'] = toHex(m.publicKey)
  out['listenAddrs'] = m.listenAddrs.map(toHex)
  if (m.observedAddr !== undefined) out['observedAddr'] = toHex(m.observedAddr)
  out['protocols'] = m.protocols
  if (m.signedPeerRecord !== undefined) out['signedPeerRecord'] = toHex(m.signedPeerRecord)
  return out
}

function recorded (name: string): { expected: Record<string, unknown>, present: Record<string, boolean> } {
  const d = vectorJson(`${name}.json`).messages[0].decoded
  const expected: Record<string, unknown> = {}
  for (const k of ['protocolVersion', 'agentVersion']) if (d.present[k]) expected[k] = d[k]
  for (const k of ['publicKey', 'observedAddr', 'signedPeerRecord']) if (d.present[k]) expected[k] = d[k].hex
  expected['listenAddrs'] = (d.listenAddrs ?? []).map((a: { hex: string }) => a.hex)
  expected['protocols'] = d.protocols ?? []
  return { expected, present: d.present }
}

const names = vectorNames().filter((n) => n.startsWith('identify-') || n.startsWith('push-'))

describe('recorded js-libp2p vectors', () => {
  it('there are 11 recordings', () => expect(names).toHaveLength(11))
  for (const name of names) {
    it(`${name} decodes to the recorded fields`, () => {
      const m = decodeIdentify(body(name))
      const { expected, present } = recorded(name)
      expect(asRecorded(m)).toEqual(expected)
      expect(m.publicKey !== undefined).toBe(present['publicKey'])
      expect(m.observedAddr !== undefined).toBe(present['observedAddr'])
      expect(m.signedPeerRecord !== undefined).toBe(present['signedPeerRecord'])
      expect(m.listenAddrs.length > 0).toBe(present['listenAddrs'])
      expect(m.protocols.length > 0).toBe(present['protocols'])
      expect(m.unknownFields).toBeUndefined()
    })
    it(`${name}: decode, encode, decode is the identity; sizes agree`, () => {
      const m = decodeIdentify(body(name))
      const enc = encodeIdentify(m)
      expect(enc.length).toBe(body(name).length) // same fields, other order: same size
      expect(identifyEncodedLength(m)).toBe(enc.length)
      const target = new Uint8Array(enc.length + 7).fill(0xee)
      expect(encodeIdentifyInto(m, target, 3)).toBe(enc.length)
      expect(toHex(target.subarray(3, 3 + enc.length))).toBe(toHex(enc))
      expect(target[2]).toBe(0xee)
      expect(target[3 + enc.length]).toBe(0xee)
      expect(decodeIdentify(enc)).toEqual(m)
      expect(decodeIdentify(enc, { strict: true })).toEqual(m)
    })
    it(`${name} decodes the same at an offset inside a larger buffer (absolute offsets)`, () => {
      const b = body(name)
      const big = new Uint8Array(b.length + 10)
      big.set(b, 5)
      expect(decodeIdentifyRange(big, 5, 5 + b.length)).toEqual(decodeIdentify(b))
    })
  }
})

describe('encoding', () => {
  it('writes field-number order 1,2,3,4,5,6,8 with minimal varints', () => {
    const m: IdentifyInput = {
      signedPeerRecord: hex('aa'), agentVersion: 'a', protocolVersion: 'p', observedAddr: hex('04'),
      protocols: ['x', 'y'], listenAddrs: [hex('01'), hex('02')], publicKey: hex('0801')
    }
    expect(toHex(encodeIdentify(m))).toBe('0a020801' + '120101' + '120102' + '1a0178' + '1a0179' + '220104' + '2a0170' + '320161' + '4201aa')
  })
  it('encodes an empty object as nothing, and present-but-empty values as present', () => {
    expect(encodeIdentify({})).toHaveLength(0)
    expect(toHex(encodeIdentify({ publicKey: new Uint8Array(0), protocolVersion: '', observedAddr: new Uint8Array(0), listenAddrs: [new Uint8Array(0)] })))
      .toBe('0a00' + '1200' + '2200' + '2a00')
  })
  it('treats undefined and null optional fields as absent', () => {
    expect(encodeIdentify({ publicKey: undefined, agentVersion: undefined } as unknown as IdentifyInput)).toHaveLength(0)
    expect(encodeIdentify({ publicKey: null, protocols: null } as unknown as IdentifyInput)).toHaveLength(0)
  })
  it('writes lone surrogates as U+FFFD, never invalid UTF-8', () => {
    expect(toHex(encodeIdentify({ agentVersion: 'a\ud800b' }))).toBe('3205' + '61efbfbd62')
    expect(toHex(encodeIdentify({ protocols: ['\udc00'] }))).toBe('1a03efbfbd')
    expect(toHex(encodeIdentify({ protocols: ['\ud83d\ude80'] }))).toBe('1a04f09f9a80')
  })
  it('length prefixes cross the 1-byte boundary at 128', () => {
    expect(toHex(encodeIdentify({ publicKey: new Uint8Array(127) })).slice(0, 4)).toBe('0a7f')
    expect(toHex(encodeIdentify({ publicKey: new Uint8Array(128) })).slice(0, 6)).toBe('0a8001')
    expect(encodeIdentify({ agentVersion: 'é'.repeat(64) }).slice(0, 3)).toEqual(hex('328001'))
  })
  it('throws TypeError for caller type mistakes', () => {
    const bad: unknown[] = [null, undefined, 1, 'x', { protocols: 'x' }, { protocols: [1] }, { listenAddrs: ['x'] },
      { listenAddrs: {} }, { publicKey: 'x' }, { publicKey: [1, 2] }, { observedAddr: 1 }, { signedPeerRecord: {} },
      { agentVersion: 1 }, { protocolVersion: {} }, { unknownFields: [null] }, { unknownFields: [{ field: 0, wireType: 0, bytes: hex('00') }] },
      { unknownFields: [{ field: 7, wireType: 3, bytes: hex('') }] }, { unknownFields: [{ field: 7, wireType: 1, bytes: hex('00') }] },
      { unknownFields: [{ field: 7, wireType: 0, bytes: hex('0000') }] }, { unknownFields: [{ field: 7, wireType: 2, bytes: 'x' }] }]
    for (const m of bad) {
      expect(() => encodeIdentify(m as IdentifyInput)).toThrow(TypeError)
      expect(() => identifyEncodedLength(m as IdentifyInput)).toThrow(TypeError)
      expect(() => encodeIdentifyInto(m as IdentifyInput, new Uint8Array(100), 0)).toThrow(TypeError)
    }
    expect(() => encodeIdentifyInto({}, [] as unknown as Uint8Array, 0)).toThrow(TypeError)
    expect(() => decodeIdentify('0a00' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => decodeIdentify(null as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => decodeIdentifyRange(hex('0a00'), 1, 3)).toThrow(RangeError)
    expect(() => decodeIdentifyRange(hex('0a00'), 2, 1)).toThrow(RangeError)
  })
  it('encodeIdentifyInto throws BUFFER_TOO_SMALL before writing anything', () => {
    const m = decodeIdentify(body('identify-minimal-ed25519'))
    const n = identifyEncodedLength(m)
    for (const [size, offset] of [[n - 1, 0], [n, 1], [0, 0], [n + 5, 6]] as const) {
      const t = new Uint8Array(size).fill(0xee)
      expectWireError(() => encodeIdentifyInto(m, t, offset), 'BUFFER_TOO_SMALL', offset)
      expect(t.every((x) => x === 0xee)).toBe(true)
    }
    expect(encodeIdentifyInto(m, new Uint8Array(n), 0)).toBe(n)
    expect(encodeIdentifyInto(m, new Uint8Array(n + 5), 5)).toBe(n)
    expect(encodeIdentifyInto({}, new Uint8Array(0), 0)).toBe(0)
  })
})

describe('decoding options', () => {
  it('bytes fields are views by default and owned copies with copy: true', () => {
    const b = body('identify-rich-ed25519')
    const view = decodeIdentify(b)
    const own = decodeIdentify(b, { copy: true })
    expect(own).toEqual(view)
    for (const [v, o] of <Array<[Uint8Array, Uint8Array]>>[[view.publicKey!, own.publicKey!], [view.listenAddrs[0]!, own.listenAddrs[0]!], [view.signedPeerRecord!, own.signedPeerRecord!], [view.observedAddr!, own.observedAddr!]]) {
      expect(v.buffer).toBe(b.buffer)
      expect(o.buffer === b.buffer).toBe(false)
      expect(o.byteLength).toBe(o.buffer.byteLength)
    }
    const before = view.publicKey![0]!
    const owned = own.publicKey![0]!
    b[view.publicKey!.byteOffset - b.byteOffset] = before ^ 0xff // mutate the input: the view sees it, the copy does not
    expect(view.publicKey![0]).toBe(before ^ 0xff)
    expect(own.publicKey![0]).toBe(owned)
  })
  it('maxProtocols and maxListenAddrs: exactly at the limit passes, one past throws at the first field over it', () => {
    const m = decodeIdentify(body('identify-rich-ed25519')) // 7 addresses, 18 protocols
    const enc = encodeIdentify(m) // field order: 1, 2x7, 3x18, ...
    expect(decodeIdentify(enc, { maxProtocols: 18, maxListenAddrs: 7 })).toEqual(m)
    // offset of the 18th protocol's tag and of the 7th address's tag
    let p17 = 0; let a6 = 0
    for (let pos = 0, i = 0, j = 0; pos < enc.length;) {
      const tag = enc[pos]!
      const n = consumeVarint(enc, pos + 1, enc.length)
      if (tag === 0x1a && i++ === 17) p17 = pos
      if (tag === 0x12 && j++ === 6) a6 = pos
      pos += 1 + n + decodeVarint(enc, pos + 1, enc.length)
    }
    expectWireError(() => decodeIdentify(enc, { maxProtocols: 17 }), 'TOO_MANY_PROTOCOLS', p17, 'protocols[17]')
    expectWireError(() => decodeIdentify(enc, { maxListenAddrs: 6 }), 'TOO_MANY_LISTEN_ADDRS', a6, 'listenAddrs[6]')
    expectWireError(() => decodeIdentify(hex('1a00'), { maxProtocols: 0 }), 'TOO_MANY_PROTOCOLS', 0, 'protocols[0]')
    expect(decodeIdentify(hex('1a00'), { maxProtocols: 1 }).protocols).toEqual([''])
    expectWireError(() => decodeIdentify(hex('1200 1200'), { maxListenAddrs: 1 }), 'TOO_MANY_LISTEN_ADDRS', 2, 'listenAddrs[1]')
  })
  it('preserveUnknown keeps unknown fields in order and encode writes them back after the known fields', () => {
    const input = hex('3a020a00' + '2a0161' + '3803' + '09 0102030405060708' + '1a0178' + '7d 01020304' + 'f8ffffff0f 01')
    const m = decodeIdentify(input, { preserveUnknown: true })
    expect(m.unknownFields!.map((u) => [u.field, u.wireType, toHex(u.bytes)])).toEqual([
      [7, 2, '020a00'], [7, 0, '03'], [1, 1, '0102030405060708'], [15, 5, '01020304'], [0x1fffffff, 0, '01']
    ])
    expect(decodeIdentify(input)).toEqual({ listenAddrs: [], protocols: ['x'], protocolVersion: 'a' })
    const enc = encodeIdentify(m)
    expect(toHex(enc)).toBe('1a0178' + '2a0161' + '3a020a00' + '3803' + '09 0102030405060708'.replace(' ', '') + '7d01020304' + 'f8ffffff0f01')
    expect(decodeIdentify(enc, { preserveUnknown: true })).toEqual(m)
    expect(identifyEncodedLength(m)).toBe(enc.length)
  })
})

describe('properties', () => {
  const bytes = fc.uint8Array({ maxLength: 40 })
  const str = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }))
  const message = fc.record({
    publicKey: bytes, listenAddrs: fc.array(bytes, { maxLength: 5 }), protocols: fc.array(str, { maxLength: 5 }), observedAddr: bytes,
    protocolVersion: str, agentVersion: str, signedPeerRecord: fc.uint8Array({ maxLength: 300 })
  }, { requiredKeys: [] })
  const wellFormed = (s: string): string => new TextDecoder().decode(new TextEncoder().encode(s))

  it('encodedLength == encode().length == encodeIdentifyInto(); decode(encode(m)) equals m (strings made well-formed)', () => {
    fc.assert(fc.property(message, (m) => {
      const enc = encodeIdentify(m)
      expect(identifyEncodedLength(m)).toBe(enc.length)
      expect(encodeIdentifyInto(m, new Uint8Array(enc.length + 2), 2)).toBe(enc.length)
      const d = decodeIdentify(enc, { strict: true })
      const want: Identify = { listenAddrs: m.listenAddrs ?? [], protocols: (m.protocols ?? []).map(wellFormed) }
      for (const k of ['publicKey', 'observedAddr', 'signedPeerRecord'] as const) if (m[k] !== undefined) want[k] = m[k]
      for (const k of ['protocolVersion', 'agentVersion'] as const) if (m[k] !== undefined) want[k] = wellFormed(m[k])
      expect(d).toEqual(want)
    }), { numRuns: 300 })
  })
  it('any byte string either decodes or throws WireError with an offset inside the input', () => {
    const check = (b: Uint8Array, opts: object): void => {
      try { decodeIdentify(b, opts) } catch (e) {
        expect(e).toBeInstanceOf(WireError)
        expect((e as WireError).offset).toBeGreaterThanOrEqual(0)
        expect((e as WireError).offset).toBeLessThan(b.length)
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (b, strict) => check(b, { strict, preserveUnknown: true, maxProtocols: 3 })), { numRuns: 500 })
    const vec = body('identify-minimal-ed25519')
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(vec.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.boolean(), (muts, strict) => {
      const b = vec.slice()
      for (const [i, v] of muts) b[i] = v
      check(b, { strict })
      check(b.subarray(0, muts[0]![0]), { strict })
    }), { numRuns: 300 })
  })
  it('order independence: any permutation of a vector\'s fields decodes to the same value, repeated fields in their relative order', () => {
    const b = body('identify-rich-secp256k1')
    const fields: Uint8Array[] = []
    for (let pos = 0; pos < b.length;) {
      const n = consumeVarint(b, pos + 1, b.length)
      const next = pos + 1 + n + decodeVarint(b, pos + 1, b.length)
      fields.push(b.subarray(pos, next))
      pos = next
    }
    const want = decodeIdentify(b)
    const singular = fields.filter((f) => f[0] !== 0x12 && f[0] !== 0x1a)
    const addrs = fields.filter((f) => f[0] === 0x12)
    const protos = fields.filter((f) => f[0] === 0x1a)
    fc.assert(fc.property(fc.shuffledSubarray(singular, { minLength: singular.length }), fc.array(fc.nat(2), { minLength: fields.length, maxLength: 2 * fields.length }), (order, picks) => {
      // merge the three queues in a random order: singular fields shuffled, repeated fields keep their own order
      const queues = [[...order], [...addrs], [...protos]]
      const out: Uint8Array[] = []
      for (const p of picks) { const q = queues[p]!; if (q.length > 0) out.push(q.shift()!) }
      for (const q of queues) out.push(...q)
      const joined = new Uint8Array(b.length)
      let pos = 0
      for (const f of out) { joined.set(f, pos); pos += f.length }
      expect(pos).toBe(b.length)
      expect(decodeIdentify(joined)).toEqual(want)
    }), { numRuns: 50 })
  })
})

describe('encode output memory', () => {
  it('outputs never overlap, across slab boundaries and for large messages', () => {
    const msgs = [decodeIdentify(body('identify-rich-ed25519')), decodeIdentify(body('identify-protocols-body-8192')), { protocols: ['a'] }, {}]
    const outs: Uint8Array[] = []
    const copies: string[] = []
    for (let i = 0; i < 200; i++) {
      const o = encodeIdentify(msgs[i % msgs.length]!)
      outs.push(o)
      copies.push(toHex(o))
    }
    outs.forEach((o, i) => { expect(decodeIdentify(o)).toEqual(decodeIdentify(hex(copies[i]!))) }) // none overwritten
    outs.forEach((o, i) => o.fill(i)) // each output gets its own byte (200 < 256): an overlap would show
    outs.forEach((o, i) => {
      expect(o.every((x) => x === i)).toBe(true)
      expect(o.length).toBe(copies[i]!.length / 2)
    })
    // and fresh outputs after that are still right
    expect(decodeIdentify(encodeIdentify(msgs[0]!))).toEqual(msgs[0])
  })
})

describe('unknown fields: property', () => {
  const raw = fc.oneof(
    fc.maxSafeNat().map((v) => { const b = new Uint8Array(10); return { wireType: 0, bytes: b.slice(0, writeVarintForTest(b, v)) } }),
    fc.uint8Array({ minLength: 8, maxLength: 8 }).map((bytes) => ({ wireType: 1, bytes })),
    fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ({ wireType: 5, bytes })),
    fc.uint8Array({ maxLength: 20 }).map((b) => ({ wireType: 2, bytes: Uint8Array.of(b.length, ...b) }))
  )
  const unknown = fc.record({ field: fc.oneof(fc.constant(7), fc.integer({ min: 9, max: 0x1fffffff })), r: raw }).map(({ field, r }) => ({ field, ...r }))
  it('encode writes them after the known fields in order; decode with preserveUnknown gives them back; sizes agree', () => {
    fc.assert(fc.property(fc.array(unknown, { maxLength: 5 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), (unknownFields, protocols) => {
      const m: Identify = { listenAddrs: [], protocols, unknownFields }
      const enc = encodeIdentify(m)
      expect(identifyEncodedLength(m)).toBe(enc.length)
      const d = decodeIdentify(enc, { preserveUnknown: true, strict: true })
      if (unknownFields.length === 0) delete m.unknownFields
      expect(d).toEqual(m)
      expect(decodeIdentify(enc)).toEqual({ listenAddrs: [], protocols })
    }), { numRuns: 300 })
  })
})

function writeVarintForTest (b: Uint8Array, v: number): number {
  let i = 0
  for (; v >= 128; v = Math.floor(v / 128)) b[i++] = (v % 128) | 0x80
  b[i++] = v
  return i
}
