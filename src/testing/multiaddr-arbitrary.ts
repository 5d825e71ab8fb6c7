// Test support: fast-check generators of valid binary multiaddrs, built from the protocol table and the value
// rules of src/multiaddr/values.ts (see src/multiaddr/README.md). Hex strings, so that failures print readably.

import fc from 'fast-check'
import { allProtocols, SIZE_VAR } from '../multiaddr/table.js'
import { writeVarint } from '../wire/varint.js'
import { toHex } from './vectors.js'

export function varintHex (n: number): string {
  const b = new Uint8Array(10)
  return toHex(b.subarray(0, writeVarint(b, 0, n)))
}
/** A length-prefixed value as hex. */
export function lpHex (valueHex: string): string { return varintHex(valueHex.length / 2) + valueHex }
export function utf8Hex (s: string): string { return toHex(new TextEncoder().encode(s)) }

const bytesHex = (min: number, max: number): fc.Arbitrary<string> => fc.uint8Array({ minLength: min, maxLength: max }).map(toHex)

/**
 * Code points a hostile peer puts in names to attack a terminal or a reader: C0 (NUL, BEL, BS, CR, LF, ESC), DEL,
 * C1 (CSI U+009B, NEL U+0085), bidi controls, other Cf (soft hyphen, zero-width, BOM, tags), line separators, '%'.
 */
export const HOSTILE_SEQUENCES: readonly string[] = [
  '\x1b[2J', '\x1b]0;pwned\x07', '\x1b]8;;http:x\x1b\\', '\r', '\n', '\x00', '\x07', '\x08', '\x7f', '\x9b2J', '\x85',
  '\u202e', '\u202a', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u00ad', '\u200b',
  '\ufeff', '\u2028', '\u2029', '\u{e0041}', '%', '%1B'
]

/** Text of a name or path with hostile sequences among ordinary characters (never '/'). */
const hostileText = (minLength: number): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_SEQUENCES), fc.constantFrom('a', 'é', '.', '-', ' ', '漢', '😀')), { minLength, maxLength: 8 }).map(a => a.join(''))

/** One valid component (code + value) of any usable protocol, as hex; with `hostile`, names and paths carry hostile sequences. */
export function componentHex (hostile: boolean): fc.Arbitrary<string> {
  return fc.constantFrom(...allProtocols()).chain((p) => {
    const code = varintHex(p.code)
    if (p.size === 0) return fc.constant(code)
    if (p.size !== SIZE_VAR) {
      const n = p.size / 8
      if (p.name === 'onion' || p.name === 'onion3') {
        return fc.tuple(bytesHex(n - 2, n - 2), fc.integer({ min: 1, max: 65535 })).map(([h, port]) => code + h + port.toString(16).padStart(4, '0'))
      }
      if (p.name === 'ipcidr') return fc.integer({ min: 0, max: 32 }).map(v => code + v.toString(16).padStart(2, '0'))
      return bytesHex(n, n).map(b => code + b)
    }
    switch (p.name) {
      case 'p2p': return fc.oneof(bytesHex(32, 32).map(d => '1220' + d), bytesHex(1, 42).map(d => '00' + varintHex(d.length / 2) + d)).map(v => code + lpHex(v))
      case 'certhash': return fc.oneof(bytesHex(32, 32).map(d => '1220' + d), bytesHex(0, 40).map(d => 'd501' + varintHex(d.length / 2) + d)).map(v => code + lpHex(v))
      case 'unix': return (hostile ? hostileText(1).map(s => '/x' + s + 'x') : fc.stringMatching(/^\/[a-z.\/]{0,20}[a-z.]$/)).map(s => code + lpHex(utf8Hex(s)))
      case 'garlic64': return bytesHex(386, 400).map(v => code + lpHex(v))
      case 'garlic32': return fc.oneof(bytesHex(32, 32), bytesHex(35, 40)).map(v => code + lpHex(v))
      case 'http-path': return bytesHex(1, 20).map(v => code + lpHex(v))
      default: // dns, dns4, dns6, dnsaddr, sni, ip6zone: UTF-8 without '/'
        return (hostile ? hostileText(1) : fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter(s => !s.includes('/'))).map(s => code + lpHex(utf8Hex(s)))
    }
  })
}

/** One valid component (code + value) of any usable protocol, as hex. */
export const validComponentHex: fc.Arbitrary<string> = componentHex(false)

/**
 * A valid multiaddr of 1..maxComponents components (nothing after a unix component), as hex; with `hostile`, its
 * names and paths carry hostile sequences (see {@link HOSTILE_SEQUENCES}).
 */
export function validMultiaddrHex (maxComponents = 6, hostile = false): fc.Arbitrary<string> {
  return fc.array(hostile ? fc.oneof(componentHex(true), validComponentHex) : validComponentHex, { minLength: 1, maxLength: maxComponents }).map(cs => {
    const i = cs.findIndex(c => c.startsWith('9003'))
    return (i < 0 ? cs : cs.slice(0, i + 1)).join('')
  })
}
