// Driver of vectors/oracles/run: corpus.mjs -> each recorders/<impl>/oracle -> vectors/multiaddr-oracle-<impl>.json.
// The answers are stored beside their cases, so that src/multiaddr/oracles.node.test.ts reruns from the file alone.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'

const corpus = spawnSync('node', ['vectors/oracles/corpus.mjs'], { encoding: 'utf8', maxBuffer: 256 << 20 })
if (corpus.status !== 0) { process.stderr.write(corpus.stderr); process.exit(1) }
process.stderr.write(corpus.stderr)
const cases = corpus.stdout.trim().split('\n').map((l) => JSON.parse(l))
const sha = createHash('sha256').update(corpus.stdout).digest('hex')

/** The multiaddr library version the recorder pins: go-multiaddr in go.mod, the multiaddr crate in Cargo.lock. */
function libraryVersion (dir) {
  if (existsSync(`${dir}/go.mod`)) {
    const m = /github\.com\/multiformats\/go-multiaddr (v\S+)/.exec(readFileSync(`${dir}/go.mod`, 'utf8'))
    if (m) return `go-multiaddr ${m[1]}`
  }
  if (existsSync(`${dir}/Cargo.lock`)) {
    const m = /name = "multiaddr"\nversion = "([^"]+)"/.exec(readFileSync(`${dir}/Cargo.lock`, 'utf8'))
    if (m) return `multiaddr crate ${m[1]}`
  }
  return 'unknown'
}

let failed = 0
for (const impl of readdirSync('vectors/recorders').sort()) {
  const dir = `vectors/recorders/${impl}`
  if (!existsSync(`${dir}/oracle`)) continue
  const t0 = Date.now()
  const r = spawnSync(`${dir}/oracle`, [], { input: corpus.stdout, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'inherit'] })
  if (r.status !== 0) { console.log(`FAIL ${impl} oracle: exit ${r.status}`); failed++; continue }
  if (/^SKIPPED/m.test(r.stdout)) { console.log(`SKIPPED ${impl} oracle: ${r.stdout.trim()} (committed results kept)`); continue }
  let answers
  try {
    answers = new Map(r.stdout.trim().split('\n').filter((l) => l !== '').map((l) => { const a = JSON.parse(l); return [a.id, a] }))
  } catch (e) { console.log(`FAIL ${impl} oracle: output is not JSON lines (${e.message})`); failed++; continue }
  const missing = cases.filter((c) => !answers.has(c.id))
  if (missing.length > 0) { console.log(`FAIL ${impl} oracle: no answer for ${missing.length} cases (first id ${missing[0].id})`); failed++; continue }
  const out = {
    description: `Answers of ${impl}'s multiaddr parser (${libraryVersion(dir)}) on the oracle corpus: bin = parse bytes, text = parse text; ok with its String() and bytes, or its error. Written by vectors/oracles/run; compared with identify-wire by src/multiaddr/oracles.node.test.ts.`,
    implementation: impl,
    library: libraryVersion(dir),
    corpusSha256: sha,
    cases: cases.map((c) => {
      const a = answers.get(c.id)
      const answer = a.ok ? { ok: true, text: a.text, hex: a.hex } : { ok: false, error: a.error }
      return { ...c, answer }
    })
  }
  writeFileSync(`vectors/multiaddr-oracle-${impl}.json`, JSON.stringify(out, null, 0).replace(/\{"id":/g, '\n{"id":') + '\n')
  const ok = out.cases.filter((c) => c.answer.ok).length
  console.log(`${impl}: ${cases.length} cases, ${ok} accepted, ${cases.length - ok} rejected (${Date.now() - t0} ms) -> vectors/multiaddr-oracle-${impl}.json`)
}

// Address scope (loopback / private / public), the predicates of go-libp2p's announce and receive rules: every
// recorder with a `scope` script answers for vectors/oracles/address-scope.txt.
const scopeCases = readFileSync('vectors/oracles/address-scope.txt', 'utf8')
for (const impl of readdirSync('vectors/recorders').sort()) {
  const dir = `vectors/recorders/${impl}`
  if (!existsSync(`${dir}/scope`)) continue
  const r = spawnSync(`${dir}/scope`, [], { input: scopeCases, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] })
  if (r.status !== 0) { console.log(`FAIL ${impl} scope: exit ${r.status}`); failed++; continue }
  if (/^SKIPPED/m.test(r.stdout)) { console.log(`SKIPPED ${impl} scope: ${r.stdout.trim()} (committed results kept)`); continue }
  const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
  const out = {
    description: `${impl}'s address scope predicates (${libraryVersion(dir)} net: IsIPLoopback, IsPrivateAddr, IsPublicAddr) on vectors/oracles/address-scope.txt. Written by vectors/oracles/run; compared with identify-wire by src/peer/announce.test.ts.`,
    implementation: impl,
    library: libraryVersion(dir),
    cases: answers
  }
  writeFileSync(`vectors/oracles/address-scope-${impl}.json`, JSON.stringify(out, null, 0).replace(/\{"addr":/g, '\n{"addr":') + '\n')
  console.log(`${impl}: ${answers.length} address scope answers -> vectors/oracles/address-scope-${impl}.json`)
}
process.exit(failed > 0 ? 1 : 0)
