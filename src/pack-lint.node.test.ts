// What `npm pack` makes from a fresh checkout (the tracked files, no dist/): prepack builds, the tarball carries every
// file the exports map and typesVersions name, and publint and @arethetypeswrong/cli find nothing wrong with it in
// any resolution mode (node10, node16 from CJS and from ESM, bundler). The two tools are installed once into
// ~/.cache/identify-wire-pack-tools, outside package.json; without a registry these tests skip, saying why.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, copyFileSync, existsSync, rmSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { root, packageJson, entrySubpaths, cachedInstall, lowPriority } from './testing/dist.js'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const tools = cachedInstall('pack-tools', ['publint@0.3.25', '@arethetypeswrong/cli@0.18.5'])
const skipTools = tools.dir === undefined ? ` (SKIPPED: ${tools.skipped})` : ''

let packed: { tgz: string, files: string[], log: string } | undefined
// A fresh checkout: the files git tracks, copied as they are in the working tree, node_modules linked, no dist/.
function pack (): { tgz: string, files: string[], log: string } {
  if (packed !== undefined) return packed
  const tmp = mkdtempSync(join(tmpdir(), 'identify-wire-fresh-'))
  const co = join(tmp, 'checkout')
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`)
  for (const f of listed.stdout.split('\0')) {
    if (f === '' || !existsSync(join(root, f))) continue
    mkdirSync(dirname(join(co, f)), { recursive: true })
    copyFileSync(join(root, f), join(co, f))
  }
  spawnSync('ln', ['-s', join(root, 'node_modules'), join(co, 'node_modules')])
  expect(existsSync(join(co, 'dist'))).toBe(false)
  const r = spawnSync(...lowPriority(npm, ['pack', '--json', '--pack-destination', tmp]), { cwd: co, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`npm pack failed (${r.status}): ${r.stderr}`)
  const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n[') + 1)) as Array<{ filename: string, files: Array<{ path: string }> }>
  packed = { tgz: join(tmp, info[0]!.filename), files: info[0]!.files.map((f) => f.path), log: r.stderr }
  return packed
}

describe('npm pack from a fresh checkout', () => {
  it('prepack builds: the tarball holds dist/ with every file the exports map, typesVersions, main/module/types and bin name', () => {
    const { files } = pack()
    const pkg = packageJson()
    const named = new Set<string>([pkg.main, pkg.module, pkg.types, pkg.bin['identify-wire']].map((p: string) => p.replace(/^\.\//, '')))
    for (const sub of entrySubpaths()) {
      for (const cond of ['import', 'require']) for (const p of Object.values(pkg.exports[sub][cond] as Record<string, string>)) named.add(p.replace(/^\.\//, ''))
    }
    for (const list of Object.values(pkg.typesVersions['*'] as Record<string, string[]>)) for (const p of list) named.add(p.replace(/^\.\//, ''))
    expect(named.size).toBeGreaterThan(20)
    expect([...named].filter((p) => !files.includes(p))).toEqual([])
    expect(files.filter((f) => f.startsWith('dist/')).length).toBeGreaterThan(50)
  }, 300_000)

  it('typesVersions maps every subpath entry (TypeScript moduleResolution node10 has no exports map)', () => {
    const pkg = packageJson()
    expect(Object.keys(pkg.typesVersions['*'] as object).sort()).toEqual(entrySubpaths().filter((s) => s !== '.').map((s) => s.slice(2)).sort())
  })

  it.skipIf(tools.dir === undefined)(`publint --strict: no errors, warnings or suggestions${skipTools}`, () => {
    const r = spawnSync(...lowPriority(join(tools.dir!, 'node_modules', '.bin', 'publint'), ['--strict', pack().tgz]), { encoding: 'utf8', timeout: 120_000 })
    console.log(`publint: ${r.stdout.trim().split('\n').pop() ?? ''}`)
    expect(r.stdout + r.stderr).toContain('All good!')
    expect(r.status).toBe(0)
  }, 300_000)

  it.skipIf(tools.dir === undefined)(`@arethetypeswrong/cli: no problem in any entry under node10, node16 (CJS, ESM) and bundler${skipTools}`, () => {
    const r = spawnSync(...lowPriority(join(tools.dir!, 'node_modules', '.bin', 'attw'), ['--format', 'json', pack().tgz]), { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 })
    const out = JSON.parse(r.stdout) as { analysis: { problems: unknown[], entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName?: string } }> }> } }
    expect(out.analysis.problems).toEqual([])
    const entries = Object.keys(out.analysis.entrypoints)
    expect(entries.sort()).toEqual(entrySubpaths().concat('./package.json').sort())
    const kinds = ['node10', 'node16-cjs', 'node16-esm', 'bundler']
    for (const e of entries) {
      for (const k of kinds) expect(out.analysis.entrypoints[e]!.resolutions[k]?.resolution?.fileName, `${e} ${k}`).toBeDefined()
    }
    console.log(`attw: ${entries.length} entries x ${kinds.join(', ')}: no problems`)
    expect(r.status).toBe(0)
  }, 300_000)

  it('cleans up', () => {
    if (packed !== undefined) rmSync(dirname(packed.tgz), { recursive: true, force: true })
    expect(packed === undefined || !existsSync(packed.tgz)).toBe(true)
  })
})
