// The built CLI on the cheapest hostile input, N zero bytes (N empty frames): time linear in N and peak memory
// independent of N, with the V8 heap capped at 64 MB, in text and --json.
import { describe, it, expect, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { root, requireBuilt } from '../testing/dist.js'

const tmp = mkdtempSync(join(tmpdir(), 'identify-wire-cli-scaling-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

// Loaded before the CLI: writes the process's peak resident set size (KB) and the milliseconds from here to exit
// (the CLI's whole run without Node's own start-up, which is the noisiest part on a shared machine) to $RSS_OUT.
const preload = join(tmp, 'rss.cjs')
writeFileSync(preload, "const t0 = process.hrtime.bigint(); process.on('exit', () => require('fs').writeFileSync(process.env.RSS_OUT, JSON.stringify({ rss: process.resourceUsage().maxRSS, ms: Number(process.hrtime.bigint() - t0) / 1e6 })))\n")

interface Run { status: number | null, ms: number, rssKB: number, stdout: string, stderr: string }
function run (args: string[]): Run {
  const out = join(tmp, 'rss.txt')
  const r = spawnSync('node', ['--max-old-space-size=64', '-r', preload, requireBuilt('cli.js'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, env: { ...process.env, RSS_OUT: out }
  })
  const m = r.status === null ? { rss: Infinity, ms: Infinity } : JSON.parse(readFileSync(out, 'utf8')) as { rss: number, ms: number }
  return { status: r.status, ms: m.ms, rssKB: m.rss, stdout: r.stdout, stderr: r.stderr }
}
/** The faster of two runs (the machine is shared: the slower one measures the neighbours). */
function best (args: string[]): Run {
  const a = run(args)
  const b = run(args)
  return a.ms <= b.ms ? a : b
}

function zeros (kib: number): string {
  const p = join(tmp, `zeros-${kib}k.bin`)
  writeFileSync(p, new Uint8Array(kib * 1024))
  return p
}

describe('inspect on N zero bytes (N empty frames)', () => {
  const sizes = [64, 256, 1024, 4096]
  for (const mode of [[], ['--json']]) {
    it(`${mode.length === 0 ? 'text' : '--json'}: ns/byte flat from 64 KiB to 4 MiB, peak RSS independent of N, 64 MB heap`, () => {
      const one = join(tmp, 'zero-1.bin')
      writeFileSync(one, new Uint8Array(1))
      const base = best(['inspect', ...mode, one]) // loading the CLI, one empty frame
      expect(base.status).toBe(0)
      const runs = sizes.map((k) => ({ k, r: best(['inspect', ...mode, zeros(k)]) }))
      const rows = runs.map(({ k, r }) => ({ kib: k, ms: Math.round(r.ms), nsPerByte: +(Math.max(0, r.ms - base.ms) * 1e6 / (k * 1024)).toFixed(1), rssMB: +(r.rssKB / 1024).toFixed(1) }))
      console.log(`inspect ${mode.join(' ')} zeros (start-up ${Math.round(base.ms)} ms, ${(base.rssKB / 1024).toFixed(1)} MB):`, JSON.stringify(rows))
      for (const { r } of runs) {
        // exit 0: every frame decodes; the reader's verdict (TOO_MANY_FRAMES) is a finding, not a rejection
        expect(r.status).toBe(0)
        expect(r.stderr).toBe('')
      }
      const at = (k: number): typeof rows[number] => rows.find((x) => x.kib === k)!
      // Linear: 4x the bytes costs about 4x the time (quadratic work would be 16x). The floor keeps a run that
      // finished within the start-up noise from making the ratio meaningless.
      expect(at(4096).nsPerByte).toBeLessThan(2.5 * Math.max(at(1024).nsPerByte, 100))
      // 1 MiB (a million frames) well under two seconds of work
      expect(at(1024).ms - base.ms).toBeLessThan(2000)
      // Memory: the 4 MiB input itself, not a model per frame (the previous design took 485 MB for 100 KB)
      expect(at(4096).rssMB - at(64).rssMB).toBeLessThan(24)
      expect(at(4096).rssMB - base.rssKB / 1024).toBeLessThan(32)
    }, 300_000)
  }

  it('frames over --max-frames-shown are summed up in one line; --json lists the shown ones and the count', () => {
    const f = zeros(1)
    const t = run(['inspect', f])
    expect(t.stdout.match(/^ {2}frame \d+ at byte/gm)).toHaveLength(100)
    expect(t.stdout).toContain('  frames 101..1024 not shown (--max-frames-shown): 924 frames from byte 100, 924 of them empty; each decoded without error')
    expect(t.stdout).toContain('a default reader REJECTS it (TOO_MANY_FRAMES at byte 10)')
    const j = JSON.parse(run(['inspect', '--json', '--max-frames-shown', '3', f]).stdout).inputs[0]
    expect(j.frameCount).toBe(1024)
    expect(j.frames).toHaveLength(3)
    expect(j.framesNotShown).toEqual({ count: 1021, fromFrame: 4, fromByte: 3, empty: 1021 })
    const none = JSON.parse(run(['inspect', '--json', '--max-frames-shown', '0', f]).stdout).inputs[0]
    expect(none.frames).toEqual([])
    expect(none.framesNotShown.count).toBe(1024)
  }, 60_000)
})
