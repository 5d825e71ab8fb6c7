// The encoders against hostile callers: each value read once (a snapshot), no state between calls, nothing written
// outside the checked room, a TypeError naming the field for every malformed value, a documented size limit.
import { describe, it, expect } from 'vitest'
import { encodeIdentify, encodeIdentifyInto, identifyEncodedLength, MAX_ENCODED_SIZE } from './encode.js'
import { encodeIdentifyStream, identifyStreamFrames, identifyStreamEncodedLength } from './stream-encode.js'
import { decodeIdentify, type IdentifyInput } from './message.js'
import { decodeIdentifyStream } from './framing.js'
import { hex } from '../testing/vectors.js'

/** Every encoder, as a function of the message that returns bytes or a number. */
const ENCODERS: Array<[string, (m: IdentifyInput) => unknown]> = [
  ['encodeIdentify', encodeIdentify],
  ['identifyEncodedLength', identifyEncodedLength],
  ['encodeIdentifyInto', (m) => encodeIdentifyInto(m, new Uint8Array(1 << 16), 0)],
  ['encodeIdentifyStream', (m) => encodeIdentifyStream(m)],
  ['identifyStreamFrames', (m) => identifyStreamFrames(m)],
  ['identifyStreamEncodedLength', (m) => identifyStreamEncodedLength(m)]
]

const full = (): IdentifyInput => ({
  publicKey: hex('080112'), listenAddrs: [hex('0401020304'), hex('04')], protocols: ['/a/1', '/b/2', '/c/3'],
  observedAddr: hex('047f000001'), protocolVersion: 'ipfs/0.1.0', agentVersion: 'x/1', signedPeerRecord: hex('aabb'),
  unknownFields: [{ field: 7, wireType: 0, bytes: hex('2a') }, { field: 9, wireType: 2, bytes: hex('0161') }]
})

/** `m` behind a Proxy that counts reads of every property, of the lists and of their entries (paths as keys). */
function counted (m: IdentifyInput): { proxy: IdentifyInput, reads: Map<string, number> } {
  const reads = new Map<string, number>()
  const wrap = <T extends object>(o: T, path: string): T => new Proxy(o, {
    get (t, k, r) {
      const key = `${path}.${String(k)}`
      reads.set(key, (reads.get(key) ?? 0) + 1)
      const v = Reflect.get(t, k, r) as unknown
      return Array.isArray(v) || (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) ? wrap(v as object, key) : v
    }
  })
  return { proxy: wrap(m as object, 'm') as IdentifyInput, reads }
}

describe('each input value is read once', () => {
  for (const [name, enc] of ENCODERS) {
    it(`${name}: every property, list length and entry is read exactly once`, () => {
      const { proxy, reads } = counted(full())
      enc(proxy)
      const over = [...reads].filter(([, n]) => n !== 1)
      expect(over).toEqual([])
      expect(reads.get('m.protocols.2')).toBe(1)
      expect(reads.get('m.unknownFields.1.bytes')).toBe(1)
    })
  }
  it('the result is that of the first read, whatever a getter answers later', () => {
    for (const [name, enc] of ENCODERS) {
      let n = 0
      const m = { get agentVersion () { return n++ === 0 ? 'first' : 'a much longer second value' }, protocols: ['/p'] }
      const want = enc({ agentVersion: 'first', protocols: ['/p'] })
      expect(enc(m), name).toEqual(want)
    }
  })
  it('getters that encode another message meanwhile do not change the output (no state between calls)', () => {
    const other: IdentifyInput = { protocols: ['/other/1', '/other/2'], protocolVersion: 'zz', agentVersion: 'zzz' }
    const noise = (): void => { for (const [, e] of ENCODERS) e(other) }
    for (const [name, enc] of ENCODERS) {
      const m = {
        get publicKey () { noise(); return hex('01') },
        get listenAddrs () { noise(); return [hex('04')] },
        protocols: ['/mine/1'],
        get observedAddr () { noise(); return hex('02') },
        get protocolVersion () { noise(); return 'v' },
        agentVersion: 'w',
        get signedPeerRecord () { noise(); return hex('03') },
        get unknownFields () { noise(); return [{ field: 9, wireType: 0, bytes: hex('01') }] }
      }
      const plain = { publicKey: hex('01'), listenAddrs: [hex('04')], protocols: ['/mine/1'], observedAddr: hex('02'), protocolVersion: 'v', agentVersion: 'w', signedPeerRecord: hex('03'), unknownFields: [{ field: 9, wireType: 0, bytes: hex('01') }] }
      expect(enc(m), name).toEqual(enc(plain))
    }
  })
  it('list entries and bytes that change when read again: the first reads are encoded', () => {
    for (const [name, enc] of ENCODERS) {
      let k = 0
      const listenAddrs = new Proxy([hex('0401'), hex('04')], { get: (t, p, r) => p === '0' ? (k++ === 0 ? hex('0401') : new Uint8Array(300)) : Reflect.get(t, p, r) as unknown })
      let j = 0
      const m = { listenAddrs, get publicKey () { return j++ === 0 ? hex('01') : new Uint8Array(200) } }
      expect(enc(m), name).toEqual(enc({ listenAddrs: [hex('0401'), hex('04')], publicKey: hex('01') }))
    }
  })
})

