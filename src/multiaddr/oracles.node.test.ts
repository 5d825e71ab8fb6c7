// identify-wire's multiaddr parser against go-multiaddr's and the multiaddr crate's recorded answers
// (vectors/multiaddr-oracle-<impl>.json, written by vectors/oracles/run): accept/reject, canonical text and bytes on
// every case. Each disagreement must fall in a named, reasoned class below, and each class must still occur; where
// go and rust give the same answer and identify-wire does not, the case must be in one of the SHARED classes.
import { describe, it, expect } from 'vitest'
import { multiaddrFromString, multiaddrToString } from './text.js'
import { WireError } from '../errors.js'
import { hex, toHex, vectorFiles, vectorJson } from '../testing/vectors.js'

interface Answer { ok: boolean, text?: string, hex?: string, error?: string }
interface Case { id: number, kind: 'bin' | 'text', hex?: string, text?: string, source: string, answer: Answer }
interface OracleFile { implementation: string, library: string, corpusSha256: string, cases: Case[] }

function ours (c: Case): Answer {
  try {
    const b = c.kind === 'bin' ? hex(c.hex!) : multiaddrFromString(c.text!)
    return { ok: true, text: multiaddrToString(b), hex: toHex(b) }
  } catch (e) {
    if (!(e instanceof WireError)) throw e
    return { ok: false, error: e.code }
  }
}

/** A class of known disagreements: which cases, and why identify-wire answers as it does. */
interface Known { name: string, why: string, match: (c: Case, theirs: Answer, we: Answer) => boolean }

const REMOVED = /\/(p2p-webrtc-star|p2p-stardust|p2p-websocket-star)(\/|$)/
const ip4Cidr = (t: string | undefined): boolean => t !== undefined && /\/ipcidr\/(\d+)/.test(t) && (Number(/\/ipcidr\/(\d+)/.exec(t)![1]) > 128 || (/^\/ip4\/[^/]+\/ipcidr\/(\d+)$/.test(t) && Number(/\/ipcidr\/(\d+)/.exec(t)![1]) > 32))

/** Where go-multiaddr and the multiaddr crate answer alike and identify-wire does not (the README's compatibility table). */
const SHARED: Record<'ipcidr' | 'certhash' | 'p2pEmpty', Known> = {
  ipcidr: {
    name: 'ipcidr prefix longer than the address',
    why: 'go-multiaddr and the multiaddr crate accept any byte as an ipcidr prefix length; identify-wire refuses more than 128, and more than 32 right after an ip4 address',
    match: (_c, t, w) => t.ok && !w.ok && ip4Cidr(t.text)
  },
  certhash: {
    name: 'certhash text in a multibase other than u, z, b, k',
    why: 'go-multibase and the multibase crate decode every multibase prefix (here base16, f); identify-wire decodes the ones a certhash uses in practice (base64url u, base58btc z, base32 b, base36 k) and rejects the rest (INVALID_BASE_ENCODING)',
    match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && w.error === 'INVALID_BASE_ENCODING' && /\/certhash\/[^uzbk/]/.test(c.text!)
  },
  p2pEmpty: {
    name: 'p2p value that is an empty identity multihash',
    why: 'go-multiaddr and the multiaddr crate accept the multihash 00 00 (identity, length 0) as a peer id; identify-wire requires a multihash that can be a peer id: sha2-256 with a 32-byte digest, or identity with a 1- to 42-byte digest',
    match: (c, t, w) => c.kind === 'bin' && t.ok && !w.ok && t.text === '/p2p/11'
  }
}
const anyText = (c: Case, t: Answer, w: Answer, part: string): boolean => [c.text, t.text, w.text].some((x) => x?.includes(part) === true)

