// The command line of `identify-wire`: options, their defaults and the usage text. Parses only; reads no input and
// prints nothing (main.ts reports a UsageError as one line).

import { WireError } from '../errors.js'
import { DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES } from '../identify/framing.js'
import { parsePeerId } from '../peer/peer-id.js'

/** Largest input (file or stdin) read by default: 64 MiB, checked before the input is read whole. */
export const DEFAULT_MAX_INPUT_SIZE = 64 * 1024 * 1024
/** Frames printed per input by default; the others are decoded and summed up in one line. */
export const DEFAULT_MAX_FRAMES_SHOWN = 100
/**
 * Most entries of one repeated field (protocols, listenAddrs) that inspect decodes per frame, and per stream when it
 * merges frames: what bounds the memory one frame can take, whatever its size.
 */
export const MAX_ENTRIES = 65536

export const USAGE = `Usage: identify-wire inspect [options] <file|dir|->...

Prints every field of captured libp2p Identify messages (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0).
An input is a file, "-" for stdin, or a directory (its *.bin files). By default it holds one or more
frames as on the stream (uvarint length prefix + protobuf body).

Options:
  --raw                   the input is one bare Identify body (no length prefix)
  --hex                   the input is hex text (whitespace, "0x" and ":" ignored); combines with --raw
  --json                  one JSON document on stdout instead of text
  --check                 also exit 1 when a default reader would reject an input, or its key or signed
                          peer record fails a check (one line on stderr says why)
  --max-message-size <n>  the limit to judge frames by (default ${DEFAULT_MAX_MESSAGE_SIZE})
  --max-frames <n>        the most frames a reader accepts (default ${DEFAULT_MAX_FRAMES})
  --max-frames-shown <n>  frames printed per input (default ${DEFAULT_MAX_FRAMES_SHOWN}); the others are decoded
                          and summed up in one line
  --max-input-size <n>    the largest input read, in bytes (default ${DEFAULT_MAX_INPUT_SIZE}, 64 MiB)
  --peer <id>             the peer id the capture should come from (12D3KooW..., Qm..., or CIDv1):
                          the verdict checks the key and the signed peer record against it
  -h, --help              this text
  -V, --version           the version

Limits: memory follows the largest frame, not the number of frames; at most ${MAX_ENTRIES} protocols and
${MAX_ENTRIES} listen addresses are decoded per frame (more: the input is rejected with TOO_MANY_*).
Untrusted text (strings, addresses, file names) is printed with control and bidi characters replaced.

Exit codes:
  0  every input decoded (limit and record findings are printed, not fatal without --check)
  1  an input was rejected: malformed bytes (the line says the error code and byte offset), or with
     --check a limit, key or record finding
  2  usage error, or an input could not be read (missing, too large, a directory without .bin files)
`

export interface Options {
  raw: boolean
  hex: boolean
  json: boolean
  check: boolean
  maxMessageSize: number
  maxFrames: number
  maxFramesShown: number
  maxInputSize: number
  peer?: string
}

export interface Command {
  /** 'inspect', 'help', 'version', or whatever word was given (main.ts rejects unknown ones). */
  command: string | undefined
  options: Options
  inputs: string[]
}

/** A command line that cannot run: main.ts prints the message on one line and exits 2. */
export class UsageError extends Error {}

const NUMERIC: Record<string, 'maxMessageSize' | 'maxFrames' | 'maxFramesShown' | 'maxInputSize'> = {
  '--max-message-size': 'maxMessageSize',
  '--max-frames': 'maxFrames',
  '--max-frames-shown': 'maxFramesShown',
  '--max-input-size': 'maxInputSize'
}

function count (name: string, v: string | undefined): number {
  if (v === undefined || !/^\d{1,15}$/.test(v)) throw new UsageError(`${name} needs a non-negative integer`)
  return Number(v)
}

function peer (v: string | undefined): string {
  if (v === undefined || v === '') throw new UsageError('--peer needs a peer id')
  try {
    parsePeerId(v)
  } catch (e) {
    throw new UsageError(`--peer ${v}: not a peer id (${e instanceof WireError ? `${e.code} at character ${e.offset}` : 'invalid'})`)
  }
  return v
}

/** Parses `args` (process.argv without node and the script). Throws UsageError. */
export function parseArgs (args: readonly string[]): Command {
  const options: Options = {
    raw: false,
    hex: false,
    json: false,
    check: false,
    maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
    maxFrames: DEFAULT_MAX_FRAMES,
    maxFramesShown: DEFAULT_MAX_FRAMES_SHOWN,
    maxInputSize: DEFAULT_MAX_INPUT_SIZE
  }
  const inputs: string[] = []
  let command: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const eq = a.startsWith('--') ? a.indexOf('=') : -1
    const name = eq < 0 ? a : a.slice(0, eq)
    // The value of an option that takes one: after '=' or the next argument.
    const value = (): string | undefined => eq < 0 ? args[++i] : a.slice(eq + 1)
    const numeric = NUMERIC[name]
    if (a === '--raw') options.raw = true
    else if (a === '--hex') options.hex = true
    else if (a === '--json') options.json = true
    else if (a === '--check') options.check = true
    else if (numeric !== undefined) options[numeric] = count(name, value())
    else if (name === '--peer') options.peer = peer(value())
    else if (a === '-h' || a === '--help' || a === 'help') command = 'help'
    else if (a === '-V' || a === '--version') command = 'version'
    else if (a === '--') {
      inputs.push(...args.slice(i + 1))
      break
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`)
    else if (command === undefined) command = a
    else inputs.push(a)
  }
  return { command, options, inputs }
}
