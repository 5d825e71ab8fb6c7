// Test support (never built into the library): locating the BUILT package in dist/ for the packaging, no-Node,
// size and CLI tests (they test what ships, so they need `npm run build` first; `npm test` does it), and installing
// the tools and peers those tests compare with into a cache outside the project.

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** Absolute path of the project root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))
/** Absolute path of dist/. */
export const dist = join(root, 'dist')

/** Throws a one-line explanation when dist/ has not been built. */
export function requireBuilt (file = 'index.js'): string {
  const p = join(dist, file)
  if (!existsSync(p)) throw new Error(`dist/${file} is missing: run \`npm run build\` first (\`npm test\` builds before testing)`)
  return p
}

/** package.json, parsed. */
export function packageJson (): any {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
}

/** The subpaths of the exports map that are code entries ('.', './multiaddr', ...), without './package.json'. */
export function entrySubpaths (): string[] {
  return Object.keys(packageJson().exports as Record<string, unknown>).filter((k) => k !== './package.json')
}

/** The built file for a subpath and condition, e.g. ('./wire', 'import') → 'wire.js'. */
export function entryFile (subpath: string, condition: 'import' | 'require'): string {
  const e = packageJson().exports[subpath][condition] as { default: string }
  return e.default.replace(/^\.\/dist\//, '')
}

/** Every JavaScript file under dist/ except the CLI bundle (relative paths: the entries, their modules and chunks). */
export function libraryFiles (): string[] {
  requireBuilt()
  const cli = (packageJson().bin['identify-wire'] as string).replace(/^(\.\/)?dist\//, '')
  const out: string[] = []
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dist, rel))) {
      const r = rel === '' ? name : `${rel}/${name}`
      if (statSync(join(dist, r)).isDirectory()) walk(r)
      else if (/\.(c|m)?js$/.test(name) && r !== cli) out.push(r)
    }
  }
  walk('')
  return out.sort()
}

/**
 * Installs npm packages (exact versions) once into `~/.cache/identify-wire-<purpose>`, outside the project, the way
 * the benchmark peers are installed; returns that directory, or `{ skipped }` with a loud one-line reason when the
 * registry cannot be reached (the caller skips its tests with that reason).
 */
export function cachedInstall (purpose: string, packages: string[]): { dir: string, skipped?: undefined } | { dir: undefined, skipped: string } {
  const home = process.env.HOME ?? '/tmp'
  const dir = join(home, '.cache', `identify-wire-${purpose}`)
  const stamp = join(dir, `.ready-${createHash('sha256').update(packages.join(' ')).digest('hex').slice(0, 16)}`)
  if (existsSync(stamp)) return { dir }
  spawnSync('rm', ['-rf', dir])
  spawnSync('mkdir', ['-p', dir])
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `identify-wire-${purpose}`, private: true, type: 'module' }))
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--fetch-retries=1', ...packages], { cwd: dir, encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) {
    const why = `cannot install ${packages.join(' ')} into ${dir} (registry unreachable?): ${(r.stderr || String(r.error ?? '')).trim().split('\n')[0] ?? ''}`
    console.warn(`${'!'.repeat(78)}\n!! SKIPPED: ${why}\n${'!'.repeat(78)}`)
    return { dir: undefined, skipped: why }
  }
  writeFileSync(stamp, '')
  return { dir }
}


/**
 * `[cmd, args]` to run at the lowest CPU priority (`nice -n 19` where there is one): the packaging and js-libp2p
 * tests start builds, nodes and nested test runs, which must not slow the timing-sensitive tests running beside them.
 */
export function lowPriority (cmd: string, args: string[]): [string, string[]] {
  return process.platform !== 'win32' && spawnSync('nice', ['-n', '19', 'true']).status === 0 ? ['nice', ['-n', '19', cmd, ...args]] : [cmd, args]
}
