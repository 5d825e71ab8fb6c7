import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { WireError, type WireErrorCode } from '../errors.js'
import { hex, toHex, vectorJson, vectorNames } from '../testing/vectors.js'
import { writeVarint } from '../wire/varint.js'
import { isValidMultiaddr, validateMultiaddr, validateRange, multiaddrError } from './validate.js'
import { validMultiaddrHex } from '../testing/multiaddr-arbitrary.js'

const rep = (byte: string, n: number): string => byte.repeat(n)
const pk32 = rep('ab', 32)
const ED25519_PEER = '002408011220' + pk32 // identity multihash of a protobuf ed25519 key (36 bytes)

function varint (n: number): string {
  const b = new Uint8Array(10)
  return toHex(b.subarray(0, writeVarint(b, 0, n)))
}
/** A length-prefixed value as hex. */
function lp (valueHex: string): string { return varint(valueHex.length / 2) + valueHex }
function utf8 (s: string): string { return toHex(new TextEncoder().encode(s)) }

function expectInvalid (h: string, code: WireErrorCode, offset: number): void {
  const r = validateMultiaddr(hex(h))
  if (r.valid) throw new Error(`expected ${code} at ${offset}, got valid for ${h}`)
  expect(r.error).toBeInstanceOf(WireError)
  expect([r.error.code, r.error.offset]).toEqual([code, offset])
  expect(isValidMultiaddr(hex(h))).toBe(false)
}
function expectValid (h: string, names?: string[]): void {
  const r = validateMultiaddr(hex(h))
  if (!r.valid) throw new Error(`expected valid, got ${r.error.code} at ${r.error.offset} for ${h}`)
  if (names !== undefined) expect(r.components.map(c => c.name)).toEqual(names)
  expect(isValidMultiaddr(hex(h))).toBe(true)
}

/** Every listen and observed address of the recorded js-libp2p Identify vectors (hex). */
function recordedAddrs (): string[] {
  const out = new Set<string>()
  for (const name of vectorNames()) {
    const j = vectorJson(`${name}.json`)
    for (const m of j.messages ?? []) {
      for (const a of m.decoded?.listenAddrs ?? []) out.add(a.hex)
      if (m.decoded?.observedAddr?.hex !== undefined) out.add(m.decoded.observedAddr.hex)
    }
  }
  return [...out]
}

