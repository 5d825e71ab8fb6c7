// The CLI's sample outputs (src/cli/samples/*.txt, quoted by the README) are what the built CLI prints today.
// Regenerate them after a deliberate change of the output: UPDATE_SAMPLES=1 npx vitest run src/cli/samples.node.test.ts
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, requireBuilt } from '../testing/dist.js'

const SAMPLES: Array<{ name: string, args: string[] }> = [
  { name: 'help', args: ['--help'] },
  { name: 'inspect-minimal', args: ['inspect', 'vectors/identify-minimal-ed25519.bin'] },
  { name: 'inspect-hostile', args: ['inspect', '--check', '--hex', 'src/cli/samples/hostile.hex'] }
]

/** The terminal transcript of one command: the command line, stdout, stderr, and the exit code when not 0. */
function transcript (args: string[]): string {
  const r = spawnSync('node', [requireBuilt('cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return `$ identify-wire ${args.join(' ')}\n${r.stdout}${r.stderr}${r.status === 0 ? '' : `(exit ${String(r.status)})\n`}`
}

describe('sample outputs', () => {
  for (const { name, args } of SAMPLES) {
    it(`src/cli/samples/${name}.txt is the output of identify-wire ${args.join(' ')}`, () => {
      const path = join(root, 'src/cli/samples', `${name}.txt`)
      const got = transcript(args)
      if (process.env.UPDATE_SAMPLES === '1') writeFileSync(path, got)
      expect(existsSync(path), `${path} is missing: run with UPDATE_SAMPLES=1`).toBe(true)
      expect(got).toBe(readFileSync(path, 'utf8'))
    }, 60_000)
  }
})
