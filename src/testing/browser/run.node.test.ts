// The browser runner itself: on a fixture with known outcomes it must report each failure, print the counts and
// exit non-zero. Needs Chromium; with IDENTIFY_WIRE_SKIP_BROWSER=1 the runner only prints that it skipped, which is
// checked instead.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { root } from '../dist.js'

describe('browser runner', () => {
  it('reports failures from the page and exits 1', () => {
    const r = spawnSync('node', ['src/testing/browser/run.mjs', '--files', 'src/testing/browser/selftest-fixture.ts'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    if (process.env.IDENTIFY_WIRE_SKIP_BROWSER === '1') {
      expect(r.stderr).toContain('BROWSER RUN SKIPPED')
      return
    }
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('FAIL src/testing/browser/selftest-fixture.ts > selftest > fails on purpose\n')
    expect(r.stdout).toContain('FAIL src/testing/browser/selftest-fixture.ts > selftest > fails on purpose, asynchronously')
    expect(r.stdout).toMatch(/^1 passed, 2 failed$/m)
  }, 120_000)
})
