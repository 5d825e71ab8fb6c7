// The browser runner itself: on a fixture with known outcomes it must report each failure, print the counts and
// exit non-zero (needs Chromium: skipped, with the runner's own reason and install hint, when there is none).
// Without Chromium it must skip loudly and exit 0, or fail when IDENTIFY_WIRE_REQUIRE_BROWSER=1 (CI); checked always.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { root } from '../dist.js'
import { findChromium, installHint, skipBanner } from './chromium.mjs'

const chromium = findChromium()
const skipOff = process.env.IDENTIFY_WIRE_SKIP_BROWSER === '1'
const noBrowser = chromium.path === undefined || skipOff
const why = skipOff ? 'IDENTIFY_WIRE_SKIP_BROWSER=1' : (chromium.reason ?? '')
if (chromium.path === undefined && !skipOff) console.warn(skipBanner(`${chromium.reason ?? ''} (tests that need a browser are skipped)`))

// Runs run.mjs with process.env changed by `env` (undefined removes a variable); node by its absolute path, so that
// a PATH without Chromium may also be one without node.
function run (files: string, env: Record<string, string | undefined> = {}): ReturnType<typeof spawnSync> {
  const e: Record<string, string | undefined> = { ...process.env, ...env }
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k]
  return spawnSync(process.execPath, ['src/testing/browser/run.mjs', '--files', files], { cwd: root, encoding: 'utf8', timeout: 120_000, env: e })
}

describe('browser runner', () => {
  it.skipIf(noBrowser)(`reports failures from the page and exits 1${noBrowser ? ` (SKIPPED: ${why}; ${installHint})` : ''}`, () => {
    const r = run('src/testing/browser/selftest-fixture.ts')
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('FAIL src/testing/browser/selftest-fixture.ts > selftest > fails on purpose\n')
    expect(r.stdout).toContain('FAIL src/testing/browser/selftest-fixture.ts > selftest > fails on purpose, asynchronously')
    expect(r.stdout).toMatch(/^1 passed, 2 failed$/m)
  }, 120_000)

  it('without Chromium: a loud banner with the install hint on stderr, exit 0, nothing run', () => {
    const r = run('src/testing/browser/selftest-fixture.ts', { CHROMIUM: '/nonexistent/chromium', IDENTIFY_WIRE_SKIP_BROWSER: undefined, IDENTIFY_WIRE_REQUIRE_BROWSER: undefined })
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('BROWSER RUN SKIPPED: CHROMIUM=/nonexistent/chromium is not an executable file')
    expect(r.stderr).toContain('apt-get install -y chromium')
    expect(r.stdout).not.toMatch(/passed/)
  }, 60_000)

  it('without Chromium on PATH and CHROMIUM unset: the same skip, naming what it looked for', () => {
    const r = run('src/testing/browser/selftest-fixture.ts', { CHROMIUM: undefined, PATH: '/nonexistent', IDENTIFY_WIRE_SKIP_BROWSER: undefined, IDENTIFY_WIRE_REQUIRE_BROWSER: undefined })
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('BROWSER RUN SKIPPED: no chromium, chromium-browser, google-chrome, google-chrome-stable on PATH')
  }, 60_000)

  it('without Chromium and IDENTIFY_WIRE_REQUIRE_BROWSER=1 (CI): fails, exit 1', () => {
    const r = run('src/testing/browser/selftest-fixture.ts', { CHROMIUM: '/nonexistent/chromium', IDENTIFY_WIRE_SKIP_BROWSER: undefined, IDENTIFY_WIRE_REQUIRE_BROWSER: '1' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('browser run FAILED: CHROMIUM=/nonexistent/chromium is not an executable file')
    expect(r.stderr).not.toContain('SKIPPED')
  }, 60_000)

  it('IDENTIFY_WIRE_SKIP_BROWSER=1: skipped on purpose, said so, exit 0', () => {
    const r = run('src/testing/browser/selftest-fixture.ts', { IDENTIFY_WIRE_SKIP_BROWSER: '1' })
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('BROWSER RUN SKIPPED (IDENTIFY_WIRE_SKIP_BROWSER=1)')
  }, 60_000)
})