/** A Uint8Array whose `length` (and byteLength) lie: the encoder must size and copy what it really holds. */
class Liar extends Uint8Array {
  override get length (): number { return 2 }
  override get byteLength (): number { return 2 }
}

describe('nothing is written outside the checked room', () => {
  it('a Uint8Array subclass whose length lies: correct bytes, sentinels after the room intact', () => {
    const liar = new Liar(12).fill(7)
    const m = { publicKey: liar }
    const want = encodeIdentify({ publicKey: new Uint8Array(12).fill(7) })
    expect(want.length).toBe(14)
    expect(identifyEncodedLength(m)).toBe(14)
    expect(encodeIdentify(m)).toEqual(want)
    const target = new Uint8Array(40).fill(0xee)
    expect(encodeIdentifyInto(m, target, 3)).toBe(14)
    expect(target.subarray(3, 17)).toEqual(want)
    expect([...target.subarray(0, 3), ...target.subarray(17)].every((x) => x === 0xee)).toBe(true)
    // room for what the liar claims (2 + 2 bytes) but not for what it holds: refused, nothing written
    const small = new Uint8Array(8).fill(0xee)
    expect(() => encodeIdentifyInto(m, small.subarray(0, 4), 0)).toThrow()
    expect(small.every((x) => x === 0xee)).toBe(true)
  })
  it('a target whose length lies is measured by what it holds', () => {
    const buf = new Uint8Array(16).fill(0xee)
    const t = new Liar(buf.buffer, 0, 4) // holds 4 bytes, says 2
    expect(() => encodeIdentifyInto({ protocols: ['/abc'] }, t, 0)).toThrow() // 6 bytes > 4
    expect(buf.every((x) => x === 0xee)).toBe(true)
    Object.defineProperty(t, 'length', { value: 1000 }) // says 1000
    expect(() => encodeIdentifyInto({ protocols: ['/abc'] }, t, 0)).toThrow()
    expect(buf.every((x) => x === 0xee)).toBe(true)
    expect(encodeIdentifyInto({ protocols: ['/a'] }, t, 0)).toBe(4)
    expect(buf.subarray(4).every((x) => x === 0xee)).toBe(true)
  })
  it('a field that grows between what used to be two reads cannot overwrite the caller\'s memory', () => {
    let n = 0
    const m = { get publicKey () { return n++ === 0 ? hex('0102') : new Uint8Array(10) } }
    const target = new Uint8Array(64).fill(0xee)
    expect(encodeIdentifyInto(m, target, 0)).toBe(4)
    expect(target.subarray(0, 4)).toEqual(hex('0a020102'))
    expect(target.subarray(4).every((x) => x === 0xee)).toBe(true)
  })
  it('a Proxy of a Uint8Array, an object with Uint8Array.prototype, a DataView are not bytes', () => {
    const fakes: unknown[] = [new Proxy(new Uint8Array(2), {}), Object.create(Uint8Array.prototype), new DataView(new ArrayBuffer(2)), new Uint16Array(2)]
    for (const f of fakes) {
      for (const [name, enc] of ENCODERS) expect(() => enc({ publicKey: f as Uint8Array }), name).toThrow(TypeError)
      expect(() => encodeIdentifyInto({}, f as Uint8Array, 0)).toThrow(TypeError)
    }
  })
  it('an offset that is an object is refused without calling it', () => {
    let called = false
    const offset = { valueOf () { called = true; return 0 } } as unknown as number
    expect(() => encodeIdentifyInto({}, new Uint8Array(4), offset)).toThrow(RangeError)
    expect(called).toBe(false)
  })
})

