// The built library (every dist/ file but the CLI) must run in browsers and under a strict CSP: no Buffer, no process,
// no Node builtins, no node: imports, no eval / new Function. Checks the shipped files, so `npm run build` first.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { builtinModules } from 'node:module'
import { dist, libraryFiles, entrySubpaths, entryFile } from './testing/dist.js'

const builtins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|')
const forbidden: Array<[string, RegExp]> = [
  ['Buffer', /\bBuffer\b/],
  ['process', /\bprocess\b/],
  ['require of a Node builtin', new RegExp(`\\brequire\\s*\\(\\s*["'\`](?:node:)?(?:${builtins})(?:/[^"'\`]*)?["'\`]\\s*\\)`)],
  ['node: import', /["'`]node:[a-z_/]+["'`]/],
  ['import of a Node builtin', new RegExp(`\\b(?:from|import)\\s*\\(?\\s*["'\`](?:${builtins})(?:/[^"'\`]*)?["'\`]`)],
  ['eval', /\beval\s*\(|\beval\b\s*[,;)]|\.eval\b/],
  ['new Function', /\bnew\s+Function\b|\bFunction\s*\(\s*["'`]/]
]

function findings (code: string): string[] {
  return forbidden.filter(([, re]) => re.test(code)).map(([what, re]) => `${what}: …${code.slice(Math.max(0, code.search(re) - 30), code.search(re) + 40)}…`)
}

describe('no Node APIs in the built library', () => {
  it('the detector flags each forbidden construct (so the check below can fail)', () => {
    const bad = ['const b = Buffer.from(x)', 'if (process.env.X) {}', 'const fs = require("fs")', 'const c = require(\'node:crypto\')',
      'import { readFileSync } from "node:fs"', 'import x from "path"', 'eval("1")', 'const f = new Function("return 1")', 'globalThis.eval(s)']
    for (const code of bad) expect(findings(code)).not.toEqual([])
    const good = ['const processed = 1; const reprocess = 2', 'import { a } from "./chunk-X.js"', 'const y = require("./chunk-X.cjs")', 'evaluate(x)', 'const F = Function.prototype']
    for (const code of good) expect(findings(code)).toEqual([])
  })

  it('every browser-facing entry of the exports map is built', () => {
    const files = libraryFiles()
    for (const sub of entrySubpaths()) {
      expect(files).toContain(entryFile(sub, 'import'))
      expect(files).toContain(entryFile(sub, 'require'))
    }
  })

  it('dist/ entries and chunks reference none of Buffer, process, Node builtins, node: imports, eval, new Function', () => {
    const files = libraryFiles()
    expect(files.length).toBeGreaterThanOrEqual(entrySubpaths().length * 2)
    const problems: string[] = []
    for (const f of files) for (const p of findings(readFileSync(join(dist, f), 'utf8'))) problems.push(`${f}: ${p}`)
    expect(problems).toEqual([])
  })
})
