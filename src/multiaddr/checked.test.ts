import { describe, expect, it } from 'vitest'
import { WireError } from '../errors.js'
import { hex, vectorBytes, vectorJson, vectorNames } from '../testing/vectors.js'
import { checkIdentifyAddrs } from './checked.js'
import { decodeIdentifyRange } from '../identify/message.js'

const tcp4 = hex('047f0000010610e1')

describe('checkIdentifyAddrs', () => {
  it('keeps good addresses, reports bad ones with path and offset, skips empty ones', () => {
    const r = checkIdentifyAddrs({
      listenAddrs: [tcp4, new Uint8Array(0), hex('047f0000'), hex('9603'), tcp4],
      observedAddr: hex('3500')
    })
    expect(r.skipped).toEqual([1])
    expect(r.listenAddrs.map(a => [a.index, a.ok])).toEqual([[0, true], [2, false], [3, false], [4, true]])
    const [a0, a2, a3] = r.listenAddrs
    if (a0?.ok !== true) throw new Error('a0')
    expect(a0.components.map(c => c.name)).toEqual(['ip4', 'tcp'])
    expect(a0.text).toBe('/ip4/127.0.0.1/tcp/4321')
    expect(a0.bytes).toBe(tcp4)
    if (a2?.ok !== false || a3?.ok !== false) throw new Error('a2/a3')
    expect(a2.error).toBeInstanceOf(WireError)
    expect([a2.error.code, a2.error.offset, a2.error.path]).toEqual(['TRUNCATED', 1, 'listenAddrs[2]'])
    expect([a3.error.code, a3.error.offset, a3.error.path]).toEqual(['MULTIADDR_UNSIZED_PROTOCOL', 0, 'listenAddrs[3]'])
    const o = r.observedAddr
    if (o?.ok !== false) throw new Error('observed')
    expect([o.error.code, o.error.offset, o.error.path]).toEqual(['MULTIADDR_EMPTY_VALUE', 1, 'observedAddr'])
  })

  it('treats an empty or missing observedAddr as absent', () => {
    expect(checkIdentifyAddrs({ listenAddrs: [], observedAddr: new Uint8Array(0) })).toEqual({ listenAddrs: [], skipped: [] })
    expect(checkIdentifyAddrs({})).toEqual({ listenAddrs: [], skipped: [] })
    expect('observedAddr' in checkIdentifyAddrs({ listenAddrs: [tcp4] })).toBe(false)
  })

  it('validates observedAddr and gives it index 0', () => {
    const r = checkIdentifyAddrs({ listenAddrs: [], observedAddr: tcp4 })
    expect(r.observedAddr).toMatchObject({ index: 0, ok: true, text: '/ip4/127.0.0.1/tcp/4321' })
  })

  it('throws TypeError for wrong argument types only', () => {
    expect(() => checkIdentifyAddrs(null as never)).toThrow(TypeError)
    expect(() => checkIdentifyAddrs({ listenAddrs: ['x' as never] })).toThrow(TypeError)
    expect(() => checkIdentifyAddrs({ observedAddr: [4] as never })).toThrow(TypeError)
  })

  it('takes decodeIdentify output: every recorded js-libp2p frame checks clean', () => {
    let seen = 0
    for (const name of vectorNames()) {
      const bin = vectorBytes(name)
      for (const m of vectorJson(`${name}.json`).messages ?? []) {
        if (m.truncated === true) continue
        const start = m.offset + m.lengthPrefixBytes
        const r = checkIdentifyAddrs(decodeIdentifyRange(bin, start, start + m.bodyLength))
        for (const a of r.listenAddrs) expect(a.ok).toBe(true)
        expect(r.observedAddr?.ok).toBe(m.decoded?.observedAddr === undefined ? undefined : true)
        seen += r.listenAddrs.length
      }
    }
    expect(seen).toBeGreaterThan(20)
  })

  it('accepts every address of the recorded js-libp2p vectors (JSON copies)', () => {
    let seen = 0
    for (const name of vectorNames()) {
      expect(vectorBytes(name).length).toBeGreaterThan(0)
      for (const m of vectorJson(`${name}.json`).messages ?? []) {
        const d = m.decoded ?? {}
        const r = checkIdentifyAddrs({
          listenAddrs: (d.listenAddrs ?? []).map((a: { hex: string }) => hex(a.hex)),
          ...(d.observedAddr?.hex !== undefined ? { observedAddr: hex(d.observedAddr.hex) } : {})
        })
        r.listenAddrs.forEach((a, i) => expect(a).toMatchObject({ ok: true, text: d.listenAddrs[i].multiaddr }))
        if (d.observedAddr?.hex !== undefined) expect(r.observedAddr).toMatchObject({ ok: true, text: d.observedAddr.multiaddr })
        expect(r.skipped).toEqual([])
        seen += r.listenAddrs.length
      }
    }
    expect(seen).toBeGreaterThan(20)
  })
})
