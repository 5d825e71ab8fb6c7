// mergeIdentify (Identify-push) against the recorded push vectors, and mergeIdentifyFrames / de-duplication rules.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { mergeIdentify, mergeIdentifyFrames, dedupBytes, dedupStrings } from './merge.js'
import { decodeIdentify, type Identify } from './message.js'
import { decodeIdentifyStream } from './framing.js'
import { vectorBytes, vectorJson, hex } from '../testing/vectors.js'

const decoded = (name: string): Identify => decodeIdentifyStream(vectorBytes(name))

/** Deep copy (bytes copied), to prove inputs are left as they were. */
function snapshot (m: Identify): Identify {
  const out = { ...m, listenAddrs: m.listenAddrs.map((a) => a.slice()), protocols: m.protocols.slice() }
  for (const k of ['publicKey', 'observedAddr', 'signedPeerRecord'] as const) {
    const v = m[k]
    if (v !== undefined) out[k] = v.slice()
  }
  return out
}

describe('mergeIdentify: recorded pushes onto an identify response', () => {
  const base = decoded('identify-minimal-ed25519')
  it('push-new-protocol: protocols, listenAddrs, versions and record replaced; publicKey and observedAddr kept', () => {
    const push = decoded('push-new-protocol-ed25519')
    expect(push.publicKey).toBeUndefined()
    expect(push.observedAddr).toBeUndefined()
    const before = snapshot(base)
    const pushBefore = snapshot(push)
    const m = mergeIdentify(base, push)
    expect(m.protocols).toEqual(vectorJson('push-new-protocol-ed25519.json').messages[0].decoded.protocols)
    expect(m.protocols).toContain('/vector/new-protocol/1.0.0')
    expect(m.listenAddrs).toEqual(push.listenAddrs)
    expect(m.signedPeerRecord).toEqual(push.signedPeerRecord)
    expect(m.agentVersion).toBe(push.agentVersion)
    expect(m.protocolVersion).toBe(push.protocolVersion)
    expect(m.publicKey).toEqual(base.publicKey)
    expect(m.observedAddr).toEqual(base.observedAddr)
    expect(m.publicKey).toBeDefined()
    // pure
    expect(base).toEqual(before)
    expect(push).toEqual(pushBefore)
    expect(m).not.toBe(base)
    expect(m.protocols).not.toBe(push.protocols)
    expect(m.listenAddrs).not.toBe(push.listenAddrs)
  })
  it('push-new-listen-addr: two addresses replace one; the js reader D applied pushes the same way', () => {
    const push = decoded('push-new-listen-addr-ed25519')
    const m = mergeIdentify(base, push)
    expect(base.listenAddrs).toHaveLength(1)
    expect(m.listenAddrs).toHaveLength(2)
    expect(m.listenAddrs).toEqual(push.listenAddrs)
    expect(m.publicKey).toEqual(base.publicKey)
    // what js-libp2p's node D ended with after the protocol push
    const j = vectorJson('push-new-protocol-ed25519.json').jsLibp2pPushReader
    expect(mergeIdentify(base, decoded('push-new-protocol-ed25519')).protocols).toEqual(j.dPeerStoreProtocolsForAAfterTrigger)
  })
  it('pushes apply in order: a later push wins field by field', () => {
    const p1 = decoded('push-new-listen-addr-ed25519')
    const p2 = decoded('push-new-protocol-ed25519')
    const m = mergeIdentify(mergeIdentify(base, p1), p2)
    expect(m.listenAddrs).toEqual(p2.listenAddrs)
    expect(m.protocols).toEqual(p2.protocols)
  })
})