describe('malformed values: a TypeError naming the field, in every encoder', () => {
  const cases: Array<[string, unknown]> = [
    ['protocols[1]', { protocols: ['/a', null, '/c'] }],
    ['protocols[1]', { protocols: ['/a', undefined] }],
    // eslint-disable-next-line no-sparse-arrays
    ['protocols[1]', { protocols: ['/a', , '/c'] }],
    ['protocols[3]', { protocols: ['/a', '/b', '/c', 4] }],
    ['listenAddrs[0]', { listenAddrs: [null] }],
    // eslint-disable-next-line no-sparse-arrays
    ['listenAddrs[1]', { listenAddrs: [hex('04'), , hex('04')] }],
    ['listenAddrs[0]', { listenAddrs: [[4, 1]] }],
    ['listenAddrs', { listenAddrs: hex('04') }],
    ['protocols', { protocols: '/a' }],
    ['publicKey', { publicKey: [1] }],
    ['observedAddr', { observedAddr: 'x' }],
    ['signedPeerRecord', { signedPeerRecord: new ArrayBuffer(2) }],
    ['agentVersion', { agentVersion: 3 }],
    ['protocolVersion', { protocolVersion: {} }],
    ['unknownFields[0]', { unknownFields: [null] }],
    ['unknownFields[1]', { unknownFields: [{ field: 9, wireType: 0, bytes: hex('01') }, { field: 9.5, wireType: 0, bytes: hex('01') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: '9', wireType: 0, bytes: hex('01') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 0, wireType: 0, bytes: hex('01') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 2 ** 29, wireType: 0, bytes: hex('01') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 9, wireType: 3, bytes: hex('') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 9, wireType: 0, bytes: hex('80') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 9, wireType: 2, bytes: hex('0261') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 9, wireType: 5, bytes: hex('0102') }] }],
    ['unknownFields[0]', { unknownFields: [{ field: 9, wireType: 2, bytes: 'xx' }] }],
    // a LEN field that decoding reads as a known field: decode(encode(m)) would not give m back
    ...[1, 2, 3, 4, 5, 6, 8].map((field): [string, unknown] => ['unknownFields[0]', { unknownFields: [{ field, wireType: 2, bytes: hex('0161') }] }])
  ]
  for (const [name, enc] of ENCODERS) {
    it(`${name}`, () => {
      for (const [path, m] of cases) {
        let e: unknown
        try { enc(m as IdentifyInput) } catch (x) { e = x }
        expect(e, `${path} ${JSON.stringify(m)}`).toBeInstanceOf(TypeError)
        expect((e as Error).message).toContain(path)
      }
    })
  }
  it('unknown fields that decode as unknown are accepted and come back: field 7, numbers above 8, other wire types on 1..8', () => {
    const unknownFields = [{ field: 7, wireType: 2, bytes: hex('0161') }, { field: 2, wireType: 0, bytes: hex('05') },
      { field: 3, wireType: 5, bytes: hex('01020304') }, { field: 8, wireType: 1, bytes: hex('0102030405060708') }, { field: 9, wireType: 2, bytes: hex('00') }]
    const m = { listenAddrs: [], protocols: ['/a'], unknownFields }
    expect(decodeIdentify(encodeIdentify(m), { preserveUnknown: true })).toEqual(m)
    expect(decodeIdentifyStream(encodeIdentifyStream(m), { preserveUnknown: true })).toEqual(m)
  })
})

describe('a documented maximum size, refused before allocating', () => {
  it('MAX_ENCODED_SIZE is 64 MiB', () => expect(MAX_ENCODED_SIZE).toBe(64 * 1024 * 1024))
  it('a message over it is a RangeError that says so, in every encoder, before the rest is read', () => {
    const big = 'x'.repeat(40 * 1024 * 1024)
    for (const [name, enc] of ENCODERS) {
      let reads = 0
      const protocols = new Proxy(new Array<string>(1000), { get: (t, k, r) => k === 'length' ? 1000 : typeof k === 'string' && /^\d+$/.test(k) ? (reads++, big) : Reflect.get(t, k, r) as unknown })
      expect(() => enc({ protocols }), name).toThrow(/MAX_ENCODED_SIZE/)
      expect(reads, name).toBe(2) // stopped at the entry that crossed it
    }
  })
  it('a list longer than MAX_ENCODED_SIZE / 2 entries is refused from its length alone', () => {
    let reads = 0
    const protocols = new Proxy([], { get: (t, k, r) => k === 'length' ? 2 ** 32 - 1 : (reads++, Reflect.get(t, k, r) as unknown) })
    expect(() => encodeIdentify({ protocols })).toThrow(RangeError)
    expect(reads).toBe(0)
  })
  it('a list whose length is not a valid length is a TypeError', () => {
    for (const length of [-1, 1.5, NaN, '3']) {
      const protocols = new Proxy([], { get: (t, k, r) => k === 'length' ? length : Reflect.get(t, k, r) as unknown })
      expect(() => encodeIdentify({ protocols }), String(length)).toThrow(TypeError)
    }
  })
})

describe('outputs own their memory', () => {
  it('each encodeIdentify output has an ArrayBuffer of its own, of its own size', () => {
    const a = encodeIdentify({ protocols: ['/a'] })
    const b = encodeIdentify({ protocols: ['/b'] })
    expect(a.buffer).not.toBe(b.buffer)
    expect(a.buffer.byteLength).toBe(a.length)
    expect(a.byteOffset).toBe(0)
  })
})
