// What a user installs: `npm pack` the built package, install the tarball into a throwaway project (offline: no
// dependencies), import every exports-map entry from ESM and CJS, and type-check a TypeScript consumer (ESM + CJS)
// against the shipped declarations with this project's tsc. Needs `npm run build` first.
import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, readdirSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { root, requireBuilt, entrySubpaths, packageJson } from './testing/dist.js'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const tsc = join(root, 'node_modules', '.bin', 'tsc')

let project: string | undefined
let tarballFiles: string[] = []
function setup (): string {
  if (project !== undefined) return project
  requireBuilt()
  const tmp = mkdtempSync(join(tmpdir(), 'identify-wire-pack-'))
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })) as Array<{ filename: string, files: Array<{ path: string }> }>
  tarballFiles = packed[0]!.files.map((f) => f.path)
  const tgz = join(tmp, packed[0]!.filename)
  const p = join(tmp, 'consumer')
  execFileSync('mkdir', ['-p', p])
  writeFileSync(join(p, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }))
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tgz], { cwd: p, encoding: 'utf8' })
  project = p
  return p
}

const names = (): string[] => entrySubpaths().map((s) => s === '.' ? 'identify-wire' : `identify-wire/${s.slice(2)}`)

describe('the packed package, installed from its tarball', () => {
  it('ships only dist/, README.md, LICENSE and package.json; no tests, no sources, no CLI sources', () => {
    setup()
    expect(tarballFiles).toContain('package.json')
    expect(tarballFiles).toContain('LICENSE')
    expect(tarballFiles).toContain('README.md')
    expect(tarballFiles).toContain('dist/cli.js')
    expect(tarballFiles.filter((f) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f))).toEqual([])
    expect(tarballFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.d.cts'))).toEqual([])
  }, 120_000)

  it('package.json: types first in each condition, sideEffects false, no dependencies, bin', () => {
    const pkg = packageJson()
    expect(pkg.sideEffects).toBe(false)
    expect(pkg.dependencies).toBeUndefined()
    expect(pkg.bin['identify-wire']).toBe('dist/cli.js')
    for (const sub of entrySubpaths()) {
      for (const cond of ['import', 'require']) {
        const e = pkg.exports[sub][cond] as Record<string, string>
        expect(Object.keys(e)[0]).toBe('types')
        expect(e.types).toMatch(cond === 'import' ? /\.d\.ts$/ : /\.d\.cts$/)
      }
    }
  })

  it('every entry imports from ESM and requires from CJS with the same exports, and all entries share one WireError', () => {
    const p = setup()
    const list = JSON.stringify(names())
    writeFileSync(join(p, 'check.mjs'), `
      const out = {}
      for (const n of ${list}) out[n] = Object.keys(await import(n)).filter((k) => k !== 'default').sort()
      const main = await import('identify-wire'); const wire = await import('identify-wire/wire')
      out.sharedWireError = wire.statusError(-1, 3) instanceof main.WireError
      try { (await import('identify-wire/libp2p')).Identify.decode(new Uint8Array([0x0a])) } catch (e) { out.sharedWireError &&= e instanceof main.WireError }
      // the dual-package hazard: require() in the same process loads the CJS copy, whose WireError is another class;
      // e.code is the same in both, so matching on the code works whichever copy threw
      const cjs = (await import('node:module')).createRequire(import.meta.url)('identify-wire')
      try { cjs.decodeIdentify(new Uint8Array([0x0a])) } catch (e) { out.hazard = [e instanceof main.WireError, e instanceof cjs.WireError, e.code] }
      console.log(JSON.stringify(out))`)
    writeFileSync(join(p, 'check.cjs'), `
      const out = {}
      for (const n of ${list}) out[n] = Object.keys(require(n)).sort()
      out.sharedWireError = require('identify-wire/wire').statusError(-1, 3) instanceof require('identify-wire').WireError
      try { require('identify-wire/libp2p').Identify.decode(new Uint8Array([0x0a])) } catch (e) { out.sharedWireError &&= e instanceof require('identify-wire').WireError }
      console.log(JSON.stringify(out))`)
    const esm = JSON.parse(execFileSync('node', ['check.mjs'], { cwd: p, encoding: 'utf8' })) as Record<string, unknown>
    const cjs = JSON.parse(execFileSync('node', ['check.cjs'], { cwd: p, encoding: 'utf8' })) as Record<string, unknown>
    expect(esm.sharedWireError).toBe(true)
    expect(esm.hazard).toEqual([false, true, 'TRUNCATED'])
    expect(cjs.sharedWireError).toBe(true)
    for (const n of names()) {
      expect((esm[n] as string[]).length).toBeGreaterThan(0)
      expect(cjs[n]).toEqual(esm[n])
    }
    expect(esm['identify-wire']).toContain('decodeIdentify')
    expect(esm['identify-wire']).toContain('encodeIdentify')
    expect(esm['identify-wire']).toContain('WireError')
    expect(esm['identify-wire/sanitize']).toContain('sanitize')
    expect(esm['identify-wire/multiaddr']).toContain('validateMultiaddr')
    expect(esm['identify-wire/wire']).toContain('consumeVarint')
    expect(esm['identify-wire/peer']).toContain('checkIdentify')
    expect(esm['identify-wire/libp2p']).toEqual(['Identify', 'MaxLengthError'])
  }, 120_000)

  it('a strict TypeScript consumer (ESM and CJS, nodenext, no skipLibCheck) type-checks against the shipped .d.ts / .d.cts', () => {
    const p = setup()
    writeFileSync(join(p, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, verbatimModuleSyntax: false
      },
      files: ['consumer.mts', 'consumer.cts']
    }))
    const body = (kind: string): string => `
import { decodeIdentify, encodeIdentify, WireError } from 'identify-wire'
import type { Identify, WireErrorCode } from 'identify-wire'
import { sanitize } from 'identify-wire/sanitize'
import { validateMultiaddr } from 'identify-wire/multiaddr'
import { consumeVarint, varintLength } from 'identify-wire/wire'
import { checkIdentify } from 'identify-wire/peer'
import type { Verdict } from 'identify-wire/peer'
import { Identify as Libp2pCodec, MaxLengthError } from 'identify-wire/libp2p'
// js-libp2p's Identify (@libp2p/identify src/pb/message.ts), to prove the shipped type is a drop-in both ways.
interface Libp2pIdentify { protocolVersion?: string, agentVersion?: string, publicKey?: Uint8Array, listenAddrs: Uint8Array[], observedAddr?: Uint8Array, protocols: string[], signedPeerRecord?: Uint8Array }
export function use${kind} (bytes: Uint8Array): string {
  const m: Identify = decodeIdentify(bytes)
  const theirs: Libp2pIdentify = m
  const back: Identify = theirs
  const out: Uint8Array = encodeIdentify(back)
  const clean: string = sanitize(m.agentVersion ?? '')
  const v = validateMultiaddr(m.listenAddrs[0] ?? new Uint8Array())
  const n: number = consumeVarint(out, 0, out.length) + varintLength(300)
  const verdict: Verdict = checkIdentify(m)
  if (!verdict.ok) return verdict.problems.map((p) => p.code).join()
  try { decodeIdentify(new Uint8Array([0x0a])) } catch (e) {
    if (e instanceof WireError) { const c: WireErrorCode = e.code; return c + String(e.offset) + String(e.path) }
  }
  try { Libp2pCodec.decode(out, { limits: { protocols: 0 } }) } catch (e) { if (e instanceof MaxLengthError) return e.name }
  const viaLibp2p: Libp2pIdentify = Libp2pCodec.decode({ subarray: () => Libp2pCodec.encode(theirs) })
  return clean + String(v.valid) + String(n) + String(viaLibp2p.protocols.length)
}
// @ts-expect-error the check is real: a number is not an Identify
export const wrong: Identify = 1
`
    writeFileSync(join(p, 'consumer.mts'), body('Esm'))
    writeFileSync(join(p, 'consumer.cts'), body('Cjs'))
    let out = ''
    try { execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: p, encoding: 'utf8' }) } catch (e) { out = String((e as { stdout?: string }).stdout ?? e) }
    expect(out).toBe('')
  }, 120_000)

  it('cleans up', () => {
    if (project !== undefined) rmSync(join(project, '..'), { recursive: true, force: true })
    expect(project === undefined || !existsSync(project)).toBe(true)
    expect(readdirSync(root)).toContain('package.json')
  })
})
