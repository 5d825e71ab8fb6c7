// identify-wire's multiaddr parser against go-multiaddr's and the multiaddr crate's recorded answers
// (vectors/multiaddr-oracle-<impl>.json, written by vectors/oracles/run): accept/reject, canonical text and bytes on
// every case. Each disagreement must fall in a named, reasoned class below, and each class must still occur.
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
    {
      name: 'ipcidr prefix longer than the address',
      why: 'go-multiaddr accepts any byte as an ipcidr prefix length; identify-wire refuses more than 128, and more than 32 right after an ip4 address',
      match: (_c, t, w) => t.ok && !w.ok && ip4Cidr(t.text)
    },
    {
      name: 'certhash text in a multibase other than u, z, b, k',
      why: 'go-multibase decodes every multibase prefix (here base16, f); identify-wire decodes the ones a certhash uses in practice (base64url u, base58btc z, base32 b, base36 k) and rejects the rest (INVALID_BASE_ENCODING)',
      match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && w.error === 'INVALID_BASE_ENCODING' && /\/certhash\/[^uzbk/]/.test(c.text!)
    },
    {
      name: 'garlic32 text with non-zero trailing bits',
      why: 'go decodes base32 leniently and prints a different (canonical) text; identify-wire refuses text that would not print back unchanged',
      match: (c, t, w) => c.kind === 'text' && t.ok && !w.ok && c.text!.startsWith('/garlic32/') && t.text !== c.text
    },
    {
      name: 'p2p value that is an empty identity multihash',
      why: 'go-multiaddr accepts the multihash 00 00 (identity, length 0) as a peer id; identify-wire requires a multihash that can be a peer id: sha2-256 with a 32-byte digest, or identity with a 1- to 42-byte digest',
      match: (c, t, w) => c.kind === 'bin' && t.ok && !w.ok && t.text === '/p2p/11'
    },
    {
      name: 'protocols go-multiaddr v0.16 no longer knows',
      why: 'p2p-webrtc-star (0x113), p2p-stardust (0x115) and p2p-websocket-star (0x1df) are in the multicodec table that identify-wire follows; go-multiaddr dropped them',
      match: (_c, t, w) => !t.ok && w.ok && REMOVED.test(w.text!) && /unknown protocol|no protocol with code/.test(t.error ?? '')
    }
  ]
}

const files = vectorFiles().filter((f) => /^multiaddr-oracle-.+\.json$/.test(f))

describe('multiaddr parsers as oracles', () => {
  it('the go-multiaddr answers are committed', () => {
    expect(files).toContain('multiaddr-oracle-go-libp2p.json')
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

      it('where both accept, text and bytes are equal; every accepted text answer parses back to the same bytes', () => {
        for (const c of o.cases) {
          const t = c.answer
          if (!t.ok) continue
          const w = ours(c)
          if (!w.ok) continue
          expect([c.id, w.text, w.hex]).toEqual([c.id, t.text, t.hex])
        }
      })
    })
  }
})
