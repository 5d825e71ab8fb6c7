// Text form tests: go-multiaddr's TestStringToBytes/TestBytesToString/TestRoundTrip vectors (multiaddr_test.go),
// every recorded Identify address (printed by js-libp2p), RFC 5952 ip6 tables, per-protocol forms, errors with
// character indexes, and round-trip properties over generated valid addresses.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { multiaddrFromString, multiaddrToString } from './text.js'
import { validateMultiaddr } from './validate.js'
import { WireError } from '../errors.js'
import { expectWireError } from '../testing/expect-error.js'
import { hex, toHex, vectorFiles, vectorJson } from '../testing/vectors.js'

const GARLIC64 = 'jT~IyXaoauTni6N4517EG8mrFUKpy0IlgZh-EY9csMAk82Odatmzr~YTZy8Hv7u~wvkg75EFNOyqb~nAPg-khyp2TS~ObUz8WlqYAM2VlEzJ7wJB91P-cUlKF18zSzVoJFmsrcQHZCirSbWoOknS6iNmsGRh5KVZsBEfp1Dg3gwTipTRIx7Vl5Vy~1OSKQVjYiGZS9q8RL0MF~7xFiKxZDLbPxk0AK9TzGGqm~wMTI2HS0Gm4Ycy8LYPVmLvGonIBYndg2bJC7WLuF6tVjVquiokSVDKFwq70BCUU5AU-EvdOD5KEOAM7mPfw-gJUG4tm1TtvcobrObqoRnmhXPTBTN5H7qDD12AvlwFGnfAlBXjuP4xOUAISL5SRLiulrsMSiT4GcugSI80mF6sdB0zWRgL1yyvoVWeTBn1TqjO27alr95DGTluuSqrNAxgpQzCKEWAyzrQkBfo2avGAmmz2NaHaAvYbOg0QSJz1PLjv2jdPW~ofiQmrGWM1cd~1cCqAAAA'
const GARLIC64_HEX = 'be0383038d3fc8c976a86ae4e78ba378e75ec41bc9ab1542a9cb422581987e118f5cb0c024f3639d6ad9b3aff613672f07bfbbbfc2f920ef910534ecaa6ff9c03e0fa4872a764d2fce6d4cfc5a5a9800cd95944cc9ef0241f753fe71494a175f334b35682459acadc4076428ab49b5a83a49d2ea2366b06461e4a559b0111fa750e0de0c138a94d1231ed5979572ff53922905636221994bdabc44bd0c17fef11622b16432db3f193400af53cc61aa9bfc0c4c8d874b41a6e18732f0b60f5662ef1a89c80589dd8366c90bb58bb85ead56356aba2a244950ca170abbd01094539014f84bdd383e4a10e00cee63dfc3e809506e2d9b54edbdca1bace6eaa119e68573d30533791fba830f5d80be5c051a77c09415e3b8fe3139400848be5244b8ae96bb0c4a24f819cba0488f34985eac741d3359180bd72cafa1559e4c19f54ea8cedbb6a5afde4319396eb92aab340c60a50cc2284580cb3ad09017e8d9abc60269b3d8d687680bd86ce834412273d4f2e3bf68dd3d6fe87e2426ac658cd5c77fd5c0aa000000'

// go-multiaddr multiaddr_test.go TestStringToBytes / TestBytesToString (text, hex), both directions.
const GO_PAIRS: Array<[string, string]> = [
  ['/ip4/127.0.0.1/udp/1234', '047f000001910204d2'],
  ['/ip4/127.0.0.1/tcp/4321', '047f0000010610e1'],
  ['/ip4/127.0.0.1/udp/1234/ip4/127.0.0.1/tcp/4321', '047f000001910204d2047f0000010610e1'],
  ['/onion/aaimaq4ygg2iegci:80', 'bc030010c0439831b48218480050'],
  ['/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234', 'bd03adadec040be047f9658668b11a504f3155001f231a37f54c4476c07fb4cc139ed7e30304d2'],
  ['/garlic64/' + GARLIC64, GARLIC64_HEX],
  ['/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq', 'bf0320efbcd45d0c5dc79781ac6f20ea5055a036afb48d45a52e7d68ec7d4338919e69'],
  // go TestZone
  ['/ip6zone/eth0/ip6/::1', '2a046574683029' + '00000000000000000000000000000001']
]

