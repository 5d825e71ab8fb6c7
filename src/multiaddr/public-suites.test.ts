import { describe, expect, it } from 'vitest'
import { hex, vectorJson } from '../testing/vectors.js'
import { validateMultiaddr } from './validate.js'

interface Case { text?: string, hex?: string, valid: boolean, expect?: boolean, note?: string, roundTrip?: boolean, canonical?: string }
interface Group { source: string, commit: string, test: string, cases: Case[] }
const suites = vectorJson<{ groups: Group[] }>('multiaddr-public-suites.json')

describe('public suites (go-multiaddr, rust-multiaddr, js-multiaddr): binary cases', () => {
  it('has the three sources', () => {
    const sources = new Set(suites.groups.map(g => g.source.split('/')[1]))
    expect([...sources].sort()).toEqual(['go-multiaddr', 'js-multiaddr', 'rust-multiaddr'])
  })
  for (const g of suites.groups) {
    const cases = g.cases.filter(c => c.hex !== undefined)
    if (cases.length === 0) continue
    it(`${g.source} ${g.test}: ${cases.length} binary cases`, () => {
      for (const c of cases) {
        const r = validateMultiaddr(hex(c.hex!))
        const want = c.expect ?? c.valid
        if (r.valid !== want) throw new Error(`${c.text ?? c.hex}: expected ${want ? 'valid' : 'invalid'}, got ${r.valid ? 'valid' : `${r.error.code} at ${r.error.offset}`}`)
      }
    })
  }
})
