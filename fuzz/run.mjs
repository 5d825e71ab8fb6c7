// Zero-dependency fuzz runner: bundles fuzz/targets.ts with the esbuild tsup installs, then mutates the seed corpus.
// Usage: node fuzz/run.mjs [target ...] [--seconds N] [--seed S] [--runs N] [--max-len N] [--list]
// Not coverage-guided: inputs that produce a new outcome (error code / result shape) join the pool instead.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const root = new URL('../', import.meta.url)
const here = new URL('./', import.meta.url)
const out = new URL('.build/', here)

// ---- arguments
const argv = process.argv.slice(2)
const names = []
const opts = { seconds: 10, seed: undefined, runs: Infinity, maxLen: 65536, list: false }
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  if (a === '--seconds') opts.seconds = Number(argv[++i])
  else if (a === '--seed') opts.seed = argv[++i]
  else if (a === '--runs') opts.runs = Number(argv[++i])
  else if (a === '--max-len') opts.maxLen = Number(argv[++i])
  else if (a === '--list') opts.list = true
  else if (a === '--minimise') opts.minimise = argv[++i]
  else if (a.startsWith('--')) { console.error(`unknown option ${a}`); process.exit(2) } else names.push(a)
}
if (!(opts.seconds > 0) || !(opts.runs > 0)) { console.error('--seconds and --runs must be positive'); process.exit(2) }
const seed = opts.seed ?? String(Date.now() % 1e9)

// ---- bundle the TypeScript targets and mutators (Node 20 cannot run .ts)
mkdirSync(out, { recursive: true })
await build({
  entryPoints: { targets: new URL('targets.ts', here).pathname, mutate: new URL('mutate.ts', here).pathname },
  outdir: out.pathname,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning'
})
const { TARGETS, MISSING, lastOutcome } = await import(new URL('targets.mjs', out).href)
const { Rng, hashString, mutate, minimise, parseFields, readVarint, uvarint } = await import(new URL('mutate.mjs', out).href)

if (opts.list) {
  for (const [n, t] of Object.entries(TARGETS)) console.log(`${n}\t(corpus: ${t.corpus.join(', ')})`)
  for (const n of MISSING) console.log(`${n}\t(MISSING: entry point not in src/)`)
  process.exit(0)
}
for (const n of names) if (!(n in TARGETS)) { console.error(`unknown target ${n}; try --list`); process.exit(2) }
const selected = names.length > 0 ? names : Object.keys(TARGETS)

// ---- corpus: recorded vectors (frames and bodies), fields pulled out of them, fuzz/corpus/<kind>/, saved crashers
function files (dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((f) => !f.startsWith('.')).sort().flatMap((f) => {
    const u = new URL(f, dir)
    return statSync(u).isDirectory() ? files(new URL(f + '/', dir)) : [new Uint8Array(readFileSync(u))]
  })
}
const vectorFrames = readdirSync(new URL('vectors/', root)).filter((f) => f.endsWith('.bin')).sort()
  .map((f) => new Uint8Array(readFileSync(new URL(`vectors/${f}`, root))))
const bodies = vectorFrames.map((b) => { const [, n] = readVarint(b, 0); return b.subarray(n) })
const fieldsOf = (nums) => bodies.flatMap((b) => parseFields(b).filter((f) => nums.includes(f.field)).map((f) => b.slice(f.dataStart, f.end)))
const dedupe = (list) => { const s = new Set(); return list.filter((b) => { const k = Buffer.from(b).toString('hex'); return s.has(k) ? false : (s.add(k), true) }) }
const kinds = {
  frames: () => [...vectorFrames, ...files(new URL('corpus/frames/', here))],
  identify: () => [...bodies, ...files(new URL('corpus/identify/', here))],
  multiaddr: () => dedupe([...fieldsOf([2, 4]), ...files(new URL('corpus/multiaddr/', here))]),
  'multiaddr-text': () => files(new URL('corpus/multiaddr-text/', here)),
  text: () => dedupe([...fieldsOf([3, 5, 6]), ...files(new URL('corpus/text/', here))]),
  record: () => dedupe([...fieldsOf([1, 8]), ...files(new URL('corpus/record/', here))]),
  'peer-id-text': () => files(new URL('corpus/peer-id-text/', here))
}
const crashDir = new URL('crashes/', here)

