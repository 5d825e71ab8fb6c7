// The `identify-wire` command (bin, built into dist/cli.js): runs the command line, maps outcomes to exit codes
// (see USAGE), and never lets a stack trace reach the user. Node only.

import { readFileSync } from 'node:fs'
import { parseArgs, UsageError, USAGE, MAX_ENTRIES } from './args.js'
import type { Options } from './args.js'
import { expandInputs, readInput, parseHex, ReadError, HexError } from './input.js'
import { scanInput, eachFrame, inputCheckFailure } from './model.js'
import type { InputInfo } from './model.js'
import { Output } from './render-escape.js'
import { textHeader, textFrame, textFooter } from './render-text.js'
import { jsonOpen, jsonInputOpen, jsonFrame, jsonInputClose, jsonClose } from './render-json.js'

/** The version from package.json next to dist/ (the CLI is dist/cli.js). */
function version (): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

/** The one line on stderr for a rejected input. */
function rejection (info: InputInfo): string {
  const e = info.error!
  const detail = e.message.slice(e.message.indexOf(': ') + 2)
  const hint = e.code === 'TOO_MANY_PROTOCOLS' || e.code === 'TOO_MANY_LISTEN_ADDRS' ? ` (inspect decodes at most ${MAX_ENTRIES} per field and frame)` : ''
  return `${info.input}: rejected: ${e.code} at byte ${e.offset}${e.path === undefined ? '' : ` (${e.path})`}: ${detail}${hint}`
}

function hexRejected (name: string, bytes: number, e: HexError, o: Options): InputInfo {
  return {
    input: name,
    bytes,
    raw: o.raw,
    ok: false,
    error: { code: 'HEX_INVALID', offset: e.offset, message: e.message },
    frameCount: 0,
    defaultReader: { accepts: false, limits: { maxMessageSize: o.maxMessageSize, maxFrames: o.maxFrames } },
    findings: []
  }
}

/** Inspects every input, writing as it goes; resolves to the exit code. */
async function inspect (inputs: readonly string[], o: Options, out: Output): Promise<number> {
  let code = 0
  let written = 0
  if (o.json) out.json(jsonOpen())
  for (const src of expandInputs(inputs)) {
    if (src.error !== undefined) {
      out.error(src.error.message)
      code = 2
      continue
    }
    let bytes: Uint8Array
    try {
      bytes = await readInput(src.name, o.maxInputSize)
    } catch (e) {
      if (!(e instanceof ReadError)) throw e
      out.error(e.message)
      code = 2
      continue
    }
    if (o.hex) {
      try {
        bytes = parseHex(bytes)
      } catch (e) {
        if (!(e instanceof HexError)) throw e
        out.error(`${src.name}: rejected: ${e.message}`)
        code = Math.max(code, 1)
        if (o.json) {
          const info = hexRejected(src.name, bytes.length, e, o)
          out.json(jsonInputOpen(info, written++ === 0) + jsonInputClose(info, 0))
        }
        continue
      }
    }
    const info = scanInput(src.name, bytes, o)
    if (!info.ok) {
      out.error(rejection(info))
      code = Math.max(code, 1)
    }
    if (o.json) out.json(jsonInputOpen(info, written++ === 0))
    else out.lines(textHeader(info))
    let shown = 0
    const failure = await eachFrame(bytes, info, o, (f, i) => {
      if (o.json) out.json(jsonFrame(f, shown === 0))
      else out.lines(textFrame(f, i))
      shown++
    })
    if (o.json) out.json(jsonInputClose(info, shown))
    else out.lines(textFooter(info))
    if (info.ok && o.check) {
      const reason = inputCheckFailure(info) ?? failure
      if (reason !== undefined) {
        out.error(`${src.name}: check failed: ${reason}`)
        code = Math.max(code, 1)
      }
    }
  }
  if (o.json) out.json(jsonClose(written))
  return code
}

/** Runs the command line `args`; resolves to the exit code. */
export async function run (args: readonly string[], out: Output): Promise<number> {
  let parsed
  try {
    parsed = parseArgs(args)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    out.error(`${e.message} (see identify-wire --help)`)
    return 2
  }
  const { command, options, inputs } = parsed
  if (command === 'help' || (command === undefined && inputs.length === 0)) {
    out.usage(USAGE, command !== 'help')
    return command === 'help' ? 0 : 2
  }
  if (command === 'version') {
    out.lines([`identify-wire ${version()}`])
    return 0
  }
  if (command !== 'inspect') {
    out.error(`unknown command ${JSON.stringify(command)} (see identify-wire --help)`)
    return 2
  }
  if (inputs.length === 0) {
    out.error('inspect needs at least one input (see identify-wire --help)')
    return 2
  }
  return await inspect(inputs, options, out)
}

const output = new Output(process.stdout, process.stderr)
run(process.argv.slice(2), output).then((code) => { process.exitCode = code }, (e: unknown) => {
  // Last resort: never print a stack trace for anything that reaches here.
  output.error(`internal error: ${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 70
})
