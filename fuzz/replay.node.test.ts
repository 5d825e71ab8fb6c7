// Regression replay: every seed in fuzz/corpus/, every recorded vector and every saved crasher in fuzz/crashes/
// runs through every fuzz target. Node-only (it lists directories); `npm test` runs it.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { TARGETS } from './targets.js'

const here = new URL('./', import.meta.url)

function files (dir: URL, rel = ''): Array<[string, Uint8Array]> {
  return readdirSync(dir).filter((f) => !f.startsWith('.')).sort().flatMap((f): Array<[string, Uint8Array]> => {
    const u = new URL(f, dir)
    if (statSync(u).isDirectory()) return files(new URL(`${f}/`, dir), `${rel}${f}/`)
    return f.endsWith('.json') ? [] : [[`${rel}${f}`, new Uint8Array(readFileSync(u))]]
  })
}

const inputs: Array<[string, Uint8Array]> = [
  ...files(new URL('corpus/', here), 'corpus/'),
  ...files(new URL('../vectors/', here), 'vectors/').filter(([n]) => n.endsWith('.bin')),
  ...files(new URL('crashes/', here), 'crashes/')
]

describe('fuzz regression replay', () => {
  it('has inputs from the corpus and the vectors', () => {
    expect(inputs.filter(([n]) => n.startsWith('corpus/')).length).toBeGreaterThan(40)
    expect(inputs.filter(([n]) => n.startsWith('vectors/')).length).toBeGreaterThan(10)
  })
  for (const [target, { fn }] of Object.entries(TARGETS)) {
    it(`${target}: every corpus file, vector and crasher keeps every invariant`, () => {
      for (const [name, data] of inputs) {
        // Each input also runs cut to a prefix, so that the truncation paths replay too.
        for (const d of [data, data.subarray(0, data.length >> 1)]) {
          try { fn(d) } catch (e) { throw new Error(`${target} on ${name} (${d.length} bytes): ${(e as Error).message}`) }
        }
      }
    })
  }
})
