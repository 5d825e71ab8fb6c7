#!/usr/bin/env node
// Runs the portable tests (src/**/*.test.ts and fuzz/*.test.ts, minus *.node.test.ts) in headless Chromium:
// one esbuild bundle, `vitest` aliased to ./vitest-shim.ts, vectors embedded, served from 127.0.0.1, results POSTed back.
// Usage: node src/testing/browser/run.mjs [filter | --files a.ts,b.ts]
// env: CHROMIUM=path, BROWSER_TIMEOUT_MS, IDENTIFY_WIRE_SKIP_BROWSER=1 (skip, loudly),
//      IDENTIFY_WIRE_REQUIRE_BROWSER=1 (CI: no Chromium is a failure, not a skip).
// Without Chromium the run is skipped with a loud banner and exits 0, so `npm test` passes on a machine without one.
import { build } from 'esbuild'
import { createServer } from 'node:http'
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync, existsSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'
import { tmpdir } from 'node:os'
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { findChromium, skipBanner, installHint } from './chromium.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../../..')
const shim = join(here, 'vitest-shim.ts')
const vectorsModule = join(root, 'src/testing/vectors.ts')
const vectorsDir = join(root, 'vectors')
const filesArg = process.argv[2] === '--files' ? process.argv[3] : undefined
const filter = filesArg === undefined ? process.argv[2] : undefined
const timeoutMs = Number(process.env.BROWSER_TIMEOUT_MS ?? 180_000)
const rel = (p) => relative(root, p).split(sep).join('/')

if (process.env.IDENTIFY_WIRE_SKIP_BROWSER === '1') {
  const bar = '!'.repeat(78)
  console.error(`${bar}\n!! BROWSER RUN SKIPPED (IDENTIFY_WIRE_SKIP_BROWSER=1): the tests did NOT run in Chromium.\n${bar}`)
  process.exit(0)
}
const chromiumLookup = findChromium()
if (chromiumLookup.path === undefined) {
  if (process.env.IDENTIFY_WIRE_REQUIRE_BROWSER === '1') {
    console.error(`browser run FAILED: ${chromiumLookup.reason}, and IDENTIFY_WIRE_REQUIRE_BROWSER=1 requires it; ${installHint}.`)
    process.exit(1)
  }
  console.error(skipBanner(chromiumLookup.reason))
  process.exit(0)
}
const chromium = chromiumLookup.path

function walk (dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) continue
    if (statSync(p).isDirectory()) walk(p, out)
    else if (name.endsWith('.test.ts') && !name.endsWith('.node.test.ts')) out.push(p)
  }
  return out
}

const candidates = filesArg !== undefined
  ? filesArg.split(',').map((f) => resolve(root, f))
  : [...walk(join(root, 'src')), ...(existsSync(join(root, 'fuzz')) ? walk(join(root, 'fuzz')) : [])]
      .filter((f) => filter === undefined || rel(f).includes(filter))

// ---- the bundle ----
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

function embeddedFiles (dir, prefix = '') {
  const files = {}
  if (!existsSync(dir)) return files
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) Object.assign(files, embeddedFiles(p, `${prefix}${name}/`))
    else files[prefix + name] = readFileSync(p).toString('base64')
  }
  return files
}

// src/testing/vectors.ts reads vectors/ with node:fs; in the bundle its node:fs is this in-memory copy of vectors/.
function embeddedFs () {
  return `const files = ${JSON.stringify(embeddedFiles(vectorsDir))};
const key = (p) => { const s = decodeURIComponent(typeof p === 'string' ? p : p.pathname); const i = s.lastIndexOf('/vectors/'); return (i < 0 ? s : s.slice(i + 9)).replace(/\\/$/, '') };
const missing = (p) => Object.assign(new Error('ENOENT: no such file in the embedded vectors: ' + key(p)), { code: 'ENOENT' });
export function readFileSync (p, enc) {
  const b64 = files[key(p)]; if (b64 === undefined) throw missing(p);
  const bin = atob(b64); const out = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return enc === undefined ? out : new TextDecoder().decode(out);
}
export function readdirSync (p) {
  const k = key(p); const pre = k === '' ? '' : k + '/'; const names = new Set();
  for (const f of Object.keys(files)) if (f.startsWith(pre)) names.add(f.slice(pre.length).split('/')[0]);
  return [...names].sort();
}
export function existsSync (p) { const k = key(p); return k === '' || files[k] !== undefined || Object.keys(files).some((f) => f.startsWith(k + '/')) }
export function statSync (p) { const k = key(p); const isFile = files[k] !== undefined; if (!isFile && !existsSync(p)) throw missing(p); return { size: isFile ? atob(files[k]).length : 0, isFile: () => isFile, isDirectory: () => !isFile } }
export default { readFileSync, readdirSync, existsSync, statSync };`
}

const builtinImporters = new Map() // builtin -> importers
const plugin = {
  name: 'browser-tests',
  setup (b) {
    b.onResolve({ filter: /^vitest$/ }, () => ({ path: shim }))
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!builtins.has(args.path)) return undefined
      if (resolve(args.importer) === vectorsModule && (args.path === 'node:fs' || args.path === 'fs')) return { path: 'fs', namespace: 'embedded-vectors' }
      const list = builtinImporters.get(args.path) ?? new Set()
      list.add(rel(args.importer))
      builtinImporters.set(args.path, list)
      return { path: args.path, namespace: 'node-builtin' }
    })
    b.onLoad({ filter: /.*/, namespace: 'embedded-vectors' }, () => ({ contents: embeddedFs(), loader: 'js' }))
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`Node builtin "${args.path}" is not available in the browser (only *.node.test.ts may use Node APIs)`)})`,
      loader: 'js'
    }))
  }
}

function entrySource (files) {
  const loaders = files.map((f) => `[${JSON.stringify(rel(f))}, () => import(${JSON.stringify(f)})]`).join(',\n  ')
  return `import { __beginFile, __runAll, __fileError } from ${JSON.stringify(shim)}
