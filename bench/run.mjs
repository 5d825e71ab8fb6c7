// npm run bench [-- group] [--rounds N]: runs every bench/*.bench.mjs (or the one named), prints median ns per
// item and MB/s, and writes all results to bench/results/latest.json. Node version printed first.
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs'
import { args, ROUNDS } from './lib.mjs'

const only = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.mjs')).sort()
  .filter((f) => only === undefined || f === `${only}.bench.mjs`)
console.log(`node ${process.version}, ${process.platform}; median of ${ROUNDS} interleaved rounds`)
const all = { node: process.version, rounds: ROUNDS, date: new Date().toISOString(), groups: {} }
for (const f of files) {
  const mod = await import(new URL(f, import.meta.url).href)
  // Each bench module exports run(): [{ name, ns, bytesPerItem? }]
  const rows = await mod.run()
  const group = f.replace(/\.bench\.mjs$/, '')
  console.log(`\n${group}`)
  console.log('  ' + 'case'.padEnd(40) + 'ns/item'.padStart(10) + 'MB/s'.padStart(10))
  for (const r of rows) {
    const mbs = r.bytesPerItem ? (r.bytesPerItem / r.ns * 1e3).toFixed(0) : ''
    console.log('  ' + r.name.padEnd(40) + r.ns.toFixed(0).padStart(10) + mbs.padStart(10))
  }
  all.groups[group] = rows
}
mkdirSync(new URL('results/', import.meta.url), { recursive: true })
writeFileSync(new URL('results/latest.json', import.meta.url), JSON.stringify(all, null, 2) + '\n')
console.log('\nwritten: bench/results/latest.json')
