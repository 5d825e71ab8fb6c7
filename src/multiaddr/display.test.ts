// multiaddrToDisplayString: every protocol whose value prints as its own UTF-8 with each hostile sequence (terminal
// escapes, OSC with BEL, CR, bidi controls, other Cf, line separators), properties over generated addresses with
// hostile names, and invalid bytes printed as hex without throwing.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hex, toHex } from '../testing/vectors.js'
import { HOSTILE_SEQUENCES, validMultiaddrHex } from '../testing/multiaddr-arbitrary.js'
import { CF_RANGES } from '../unicode/tables.js'
import { isUnsafeForDisplay, multiaddrToDisplayString } from './display.js'
import { multiaddrFromString, multiaddrToString } from './text.js'
import { validateMultiaddr } from './validate.js'

/** Code points that must never be printed raw: Cc, Cf (the frozen table), Cs, U+2028, U+2029 (independent of display.ts). */
function forbidden (cp: number): boolean {
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return true
  if (cp >= 0xd800 && cp <= 0xdfff) return true
  if (cp === 0x2028 || cp === 0x2029) return true
  for (let k = 0; k < CF_RANGES.length; k += 2) if (cp >= CF_RANGES[k]! && cp <= CF_RANGES[k + 1]!) return true
  return false
}

/** The first forbidden code point of `s` (lone surrogates included), or undefined. */
function firstForbidden (s: string): number | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
        if (forbidden(cp)) return cp
        i++
        continue
      }
    }
    if (forbidden(c)) return c
  }
  return undefined
}

/** Reverses the %XX escapes of a name (valid UTF-8 once unescaped). */
function unescape (s: string): string {
  return decodeURIComponent(s)
}

const TEXT_PROTOCOLS: readonly string[] = ['dns', 'dns4', 'dns6', 'dnsaddr', 'sni', 'ip6zone', 'unix']

/**
 * The display form built another way: each component printed alone by multiaddrToString, except names and paths,
 * decoded and escaped here code point by code point.
 */
function expectedDisplay (b: Uint8Array): string {
  const r = validateMultiaddr(b)
  if (!r.valid) throw new Error('not valid')
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
  let s = ''
  r.components.forEach((c, k) => {
    const end = r.components[k + 1]?.offset ?? b.length
    if (!TEXT_PROTOCOLS.includes(c.name)) { s += multiaddrToString(b.subarray(c.offset, end)); return }
    const value = utf8.decode(b.subarray(c.valueOffset, c.valueOffset + c.valueLength))
    s += (c.name === 'unix' ? '/unix' : `/${c.name}/`) + [...value].map((ch) => forbidden(ch.codePointAt(0)!) || ch === '%'
      ? [...new TextEncoder().encode(ch)].map((x) => '%' + x.toString(16).toUpperCase().padStart(2, '0')).join('')
      : ch).join('')
  })
  return s
}

