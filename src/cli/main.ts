// The `identify-wire` command line (bin). Node only: reads files/stdin through src/testing/node-shim.d.ts declarations.
// Built by tsup into dist/cli.js from its own entry; the library bundle never imports it.

import { run } from './inspect.js'

run(process.argv.slice(2)).then((code) => { process.exitCode = code }, (e: unknown) => {
  // Last resort: never print a stack trace for anything that reaches here.
  process.stderr.write(`identify-wire: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 70
})
