import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { announceAddrs, recordAddrs, filterLearnedAddrs, isLoopbackAddr, isPrivateAddr, isPublicAddr } from './announce.js'
import { multiaddrFromString, multiaddrToString } from '../multiaddr/index.js'
import { hex, vectorJson } from '../testing/vectors.js'

const ma = multiaddrFromString
const texts = (as: Uint8Array[]): string[] => as.map((a) => multiaddrToString(a))

describe('address scope predicates (go-multiaddr/net tests)', () => {
  // net_test.go TestIPLoopback. go's "/ip6/127.0.0.1" parses to the IPv4-mapped ::ffff:127.0.0.1, written so here.
  const loopback: Array<[string, boolean]> = [
    ['/ip4/127.0.0.1', true], ['/ip4/127.1.80.9', true], ['/ip4/112.123.11.1', false], ['/ip4/192.168.0.1/ip6/::1', false],
    ['/ip6/::1', true], ['/ip6/::ffff:127.0.0.1', true], ['/ip6/::ffff:127.99.3.2', true], ['/ip6/::fffa:7f63:302', false],
    ['/ip6zone/0/ip6/::1', true], ['/ip6zone/xxx/ip6/::1', true], ['/ip6zone/0/ip6/1::1', false],
    // ours: a DNS name is not an IP; a relay address counts by its first component; a zone must precede an ip6
    ['/dns4/localhost/tcp/1', false], ['/ip4/127.0.0.1/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit', true],
    ['/p2p-circuit/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', false], ['/ip6zone/0/ip4/127.0.0.1', false],
    ['/ip6zone/a/ip6zone/b/ip6/::1', false], ['/unix/tmp/x', false]
  ]
  for (const [t, want] of loopback) it(`isLoopbackAddr ${t} → ${String(want)}`, () => expect(isLoopbackAddr(ma(t))).toBe(want))

  // private_test.go TestIsPublicAddr: [addr, isPublic, isPrivate]
  const scope: Array<[string, boolean, boolean]> = [
    ['/ip4/192.168.1.1/tcp/80', false, true], ['/ip4/1.1.1.1/tcp/80', true, false], ['/tcp/80/ip4/1.1.1.1', false, false],
    ['/dns/node.libp2p.io/udp/1/quic-v1', true, false], ['/dnsaddr/node.libp2p.io/udp/1/quic-v1', true, false],
    ['/dns/node.libp2p.local/udp/1/quic-v1', false, false], ['/dns/localhost/udp/1/quic-v1', false, true],
    ['/dns/a.localhost/tcp/1', false, true], ['/ip6/2400::1/tcp/10', true, false], ['/ip6/2001:db8::42/tcp/10', false, false],
    ['/ip6/64:ff9b::101:101/tcp/10', true, false],
    // every range of private.go, one address inside and the edges
    ['/ip4/10.0.0.1', false, true], ['/ip4/100.64.0.1', false, true], ['/ip4/100.128.0.1', true, false], ['/ip4/172.16.0.1', false, true],
    ['/ip4/172.32.0.1', true, false], ['/ip4/169.254.1.1', false, true], ['/ip4/127.0.0.1', false, true], ['/ip4/0.1.2.3', false, false],
    ['/ip4/192.0.0.63', false, false], ['/ip4/192.0.0.64', true, false], ['/ip4/192.0.2.1', false, false], ['/ip4/192.88.99.1', false, false],
    ['/ip4/198.19.255.255', false, false], ['/ip4/198.51.100.1', false, false], ['/ip4/203.0.113.1', false, false], ['/ip4/224.0.0.1', false, false],
    ['/ip4/240.0.0.1', false, false], ['/ip4/255.255.255.255', false, false], ['/ip4/8.8.8.8', true, false],
    ['/ip6/::1', false, true], ['/ip6/fc00::1', false, true], ['/ip6/fdff::1', false, true], ['/ip6/fe80::1', false, true], ['/ip6/febf::1', false, true],
    ['/ip6/fec0::1', false, false], ['/ip6/ff02::1', false, false], ['/ip6/3fff::1', true, false], ['/ip6/4000::1', false, false], ['/ip6/::', false, false],
    ['/ip6/64:ff9b:1::1', true, false], ['/ip6/64:ff9b:2::1', false, false], ['/ip6/::ffff:10.0.0.1', false, false], ['/ip6/::ffff:8.8.8.8', false, false],
    ['/ip6zone/eth0/ip6/fe80::1/tcp/1', false, true], ['/ip6zone/a/ip6zone/b/ip6/2400::1', true, false], ['/ip6zone/a/ip4/10.0.0.1', false, true],
    ['/dns/printer.home.arpa', false, false], ['/dns4/x.test', false, false], ['/dns6/x.invalid', false, false], ['/dns/1.0.0.127.in-addr.arpa', false, false],
    ['/dns/x.ip6.arpa', false, false], ['/dns/local', false, false], ['/dns/localhost.example', true, false], ['/dns/LOCALHOST', true, false],
    ['/p2p-circuit', false, false], ['/memory/1', false, false]
  ]
  for (const [t, pub, priv] of scope) {
    it(`${t}: public ${String(pub)}, private ${String(priv)}`, () => {
      expect([isPublicAddr(ma(t)), isPrivateAddr(ma(t))]).toEqual([pub, priv])
    })
  }

  it('every address of vectors/oracles/address-scope.txt: the same verdicts as go-multiaddr/net (recorded answers)', () => {
    const go = vectorJson<{ cases: Array<{ addr: string, loopback?: boolean, private?: boolean, public?: boolean, error?: string }> }>('oracles/address-scope-go-libp2p.json')
    expect(go.cases.length).toBeGreaterThan(100)
    for (const c of go.cases) {
      expect(c.error).toBeUndefined()
      const b = ma(c.addr)
      expect([c.addr, isLoopbackAddr(b), isPrivateAddr(b), isPublicAddr(b)]).toEqual([c.addr, c.loopback, c.private, c.public])
    }
  })

  it('malformed bytes are neither loopback, private nor public, and never read out of range', () => {
    for (const h of ['', '04', '047f00', '2a', '2a05', '2a0161', '350a61', '80', 'ffffffffffffffffffff']) {
      const b = hex(h)
      expect([isLoopbackAddr(b), isPrivateAddr(b), isPublicAddr(b)]).toEqual([false, false, false])
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
      isLoopbackAddr(b); isPrivateAddr(b); isPublicAddr(b)
    }))
  })
})