describe('multiaddrToDisplayString: hostile names and paths', () => {
  for (const proto of TEXT_PROTOCOLS) {
    it(`/${proto}/: every hostile sequence is escaped, the rest printed, the escapes read back`, () => {
      for (const seq of HOSTILE_SEQUENCES) {
        const value = proto === 'unix' ? `/tmp/a${seq}b` : `a${seq}b.example`
        const bytes = multiaddrFromString(proto === 'unix' ? `/unix${value}` : `/${proto}/${value}/tcp/443`)
        const shown = multiaddrToDisplayString(bytes)
        expect(firstForbidden(shown), `${proto} ${JSON.stringify(seq)} → ${JSON.stringify(shown)}`).toBeUndefined()
        const prefix = proto === 'unix' ? '/unix' : `/${proto}/`
        expect(shown.startsWith(prefix)).toBe(true)
        const printed = proto === 'unix' ? shown.slice(prefix.length) : shown.slice(prefix.length, shown.length - '/tcp/443'.length)
        expect(unescape(printed)).toBe(value)
        if (proto !== 'unix') expect(shown.endsWith('/tcp/443')).toBe(true)
      }
    })
  }

  it('writes the UTF-8 bytes of what it escapes, uppercase hex, and % as %25', () => {
    const show = (t: string): string => multiaddrToDisplayString(multiaddrFromString(t))
    expect(show('/dns/a\x1b[2J.example')).toBe('/dns/a%1B[2J.example')
    expect(show('/dns/a\x1b]0;title\x07b')).toBe('/dns/a%1B]0;title%07b')
    expect(show('/sni/\u202eexe.txt')).toBe('/sni/%E2%80%AEexe.txt')
    expect(show('/dnsaddr/x\r\ny')).toBe('/dnsaddr/x%0D%0Ay')
    expect(show('/ip6zone/e\u2066th0/ip6/::1')).toBe('/ip6zone/e%E2%81%A6th0/ip6/::1')
    expect(show('/unix/tmp/\u009b2Jsock')).toBe('/unix/tmp/%C2%9B2Jsock')
    expect(show('/dns/100%.example')).toBe('/dns/100%25.example')
    expect(show('/dns4/tag\u{e0041}.x')).toBe('/dns4/tag%F3%A0%81%81.x')
  })

  it('prints what multiaddrToString prints when nothing needs escaping (names in any script, every other value)', () => {
    for (const t of [
      '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGHipR9r2SwYctpzuHCwqQ7HYkv8YVzv3oQqcti7u3RLw',
      '/dns/bücher.example/tcp/80', '/dns4/漢字.example/udp/1/quic-v1', '/unix/a/b/c', '/dnsaddr/\u0627\u0644.example',
      '/ip6/::ffff:1.2.3.4/tcp/1/http/http-path/a%2Fb+c', '/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234',
      '/memory/18446744073709551615', '/ip4/1.2.3.4/udp/1/quic-v1/webtransport/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g'
    ]) {
      const b = multiaddrFromString(t)
      expect(multiaddrToDisplayString(b)).toBe(multiaddrToString(b))
    }
  })
})

describe('multiaddrToDisplayString: invalid bytes', () => {
  it('prints 0x and the hex of the bytes, never throws', () => {
    expect(multiaddrToDisplayString(Uint8Array.of(0x04, 127, 0))).toBe('0x047f00')
    expect(multiaddrToDisplayString(new Uint8Array(0))).toBe('0x')
    expect(multiaddrToDisplayString(hex('3503611b62'))).toBe('/dns/a%1Bb') // valid: ESC is a legal byte of a name
    expect(multiaddrToDisplayString(hex('3503611bff'))).toBe('0x3503611bff') // invalid UTF-8 in the name
    expect(multiaddrToDisplayString(hex('35022f61'))).toBe('0x35022f61') // '/' in a name
  })

  it('throws TypeError only for a non-Uint8Array', () => {
    expect(() => multiaddrToDisplayString('/ip4/1.2.3.4' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => multiaddrToDisplayString([4, 1, 2, 3, 4] as unknown as Uint8Array)).toThrow(TypeError)
  })
})

describe('multiaddrToDisplayString: properties', () => {
  it('valid addresses with hostile names: no forbidden code point; exactly the text form with names escaped', () => {
    fc.assert(fc.property(validMultiaddrHex(6, true), (h) => {
      const b = hex(h)
      const shown = multiaddrToDisplayString(b)
      expect(firstForbidden(shown)).toBeUndefined()
      expect(shown).toBe(expectedDisplay(b))
    }), { numRuns: 1000 })
  })

  it('any bytes: never throws, no forbidden code point; invalid ones print as their hex', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
      const shown = multiaddrToDisplayString(b)
      expect(firstForbidden(shown)).toBeUndefined()
      if (!validateMultiaddr(b).valid) expect(shown).toBe('0x' + toHex(b))
    }), { numRuns: 2000 })
  })

  it('isUnsafeForDisplay agrees with the independent definition on every code point', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (isUnsafeForDisplay(cp) !== (forbidden(cp) || cp === 0x25)) throw new Error(`U+${cp.toString(16)}`)
    }
  })
})
