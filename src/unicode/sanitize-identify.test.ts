// sanitizeIdentify: the three string fields sanitized, protocols one by one; other fields untouched and shared.
import { describe, it, expect } from 'vitest'
import { sanitizeIdentify } from './sanitize-identify.js'
import { decodeIdentify, type Identify } from '../identify/index.js'
import { vectorBytes } from '../testing/vectors.js'

const R = '\uFFFD'

describe('sanitizeIdentify', () => {
  it('sanitizes protocolVersion, agentVersion and each protocol, and leaves bytes fields alone', () => {
    const publicKey = new Uint8Array([8, 1, 0x1b])
    const listenAddrs = [new Uint8Array([4, 127, 0, 0, 1])]
    const msg = {
      protocolVersion: 'ipfs/0.1.0\u0000',
      agentVersion: 'evil\u001b[31m\u202e' + 'x'.repeat(200),
      protocols: ['/ipfs/id/1.0.0', '/a\u200bb', '🚀'.repeat(130)],
      publicKey,
      listenAddrs,
    }
    const out = sanitizeIdentify(msg)
    expect(out).toEqual({
      protocolVersion: 'ipfs/0.1.0' + R,
      agentVersion: `evil${R}[31m${R}` + 'x'.repeat(118), // 10 code points before the x's
      protocols: ['/ipfs/id/1.0.0', `/a${R}b`, '🚀'.repeat(128)],
      publicKey,
      listenAddrs,
    })
    expect(out.publicKey).toBe(publicKey)
    expect(out.listenAddrs).toBe(listenAddrs)
    expect(msg.protocols[1]).toBe('/a\u200bb') // the input is not modified
    expect(msg.protocolVersion).toBe('ipfs/0.1.0\u0000')
  })
  it('keeps absent fields absent and passes options through', () => {
    const out = sanitizeIdentify({ protocols: ['a\u2028b'] }, { replaceLineSeparators: true, maxCodePoints: 2 })
    expect(out).toEqual({ protocols: [`a${R}`] })
    expect('agentVersion' in out).toBe(false)
    expect('protocolVersion' in out).toBe(false)
  })
  it('throws TypeError for a field of the wrong type', () => {
    expect(() => sanitizeIdentify({ protocols: [1 as unknown as string] })).toThrow(TypeError)
    expect(() => sanitizeIdentify({ agentVersion: 5 as unknown as string, protocols: [] })).toThrow(TypeError)
  })
  it('takes a decoded Identify as it is: the utf8-agent vector comes back equal, bytes fields shared', () => {
    const frame = vectorBytes('identify-utf8-agent-ed25519')
    const body = frame.subarray(2) // length prefix fa 02 (378)
    expect(body.length).toBe(378)
    const msg: Identify = decodeIdentify(body)
    const out: Identify = sanitizeIdentify(msg)
    expect(out).toEqual(msg)
    expect(out.agentVersion).toBe('vector-recorder/0.1 (ünïcødé ✓; 测试; 🚀)')
    expect(out.publicKey).toBe(msg.publicKey)
    expect(out.signedPeerRecord).toBe(msg.signedPeerRecord)
    expect(out.listenAddrs).toBe(msg.listenAddrs)
    expect(out.protocols).not.toBe(msg.protocols)
  })
})