// go-multiaddr TestRoundTrip (with /p2p/ for /ipfs/, as go prints since v0.3), plus ours.
const ROUND_TRIP = [
  '/unix/a/b/c/d',
  '/ip6/::ffff:127.0.0.1/tcp/111',
  '/ip4/127.0.0.1/tcp/123',
  '/ip4/127.0.0.1/udp/123/ip6/::',
  '/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP',
  '/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP/unix/a/b/c',
  '/ip4/1.2.3.4/udp/1234/quic-v1/webtransport/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g',
  '/dns4/example.com/tcp/443/wss/p2p-circuit',
  '/dnsaddr/bootstrap.libp2p.io',
  '/dns/bücher.example/tcp/80',
  '/dnsaddr/\ufeffexample.com', // a leading U+FEFF is data, not a BOM (the fuzz target found it dropped once)
  '/ip4/0.0.0.0/tcp/0',
  '/ip4/255.255.255.255/udp/65535',
  '/ip4/10.0.0.0/ipcidr/8',
  '/memory/0',
  '/memory/18446744073709551615',
  '/memory/4294967296',
  '/http-path/foo%2Fbar',
  '/http-path/a+b%25c~d_e.f-g',
  '/ip4/1.2.3.4/tcp/443/tls/sni/example.com/http/http-path/api%2Fv0',
  '/unix/%2Fnot-decoded/x%20y'
]

const sampleVectors = (): Array<{ text: string, hex: string }> => {
  const found: Array<{ text: string, hex: string }> = []
  for (const f of vectorFiles().filter((n) => n.startsWith('identify-') || n.startsWith('push-')).filter((n) => n.endsWith('.json'))) {
    const j = vectorJson<{ messages?: Array<{ decoded: { listenAddrs?: Array<{ hex: string, multiaddr: string }>, observedAddr?: { hex: string, multiaddr: string } | null } }> }>(f)
    for (const m of j.messages ?? []) {
      for (const a of m.decoded.listenAddrs ?? []) found.push({ text: a.multiaddr, hex: a.hex })
      const o = m.decoded.observedAddr
      if (o != null && o.hex !== '') found.push({ text: o.multiaddr, hex: o.hex })
    }
  }
  return found
}

describe('multiaddr text: known vectors', () => {
  it('go-multiaddr string ↔ bytes pairs', () => {
    for (const [text, h] of GO_PAIRS) {
      expect(toHex(multiaddrFromString(text))).toBe(h)
      expect(multiaddrToString(hex(h))).toBe(text)
    }
  })
  it('round-trips text exactly and produces valid bytes', () => {
    for (const text of ROUND_TRIP) {
      const b = multiaddrFromString(text)
      expect(validateMultiaddr(b).valid).toBe(true)
      expect(multiaddrToString(b)).toBe(text)
    }
  })
  it('every recorded Identify address prints as js-libp2p printed it and parses back to the same bytes', () => {
    const all = sampleVectors()
    expect(all.length).toBeGreaterThan(50)
    for (const { text, hex: h } of all) {
      expect(multiaddrToString(hex(h))).toBe(text)
      expect(toHex(multiaddrFromString(text))).toBe(h)
    }
  })
  it('prints subarray views without reading outside them', () => {
    const whole = hex('ff' + '047f0000010610e1' + '06')
    expect(multiaddrToString(whole.subarray(1, 9))).toBe('/ip4/127.0.0.1/tcp/4321')
  })
})

