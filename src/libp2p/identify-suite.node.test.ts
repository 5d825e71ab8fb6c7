// js-libp2p's own identify test suite (packages/protocol-identify/test/*.spec.ts at a pinned commit) run three times
// against @libp2p/identify 4.1.14's sources: with its protons codec, with identify-wire/libp2p's Identify in its
// place (the README's one line), and with decodeIdentify/encodeIdentify assigned directly (which must fail: the
// suite can tell). Needs the registry (packages installed once into ~/.cache/identify-wire-libp2p-suite) and the
// suite's files: from JS_LIBP2P_GIT (a js-libp2p git directory holding the commit) or from GitHub; skipped, saying
// why, without them. Tests the BUILT entry: `npm run build` first.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { writeFileSync, readFileSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { root, requireBuilt, cachedInstall, lowPriority } from '../testing/dist.js'

const COMMIT = '59ccecc405e49b81ade4218b84a16c036b340b61' // js-libp2p main, 2026; its identify sources equal 4.1.14's
const SPECS = ['index.spec.ts', 'push.spec.ts', 'utils.spec.ts']
const packages = ['@libp2p/identify@4.1.14', 'chai@4.5.0', 'chai-as-promised@7.1.2', 'chai-bites@0.3.1', 'chai-parentheses@0.0.2',
  'chai-string@1.6.0', 'chai-subset@1.6.0', 'sinon-ts@2.0.0', 'delay@7.0.0', 'it-length-prefixed@11.0.1', '@libp2p/logger@6.2.13',
  '@libp2p/peer-record@9.0.16', '@libp2p/crypto@5.2.0', '@libp2p/peer-id@6.0.15', '@libp2p/utils@7.4.1', '@libp2p/interface@3.4.0',
  '@libp2p/interface-internal@3.1.13', '@multiformats/multiaddr@13.0.3', 'main-event@1.0.5', 'uint8arrays@6.1.1']

// The spec files, from a local js-libp2p git directory or from GitHub (Node's fetch in a child, 20 s), cached.
function specs (dir: string): string | undefined {
  const out = join(dir, `specs-${COMMIT}`)
  if (SPECS.every((f) => existsSync(join(out, f)))) return undefined
  mkdirSync(out, { recursive: true })
  const git = process.env.JS_LIBP2P_GIT
  for (const f of SPECS) {
    const path = `packages/protocol-identify/test/${f}`
    if (git !== undefined) {
      const r = spawnSync('git', ['--git-dir', git, 'show', `${COMMIT}:${path}`], { encoding: 'utf8' })
      if (r.status !== 0) return `JS_LIBP2P_GIT=${git} has no ${COMMIT}:${path}`
      writeFileSync(join(out, f), r.stdout)
    } else {
      const url = `https://raw.githubusercontent.com/libp2p/js-libp2p/${COMMIT}/${path}`
      const r = spawnSync(process.execPath, ['-e', `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(20000) }).then(async (r) => { if (!r.ok) throw new Error(r.status); process.stdout.write(await r.text()) }).catch((e) => { process.stderr.write(String(e.cause?.code ?? e.message)); process.exit(1) })`], { encoding: 'utf8', timeout: 30_000 })
      if (r.status !== 0) return `cannot fetch ${url} (${r.stderr.trim() || String(r.error ?? r.status)}); set JS_LIBP2P_GIT to a js-libp2p git directory instead`
      writeFileSync(join(out, f), r.stdout)
    }
  }
  return undefined
}

const cache = cachedInstall('libp2p-suite', packages)
const noSpecs = cache.dir === undefined ? undefined : specs(cache.dir)
if (noSpecs !== undefined) console.warn(`${'!'.repeat(78)}\n!! SKIPPED: js-libp2p's identify suite: ${noSpecs}\n${'!'.repeat(78)}`)
const skip = cache.skipped ?? noSpecs
const skipNote = skip === undefined ? '' : ` (SKIPPED: ${skip})`

