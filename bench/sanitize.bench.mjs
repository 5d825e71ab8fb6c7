// sanitize over the strings of the recorded vectors (typical), hostile 10 000-unit strings, and UTF-8 bytes input;
// the plain \p{Cc}\p{Cf}\p{Cs} regex replacement (cut at 128 code points) is timed alongside for scale.
import { loadLibrary, race } from './lib.mjs'
import { readFileSync, readdirSync } from 'node:fs'

export async function run () {
  const { sanitize } = await loadLibrary()
  // The decoded strings recorded beside each capture (vectors/*.json), so this bench does not depend on the codec.
  const dir = new URL('../vectors/', import.meta.url)
  const set = new Set()
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    for (const m of JSON.parse(readFileSync(new URL(f, dir), 'utf8')).messages ?? []) {
      const d = m.decoded ?? {}
      for (const s of [d.protocolVersion, d.agentVersion, ...(d.protocols ?? [])]) if (typeof s === 'string') set.add(s)
    }
  }
  const typical = [...set]
  const hostile = ['x'.repeat(10000), '\u200b'.repeat(10000), '\u001b'.repeat(10000), '🚀'.repeat(5000),
    '\ud800'.repeat(10000), 'a\u202e'.repeat(5000)]
  const enc = new TextEncoder()
  const typicalBytes = typical.map((s) => enc.encode(s))
  const hostileBytes = [new Uint8Array(10000).fill(0x78), new Uint8Array(10000).fill(0xff), enc.encode('🚀'.repeat(2500)),
    enc.encode('\u200b'.repeat(3333))]
  const bad = /[\p{Cc}\p{Cf}\p{Cs}]/gu
  const regex = (s) => { const r = s.replace(bad, '\uFFFD'); return r.length <= 128 ? r : Array.from(r).slice(0, 128).join('') }
  const dec = new TextDecoder('utf-8', { ignoreBOM: true })
  const t = race({
    typical: [sanitize, typical],
    'typical, regex': [regex, typical],
    'hostile 10k': [sanitize, hostile],
    'hostile 10k, regex': [regex, hostile],
    'typical bytes': [sanitize, typicalBytes],
    'typical bytes, TextDecoder+regex': [(b) => regex(dec.decode(b)), typicalBytes],
    'hostile bytes 10k': [sanitize, hostileBytes],
    'hostile bytes 10k, TextDecoder+regex': [(b) => regex(dec.decode(b)), hostileBytes],
  })
  const avg = (xs, f) => xs.reduce((n, x) => n + f(x), 0) / xs.length
  const bytesOf = { typical: avg(typicalBytes, (b) => b.length), hostile: avg(hostileBytes, (b) => b.length) }
  return Object.entries(t).map(([name, ns]) => ({
    name: `sanitize ${name}`,
    ns,
    bytesPerItem: name.includes('bytes') ? (name.startsWith('typical') ? bytesOf.typical : bytesOf.hostile) : undefined,
  }))
}
