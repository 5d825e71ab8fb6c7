import { describe, expect, it } from 'vitest'
import { SIZE_VAR, allProtocols, protocolByCode, protocolByName, unsizedProtocol } from './table.js'

describe('multiaddr protocol table', () => {
  it('has the codes and sizes go-multiaddr uses', () => {
    const cases: Array<[string, number, number, boolean]> = [
      ['ip4', 0x04, 32, false], ['tcp', 0x06, 16, false], ['dccp', 0x21, 16, false], ['ip6', 0x29, 128, false],
      ['ip6zone', 0x2a, SIZE_VAR, false], ['ipcidr', 0x2b, 8, false], ['dns', 0x35, SIZE_VAR, false],
      ['dns4', 0x36, SIZE_VAR, false], ['dns6', 0x37, SIZE_VAR, false], ['dnsaddr', 0x38, SIZE_VAR, false],
      ['sctp', 0x84, 16, false], ['udp', 0x111, 16, false], ['webrtc-direct', 0x118, 0, false],
      ['webrtc', 0x119, 0, false], ['p2p-circuit', 0x122, 0, false], ['unix', 0x190, SIZE_VAR, true],
      ['p2p', 0x1a5, SIZE_VAR, false], ['https', 0x1bb, 0, false], ['onion', 0x1bc, 96, false],
      ['onion3', 0x1bd, 296, false], ['garlic64', 0x1be, SIZE_VAR, false], ['garlic32', 0x1bf, SIZE_VAR, false],
      ['tls', 0x1c0, 0, false], ['sni', 0x1c1, SIZE_VAR, false], ['noise', 0x1c6, 0, false], ['quic', 0x1cc, 0, false],
      ['quic-v1', 0x1cd, 0, false], ['webtransport', 0x1d1, 0, false], ['certhash', 0x1d2, SIZE_VAR, false],
      ['ws', 0x1dd, 0, false], ['wss', 0x1de, 0, false], ['http', 0x1e0, 0, false],
      ['http-path', 0x1e1, SIZE_VAR, false], ['memory', 0x309, 64, false], ['plaintextv2', 0x706c61, 0, false]
    ]
    for (const [name, code, size, path] of cases) {
      const p = protocolByCode(code)
      expect(p).toMatchObject({ name, code, size, path })
      expect(protocolByName(name)).toBe(p)
    }
  })

  it('maps the alias ipfs to p2p and never names p2p ipfs', () => {
    expect(protocolByName('ipfs')).toBe(protocolByCode(0x1a5))
    expect(protocolByCode(0x1a5)?.name).toBe('p2p')
  })

  it('keeps unsized protocols out of the usable table but knows them', () => {
    for (const [name, code] of [['thread', 0x196], ['shs', 0x1c8], ['silverpine', 0x3f42], ['scion', 0xd02000]] as const) {
      expect(protocolByCode(code)).toBeUndefined()
      expect(protocolByName(name)).toBeUndefined()
      expect(unsizedProtocol(code)).toEqual({ code, name })
      expect(unsizedProtocol(name)).toEqual({ code, name })
    }
    expect(unsizedProtocol(4)).toBeUndefined()
  })

  it('has unique codes and names, fixed sizes in whole bytes', () => {
    const all = allProtocols()
    expect(new Set(all.map(p => p.code)).size).toBe(all.length)
    expect(new Set(all.map(p => p.name)).size).toBe(all.length)
    for (const p of all) expect(p.size === SIZE_VAR || p.size % 8 === 0).toBe(true)
    expect(protocolByCode(0x99)).toBeUndefined()
    expect(protocolByName('toString')).toBeUndefined()
  })
})