const post = (path, body) => fetch(path, { method: 'POST', body: JSON.stringify(body) })
const loaders = [
  ${loaders}
]
const results = []
const started = performance.now()
for (const [file, load] of loaders) {
  __beginFile(file)
  try { await load() } catch (e) { results.push(__fileError(file, e)) }
}
let last = ''
results.push(...await __runAll((r) => { if (r.file !== last) { last = r.file; post('/progress', { file: r.file }) } }))
await post('/results', { results, ms: performance.now() - started, userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated === true })
`
}

async function bundle (files) {
  return await build({
    stdin: { contents: entrySource(files), resolveDir: root, sourcefile: 'browser-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [plugin]
  })
}

// fuzz/*.test.ts join the run only when portable; src tests must be portable (a Node import fails the file).
let result = await bundle(candidates).catch((e) => { console.error(`browser run: bundling failed:\n${e.message}`); process.exit(1) })
const reachesBuiltin = (file) => {
  const inputs = result.metafile.inputs
  const seen = new Set()
  const stack = [rel(file)]
  while (stack.length > 0) {
    const f = stack.pop()
    if (seen.has(f)) continue
    seen.add(f)
    for (const imp of inputs[f]?.imports ?? []) {
      if (imp.path.startsWith('node-builtin:')) return true
      stack.push(imp.path)
    }
  }
  return false
}
const unportableFuzz = candidates.filter((f) => rel(f).startsWith('fuzz/') && reachesBuiltin(f))
const files = candidates.filter((f) => !unportableFuzz.includes(f))
if (unportableFuzz.length > 0) {
  console.log(`browser run: leaving out fuzz tests that need Node: ${unportableFuzz.map(rel).join(', ')}`)
  builtinImporters.clear()
  result = await bundle(files)
}
if (files.length === 0) { console.error('browser run: no test files found'); process.exit(1) }
const bundleJs = result.outputFiles[0].contents
console.log(`browser run: ${files.length} test files, bundle ${(bundleJs.length / 1024).toFixed(0)} KiB`)

// ---- the page, the server and the browser ----
const html = '<!doctype html><meta charset="utf-8"><title>identify-wire tests</title><script type="module" src="/bundle.js"></script>'
let finish
const done = new Promise((resolve) => { finish = resolve })
let lastFile = '(none yet)'
// Cross-origin isolated (COOP same-origin + COEP require-corp): the page gets SharedArrayBuffer, so that the tests
// feed SharedArrayBuffer-backed views to the library in the browser too (Chromium's TextDecoder rejects those).
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
const server = createServer((req, res) => {
  if (req.method === 'GET' && (req.url === '/' || req.url === '/index.html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolated }).end(html)
  } else if (req.method === 'GET' && req.url === '/bundle.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...isolated }).end(bundleJs)
  } else if (req.method === 'POST') {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      res.writeHead(204).end()
      let body
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) } catch { return }
      if (req.url === '/progress') lastFile = body.file
      else if (req.url === '/results') finish({ kind: 'results', body })
    })
  } else {
    res.writeHead(404).end()
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${server.address().port}/`

const profile = mkdtempSync(join(tmpdir(), 'identify-wire-chromium-'))
const started = Date.now()
const child = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
  '--disable-dev-shm-usage', `--user-data-dir=${profile}`, url], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
let chromiumLog = ''
child.stderr.on('data', (c) => { if (chromiumLog.length < 20000) chromiumLog += c })
child.on('error', (e) => finish({ kind: 'error', message: `cannot start ${chromium}: ${e.message}` }))
child.on('exit', (code, signal) => finish({ kind: 'error', message: `chromium exited early (code ${code}, signal ${signal})` }))
const killChromium = () => {
  // detached: chromium leads its own process group; end that group (all of chromium's processes, nothing else).
  try { process.kill(-child.pid, 'SIGKILL') } catch {}
}
process.on('exit', killChromium)
const timer = setTimeout(() => finish({ kind: 'error', message: `timed out after ${timeoutMs} ms (last file running: ${lastFile})` }), timeoutMs)

const outcome = await done
clearTimeout(timer)
child.removeAllListeners('exit')
killChromium()
server.close()
server.closeAllConnections?.()
try { rmSync(profile, { recursive: true, force: true }) } catch {}
const wall = Date.now() - started

if (outcome.kind === 'error') {
  console.error(`browser run FAILED: ${outcome.message}`)
  if (chromiumLog !== '') console.error(`chromium stderr (first lines):\n${chromiumLog.split('\n').slice(0, 15).join('\n')}`)
  process.exit(1)
}
const { results, ms, userAgent, crossOriginIsolated } = outcome.body
if (!crossOriginIsolated) console.log('browser run: WARNING: the page is not cross-origin isolated (no SharedArrayBuffer)')
const failed = results.filter((r) => !r.ok)
const skipped = results.filter((r) => r.skipped)
const passed = results.length - failed.length - skipped.length
for (const r of failed) console.log(`FAIL ${r.file} > ${r.name}\n     ${r.error}`)
for (const [b, importers] of builtinImporters) console.log(`note: ${b} imported by ${[...importers].join(', ')} (fails in the browser)`)
console.log(`browser: ${userAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? userAgent}; ${files.length} files; tests ${Math.round(ms)} ms, wall ${wall} ms${skipped.length > 0 ? `; ${skipped.length} skipped` : ''}`)
console.log(`${passed} passed, ${failed.length} failed`)
process.exit(failed.length > 0 || passed === 0 ? 1 : 0)
