// identify-wire/libp2p inside real js-libp2p: live nodes on 127.0.0.1 (a connection gater refuses anything else) run
// identify and identify push in every pairing of stock and adapted @libp2p/identify, and must learn exactly what the
// stock codec learns; hostile frames are refused by both. js-libp2p is installed once into ~/.cache/identify-wire-libp2p,
// outside package.json (skipped, saying why, without a registry). Tests the BUILT entry: `npm run build` first.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { root, dist, requireBuilt, cachedInstall, lowPriority } from '../testing/dist.js'

const peers = ['libp2p@3.3.11', '@libp2p/identify@4.1.14', '@libp2p/tcp@11.0.28', '@chainsafe/libp2p-noise@17.0.0', '@chainsafe/libp2p-yamux@8.0.1']
const cache = cachedInstall('libp2p', peers)
const skip = cache.dir === undefined ? ` (SKIPPED: ${cache.skipped})` : ''
const tsc = join(root, 'node_modules', '.bin', 'tsc')

// The adapted @libp2p/identify: a copy whose generated codec module is the README's one line (plus a call counter).
function adapted (dir: string): { stock: string, adapted: string } {
  const stock = join(dir, 'node_modules', '@libp2p', 'identify')
  const copy = join(dir, 'node_modules', '@libp2p', 'identify-via-identify-wire')
  spawnSync('rm', ['-rf', copy])
  const cp = spawnSync('cp', ['-r', stock, copy], { encoding: 'utf8' })
  if (cp.status !== 0) throw new Error(`cp failed: ${cp.stderr}`)
  writeFileSync(join(copy, 'dist', 'src', 'pb', 'message.js'), `// identify-wire/libp2p in place of the protons-generated codec, wrapped to count calls
import { Identify as W } from ${JSON.stringify(join(requireBuilt('libp2p/index.js')))}
const calls = (globalThis.__identifyWireCalls ??= { encode: 0, decode: 0 })
export const Identify = { ...W, encode: (o) => (calls.encode++, W.encode(o)), decode: (b, o) => (calls.decode++, W.decode(b, o)) }
`)
  return { stock, adapted: copy }
}

interface Run {
  results: Array<{ pairing: string } & Record<'identify' | 'reverse' | 'pushed' | 'event' | 'direct', Record<string, unknown>>>
  rejections: Array<{ codec: string, frame: string, error: string | null, learnedAgent: boolean, learnedProtocols: string[] }>
  calls: { encode: number, decode: number } | null
}
function runner (args: string[], dirs: { stock: string, adapted: string }): Run {
  const r = spawnSync(...lowPriority(process.execPath, [...args, join(root, 'src/libp2p/peers.node-runner.mjs'), cache.dir!, dirs.stock, dirs.adapted]), { encoding: 'utf8', timeout: 170_000, maxBuffer: 16 << 20 })
  if (r.status !== 0) throw new Error(`the js-libp2p run failed (${String(r.status)}): ${r.stderr.slice(0, 4000)}`)
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run
}
let run: Run | undefined
function live (): Run {
  run ??= runner([], adapted(cache.dir!))
  return run
}

// The README's recipe for Node: module hooks that resolve @libp2p/identify's `./pb/message.js` to identify-wire/libp2p
// (this project linked as node_modules/identify-wire beside the hook files, as an app would install it).
const HOOKS = `// Module hooks: @libp2p/identify's generated codec module resolves to identify-wire/libp2p instead.
export async function resolve (specifier, context, next) {
  if (specifier === './pb/message.js' && /\\/@libp2p\\/identify\\/dist\\/src\\/[^/]+\\.js$/.test(context.parentURL ?? '')) {
    return next('identify-wire/libp2p', { ...context, parentURL: import.meta.url })
  }
  return next(specifier, context)
}
`
const REGISTER = `// node --import ./use-identify-wire.mjs app.mjs
import { register } from 'node:module'
register('./identify-wire-hooks.mjs', import.meta.url)
`

