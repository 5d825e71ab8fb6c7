// README examples, as a reader pastes them: every ```ts block of README.md is type-checked under strict settings
// against the BUILT package (imports of 'identify-wire' resolve through package.json "exports", as for a user),
// then run with Node from the repository root, where `vectors/` holds the recordings the examples read. A ```text
// block right after a ```ts block is that example's expected output, compared exactly. A block whose info string
// says `no-run` (```ts no-run) is type-checked only. Needs `npm run build` first (npm test does it).
import { describe, it, expect } from 'vitest'
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { root, requireBuilt } from './testing/dist.js'

interface Example { index: number, line: number, code: string, run: boolean, output: string | undefined }

/** The ```ts blocks of a Markdown text, each with the ```text block that directly follows it, if any. */
export function extractExamples (markdown: string): Example[] {
  const out: Example[] = []
  const fence = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm
  let m: RegExpExecArray | null
  let last: Example | undefined
  let lastEnd = -1
  while ((m = fence.exec(markdown)) !== null) {
    const info = m[1]!.trim().split(/\s+/)
    const between = lastEnd < 0 ? 'x' : markdown.slice(lastEnd, m.index)
    if (info[0] === 'text' && last !== undefined && /^\s*$/.test(between)) last.output = m[2]!
    if (info[0] === 'ts' || info[0] === 'typescript') {
      last = { index: out.length, line: markdown.slice(0, m.index).split('\n').length, code: m[2]!, run: !info.includes('no-run'), output: undefined }
      out.push(last)
    } else last = undefined
    lastEnd = m.index + m[0].length
  }
  return out
}

const dir = join(root, '.readme-examples')
const examples = extractExamples(readFileSync(join(root, 'README.md'), 'utf8'))

describe('README examples', () => {
  it('extractExamples finds ts blocks, their outputs and no-run marks', () => {
    const md = 'a\n```ts\nconsole.log(1)\n```\n\n```text\n1\n```\n```ts no-run\nx()\n```\n```sh\nls\n```\n'
    const ex = extractExamples(md)
    expect(ex.map((e) => [e.code, e.run, e.output])).toEqual([['console.log(1)\n', true, '1\n'], ['x()\n', false, undefined]])
  })

  it('the CLI output the README shows is the built CLI output (src/cli/samples, checked by samples.node.test.ts)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    expect(readme).toContain('```text\n' + readFileSync(join(root, 'src/cli/samples/inspect-minimal.txt'), 'utf8') + '```')
  })

  it('the README has examples, and every one imports the package by its public name', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8)
    for (const e of examples) expect(e.code, `README line ${e.line}`).not.toMatch(/from '\.\.?\//)
  })

  it('every example type-checks under strict settings against the built package', () => {
    requireBuilt()
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    for (const e of examples) writeFileSync(join(dir, `example-${e.index}.ts`), e.code)
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], types: [], module: 'NodeNext', moduleResolution: 'NodeNext',
        strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: false
      },
      files: [...examples.map((e) => `example-${e.index}.ts`), '../src/testing/node-shim.d.ts', '../src/env.d.ts']
    }))
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: root, encoding: 'utf8' })
    const where = (s: string): string => s.replace(/example-(\d+)\.ts\((\d+),/g, (_, i: string, l: string) => `README line ${examples[Number(i)]!.line + Number(l)} (example ${i}, line ${l}),`)
    expect(where(r.stdout + r.stderr)).toBe('')
    expect(r.status).toBe(0)
  }, 120_000)

  for (const e of examples.filter((x) => x.run)) {
    it(`example ${e.index} (README line ${e.line}) runs${e.output === undefined ? '' : ' and prints the output shown'}`, async () => {
      requireBuilt()
      const { transformSync } = await import('esbuild')
      mkdirSync(dir, { recursive: true })
      const file = join(dir, `example-${e.index}.mjs`)
      writeFileSync(file, transformSync(e.code, { loader: 'ts', format: 'esm', target: 'es2022' }).code)
      const r = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      if (e.output !== undefined) expect(r.stdout).toBe(e.output)
    }, 60_000)
  }
})
