import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { WireError } from '../errors.js'
import { hex, toHex, vectorJson } from '../testing/vectors.js'
import { multiaddrFromString, multiaddrToString } from './text.js'
import { validateMultiaddr } from './validate.js'
import { validMultiaddrHex } from '../testing/multiaddr-arbitrary.js'

interface Case { text?: string, hex?: string, valid: boolean, expect?: boolean, note?: string, roundTrip?: boolean, canonical?: string }
interface Group { source: string, commit: string, test: string, cases: Case[] }
const suites = vectorJson<{ groups: Group[] }>('multiaddr-public-suites.json')

/** Runs one text case; returns a failure description or undefined. */
function run (c: Case): string | undefined {
  const want = c.expect ?? c.valid
  let bytes: Uint8Array
  try {
    bytes = multiaddrFromString(c.text!)
  } catch (e) {
    if (!(e instanceof WireError)) return `threw ${String(e)}`
    return want ? `rejected: ${e.code} at ${e.offset}` : undefined
  }
  if (!want) return `accepted as ${toHex(bytes)}`
  const r = validateMultiaddr(bytes)
  if (!r.valid) return `parsed to bytes the validator rejects: ${r.error.code} at ${r.error.offset}`
  if (c.hex !== undefined && toHex(bytes) !== c.hex) return `bytes ${toHex(bytes)}, expected ${c.hex}`
  const printed = multiaddrToString(bytes)
  if (c.roundTrip === true && printed !== c.text) return `prints as ${printed}`
  if (c.canonical !== undefined && printed !== c.canonical) return `prints as ${printed}, expected ${c.canonical}`
  if (c.hex !== undefined && multiaddrToString(hex(c.hex)) !== printed) return 'hex prints differently'
  return undefined
}

describe('public suites (go-multiaddr, rust-multiaddr, js-multiaddr): text cases through the text form and the validator', () => {
  const failures: string[] = []
  const counts = new Map<string, [number, number]>()
  for (const g of suites.groups) {
    const repo = g.source.split('/')[1]!
    for (const c of g.cases) {
      if (c.text === undefined) continue
      const f = run(c)
      const n = counts.get(repo) ?? [0, 0]
      counts.set(repo, [n[0] + (f === undefined ? 1 : 0), n[1] + 1])
      if (f !== undefined) failures.push(`${g.source} ${g.test}: ${JSON.stringify(c.text.length > 80 ? c.text.slice(0, 80) + '…' : c.text)} ${f}`)
    }
  }
  it('counts cases per source', () => {
    expect([...counts.keys()].sort()).toEqual(['go-multiaddr', 'js-multiaddr', 'rust-multiaddr'])
  })
  it('passes every text case (expectation: ours where the JSON says `expect`, else the source\'s)', () => {
    expect(failures).toEqual([])
  })
  // Printed for the report: `npx vitest run src/multiaddr/public-suites-text.test.ts` shows the counts.
  it('reports', () => { for (const [k, [p, t]] of counts) expect(`${k} ${p}/${t}`).toBe(`${k} ${t}/${t}`) })
})

describe('validator and text form agree', () => {
  it('every generated valid address prints, and parses back to the same bytes', () => {
    fc.assert(fc.property(validMultiaddrHex(), (h) => {
      const text = multiaddrToString(hex(h))
      expect(toHex(multiaddrFromString(text))).toBe(h)
    }), { numRuns: 500 })
  })
  it('every valid mutation of a recorded address prints and parses back', () => {
    const seeds = suites.groups.flatMap(g => g.cases).filter(c => c.hex !== undefined && (c.expect ?? c.valid)).map(c => hex(c.hex!))
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.nat(), fc.nat(255), (a, i, v) => {
      const b = a.slice()
      if (b.length > 0) b[i % b.length] = v
      if (!validateMultiaddr(b).valid) return
      expect(multiaddrFromString(multiaddrToString(b))).toEqual(b)
    }), { numRuns: 1000 })
  })
})