describe('multiaddr text: accepted input forms', () => {
  const same: Array<[string, string]> = [
    ['/ipfs/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP', '/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP'],
    // The same peer as a CIDv1 libp2p-key in base32 and base36 (go accepts any multibase CID with codec 0x72).
    // (CIDs computed with js multiformats' CID.createV1(0x72, …).toString() / toString(base36))
    ['/p2p/bafzbeigalb34xlqdtvyklzqa5ibmn6pssqsdskc4ty2e4jxy2kamquh22y', '/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP'],
    ['/ipfs/k2k4r8o7lk8af1kli86982rvpjqu0yp464jt6hc0m8qzbbb32vvtoi52', '/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP'],
    ['/p2p/k51qzi5uqu5dikv7tp5qj5psm9lzyr0x1fu7gfcs2dv7eet7f38wlxy654afas', '/p2p/12D3KooWGHipR9r2SwYctpzuHCwqQ7HYkv8YVzv3oQqcti7u3RLw'],
    ['/ip4/127.0.0.1/tcp/4001/', '/ip4/127.0.0.1/tcp/4001'],
    ['/ip4/127.0.0.1/tcp/04001', '/ip4/127.0.0.1/tcp/4001'],
    ['/ip6/0:0:0:0:0:0:0:1', '/ip6/::1'],
    ['/ip6/2001:DB8::1', '/ip6/2001:db8::1'],
    ['/ip6/::ffff:7f00:1', '/ip6/::ffff:127.0.0.1'],
    ['/ip6/::1.2.3.4', '/ip6/::102:304'],
    ['/onion/AAIMAQ4YGG2IEGCI:80', '/onion/aaimaq4ygg2iegci:80'],
    // (u- and b-forms computed with js multiformats' base64url/base32 encoders)
    ['/certhash/zQmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQFP', '/certhash/uEiDAWHfLrgOdcKXmAOoCxvnylCQ5KFyeNE4m-NKAyFD61g'],
    ['/certhash/bciqmawdxzoxahhlquxtab2qcy347ffbeheufzhrujytpruuazbipvvq', '/certhash/uEiDAWHfLrgOdcKXmAOoCxvnylCQ5KFyeNE4m-NKAyFD61g'],
    ['/http-path/a%20b', '/http-path/a+b'],
    ['/http-path/%c3%a9!', '/http-path/%C3%A9%21']
  ]
  it('normalises to the canonical text', () => {
    for (const [input, canonical] of same) {
      expect(multiaddrToString(multiaddrFromString(input))).toBe(canonical)
    }
  })
})