describe('validateMultiaddr: framing', () => {
  it('reports components with code, canonical name and absolute offsets', () => {
    const r = validateMultiaddr(hex('047f000001910204d2' + 'a503' + lp('1220' + pk32)))
    expect(r.valid).toBe(true)
    if (!r.valid) return
    expect(r.components).toEqual([
      { code: 4, name: 'ip4', offset: 0, valueOffset: 1, valueLength: 4 },
      { code: 0x111, name: 'udp', offset: 5, valueOffset: 7, valueLength: 2 },
      { code: 0x1a5, name: 'p2p', offset: 9, valueOffset: 12, valueLength: 34 }
    ])
  })

  it('accepts value-less protocols and every fixed size of the table', () => {
    expectValid('047f0000010610e1dd03', ['ip4', 'tcp', 'ws'])
    expectValid(varint(0x706c61), ['plaintextv2'])
    expectValid('8906' + '0000000000000004', ['memory'])
    expectValid('29' + rep('00', 15) + '01' + '2b80', ['ip6', 'ipcidr'])
    expectValid('2a04' + utf8('eth0') + '29' + rep('00', 15) + '01', ['ip6zone', 'ip6']) // go TestZone
    expectValid('372a' + rep('30', 42), ['dns6']) // go TestDNS: "7*000..."
  })

  const framing: Array<[string, string, WireErrorCode, number]> = [
    ['empty', '', 'MULTIADDR_EMPTY', 0],
    ['unknown code', '63', 'MULTIADDR_UNKNOWN_PROTOCOL', 0],
    ['unknown code after a valid component', '047f000001' + '00', 'MULTIADDR_UNKNOWN_PROTOCOL', 5],
    ['thread has no size', '9603' + '0101', 'MULTIADDR_UNSIZED_PROTOCOL', 0],
    ['shs has no size', 'c803', 'MULTIADDR_UNSIZED_PROTOCOL', 0],
    ['scion has no size', varint(0xd02000), 'MULTIADDR_UNSIZED_PROTOCOL', 0],
    ['code 2^31', '8080808008', 'MULTIADDR_CODE_TOO_LARGE', 0],
    ['code 2^31-1 is merely unknown', 'ffffffff07', 'MULTIADDR_UNKNOWN_PROTOCOL', 0],
    ['code varint of 9 bytes', 'ffffffffffffffff7f', 'MULTIADDR_CODE_TOO_LARGE', 0],
    ['code varint of 10 bytes', 'ffffffffffffffffff01', 'VARINT_OVERFLOW', 0],
    ['non-minimal code 0', '8000', 'VARINT_NON_MINIMAL', 0],
    ['non-minimal code 4', '8400' + '7f000001', 'VARINT_NON_MINIMAL', 0],
    ['non-minimal code after a component', '0610e1' + '8480' + '00', 'VARINT_NON_MINIMAL', 3],
    ['truncated code varint', '047f000001' + 'a5', 'TRUNCATED', 5],
    ['truncated ip4', '047f0000', 'TRUNCATED', 1],
    ['truncated tcp', '0600', 'TRUNCATED', 1],
    ['truncated second component', '047f000001' + '0604', 'TRUNCATED', 6],
    ['ip6 of 15 bytes', '29' + rep('00', 15), 'TRUNCATED', 1],
    ['truncated length varint', '35', 'TRUNCATED', 1],
    ['truncated length varint (continuation)', '3580', 'TRUNCATED', 1],
    ['non-minimal length', '358300' + '616263', 'VARINT_NON_MINIMAL', 1],
    ['length varint of 10 bytes', '35ffffffffffffffffff01', 'VARINT_OVERFLOW', 1],
    ['huge length', '35ffffffffffffffff7f', 'LENGTH_OUT_OF_BOUNDS', 1],
    ['length beyond input', '350561', 'LENGTH_OUT_OF_BOUNDS', 1],
    ['zero-length dns', '3500', 'MULTIADDR_EMPTY_VALUE', 1],
    ['zero-length http-path', 'e10300', 'MULTIADDR_EMPTY_VALUE', 2],
    ['zero-length p2p', '047f000001' + 'a50300', 'MULTIADDR_EMPTY_VALUE', 7],
    ['anything after unix', '9003' + lp(utf8('/a')) + '060050', 'MULTIADDR_AFTER_PATH', 5],
    ['unix twice', '9003' + lp(utf8('/a')) + '9003' + lp(utf8('/b')), 'MULTIADDR_AFTER_PATH', 5]
  ]
  for (const [name, h, code, offset] of framing) it(`rejects ${name}`, () => expectInvalid(h, code, offset))
})