// ---- crash handling
// Same failure = same message once quoted values and numbers are blanked (they change as the input shrinks).
const signature = (e) => (e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${typeof e}: ${String(e)}`)
  .split('\n')[0].replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 200)
function failsWith (fn, sig) {
  const stop = performance.now() + 60_000 // minimisation time cap: keep what was reached
  return (b) => {
    if (performance.now() > stop) return false
    try { fn(b); return false } catch (e) { return signature(e) === sig }
  }
}
/** Protobuf-aware shrinking: drop whole fields, then halve LEN payloads with their length prefixes kept right. */
function shrinkFields (b, fails) {
  const cat = (...ps) => { const o = new Uint8Array(ps.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of ps) { o.set(p, at); at += p.length } return o }
  for (let progress = true, rounds = 0; progress && rounds < 50; rounds++) {
    progress = false
    const fields = parseFields(b)
    for (let k = fields.length - 1; k >= 0; k--) {
      const f = fields[k]
      const drop = cat(b.subarray(0, f.start), b.subarray(f.end))
      if (fails(drop)) { b = drop; progress = true; break }
      if (f.wireType === 2 && f.end > f.dataStart) {
        const half = f.dataStart + ((f.end - f.dataStart) >> 1)
        const cut = cat(b.subarray(0, f.valueStart), uvarint(half - f.dataStart), b.subarray(f.dataStart, half), b.subarray(f.end))
        if (fails(cut)) { b = cut; progress = true; break }
      }
    }
  }
  return b
}

/** ddmin, first on the body of a one-frame input with its length prefix kept right (plain ddmin breaks the frame). */
function minimiseFramed (input, fails) {
  const l = readVarint(input, 0)
  if (l !== undefined && l[1] + Number(l[0]) === input.length && l[0] > 0n) {
    const wrap = (b) => { const p = uvarint(b.length); const o = new Uint8Array(p.length + b.length); o.set(p); o.set(b, p.length); return o }
    const body = minimise(shrinkFields(input.slice(l[1]), (b) => fails(wrap(b))), (b) => fails(wrap(b)))
    const w = wrap(body)
    if (w.length < input.length && fails(w)) input = w
  }
  return minimise(input, fails)
}

function saveCrash (name, input, e, meta) {
  const fn = TARGETS[name].fn
  const sig = signature(e)
  // A slow input is saved as found: re-running it thousands of times to minimise it would take the whole budget.
  const small = meta.slow === true ? input : minimiseFramed(input, failsWith(fn, sig))
  const hash = createHash('sha256').update(small).digest('hex').slice(0, 12)
  mkdirSync(crashDir, { recursive: true })
  const base = new URL(`${name}-${hash}`, crashDir)
  writeFileSync(new URL(`${base.href}.bin`), small)
  let err
  try { fn(small); err = 'no longer fails after minimisation (flaky?)' } catch (e2) { err = e2 instanceof Error ? `${e2.name}: ${e2.message}\n${e2.stack}` : String(e2) }
  writeFileSync(new URL(`${base.href}.json`), JSON.stringify({
    target: name, seed, ...meta, signature: sig, error: err,
    originalHex: Buffer.from(input).toString('hex'), minimisedHex: Buffer.from(small).toString('hex'),
    replay: `node fuzz/run.mjs ${name} --seed ${seed}`
  }, null, 2) + '\n')
  return `fuzz/crashes/${name}-${hash}.bin (${input.length} -> ${small.length} bytes)`
}

// ---- one target
// One execution slower than this (median of 3 re-runs) is reported: 250 ms + 10 us per input byte. Linear targets
// take well under 1 ms per KiB even on a loaded machine; a quadratic blow-up on a 64 KiB input takes seconds.
const slowMs = (n) => 250 + n / 100
function runTarget (name) {
  const { fn, corpus } = TARGETS[name]
  const rng = new Rng(hashString(`${seed}:${name}`))
  const seeds = corpus.flatMap((k) => kinds[k]())
  const replays = files(crashDir).length > 0
    ? readdirSync(crashDir).filter((f) => f.endsWith('.bin')).map((f) => new Uint8Array(readFileSync(new URL(f, crashDir))))
    : []
  const pool = []
  const seen = new Set()
  const crashes = new Map()
  let execs = 0
  const onCrash = (input, e, how, slow = false) => {
    const sig = signature(e)
    if (crashes.has(sig)) return
    const where = saveCrash(name, input, e, { iteration: execs, how, slow })
    crashes.set(sig, where)
    console.log(`  CRASH ${name}: ${sig}\n        -> ${where}`)
  }
  const exec = (input, how) => {
    execs++
    const t0 = performance.now()
    try { fn(input) } catch (e) { onCrash(input, e, how); return false }
    const dt = performance.now() - t0
    if (dt > slowMs(input.length)) {
      const times = [0, 1, 2].map(() => { const t = performance.now(); try { fn(input) } catch {} return performance.now() - t }).sort((a, b) => a - b)
      if (times[1] > slowMs(input.length)) onCrash(input, new Error(`slow: ${times[1].toFixed(1)} ms on ${input.length} bytes`), how, true)
    }
    return true
  }
  for (const s of [...seeds, ...replays]) {
    if (exec(s, 'seed')) { const o = lastOutcome(); seen.add(o); pool.push(s) }
  }
  if (pool.length === 0) pool.push(new Uint8Array(0))
  const start = performance.now()
  const deadline = start + opts.seconds * 1000
  let mutated = 0
  while (mutated < opts.runs && performance.now() < deadline) {
    const input = pool[rng.int(pool.length)]
    const other = pool[rng.int(pool.length)]
    const m = mutate(rng, input, other, opts.maxLen)
    mutated++
    if (exec(m, 'mutation') && pool.length < 20000) {
      const o = lastOutcome()
      if (!seen.has(o)) { seen.add(o); pool.push(m) }
    }
  }
  const secs = (performance.now() - start) / 1000
  return { name, execs, mutated, secs, rate: mutated / secs, seeds: seeds.length, pool: pool.length, outcomes: seen.size, crashes: crashes.size }
}

if (opts.minimise !== undefined) { // node fuzz/run.mjs <target> --minimise <file>: re-minimise a saved input
  const input = new Uint8Array(readFileSync(opts.minimise))
  let err
  try { TARGETS[names[0]].fn(input) } catch (e) { err = e }
  if (names.length !== 1 || err === undefined) { console.error('--minimise needs one target and an input that fails it'); process.exit(2) }
  console.log(`minimised: ${saveCrash(names[0], input, err, { how: 'minimise', from: opts.minimise })}`)
  process.exit(0)
}
console.log(`identify-wire fuzz: seed ${seed}, ${opts.seconds} s per target${Number.isFinite(opts.runs) ? `, at most ${opts.runs} runs` : ''}, node ${process.version}`)
if (MISSING.length > 0) console.log(`missing targets (entry point not in src/): ${MISSING.join(', ')}`)
const results = []
for (const name of selected) {
  const r = runTarget(name)
  results.push(r)
  console.log(`${name.padEnd(24)} ${String(r.execs).padStart(10)} execs  ${Math.round(r.rate).toString().padStart(7)} exec/s  ` +
    `seeds ${r.seeds}  pool ${r.pool}  outcomes ${r.outcomes}  crashes ${r.crashes}`)
}
const total = results.reduce((s, r) => s + r.execs, 0)
const crashes = results.reduce((s, r) => s + r.crashes, 0)
const secs = results.reduce((s, r) => s + r.secs, 0)
console.log(`total: ${total} executions in ${secs.toFixed(1)} s over ${results.length} targets, ${crashes} crash${crashes === 1 ? '' : 'es'} (seed ${seed})`)
if (crashes > 0) process.exitCode = 1