describe('multiaddr text: ip6 in RFC 5952 form', () => {
  // RFC 5952 §4 examples and edge cases (16-byte hex → text).
  const table: Array<[string, string]> = [
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'], // longest run first... both runs 2 → leftmost
    ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'], // §4.2.2: a single 0 is not compressed
    ['20010db8000000000001000000000000', '2001:db8:0:0:1::'], // the longer run wins
    ['20010db8000000000000000100000000', '2001:db8::1:0:0'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['00010000000000000000000000000000', '1::'],
    ['000100000000000000000000000000ff', '1::ff'],
    ['fe800000000000000202b3fffe1e8329', 'fe80::202:b3ff:fe1e:8329'],
    ['0001000200030004000500060007000a', '1:2:3:4:5:6:7:a'],
    ['00010000000200000003000000040000', '1:0:2:0:3:0:4:0'],
    ['00000000000000000000ffffc0000201', '::ffff:192.0.2.1'], // IPv4-mapped, as go prints
    ['0000000000000000000000000a000001', '::a00:1'],
    ['ABCDEF0000000000000000000000ABCD'.toLowerCase(), 'abcd:ef00::abcd']
  ]
  it('prints the canonical form and parses it back', () => {
    for (const [h, text] of table) {
      expect(multiaddrToString(hex('29' + h))).toBe('/ip6/' + text)
      expect(toHex(multiaddrFromString('/ip6/' + text))).toBe('29' + h)
    }
  })
  it('rejects malformed ip6 text at the value', () => {
    for (const bad of ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1::', '1:::2', '12345::', 'g::', '1:2:3:4:5:6:7:8::', '::1:', '::1.2.3', '::1.2.3.04', '1.2.3.4', '::ffff:1.2.3.4.5', 'fe80::1%eth0']) {
      expectWireError(() => multiaddrFromString('/ip6/' + bad), 'MULTIADDR_TEXT_INVALID', 5)
    }
  })
})

describe('multiaddr text: errors carry character indexes', () => {
  it('rejects wrong argument types with TypeError', () => {
    expect(() => multiaddrToString('/ip4/1.2.3.4' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => multiaddrFromString(new Uint8Array(1) as unknown as string)).toThrow(TypeError)
  })
  it('syntax', () => {
    expectWireError(() => multiaddrFromString(''), 'MULTIADDR_EMPTY', 0)
    expectWireError(() => multiaddrFromString('/'), 'MULTIADDR_EMPTY', 0)
    expectWireError(() => multiaddrFromString('ip4/1.2.3.4'), 'MULTIADDR_TEXT_INVALID', 0)
    expectWireError(() => multiaddrFromString('/ip4'), 'MULTIADDR_TEXT_INVALID', 4)
    expectWireError(() => multiaddrFromString('/ip4/1.2.3.4/tcp'), 'MULTIADDR_TEXT_INVALID', 16)
    expectWireError(() => multiaddrFromString('/ip4//tcp/1'), 'MULTIADDR_TEXT_INVALID', 5)
    expectWireError(() => multiaddrFromString('/ip4/1.2.3.4//tcp/1'), 'MULTIADDR_TEXT_INVALID', 13)
    expectWireError(() => multiaddrFromString('/unix'), 'MULTIADDR_TEXT_INVALID', 5)
  })
  it('unknown and unsized protocols', () => {
    expectWireError(() => multiaddrFromString('/ip4/1.2.3.4/tcpx/1'), 'MULTIADDR_UNKNOWN_PROTOCOL', 13)
    expectWireError(() => multiaddrFromString('/IP4/1.2.3.4'), 'MULTIADDR_UNKNOWN_PROTOCOL', 1)
    expectWireError(() => multiaddrFromString('/ip4/1.2.3.4/thread/x'), 'MULTIADDR_UNSIZED_PROTOCOL', 13)
  })
  it('values', () => {
    for (const [text, code, at] of [
      ['/ip4/256.0.0.1', 'MULTIADDR_TEXT_INVALID', 5],
      ['/ip4/01.2.3.4', 'MULTIADDR_TEXT_INVALID', 5],
      ['/ip4/1.2.3', 'MULTIADDR_TEXT_INVALID', 5],
      ['/ip4/1.2.3.4.5', 'MULTIADDR_TEXT_INVALID', 5],
      ['/ip4/1.2.3.4/tcp/65536', 'MULTIADDR_TEXT_INVALID', 17],
      ['/ip4/1.2.3.4/tcp/+80', 'MULTIADDR_TEXT_INVALID', 17],
      ['/ip4/1.2.3.4/tcp/8a', 'MULTIADDR_TEXT_INVALID', 18],
      ['/ip4/1.2.3.4/tcp/-1', 'MULTIADDR_TEXT_INVALID', 17],
      ['/ip4/1.2.3.4/ipcidr/33', 'MULTIADDR_INVALID_VALUE', 20], // ip4 prefix above 32: the validator's rule
      ['/ip4/1.2.3.4/ipcidr/256', 'MULTIADDR_TEXT_INVALID', 20],
      ['/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQF0', 'INVALID_BASE_ENCODING', 50],
      ['/p2p/QmbHVEEepCi7rn7VL7Exxpd2Ci9NNB6ifvqwhsrbRMgQF', 'MULTIADDR_INVALID_VALUE', 5], // digest 31 bytes
      ['/p2p/12D3', 'MULTIADDR_INVALID_VALUE', 5],
      ['/p2p/x', 'INVALID_BASE_ENCODING', 5],
      ['/p2p/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'MULTIADDR_INVALID_VALUE', 5], // dag-pb CID
      ['/certhash/u', 'MULTIADDR_EMPTY_VALUE', 10],
      ['/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8', 'INVALID_BASE_ENCODING', 55], // impossible length: last char
      ['/certhash/EiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g', 'INVALID_BASE_ENCODING', 10],
      ['/certhash/f1220c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6', 'INVALID_BASE_ENCODING', 10], // base16: not taken
      ['/onion/aaimaq4ygg2iegci:0', 'MULTIADDR_TEXT_INVALID', 24],
      ['/onion/aaimaq4ygg2iegci', 'MULTIADDR_TEXT_INVALID', 7],
      ['/onion/aaimaq4ygg2iegc1:80', 'INVALID_BASE_ENCODING', 22],
      ['/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoer', 'MULTIADDR_INVALID_VALUE', 10], // 30 bytes
      ['/garlic32/566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertz', 'INVALID_BASE_ENCODING', 59],
      ['/garlic64/' + GARLIC64.slice(0, -4) + 'AA==', 'MULTIADDR_INVALID_VALUE', 10], // 385 bytes: below 386
      ['/garlic64/' + GARLIC64.slice(0, -4) + 'AAA', 'INVALID_BASE_ENCODING', 10 + GARLIC64.length - 2], // padding missing
      ['/garlic64/' + GARLIC64.slice(0, -4) + 'AA=A', 'INVALID_BASE_ENCODING', 10 + GARLIC64.length - 2], // '=' inside
      ['/garlic64/' + GARLIC64 + 'AA=', 'INVALID_BASE_ENCODING', 10 + GARLIC64.length + 2], // wrong padding
      ['/memory/18446744073709551616', 'MULTIADDR_TEXT_INVALID', 8],
      ['/memory/1e3', 'MULTIADDR_TEXT_INVALID', 9],
      ['/http-path/a%2', 'MULTIADDR_TEXT_INVALID', 12],
      ['/http-path/%zz', 'MULTIADDR_TEXT_INVALID', 11],
      ['/dns/a\ud800b', 'MULTIADDR_TEXT_INVALID', 6],
      ['/unix/', 'MULTIADDR_TEXT_INVALID', 5], // trailing '/' trimmed as go does, then the value is missing
      ['/unix//', 'MULTIADDR_TEXT_INVALID', 5]
    ] as const) {
      let got: unknown
      try { multiaddrFromString(text) } catch (e) { got = e }
      expect([text, (got as WireError).code, (got as WireError).offset]).toEqual([text, code, at])
    }
  })
  it('bytes errors keep the byte offset of the validator', () => {
    expectWireError(() => multiaddrToString(new Uint8Array(0)), 'MULTIADDR_EMPTY', 0)
    expectWireError(() => multiaddrToString(hex('047f0000')), 'TRUNCATED', 1)
    expectWireError(() => multiaddrToString(hex('047f000001063f')), 'TRUNCATED', 6)
    expectWireError(() => multiaddrToString(hex('bc030010c0439831b48218480000')), 'MULTIADDR_INVALID_VALUE', 12)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Generated valid addresses: components built as bytes from the protocol rules, then both directions.

const u8 = (n: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ minLength: n, maxLength: n })
const varint = (v: number): number[] => {
  const r: number[] = []
  while (v >= 0x80) { r.push((v & 0x7f) | 0x80); v = Math.floor(v / 128) }
  r.push(v)
  return r
}
const comp = (code: number, value?: Uint8Array, prefixed = true): Uint8Array =>
  new Uint8Array([...varint(code), ...(value === undefined ? [] : [...(prefixed ? varint(value.length) : []), ...value])])
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

const nameChar = fc.constantFrom(...'abcxyz019-._:%+ éü€\ufeff'.split(''), '😀')
const dnsName = fc.string({ unit: nameChar, minLength: 1, maxLength: 12 }).map(utf8)
const noValue = fc.constantFrom(0x111 - 0x111 + 0x1cc, 0x1cd, 0x1dd, 0x1de, 0x122, 0x119, 0x118, 0x1c0, 0x1c6, 0x1d1, 0x1e0, 0x1bb, 0x12d, 0x12e, 0x706c61)
const component: fc.Arbitrary<Uint8Array> = fc.oneof(
  u8(4).map((v) => comp(0x04, v, false)),
  u8(16).map((v) => comp(0x29, v, false)),
  fc.constantFrom(...[...Array(16)].map((_, i) => i)).chain((k) => u8(16).map((v) => { // ip6 with zero runs
    const w = v.slice(); w.fill(0, k, Math.min(16, k + 2 * (k % 5))); return comp(0x29, w, false)
  })),
  u8(4).map((v) => comp(0x29, new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v]), false)),
  fc.tuple(fc.constantFrom(0x06, 0x111, 0x21, 0x84), u8(2)).map(([c, v]) => comp(c, v, false)),
  fc.tuple(fc.constantFrom(0x35, 0x36, 0x37, 0x38, 0x1c1, 0x2a), dnsName).map(([c, v]) => comp(c, v)),
  u8(32).map((d) => comp(0x1a5, new Uint8Array([0x12, 0x20, ...d]))),
  fc.uint8Array({ minLength: 1, maxLength: 42 }).map((d) => comp(0x1a5, new Uint8Array([0x00, d.length, ...d]))),
  u8(32).map((d) => comp(0x1d2, new Uint8Array([0x12, 0x20, ...d]))),
  fc.uint8Array({ minLength: 0, maxLength: 40 }).map((d) => comp(0x1d2, new Uint8Array([0x13, d.length, ...d]))),
  fc.tuple(u8(10), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => comp(0x1bc, new Uint8Array([...h, p >> 8, p & 255]), false)),
  fc.tuple(u8(35), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => comp(0x1bd, new Uint8Array([...h, p >> 8, p & 255]), false)),
  fc.uint8Array({ minLength: 386, maxLength: 400 }).map((v) => comp(0x1be, v)),
  fc.oneof(u8(32), fc.uint8Array({ minLength: 35, maxLength: 60 })).map((v) => comp(0x1bf, v)),
  u8(8).map((v) => comp(0x309, v, false)),
  fc.uint8Array({ minLength: 1, maxLength: 20 }).map((v) => comp(0x1e1, v)),
  noValue.map((c) => comp(c))
)
const unix = fc.string({ unit: nameChar, minLength: 1, maxLength: 12 }).filter((s) => !s.endsWith('/')).map((s) => comp(0x190, utf8('/' + s)))
const address = fc.tuple(fc.array(component, { minLength: 1, maxLength: 5 }), fc.option(unix, { nil: undefined }))
  .map(([parts, tail]) => {
    const all = tail === undefined ? parts : [...parts, tail]
    const r = new Uint8Array(all.reduce((n, p) => n + p.length, 0))
    let k = 0
    for (const p of all) { r.set(p, k); k += p.length }
    return r
  })

describe('multiaddr text: properties', () => {
  it('fromString(toString(b)) = b for every valid b, and toString is stable', () => {
    fc.assert(fc.property(address, (b) => {
      expect(validateMultiaddr(b).valid).toBe(true)
      const s = multiaddrToString(b)
      const back = multiaddrFromString(s)
      expect(toHex(back)).toBe(toHex(b))
      expect(multiaddrToString(back)).toBe(s)
    }), { numRuns: 400 })
  })
  it('toString throws only WireError, exactly when the validator rejects', () => {
    const mutated = address.chain((b) => fc.tuple(fc.nat(b.length - 1), fc.nat(255)).map(([at, v]) => { const c = b.slice(); c[at] = v; return c }))
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), address.map((b) => b.subarray(0, b.length - 1)), mutated), (b) => {
      const valid = validateMultiaddr(b).valid
      try {
        multiaddrToString(b)
        expect(valid).toBe(true)
      } catch (e) {
        expect(e).toBeInstanceOf(WireError)
        expect(valid).toBe(false)
        const r = validateMultiaddr(b)
        if (!r.valid) expect([(e as WireError).code, (e as WireError).offset]).toEqual([r.error.code, r.error.offset])
      }
    }), { numRuns: 1000 })
  })
  it('fromString on arbitrary text throws only WireError with an index inside the text, or returns valid bytes', () => {
    const unit = fc.constantFrom(...'/ip46tcpudp2p.:0123456789abfQmu%+-x'.split(''), '/ip4/', '/tcp/', '/ip6/', '/dns/', '/unix/', '/certhash/', '/p2p/', '::', '\ud800', 'é')
    fc.assert(fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
      try {
        const b = multiaddrFromString(s)
        expect(validateMultiaddr(b).valid).toBe(true)
      } catch (e) {
        expect(e).toBeInstanceOf(WireError)
        const at = (e as WireError).offset
        expect(at >= 0 && at <= s.length).toBe(true)
      }
    }), { numRuns: 600 })
  })
})