describe('mergeIdentify: field rules', () => {
  const current: Identify = {
    protocolVersion: 'p', agentVersion: 'a', publicKey: hex('01'), observedAddr: hex('02'), signedPeerRecord: hex('03'),
    listenAddrs: [hex('04')], protocols: ['/x'], unknownFields: [{ field: 7, wireType: 0, bytes: hex('01') }]
  }
  it('an empty update changes nothing (but returns a new object)', () => {
    const m = mergeIdentify(current, { listenAddrs: [], protocols: [] })
    expect(m).toEqual(current)
    expect(m).not.toBe(current)
    expect(m.unknownFields).not.toBe(current.unknownFields)
  })
  it('present-but-empty singular values replace; an empty list cannot clear (proto2: empty = absent)', () => {
    const m = mergeIdentify(current, { protocolVersion: '', observedAddr: new Uint8Array(0), listenAddrs: [], protocols: [] })
    expect(m.protocolVersion).toBe('')
    expect(m.observedAddr).toEqual(new Uint8Array(0))
    expect(m.listenAddrs).toEqual([hex('04')])
    expect(m.protocols).toEqual(['/x'])
  })
  it('non-empty lists replace whole, not append', () => {
    const m = mergeIdentify(current, { listenAddrs: [hex('05'), hex('06')], protocols: ['/y'], unknownFields: [{ field: 9, wireType: 0, bytes: hex('00') }] })
    expect(m.listenAddrs).toEqual([hex('05'), hex('06')])
    expect(m.protocols).toEqual(['/y'])
    expect(m.unknownFields).toEqual([{ field: 9, wireType: 0, bytes: hex('00') }])
  })
  it('absent fields stay absent (no undefined-valued keys)', () => {
    const m = mergeIdentify({ listenAddrs: [], protocols: [] }, { listenAddrs: [], protocols: ['/a'] })
    expect(Object.keys(m).sort()).toEqual(['listenAddrs', 'protocols'])
  })
  it('nothing known yet (current undefined): the update\'s fields, in new arrays', () => {
    const push: Identify = { listenAddrs: [hex('04')], protocols: ['/a'], agentVersion: 'x' }
    const m = mergeIdentify(undefined, push)
    expect(m).toEqual(push)
    expect(m.protocols).not.toBe(push.protocols)
    expect(mergeIdentify(undefined, { listenAddrs: [], protocols: [] })).toEqual({ listenAddrs: [], protocols: [] })
  })
  it('wrong argument types are TypeErrors', () => {
    expect(() => mergeIdentify(null as unknown as Identify, current)).toThrow(TypeError)
    expect(() => mergeIdentify(current, 'x' as unknown as Identify)).toThrow(TypeError)
    expect(() => mergeIdentifyFrames({} as unknown as Identify[])).toThrow(TypeError)
  })
  it('property: the result takes each field from the update when present/non-empty, else from current', () => {
    const msg = fc.record({
      protocolVersion: fc.string({ maxLength: 3 }),
      agentVersion: fc.string({ maxLength: 3 }),
      publicKey: fc.uint8Array({ maxLength: 3 }),
      listenAddrs: fc.array(fc.uint8Array({ maxLength: 3 }), { maxLength: 3 }),
      protocols: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })
    }, { requiredKeys: ['listenAddrs', 'protocols'] })
    fc.assert(fc.property(msg, msg, (c, u) => {
      const m = mergeIdentify(c, u)
      expect(m.protocolVersion).toEqual(u.protocolVersion ?? c.protocolVersion)
      expect(m.agentVersion).toEqual(u.agentVersion ?? c.agentVersion)
      expect(m.publicKey).toEqual(u.publicKey ?? c.publicKey)
      expect(m.listenAddrs).toEqual(u.listenAddrs.length > 0 ? u.listenAddrs : c.listenAddrs)
      expect(m.protocols).toEqual(u.protocols.length > 0 ? u.protocols : c.protocols)
      // merging the same update twice changes nothing more
      expect(mergeIdentify(m, u)).toEqual(m)
    }), { numRuns: 100 })
  })
})

describe('mergeIdentifyFrames and de-duplication', () => {
  it('no frames: an empty message', () => {
    expect(mergeIdentifyFrames([])).toEqual({ listenAddrs: [], protocols: [] })
  })
  it('frames are not modified, the result shares no array with them', () => {
    const f1: Identify = { listenAddrs: [hex('01')], protocols: ['/a', '/a'] }
    const f2: Identify = { listenAddrs: [hex('01')], protocols: ['/b'], agentVersion: 'x' }
    const m = mergeIdentifyFrames([f1, f2])
    expect(m).toEqual({ listenAddrs: [hex('01')], protocols: ['/a', '/b'], agentVersion: 'x' })
    expect(f1.protocols).toEqual(['/a', '/a'])
    expect(m.protocols).not.toBe(f1.protocols)
    const one = mergeIdentifyFrames([f1])
    expect(one.listenAddrs).not.toBe(f1.listenAddrs)
    expect(one.protocols).toEqual(['/a', '/a']) // one frame: as decoded, repeats kept
  })
  it('adjacent, distant and many duplicates (both the small and the hashed path)', () => {
    const a = hex('0401'); const b = hex('0402'); const c = hex('040102')
    expect(dedupBytes([a, a.slice()])).toEqual([a])
    expect(dedupBytes([a, b, a, c, b, hex('')])).toEqual([a, b, c, hex('')])
    expect(dedupBytes([hex(''), hex('')])).toEqual([hex('')])
    expect(dedupStrings(['x', 'x'])).toEqual(['x'])
    expect(dedupStrings(['x', 'y', 'x', 'z', 'y'])).toEqual(['x', 'y', 'z'])
    const many = Array.from({ length: 300 }, (_, i) => Uint8Array.of(i % 97, i % 2))
    const expected = Array.from({ length: 194 }, (_, i) => Uint8Array.of(i % 97, i % 2))
    expect(dedupBytes(many)).toEqual(expected)
  })
  it('property: de-duplication keeps first occurrences in order, for bytes and strings', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 2 }), { maxLength: 150 }), (list) => {
      const keys = list.map((x) => Array.from(x).join(','))
      const want = list.filter((_, i) => keys.indexOf(keys[i]!) === i)
      expect(dedupBytes(list)).toEqual(want)
      expect(dedupStrings(keys)).toEqual(keys.filter((k, i) => keys.indexOf(k) === i))
    }), { numRuns: 100 })
  })
  it('decodeIdentify of one body vs the stream: equal when the body has no duplicates', () => {
    const b = vectorBytes('identify-rich-ed25519')
    expect(decodeIdentifyStream(b)).toEqual(decodeIdentify(b.subarray(2)))
  })
})
