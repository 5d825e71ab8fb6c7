// Size budgets of the BUILT library as a browser app bundles it: esbuild (the one tsup brings), ESM, platform browser,
// tree-shaken, minified, then gzip level 9 — the method of ../shared/tools/peer-bench/size.mjs. Prints the table.
import { describe, it, expect } from 'vitest'
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { dist, requireBuilt, entryFile } from './testing/dist.js'

/** Budgets in bytes of gzip output (1 KB = 1024 bytes). */
const cases: Array<{ name: string, entry: string, names: string[] | '*', budget: number }> = [
  { name: 'decodeIdentify + encodeIdentify', entry: '.', names: ['decodeIdentify', 'encodeIdentify'], budget: 1.5 * 1024 },
  { name: 'validateMultiaddr + multiaddrToString + multiaddrFromString', entry: '.', names: ['validateMultiaddr', 'multiaddrToString', 'multiaddrFromString'], budget: 4 * 1024 },
  { name: 'sanitize', entry: '.', names: ['sanitize'], budget: 1 * 1024 },
  { name: 'whole library (import *)', entry: '.', names: '*', budget: 6 * 1024 }
]

async function measure (file: string, names: string[] | '*'): Promise<{ min: number, gzip: number, modules: string }> {
  const spec = JSON.stringify(join(dist, file))
  const contents = names === '*'
    ? `import * as all from ${spec}; globalThis.x = all`
    : `import { ${names.join(', ')} } from ${spec}; globalThis.x = [${names.join(', ')}]`
  const r = await build({ stdin: { contents, resolveDir: dist, loader: 'js' }, bundle: true, minify: true, treeShaking: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true })
  const code = r.outputFiles[0]!.contents
  // Minified bytes each module contributes, largest first: where to look when a budget is exceeded.
  const inputs = Object.values(r.metafile.outputs)[0]!.inputs
  const modules = Object.entries(inputs).filter(([, v]) => v.bytesInOutput > 0).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .map(([k, v]) => `${k.replace(/^.*dist\//, '')} ${v.bytesInOutput}`).join(', ')
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, modules }
}

describe('bundle size budgets (minified + gzip -9, esbuild, browser ESM)', () => {
  const rows: string[] = []
  for (const c of cases) {
    it(`${c.name} ≤ ${c.budget} B gzip`, async () => {
      requireBuilt()
      const s = await measure(entryFile(c.entry, 'import'), c.names)
      rows.push(`${c.name.padEnd(62)} ${String(s.min).padStart(7)} B min ${String(s.gzip).padStart(6)} B gzip  (budget ${c.budget})`)
      console.log(`size: ${rows[rows.length - 1]!}`)
      if (s.gzip > c.budget) console.log(`size: over budget by ${s.gzip - c.budget} B; minified bytes per module: ${s.modules}`)
      expect(s.gzip).toBeGreaterThan(0)
      expect(s.gzip).toBeLessThanOrEqual(c.budget)
    }, 30_000)
  }

  it('tree-shaking works: one function costs less than the whole library', async () => {
    requireBuilt()
    const one = await measure('index.js', ['WireError'])
    const all = await measure('index.js', '*')
    expect(one.gzip).toBeLessThan(all.gzip / 2)
  }, 30_000)
})