describe('multiaddr text: the parse buffer is sized at 3 bytes per character', () => {
  // multiaddrFromString allocates 3 × length up front and never grows it; typed-array writes past the end would be
  // dropped silently, so the densest texts must still come back whole. Byte counts are what each text must give.
  const dense: Array<[string, string, number]> = [
    ['ip6 ::', '/ip6/::', 17], // 7 characters → 17 bytes
    ['memory 0', '/memory/0', 10],
    ['ws', '/ws', 2],
    ['dns of three-byte characters', '/dns/' + '€'.repeat(50), 1 + 2 + 150],
    ['dns of surrogate pairs', '/dns/' + '😀'.repeat(50), 1 + 2 + 200],
    ['http-path of three-byte characters', '/http-path/' + '€'.repeat(50), 2 + 2 + 150]
  ]
  for (const [name, unit, size] of dense) {
    it(`${name}, repeated, parses whole and prints back`, () => {
      for (const n of [1, 2, 100, 1000]) { // 1000: past the 4 KB a previous call may leave behind
        const text = unit.repeat(n)
        const bytes = multiaddrFromString(text)
        expect(bytes.length).toBe(size * n)
        expect(bytes.length).toBeLessThanOrEqual(3 * text.length)
        expect(validateMultiaddr(bytes).valid).toBe(true)
        expect(multiaddrFromString(multiaddrToString(bytes))).toEqual(bytes)
      }
    })
  }
})