const codecs: Record<string, string | undefined> = {
  stock: undefined,
  adapter: `export { Identify } from ${JSON.stringify(requireBuiltSafe('libp2p/index.js'))}\n`,
  direct: `import { encodeIdentify, decodeIdentify } from ${JSON.stringify(requireBuiltSafe('index.js'))}\nexport const Identify = { encode: encodeIdentify, decode: decodeIdentify } as any\n`
}
function requireBuiltSafe (f: string): string {
  try { return requireBuilt(f) } catch { return join(root, 'dist', f) }
}

// One @libp2p/identify source tree per codec, beside (not inside) node_modules so that vite compiles its TypeScript.
function run (): Record<string, { passed: number, failed: number }> {
  const d = cache.dir!
  requireBuilt('libp2p/index.js')
  for (const [name, codec] of Object.entries(codecs)) {
    const s = join(d, `suite-${name}`)
    spawnSync('rm', ['-rf', s])
    mkdirSync(join(s, 'test'), { recursive: true })
    spawnSync('cp', ['-r', join(d, 'node_modules/@libp2p/identify/src'), join(s, 'src')])
    for (const f of SPECS) writeFileSync(join(s, 'test', f), readFileSync(join(d, `specs-${COMMIT}`, f), 'utf8'))
    if (codec !== undefined) writeFileSync(join(s, 'src/pb/message.ts'), codec)
  }
  // aegir/chai as aegir 48 builds it, and the Promise.withResolvers polyfill js-libp2p 3 needs on Node 20
  writeFileSync(join(d, 'aegir-chai.js'), `import chai from 'chai'
import chaiAsPromised from 'chai-as-promised'
import chaiParentheses from 'chai-parentheses'
import chaiSubset from 'chai-subset'
import chaiBites from 'chai-bites'
import chaiString from 'chai-string'
for (const p of [chaiAsPromised, chaiParentheses, chaiSubset, chaiBites, chaiString]) chai.use(p)
export const expect = chai.expect
export const assert = chai.assert
export { chai }
`)
  writeFileSync(join(d, 'setup.js'), 'Promise.withResolvers ??= function () { let resolve, reject; const promise = new this((a, b) => { resolve = a; reject = b }); return { promise, resolve, reject } }\n')
  writeFileSync(join(d, 'vitest.config.mjs'), `export default { test: { globals: true, setupFiles: [${JSON.stringify(join(d, 'setup.js'))}], include: ['suite-*/test/**/*.spec.ts'], testTimeout: 20000, hookTimeout: 20000 }, resolve: { alias: { 'aegir/chai': ${JSON.stringify(join(d, 'aegir-chai.js'))} } } }\n`)
  const report = join(d, 'report.json')
  spawnSync(...lowPriority(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', d, '--config', join(d, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${report}`]), { encoding: 'utf8', timeout: 400_000, maxBuffer: 64 << 20 })
  const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ name: string, assertionResults: Array<{ status: string }> }> }
  const out: Record<string, { passed: number, failed: number }> = {}
  for (const f of json.testResults) {
    const name = /suite-(\w+)/.exec(f.name)![1]!
    const o = out[name] ??= { passed: 0, failed: 0 }
    for (const a of f.assertionResults) { if (a.status === 'passed') o.passed++; else o.failed++ }
  }
  return out
}

describe("js-libp2p's identify test suite (@libp2p/identify 4.1.14 sources)", () => {
  it.skipIf(skip !== undefined)(`passes with identify-wire/libp2p as its codec, as with protons; fails with decodeIdentify assigned directly${skipNote}`, () => {
    const r = run()
    console.log(`js-libp2p identify suite: ${Object.entries(r).map(([k, v]) => `${k} ${v.passed} passed, ${v.failed} failed`).join('; ')}`)
    expect(r.stock).toEqual({ passed: 37, failed: 0 })
    expect(r.adapter).toEqual({ passed: 37, failed: 0 })
    expect(r.direct!.failed).toBeGreaterThan(0)
  }, 420_000)
})