describe('validateMultiaddr: value rules (see README.md)', () => {
  const p2p = (mh: string): string => 'a503' + lp(mh)
  const valid: Array<[string, string]> = [
    ['p2p sha2-256', p2p('1220' + pk32)],
    ['p2p identity ed25519', p2p(ED25519_PEER)],
    ['p2p identity 42 bytes', p2p('002a' + rep('01', 42))],
    ['certhash sha2-256', 'd203' + lp('1220' + pk32)],
    ['certhash md5 (any hash code, exact length)', 'd203' + lp('d50110' + rep('01', 16))],
    ['dns with UTF-8', '35' + lp(utf8('bücher.example'))],
    ['sni', 'c103' + lp(utf8('example.com'))],
    ['unix', '9003' + lp(utf8('/tmp/a.sock'))],
    ['unix //a (go round-trips it)', '9003' + lp(utf8('//a'))],
    ['onion port 80', 'bc03' + '0010c0439831b4821848' + '0050'],
    ['onion3 port 1234', 'bd03' + rep('ad', 35) + '04d2'],
    ['garlic32 32 bytes', 'bf03' + lp(rep('ef', 32))],
    ['garlic32 35 bytes', 'bf03' + lp(rep('ef', 35))],
    ['garlic64 386 bytes', 'be03' + lp(rep('8d', 386))],
    ['http-path with a leading / (js writes it, go can too)', 'e103' + lp(utf8('/foo'))],
    ['http-path with any bytes', 'e103' + lp('ff00')],
    ['ipcidr 32 after ip4', '0401020304' + '2b20'],
    ['ipcidr 128 after ip6', '29' + rep('00', 16) + '2b80'],
    ['tcp port 0', '060000']
  ]
  for (const [name, h] of valid) it(`accepts ${name}`, () => expectValid(h))

  const invalid: Array<[string, string, number]> = [
    ['go TestInvalidP2PAddrBytes (digest length 33, 32 present)', 'a503221221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6', 4],
    ['p2p sha2-256 of 31 bytes', p2p('121f' + rep('01', 31)), 4],
    ['p2p md5', p2p('d50110' + rep('01', 16)), 3],
    ['p2p identity of 43 bytes', p2p('002b' + rep('01', 43)), 4],
    ['p2p empty identity', p2p('0000'), 4],
    ['p2p multihash with trailing byte', p2p('1220' + pk32 + '00'), 4],
    ['p2p multihash with non-minimal code', p2p('9200' + '20' + pk32), 3],
    ['p2p multihash truncated length', p2p('12'), 4],
    ['certhash truncated digest', 'd203' + lp('1220' + rep('01', 31)), 4],
    ['certhash non-minimal digest length', 'd203' + lp('128000'), 4],
    ['certhash sha2-256 of 16 bytes', 'd203' + lp('1210' + rep('01', 16)), 4],
    ['dns with /', '35' + lp(utf8('a/b')), 3],
    ['dnsaddr with invalid UTF-8', '38' + lp('61c328'), 3],
    ['dns4 with a lone surrogate (CESU)', '36' + lp('eda080'), 2],
    ['ip6zone with /', '2a' + lp(utf8('/')), 2],
    ['sni with /', 'c103' + lp(utf8('x/')), 4],
    ['unix "/"', '9003' + lp(utf8('/')), 3],
    ['unix not starting with /', '9003' + lp(utf8('ab')), 3],
    ['unix ending with /', '9003' + lp(utf8('/a/')), 5],
    ['unix with invalid UTF-8', '9003' + lp('2fff'), 4],
    ['onion port 0', 'bc03' + '0010c0439831b4821848' + '0000', 12],
    ['onion3 port 0', 'bd03' + rep('ad', 35) + '0000', 37],
    ['garlic32 of 33 bytes', 'bf03' + lp(rep('ef', 33)), 3],
    ['garlic32 of 31 bytes', 'bf03' + lp(rep('ef', 31)), 3],
    ['garlic64 of 385 bytes', 'be03' + lp(rep('8d', 385)), 4],
    ['ipcidr 129', '2b81', 1],
    ['ipcidr 33 after ip4', '0401020304' + '2b21', 6]
  ]
  for (const [name, h, offset] of invalid) it(`rejects ${name}`, () => expectInvalid(h, 'MULTIADDR_INVALID_VALUE', offset))
})

