#!/usr/bin/env node
// Lists public API items without TSDoc: every function, class and constant exported by a package entry needs a doc
// comment with an @example; every property of an exported interface/type (options, results) needs a doc comment.
// Usage: node src/testing/tsdoc-check.mjs [--json]   (exit 1 when something is missing). Uses this project's typescript.
import ts from 'typescript'
import { readFileSync } from 'node:fs'
import { join, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const tsup = Array.isArray(pkg.tsup) ? pkg.tsup : [pkg.tsup]
const entries = new Set()
for (const c of tsup) if (c.entry !== null && typeof c.entry === 'object' && !Array.isArray(c.entry)) for (const [name, src] of Object.entries(c.entry)) if (name !== 'cli') entries.add(src)
const files = [...entries].map((f) => join(root, f))
const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, types: [], noEmit: true })
const checker = program.getTypeChecker()

const missing = new Map() // "file:name" -> problem
const seen = new Set()
const where = (d) => `${relative(root, d.getSourceFile().fileName)}:${d.getSourceFile().getLineAndCharacterOfPosition(d.getStart()).line + 1}`
const docOf = (d) => ts.getJSDocCommentsAndTags(d)
const hasDoc = (d) => docOf(d).some((x) => ts.isJSDoc(x) && (x.comment !== undefined || (x.tags?.length ?? 0) > 0))
const hasExample = (d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example') ||
  docOf(d).some((x) => ts.isJSDoc(x) && (x.tags ?? []).some((t) => t.tagName.text === 'example'))

function checkMembers (name, d) {
  const members = ts.isInterfaceDeclaration(d) ? d.members : (ts.isTypeAliasDeclaration(d) && ts.isTypeLiteralNode(d.type)) ? d.type.members : []
  for (const m of members) {
    if (!ts.isPropertySignature(m) && !ts.isMethodSignature(m)) continue
    if (!hasDoc(m)) missing.set(`${name}.${m.name.getText()}`, `${where(m)} property without a doc comment`)
  }
}

for (const f of files) {
  const sf = program.getSourceFile(f)
  const mod = checker.getSymbolAtLocation(sf)
  for (const exp of checker.getExportsOfModule(mod)) {
    const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp
    for (const d of sym.declarations ?? []) {
      const key = `${exp.name}@${where(d)}`
      if (seen.has(key)) continue
      seen.add(key)
      if (ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d)) {
        if (!hasDoc(d)) missing.set(exp.name, `${where(d)} ${ts.isClassDeclaration(d) ? 'class' : 'function'} without TSDoc`)
        else if (!hasExample(d)) missing.set(exp.name, `${where(d)} ${ts.isClassDeclaration(d) ? 'class' : 'function'} without @example`)
      } else if (ts.isVariableDeclaration(d)) {
        const stmt = d.parent.parent
        if (!hasDoc(stmt)) missing.set(exp.name, `${where(d)} constant without a doc comment`)
      } else if (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)) {
        if (!hasDoc(d)) missing.set(exp.name, `${where(d)} type without a doc comment`)
        checkMembers(exp.name, d)
      }
    }
  }
}

const list = [...missing.entries()].sort((a, b) => a[1].localeCompare(b[1]))
if (process.argv.includes('--json')) console.log(JSON.stringify(Object.fromEntries(list), null, 2))
else {
  for (const [name, why] of list) console.log(`${why}: ${name}`)
  console.log(`${list.length} public API item(s) lacking TSDoc (${seen.size} checked)`)
}
process.exit(list.length > 0 ? 1 : 0)
