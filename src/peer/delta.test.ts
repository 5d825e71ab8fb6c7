import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { decodeDelta, encodeDelta, deltaEncodedLength, deltaToUnknownField, deltaFromIdentify, applyDelta } from './delta.js'
import { decodeIdentify, encodeIdentify } from '../identify/index.js'
import { WireError } from '../errors.js'
import { hex, toHex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'

/** Lone surrogates to U+FFFD (what String.prototype.toWellFormed does; ES2024 is outside our lib). */
const wf = (s: string): string => new TextDecoder().decode(new TextEncoder().encode(s))

describe('Delta codec', () => {
  it('encodes field 1 then field 2 with minimal lengths', () => {
    const b = encodeDelta({ addedProtocols: ['/a'], rmProtocols: ['/b', ''] })
    expect(toHex(b)).toBe('0a022f61' + '12022f62' + '1200')
    expect(deltaEncodedLength({ addedProtocols: ['/a'], rmProtocols: ['/b', ''] })).toBe(b.length)
  })
  it('decodes interleaved fields, skips unknown ones', () => {
    const d = decodeDelta(hex('12022f62' + '0a022f61' + '1801' + '0a00'))
    expect(d).toEqual({ addedProtocols: ['/a', ''], rmProtocols: ['/b'] })
  })
  it('lenient UTF-8 by default, strict rejects with the byte offset', () => {
    expect(decodeDelta(hex('0a02c0af')).addedProtocols).toEqual(['\ufffd\ufffd'])
    expectWireError(() => decodeDelta(hex('0a02c0af'), { strict: true }), 'INVALID_UTF8', 2, 'delta.addedProtocols[0]')
    expectWireError(() => decodeDelta(hex('0801'), { strict: true }), 'WIRE_TYPE_MISMATCH', 0)
    expect(decodeDelta(hex('0801'))).toEqual({ addedProtocols: [], rmProtocols: [] })
  })
  it('errors', () => {
    expectWireError(() => decodeDelta(hex('0a05ab')), 'LENGTH_OUT_OF_BOUNDS', 1)
    expectWireError(() => decodeDelta(hex('0b')), 'WIRE_TYPE_GROUP', 0)
    expectWireError(() => decodeDelta(hex('0a00'.repeat(3)), { maxProtocols: 2 }), 'TOO_MANY_PROTOCOLS', 4, 'delta.addedProtocols[2]')
    expect(() => encodeDelta({ addedProtocols: [1 as never], rmProtocols: [] })).toThrow(TypeError)
    expect(() => decodeDelta(null as never)).toThrow(TypeError)
  })
  // Any Unicode text plus lone surrogates (fast-check's 'binary' unit is slow to generate: 4.5 s for 100 runs).
  const str = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('\ud800', '\udfff', 'a', '/', '\u{1f600}') }))
  it('round-trips (property)', () => {
    fc.assert(fc.property(fc.array(str), fc.array(str), (a, r) => {
      const d = decodeDelta(encodeDelta({ addedProtocols: a, rmProtocols: r }), { strict: true })
      expect(d.addedProtocols).toEqual(a.map(wf))
      expect(d.rmProtocols).toEqual(r.map(wf))
    }), { numRuns: 100 })
  })
  it('never throws anything but WireError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
      try { decodeDelta(b) } catch (e) { expect(e).toBeInstanceOf(WireError) }
    }), { numRuns: 200 })
  })
})

describe('Delta in Identify field 7', () => {
  const delta = { addedProtocols: ['/new/1.0.0'], rmProtocols: ['/old/1.0.0'] }
  it('rides as an unknown LEN field 7 and comes back; a VARINT field 7 is left alone', () => {
    const seqField = { field: 7, wireType: 0, bytes: hex('2a') } // specs PR #502 `sequence = 42`
    const msg = encodeIdentify({ protocols: ['/x'], unknownFields: [deltaToUnknownField(delta), seqField] })
    expect(toHex(msg).includes('3a')).toBe(true)
    const back = decodeIdentify(msg, { preserveUnknown: true })
    expect(deltaFromIdentify(back)).toEqual(delta)
    expect(back.unknownFields!.map((u) => [u.field, u.wireType])).toEqual([[7, 2], [7, 0]])
    expect(encodeIdentify(back)).toEqual(msg)
    const onlySeq = decodeIdentify(encodeIdentify({ unknownFields: [seqField] }), { preserveUnknown: true })
    expect(deltaFromIdentify(onlySeq)).toBeUndefined()
    expect(deltaFromIdentify(decodeIdentify(msg))).toBeUndefined()
  })
  it('several field-7 messages merge', () => {
    const m = encodeIdentify({ unknownFields: [deltaToUnknownField(delta), deltaToUnknownField({ addedProtocols: ['/b'], rmProtocols: [] })] })
    expect(deltaFromIdentify(decodeIdentify(m, { preserveUnknown: true }))).toEqual({ addedProtocols: ['/new/1.0.0', '/b'], rmProtocols: ['/old/1.0.0'] })
  })
  it('a malformed Delta inside field 7 is a WireError', () => {
    const m = { unknownFields: [{ field: 7, wireType: 2, bytes: hex('020a05') }] }
    expectWireError(() => deltaFromIdentify(m), 'LENGTH_OUT_OF_BOUNDS', 2)
  })
})