describe('validateMultiaddr: views and arguments', () => {
  it('never reads outside a subarray view', () => {
    // Each view is invalid on its own; the bytes around it would make it valid if they were read.
    const cases: Array<[string, number, number, WireErrorCode, number]> = [
      ['047f0000010610e1', 0, 4, 'TRUNCATED', 1], // ip4 cut inside its value
      ['047f0000010610e1', 0, 6, 'TRUNCATED', 6], // tcp code without port (offset: where the value should start)
      ['ff' + '3503616263', 1, 4, 'LENGTH_OUT_OF_BOUNDS', 1], // dns length 3, 2 bytes in view
      ['a503' + lp('1220' + pk32), 0, 20, 'LENGTH_OUT_OF_BOUNDS', 2],
      ['00' + 'a5', 1, 2, 'TRUNCATED', 0], // code varint whose continuation is outside
      ['a503', 0, 1, 'TRUNCATED', 0]
    ]
    for (const [h, from, to, code, offset] of cases) {
      const whole = hex(h + '03' + rep('61', 40))
      const r = validateMultiaddr(whole.subarray(from, to))
      expect(r.valid).toBe(false)
      if (!r.valid) expect([r.error.code, r.error.offset]).toEqual([code, offset])
    }
    // and offsets are relative to the view
    const inner = hex('ffff' + '047f000001' + 'ffff').subarray(2, 7)
    expect(validateMultiaddr(inner)).toEqual({ valid: true, components: [{ code: 4, name: 'ip4', offset: 0, valueOffset: 1, valueLength: 4 }] })
  })

  it('validateRange works on a range of a larger buffer with absolute offsets', () => {
    const buf = hex('ffff' + '047f000001' + '0604' + 'ffff')
    expect(validateRange(buf, 2, 7)).toBe(7) // valid: the end of the range
    const cut = validateRange(buf, 2, 9)
    expect(cut).toBeLessThan(0)
    expect([multiaddrError(cut).code, multiaddrError(cut).offset]).toEqual(['TRUNCATED', 8])
    const empty = validateRange(buf, 3, 3)
    expect(empty).toBeLessThan(0)
    expect([multiaddrError(empty).code, multiaddrError(empty).offset]).toEqual(['MULTIADDR_EMPTY', 3])
    expect(multiaddrError(cut, 'listenAddrs[1]').path).toBe('listenAddrs[1]')
  })

  it('throws TypeError only for a non-Uint8Array argument', () => {
    expect(() => validateMultiaddr('/ip4/1.2.3.4' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => validateMultiaddr([4, 1, 2, 3, 4] as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => isValidMultiaddr(undefined as unknown as Uint8Array)).toThrow(TypeError)
  })
})

describe('validateMultiaddr: recorded js-libp2p Identify addresses', () => {
  const addrs = recordedAddrs()
  it('finds addresses in the vectors', () => expect(addrs.length).toBeGreaterThan(20))
  it('validates every recorded listen and observed address', () => {
    for (const a of addrs) expectValid(a)
  })
  it('rejects every truncation inside a component; a cut at a component boundary is a valid prefix', () => {
    for (const a of addrs) {
      const bytes = hex(a)
      const r = validateMultiaddr(bytes)
      if (!r.valid) throw new Error(a)
      const boundaries = new Set(r.components.map(c => c.offset))
      for (let cut = 0; cut < bytes.length; cut++) {
        const t = validateMultiaddr(bytes.subarray(0, cut))
        if (cut > 0 && boundaries.has(cut)) {
          expect(t.valid).toBe(true)
          if (t.valid) expect(t.components).toEqual(r.components.filter(c => c.offset < cut))
        } else {
          expect(t.valid).toBe(false)
          if (!t.valid) expect(t.error.offset).toBeLessThanOrEqual(cut)
        }
      }
    }
  })
})

const validAddr = validMultiaddrHex()

describe('validateMultiaddr: properties', () => {
  const checkResult = (b: Uint8Array): void => {
    const r = validateMultiaddr(b)
    if (r.valid) {
      expect(r.components.length).toBeGreaterThan(0)
      const last = r.components[r.components.length - 1]!
      expect(last.valueOffset + last.valueLength).toBe(b.length)
    } else {
      expect(r.error).toBeInstanceOf(WireError)
      expect(r.error.offset).toBeGreaterThanOrEqual(0)
      expect(r.error.offset).toBeLessThanOrEqual(b.length)
    }
    expect(isValidMultiaddr(b)).toBe(r.valid)
  }

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), checkResult), { numRuns: 2000 })
  })

  it('never throws on mutated recorded addresses', () => {
    const addrs = recordedAddrs().map(hex)
    const mutated = fc.tuple(fc.constantFrom(...addrs), fc.array(fc.tuple(fc.nat(), fc.nat(255), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 4 }))
      .map(([a, edits]) => {
        const b = [...a]
        for (const [pos, v, op] of edits) {
          const i = pos % (b.length + 1)
          if (op === 'set' && i < b.length) b[i] = v
          else if (op === 'insert') b.splice(i, 0, v)
          else b.splice(i, 1)
        }
        return Uint8Array.from(b)
      })
    fc.assert(fc.property(mutated, checkResult), { numRuns: 1000 })
  })

  it('accepts generated valid addresses, rejects their cuts inside a component, never reads past a view', () => {
    fc.assert(fc.property(validAddr, fc.nat(), (h, cutSeed) => {
      const b = hex(h)
      const r = validateMultiaddr(b)
      if (!r.valid) throw new Error(`${h}: ${r.error.code} at ${r.error.offset}`)
      const cut = cutSeed % b.length
      const boundaries = new Set(r.components.map(c => c.offset))
      const t = validateMultiaddr(b.subarray(0, cut))
      expect(t.valid).toBe(cut > 0 && boundaries.has(cut))
    }), { numRuns: 500 })
  })
})
