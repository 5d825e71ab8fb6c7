// Size budgets of the BUILT library as a browser app bundles it: esbuild (the one tsup brings), ESM, platform browser,
// tree-shaken, minified, then gzip level 9 — the method of ../shared/tools/peer-bench/size.mjs. Prints the table.
import { describe, it, expect } from 'vitest'
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { dist, requireBuilt, entryFile } from './testing/dist.js'

/**
 * Budgets in bytes of gzip output (1 KB = 1024 bytes), from issue #6. Three are NOT met today (measured 2026-11-22,
 * node 20, esbuild 0.27): the fast paths of the Identify codec, the multiaddr text form and the peer module cost more
 * than the budgets allow. Until they are met, `heldAt` holds each of those at its current size plus about 3%, so
 * that it cannot grow unnoticed; the test prints how far over its budget it is. Remove `heldAt` once under budget.
 */
const cases: Array<{ name: string, entry: string, names: string[] | '*', budget: number, heldAt?: number }> = [
  { name: 'decodeIdentify + encodeIdentify', entry: '.', names: ['decodeIdentify', 'encodeIdentify'], budget: 1.5 * 1024, heldAt: 2800 },
  { name: 'validateMultiaddr + multiaddrToString + multiaddrFromString', entry: '.', names: ['validateMultiaddr', 'multiaddrToString', 'multiaddrFromString'], budget: 4 * 1024, heldAt: 5280 },
  { name: 'sanitize', entry: '.', names: ['sanitize'], budget: 1 * 1024 },
  { name: 'libp2p adapter: Identify (identify-wire/libp2p)', entry: './libp2p', names: ['Identify'], budget: 3700 }, // the codec + ~0.8 KB (3551 B on 2026-12-04)
  { name: 'whole library (import *)', entry: '.', names: '*', budget: 6 * 1024, heldAt: 22600 },
  // Signature verification for every key type (secp256k1 here, the rest through WebCrypto) with checkIdentify under it.
  { name: 'verifyIdentify', entry: '.', names: ['verifyIdentify'], budget: 15 * 1024 }
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
    const title = c.heldAt === undefined
      ? `${c.name} ≤ ${c.budget} B gzip`
      : `${c.name}: over its ${c.budget} B budget (issue #6, not met), held at ≤ ${c.heldAt} B gzip`
    it(title, async () => {
      requireBuilt()
      const s = await measure(entryFile(c.entry, 'import'), c.names)
      rows.push(`${c.name.padEnd(62)} ${String(s.min).padStart(7)} B min ${String(s.gzip).padStart(6)} B gzip  (budget ${c.budget})`)
      console.log(`size: ${rows[rows.length - 1]!}`)
      if (s.gzip > c.budget) console.log(`size: OVER BUDGET by ${s.gzip - c.budget} B; minified bytes per module: ${s.modules}`)
      expect(s.gzip).toBeGreaterThan(0)
      expect(s.gzip).toBeLessThanOrEqual(c.heldAt ?? c.budget)
    }, 30_000)
  }

  it('a checkIdentify-only bundle carries no verification code', async () => {
    requireBuilt()
    const check = await measure('index.js', ['checkIdentify'])
    const verify = await measure('index.js', ['verifyIdentify'])
    console.log(`size: checkIdentify alone ${check.gzip} B gzip; verifyIdentify alone ${verify.gzip} B gzip (+${verify.gzip - check.gzip} B)`)
    // What verification adds on top of checkIdentify: secp256k1, WebCrypto glue, the Ed25519 point check, DER.
    expect(verify.gzip - check.gzip).toBeLessThanOrEqual(4200)
    for (const m of ['peer/verify.js', 'peer/secp256k1.js', 'peer/webcrypto.js', 'peer/ed25519-point.js', 'peer/ecdsa-der.js']) {
      expect(check.modules).not.toContain(m)
      expect(verify.modules).toContain(m)
    }
  }, 30_000)

  it('tree-shaking works: one function costs less than the whole library', async () => {
    requireBuilt()
    const one = await measure('index.js', ['WireError'])
    const all = await measure('index.js', '*')
    expect(one.gzip).toBeLessThan(all.gzip / 2)
  }, 30_000)
})