const KNOWN: Record<string, Known[]> = {
  'go-libp2p': [
    {
      name: 'invalid UTF-8 in a string value',
      why: 'go-multiaddr accepts any bytes in dns, dns4, dns6, dnsaddr, sni, ip6zone and unix values and prints them lossily; identify-wire requires valid UTF-8 so that the text form round-trips (MULTIADDR_INVALID_VALUE)',
      match: (c, t, w) => c.kind === 'bin' && t.ok && !w.ok && w.error === 'MULTIADDR_INVALID_VALUE' && t.text!.includes('\uFFFD')
    },
    {
      name: 'dotted IPv4 text in an ip6 component',
      why: 'go parses /ip6/1.2.3.4 with net.ParseIP and prints the IPv4-mapped ::ffff:1.2.3.4; identify-wire takes only IPv6 text in /ip6/, so that the text names the address family the bytes carry',
      match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && /\/ip6\/\d+\.\d+\.\d+\.\d+(\/|$)/.test(c.text!) && t.text!.includes('::ffff:')
    },
    SHARED.ipcidr,
    SHARED.certhash,
    {
      name: 'garlic32 text with non-zero trailing bits',
      why: 'go decodes base32 leniently and prints a different (canonical) text; identify-wire refuses text that would not print back unchanged',
      match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && c.text!.startsWith('/garlic32/') && t.text !== c.text
    },
    SHARED.p2pEmpty,
    {
      name: 'protocols go-multiaddr v0.16 no longer knows',
      why: 'p2p-webrtc-star (0x113), p2p-stardust (0x115) and p2p-websocket-star (0x1df) are in the multicodec table that identify-wire follows; go-multiaddr dropped them',
      match: (_c, t, w) => !t.ok && w.ok && REMOVED.test(w.text!) && /unknown protocol|no protocol with code/.test(t.error ?? '')
    }
  ],
  // The multiaddr crate 0.19 (rust-libp2p 0.57). Where it and go-multiaddr differ, identify-wire takes go's side:
  // every class below but the SHARED ones is a case where go answers as identify-wire does.
  'rust-libp2p': [
    {
      name: 'the empty multiaddr',
      why: 'the crate accepts a multiaddr with no component (empty bytes, empty text); identify-wire refuses it (MULTIADDR_EMPTY), as go-multiaddr does: an Identify address that names nothing is an error',
      match: (_c, t, w) => t.ok && t.hex === '' && !w.ok && w.error === 'MULTIADDR_EMPTY'
    },
    {
      name: 'empty values of string and path protocols',
      why: 'the crate accepts zero-length values (/dns/, /ip6zone/, /unix/, /garlic64/, /http-path/ ...) in bytes and text; identify-wire refuses them (MULTIADDR_EMPTY_VALUE, MULTIADDR_TEXT_INVALID), as go-multiaddr does',
      match: (c, t, w) => t.ok && !w.ok && (w.error === 'MULTIADDR_EMPTY_VALUE' ||
        (c.kind === 'text' && /\/(ip6zone|dns|dns4|dns6|dnsaddr|unix|http-path|sni)\/(\/|$)/.test(c.text!)))
    },
    {
      name: 'unix as one path segment',
      why: 'the crate reads a unix value in text as one segment (the next / starts a protocol), prints the bytes "/a" as /unix//a, and accepts values without a leading / and components after a unix path; identify-wire follows go-multiaddr: unix is a path protocol that takes the rest of the text, holds an absolute path, and ends the address',
      match: (c, t, w) => anyText(c, t, w, '/unix/')
    },
    {
      name: 'a trailing slash in text',
      why: 'the crate refuses text ending in / (an empty protocol name); identify-wire ignores the trailing /, as go-multiaddr does, and prints the canonical text without it',
      match: (c, t, w) => c.kind === 'text' && !t.ok && w.ok && c.text!.endsWith('/') && t.error === 'unknown protocol string: '
    },
    {
      name: 'p2p text as a CIDv1',
      why: 'the crate reads a /p2p/ value only as a base58btc multihash; identify-wire also takes a CIDv1 of codec libp2p-key in base32 or base36 (the peer id spec), as go-multiaddr does, and prints base58btc',
      match: (c, t, w) => c.kind === 'text' && !t.ok && w.ok && /\/(p2p|ipfs)\/[bk]/.test(c.text!) && /Invalid base string|invalid multihash/.test(t.error ?? '')
    },
    {
      name: 'plaintextv2 unknown to the crate',
      why: 'plaintextv2 (0x706c61) is in the multicodec table that identify-wire follows and that go-multiaddr knows; the crate 0.19 does not have it',
      match: (_c, t, w) => !t.ok && w.ok && w.text!.includes('/plaintextv2') && /plaintextv2|7367777/.test(t.error ?? '')
    },
    {
      name: 'http-path bytes that are not UTF-8',
      why: 'the crate requires UTF-8 in an http-path value; identify-wire takes any bytes and percent-encodes them in text, as go-multiaddr does',
      match: (_c, t, w) => !t.ok && w.ok && w.text!.includes('/http-path/') && /invalid utf-8/.test(t.error ?? '')
    },
    {
      name: 'http-path text escaping',
      why: 'the crate percent-encodes a path (a space is %20, + stays +, a lone or bad % is kept as %25); identify-wire escapes as go-multiaddr does (url.QueryEscape / QueryUnescape: a space is +, + reads as a space, a bad % escape is refused)',
      match: (c, t, w) => anyText(c, t, w, '/http-path/') && t.ok && (w.ok || w.error === 'MULTIADDR_TEXT_INVALID')
    },
    {
      name: 'a slash inside a name or zone',
      why: 'the crate accepts a / inside dns, dns4, dns6, dnsaddr, sni and ip6zone bytes and prints text that does not parse back; identify-wire refuses it (MULTIADDR_INVALID_VALUE), as go-multiaddr does ("contains a slash")',
      match: (c, t, w) => c.kind === 'bin' && t.ok && !w.ok && w.error === 'MULTIADDR_INVALID_VALUE' && /\/(dns|dns4|dns6|dnsaddr|sni|ip6zone)\//.test(t.text!) && /2f/.test(c.hex!)
    },
    {
      name: 'garlic values of any length',
      why: 'the crate takes garlic32 / garlic64 bytes of any length; identify-wire requires the lengths of an I2P address, as go-multiaddr does',
      match: (c, t, w) => c.kind === 'bin' && t.ok && !w.ok && /^\/garlic(32|64)\//.test(t.text!)
    },
    {
      name: 'a leading + in a port',
      why: "the crate parses ports with Rust's u16 parser, which takes a leading +; identify-wire takes only canonical decimal, as go-multiaddr does (strconv.ParseUint)",
      match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && /\/\+\d/.test(c.text!)
    },
    {
      name: 'onion port 0',
      why: 'the crate accepts an onion address with port 0; identify-wire refuses it, as go-multiaddr does (a port must be 1-65535)',
      match: (_c, t, w) => t.ok && !w.ok && /\/onion\/[^/]*:0(\/|$)/.test(t.text!)
    },
    SHARED.ipcidr,
    SHARED.certhash,
    SHARED.p2pEmpty
  ]
}