describe('applyDelta', () => {
  it('adds, then removes (go consumeDelta order), keeping order and dropping duplicates', () => {
    expect(applyDelta(['/a', '/b'], { addedProtocols: ['/c', '/a'], rmProtocols: ['/b'] })).toEqual(['/a', '/c'])
    expect(applyDelta(['/a'], { addedProtocols: ['/x'], rmProtocols: ['/x'] })).toEqual(['/a'])
    const p = ['/a']
    applyDelta(p, { addedProtocols: ['/b'], rmProtocols: [] })
    expect(p).toEqual(['/a'])
  })
})

describe('Delta limits and options', () => {
  /** A field-7 occurrence holding `n` empty added protocols. */
  const occurrence = (n: number): { field: number, wireType: number, bytes: Uint8Array } => deltaToUnknownField({ addedProtocols: new Array<string>(n).fill(''), rmProtocols: [] })
  it('maxProtocols holds for all field-7 occurrences merged, not each one (4000 in one 8 KB message)', () => {
    const unknownFields = [occurrence(1000), occurrence(1000), occurrence(1000), occurrence(1000)]
    const body = encodeIdentify({ unknownFields })
    expect(body.length).toBeLessThanOrEqual(8200)
    const m = decodeIdentify(body, { preserveUnknown: true })
    // the 1025th protocol is the 25th of the second occurrence: offset after its 2-byte length prefix and 24 entries
    expectWireError(() => deltaFromIdentify(m), 'TOO_MANY_PROTOCOLS', 2 + 24 * 2, 'delta.addedProtocols[1024]')
    expect(deltaFromIdentify(m, { maxProtocols: 4000 })!.addedProtocols).toHaveLength(4000)
    expectWireError(() => deltaFromIdentify(m, { maxProtocols: 3999 }), 'TOO_MANY_PROTOCOLS')
  })
  it('large merged Deltas: no arguments spread (no RangeError from the call stack)', () => {
    const m = { unknownFields: [occurrence(300_000), occurrence(300_000)] }
    expect(deltaFromIdentify(m, { maxProtocols: Infinity })!.addedProtocols).toHaveLength(600_000)
  })
  it('invalid options are TypeErrors (NaN included), in decodeDelta and deltaFromIdentify', () => {
    const m = { unknownFields: [occurrence(1)] }
    for (const options of [{ maxProtocols: NaN }, { maxProtocols: -1 }, { maxProtocols: 1.5 }, { maxProtocols: '3' }, { maxProtocols: null }, { strict: 'yes' }, 'x', null]) {
      expect(() => decodeDelta(hex('0a00'), options as never), JSON.stringify(options)).toThrow(TypeError)
      expect(() => deltaFromIdentify(m, options as never), JSON.stringify(options)).toThrow(TypeError)
    }
    expect(decodeDelta(hex('0a00'), { maxProtocols: Infinity, strict: false }).addedProtocols).toEqual([''])
    expect(decodeDelta(hex('0a00'), { maxProtocols: 1 }).addedProtocols).toEqual([''])
    expect(decodeDelta(hex('0a00'), {}).addedProtocols).toEqual([''])
  })
  it('encoders read each list and entry once; malformed entries are TypeErrors naming them', () => {
    let reads = 0
    let k = 0
    const addedProtocols = new Proxy(['/a', '/b'], { get: (t, p, r) => { if (p === '0') { reads++; return k++ === 0 ? '/a' : 'x'.repeat(500) } return Reflect.get(t, p, r) as unknown } })
    expect(decodeDelta(encodeDelta({ addedProtocols, rmProtocols: [] }))).toEqual({ addedProtocols: ['/a', '/b'], rmProtocols: [] })
    expect(reads).toBe(1)
    for (const [path, d] of [['addedProtocols[1]', { addedProtocols: ['/a', null], rmProtocols: [] }], ['rmProtocols', { addedProtocols: [], rmProtocols: '/a' }]] as const) {
      for (const f of [encodeDelta, deltaEncodedLength, deltaToUnknownField] as Array<(d: never) => unknown>) {
        expect(() => f(d as never)).toThrow(TypeError)
        expect(() => f(d as never)).toThrow(path)
      }
    }
    expect(() => applyDelta(['/a', 1 as never], { addedProtocols: [], rmProtocols: [] })).toThrow('protocols[1]')
  })
})
