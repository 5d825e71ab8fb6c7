// `npm run interop`: the live loopback judge of every implementation in vectors/recorders/*/judge (go-libp2p,
// rust-libp2p). Builds dist/ first when it is missing; a judge whose toolchain is missing says SKIPPED and counts
// as skipped, not passed. Prints each judge's lines, then one summary line; exits 1 when any check failed.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
process.chdir(root)
if (!existsSync('dist/index.js') || !existsSync('dist/peer/index.js')) {
  const b = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (b.status !== 0) { console.log('FAIL build: npm run build failed'); process.exit(1) }
}
let passed = 0
let failed = 0
const skipped = []
for (const impl of readdirSync('vectors/recorders').sort()) {
  const judge = `vectors/recorders/${impl}/judge`
  if (!existsSync(judge)) continue
  console.log(`== ${impl} ==`)
  const t0 = Date.now()
  const r = spawnSync(judge, [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 })
  const out = r.stdout ?? ''
  process.stdout.write(out)
  if (/^SKIPPED/m.test(out)) { skipped.push(impl); continue }
  const p = (out.match(/^PASS /gm) ?? []).length
  const f = (out.match(/^FAIL /gm) ?? []).length
  passed += p
  failed += f
  if (r.status !== 0 && f === 0) { console.log(`FAIL ${impl} judge: exit ${r.status} without a FAIL line`); failed++ }
  if (p + f === 0 && r.status === 0) { console.log(`FAIL ${impl} judge: ran no check`); failed++ }
  console.log(`(${impl}: ${p} passed, ${f} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}
if (skipped.length > 0) console.log(`SKIPPED judges (toolchain missing): ${skipped.join(', ')}`)
console.log(`interop: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