describe('announceAddrs: go-libp2p createBaseIdentifyResponse', () => {
  const own = ['/ip4/127.0.0.1/tcp/1', '/ip6/::1/tcp/1', '/ip4/192.168.1.2/tcp/1', '/ip6/fe80::1/tcp/1', '/ip4/1.2.3.4/udp/1/quic-v1',
    '/dns4/localhost/tcp/1', '/ip4/5.6.7.8/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit',
    '/ip4/127.0.0.1/tcp/2/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit', '/p2p-circuit/webrtc']
  const noLoopback = own.filter((a) => !a.startsWith('/ip4/127.') && !a.startsWith('/ip6/::1/'))
  const table: Array<[string, string, string, string[]]> = [
    ['both public: loopback left out; private, link-local, localhost name and relay kept', '/ip4/1.2.3.4/tcp/1', '/ip4/5.6.7.8/tcp/9', noLoopback],
    ['remote loopback: everything', '/ip4/1.2.3.4/tcp/1', '/ip4/127.0.0.1/tcp/9', own],
    ['local loopback: everything', '/ip6/::1/tcp/1', '/ip4/5.6.7.8/tcp/9', own],
    ['local 0.0.0.0 (go: LocalMultiaddr is sometimes unspecified) and remote private: no loopback', '/ip4/0.0.0.0/tcp/1', '/ip4/192.168.1.3/tcp/9', noLoopback],
    ['remote IPv4-mapped loopback counts as loopback', '/ip4/1.2.3.4/tcp/1', '/ip6/::ffff:127.0.0.1/tcp/9', own],
    ['remote over a zone: ::1 with a zone is loopback', '/ip4/1.2.3.4/tcp/1', '/ip6zone/lo/ip6/::1/tcp/9', own],
    ['remote a relayed connection (/p2p-circuit first): not loopback', '/p2p-circuit', '/p2p-circuit', noLoopback]
  ]
  for (const [what, local, remote, want] of table) {
    it(what, () => expect(texts(announceAddrs(own.map(ma), ma(local), ma(remote)))).toEqual(want))
  }

  it('recordAddrs: all by default; publishNonPublic false (go NonPublicAddrPublishing(false)): public IP/DNS ones and those with no IP or DNS first', () => {
    expect(texts(recordAddrs(own.map(ma)))).toEqual(own)
    expect(texts(recordAddrs(own.map(ma), { publishNonPublic: true }))).toEqual(own)
    const got = texts(recordAddrs([...own, '/ip6zone/x/tcp/1', '/dns/example.com/tcp/1'].map(ma), { publishNonPublic: false }))
    expect(got).toEqual(['/ip4/1.2.3.4/udp/1/quic-v1', '/ip4/5.6.7.8/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit', '/p2p-circuit/webrtc', '/dns/example.com/tcp/1'])
  })

  it('keeps order and the caller\'s objects; returns a new array', () => {
    const addrs = own.map(ma)
    const got = announceAddrs(addrs, ma('/ip4/127.0.0.1/tcp/1'), ma('/ip4/1.2.3.4/tcp/1'))
    expect(got).not.toBe(addrs)
    got.forEach((a, i) => expect(a).toBe(addrs[i]))
  })

  it('caller mistakes throw TypeError', () => {
    const a = ma('/ip4/1.2.3.4/tcp/1')
    expect(() => announceAddrs('x' as never, a, a)).toThrow(TypeError)
    expect(() => announceAddrs([a, 'x' as never], a, a)).toThrow(TypeError)
    expect(() => announceAddrs([a], 'x' as never, a)).toThrow(TypeError)
    expect(() => recordAddrs([a], { publishNonPublic: 1 as never })).toThrow(TypeError)
    expect(() => recordAddrs(null as never)).toThrow(TypeError)
    expect(() => filterLearnedAddrs([a], null as never)).toThrow(TypeError)
  })
})

describe('filterLearnedAddrs: go-libp2p filterAddrs (id_glass_test.go TestIncomingAddrFilter)', () => {
  const lh = '/ip4/127.0.0.1/udp/123/quic-v1'
  const priv = '/ip4/192.168.1.101/tcp/123'
  const pub = '/ip6/2001::1/udp/123/quic-v1'
  const pubDns = '/dns/example.com/udp/123/quic-v1'
  const privDns = '/dns4/localhost/udp/123/quic-v1'
  const input = [lh, priv, pub, pubDns, privDns]
  const table: Array<[string, string[]]> = [
    [lh, [lh, priv, pub, pubDns, privDns]],
    [priv, [priv, pub, pubDns, privDns]],
    [pub, [pub, pubDns]],
    // neither loopback, private nor public (documentation prefix; relayed): no filtering
    ['/ip6/2001:db8::1/tcp/1', input],
    ['/p2p-circuit', input]
  ]
  for (const [remote, want] of table) {
    it(`remote ${remote}`, () => expect(texts(filterLearnedAddrs(input.map(ma), ma(remote)))).toEqual(want))
  }
})