describe('identify-wire/libp2p in live js-libp2p nodes (identify 4.1.14, libp2p 3.3.11)', () => {
  it.skipIf(cache.dir === undefined)(`identify and push: every pairing learns what stock learns from stock${skip}`, () => {
    const { results, calls } = live()
    expect(results.map((r) => r.pairing)).toEqual(['stock -> stock', 'stock -> adapted', 'adapted -> stock', 'adapted -> adapted'])
    const base = results[0]!
    // what stock learns from stock, spelled out, so that "equal to the baseline" cannot mean "equally empty"
    expect(base.identify).toEqual({
      protocols: ['/ipfs/id/1.0.0', '/ipfs/id/push/1.0.0'],
      addresses: ['/ip4/127.0.0.1/tcp/PORT certified=true'],
      agentVersion: 'agent-B/é ✓',
      protocolVersion: 'ipfs/0.1.0',
      publicKeyMatches: true,
      signedPeerRecord: true
    })
    expect(base.reverse.agentVersion).toBe('agent-A')
    expect(base.pushed.protocols).toEqual(['/identify-wire/e2e/1.0.0', '/ipfs/id/1.0.0', '/ipfs/id/push/1.0.0'])
    expect(base.direct).toEqual({ protocols: ['/identify-wire/e2e/1.0.0', '/ipfs/id/1.0.0', '/ipfs/id/push/1.0.0'], listenAddrs: ['/ip4/127.0.0.1/tcp/PORT'], signedPeerRecord: 1 })
    for (const r of results.slice(1)) {
      const { pairing, ...learned } = r
      const { pairing: _, ...want } = base
      expect(learned, pairing).toEqual(want)
    }
    // the adapter did the work: 2 identifies + 1 push + 1 direct per pairing with an adapted side, each way
    console.log(`libp2p e2e: ${results.length} pairings equal; adapter calls ${JSON.stringify(calls)}`)
    expect(calls?.encode).toBeGreaterThanOrEqual(6)
    expect(calls?.decode).toBeGreaterThanOrEqual(6)
  }, 180_000)

  it.skipIf(cache.dir === undefined)(`hostile frames: identify rejects, nothing is learned, with either codec${skip}`, () => {
    const { rejections } = live()
    expect(rejections).toHaveLength(6)
    for (const r of rejections) {
      expect(r.error, `${r.codec}: ${r.frame}`).not.toBeNull()
      expect(r.learnedAgent).toBe(false)
      expect(r.learnedProtocols).toEqual(['/ipfs/id/1.0.0']) // from multistream-select only
    }
    console.log(`libp2p e2e rejections: ${rejections.map((r) => `${r.codec} ${r.frame}: ${r.error ?? ''}`).join('; ')}`)
    expect(rejections.filter((r) => r.codec === 'adapted').map((r) => r.error)).toEqual(['WireError LENGTH_OUT_OF_BOUNDS', 'WireError WIRE_TYPE_INVALID', 'InvalidDataLengthError ERR_MSG_DATA_TOO_LONG'])
  }, 180_000)

  it.skipIf(cache.dir === undefined)(`Node recipe: with --import module hooks, the published @libp2p/identify runs on the adapter and learns the same${skip}`, () => {
    const dir = join(cache.dir!, 'hook')
    mkdirSync(join(dir, 'node_modules'), { recursive: true })
    spawnSync('ln', ['-sfn', root, join(dir, 'node_modules', 'identify-wire')])
    writeFileSync(join(dir, 'identify-wire-hooks.mjs'), HOOKS)
    writeFileSync(join(dir, 'use-identify-wire.mjs'), REGISTER)
    requireBuilt('libp2p/index.js')
    const stock = join(cache.dir!, 'node_modules', '@libp2p', 'identify')
    const hooked = runner(['--import', join(dir, 'use-identify-wire.mjs')], { stock, adapted: stock })
    const base = live().results[0]!
    for (const r of hooked.results) {
      const { pairing, ...learned } = r
      const { pairing: _, ...want } = base
      expect(learned, `hooked ${pairing}`).toEqual(want)
    }
    // the codec in use is the adapter: a malformed body is refused with the library's WireError
    expect(hooked.rejections.map((r) => r.error)).toEqual([...Array(2)].flatMap(() => ['WireError LENGTH_OUT_OF_BOUNDS', 'WireError WIRE_TYPE_INVALID', 'InvalidDataLengthError ERR_MSG_DATA_TOO_LONG']))
  }, 180_000)

  it.skipIf(cache.dir === undefined)(`types: the shipped Identify is assignable to @libp2p/identify's typeof Identify (tsc, strict)${skip}`, () => {
    const dir = join(cache.dir!, 'typecheck')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'check.mts'), `import { Identify as Stock } from ${JSON.stringify(join(cache.dir!, 'node_modules/@libp2p/identify/dist/src/pb/message.js'))}
import { Identify as Ours } from ${JSON.stringify(join(dist, 'libp2p.js'))}
import type { Uint8ArrayList } from ${JSON.stringify(join(cache.dir!, 'node_modules/uint8arraylist/dist/src/index.js'))}
export const asStock: typeof Stock = Ours
export const m: Stock = Ours.decode(Stock.encode({ listenAddrs: [], protocols: [] }), { limits: { protocols: 1 } })
export const fromList = (l: Uint8ArrayList): Stock => Ours.decode(l)
// @ts-expect-error the check is real: an object without codec() is not a typeof Identify
export const notStock: typeof Stock = { encode: Ours.encode, decode: Ours.decode, stream: Ours.stream }
`)
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true }, files: ['check.mts'] }))
    const r = spawnSync(...lowPriority(tsc, ['-p', 'tsconfig.json']), { cwd: dir, encoding: 'utf8', timeout: 120_000 })
    expect(r.stdout + r.stderr).toBe('')
    expect(r.status).toBe(0)
  }, 180_000)
})