const files = vectorFiles().filter((f) => /^multiaddr-oracle-.+\.json$/.test(f))

describe('multiaddr parsers as oracles', () => {
  it('the go-multiaddr and multiaddr crate answers are committed, over the same corpus', () => {
    expect(files).toContain('multiaddr-oracle-go-libp2p.json')
    expect(files).toContain('multiaddr-oracle-rust-libp2p.json')
    expect(vectorJson<OracleFile>('multiaddr-oracle-rust-libp2p.json').corpusSha256).toBe(vectorJson<OracleFile>('multiaddr-oracle-go-libp2p.json').corpusSha256)
  })

  describe('where go-multiaddr and the multiaddr crate agree', () => {
    const go = vectorJson<OracleFile>('multiaddr-oracle-go-libp2p.json').cases
    const rust = vectorJson<OracleFile>('multiaddr-oracle-rust-libp2p.json').cases
    const same = (a: Answer, b: Answer): boolean => a.ok === b.ok && (!a.ok || (a.text === b.text && a.hex === b.hex))
    const hits = new Map<string, number>(Object.values(SHARED).map((k) => [k.name, 0]))
    const unexplained: string[] = []
    let both = 0
    let all = 0
    go.forEach((c, i) => {
      const r = rust[i]!
      expect([r.id, r.kind, r.hex, r.text]).toEqual([c.id, c.kind, c.hex, c.text])
      if (!same(c.answer, r.answer)) return
      both++
      const w = ours(c)
      if (same(c.answer, w)) { all++; return }
      const k = Object.values(SHARED).find((x) => x.match(c, c.answer, w))
      if (k !== undefined) hits.set(k.name, hits.get(k.name)! + 1)
      else unexplained.push(`#${c.id} ${c.kind} ${c.hex ?? JSON.stringify(c.text)}: both ${JSON.stringify(c.answer)}, identify-wire ${JSON.stringify(w)}`)
    })
    it(`they agree on ${both} of ${go.length} cases; identify-wire agrees with both on ${all}`, () => {
      expect(both).toBeGreaterThan(go.length * 0.85)
      expect(all).toBeGreaterThan(both * 0.99)
    })
    it('identify-wire differs from both only in the SHARED classes (the compatibility table)', () => {
      expect(unexplained).toEqual([])
    })
    for (const k of Object.values(SHARED)) {
      it(`shared: ${k.name} (${hits.get(k.name)!} cases)`, () => { expect(hits.get(k.name)!).toBeGreaterThan(0) })
    }
  })

  for (const f of files) {
    const o = vectorJson<OracleFile>(f)
    describe(`${o.implementation} (${o.library})`, () => {
      const known = KNOWN[o.implementation] ?? []
      const hits = new Map<string, Case[]>(known.map((k) => [k.name, []]))
      const unexplained: string[] = []
      let agree = 0
      for (const c of o.cases) {
        const t = c.answer
        const w = ours(c)
        const same = t.ok === w.ok && (!t.ok || (t.text === w.text && t.hex === w.hex))
        if (same) { agree++; continue }
        const k = known.find((x) => x.match(c, t, w))
        if (k !== undefined) hits.get(k.name)!.push(c)
        else unexplained.push(`#${c.id} ${c.kind} ${c.kind === 'bin' ? c.hex! : JSON.stringify(c.text)} (${c.source}): ${o.implementation} ${JSON.stringify(t)}, identify-wire ${JSON.stringify(w)}`)
      }

      it(`a corpus of ${o.cases.length} cases; identify-wire agrees on ${agree}`, () => {
        expect(o.cases.length).toBeGreaterThan(2000)
        expect(o.cases.filter((c) => c.answer.ok).length).toBeGreaterThan(500)
        expect(o.cases.filter((c) => !c.answer.ok).length).toBeGreaterThan(500)
        expect(agree).toBeGreaterThan(o.cases.length * 0.9)
      })

      it('every disagreement is a known, reasoned class', () => {
        expect(unexplained).toEqual([])
      })

      for (const k of known) {
        it(`known: ${k.name} (${hits.get(k.name)!.length} cases)`, () => {
          // A class that no longer occurs is stale: the parser or the corpus changed, so the list must be revised.
          expect(hits.get(k.name)!.length).toBeGreaterThan(0)
        })
      }

      it('where both accept, text and bytes are equal (outside the named classes); every accepted text answer parses back to the same bytes', () => {
        for (const c of o.cases) {
          const t = c.answer
          if (!t.ok) continue
          const w = ours(c)
          if (!w.ok) continue
          if ((t.text !== w.text || t.hex !== w.hex) && known.some((k) => k.match(c, t, w))) continue // a named class (rust: unix, http-path text)
          expect([c.id, w.text, w.hex]).toEqual([c.id, t.text, t.hex])
        }
      })
    })
  }
})
