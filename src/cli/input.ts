// Reading the inputs of `identify-wire inspect`: files, directories (their *.bin files), stdin, and hex text. Every
// input is size-checked before it is read whole (--max-input-size); nothing here decodes Identify.

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** An input that cannot be read (missing, too large, an empty directory): main.ts prints one line, exit 2. */
export class ReadError extends Error {}

/** Hex text that is not hex: the input is rejected (exit 1), like malformed bytes. */
export class HexError extends Error {
  constructor (readonly offset: number, detail: string) {
    super(`HEX_INVALID at character ${offset}: ${detail}`)
  }
}

/** One input to inspect: its name as given (or the path inside a directory), or a ReadError for it. */
export type Source = { name: string, error?: undefined } | { name: string, error: ReadError }

/**
 * The inputs named on the command line, directories replaced by their *.bin files in name order. A directory
 * without any gives a ReadError in its place, so that it is reported rather than silently skipped.
 */
export function expandInputs (inputs: readonly string[]): Source[] {
  const out: Source[] = []
  for (const name of inputs) {
    let dir = false
    try {
      dir = name !== '-' && statSync(name).isDirectory()
    } catch { /* reported when read */ }
    if (!dir) {
      out.push({ name })
      continue
    }
    let entries: string[]
    try {
      entries = readdirSync(name).filter((n) => n.endsWith('.bin')).sort()
    } catch (e) {
      out.push({ name, error: new ReadError(`cannot read ${name}: ${codeOf(e)}`) })
      continue
    }
    if (entries.length === 0) out.push({ name, error: new ReadError(`${name}: no .bin files in this directory`) })
    for (const n of entries) out.push({ name: join(name, n) })
  }
  return out
}

function codeOf (e: unknown): string {
  return (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e))
}

function tooLarge (name: string, size: number | string, max: number): ReadError {
  return new ReadError(`cannot read ${name}: ${size} bytes, more than --max-input-size ${max}`)
}

/** Reads a whole input ('-' is stdin), refusing one larger than `maxSize` bytes before holding it whole. */
export async function readInput (name: string, maxSize: number): Promise<Uint8Array> {
  if (name === '-') return await readStdin(maxSize)
  let size: number
  try {
    const st = statSync(name)
    if (st.isDirectory()) throw new ReadError(`cannot read ${name}: EISDIR`)
    size = st.size
  } catch (e) {
    if (e instanceof ReadError) throw e
    throw new ReadError(`cannot read ${name}: ${codeOf(e)}`)
  }
  if (size > maxSize) throw tooLarge(name, size, maxSize)
  let bytes: Uint8Array
  try {
    bytes = readFileSync(name)
  } catch (e) {
    throw new ReadError(`cannot read ${name}: ${codeOf(e)}`)
  }
  // A file that grew between stat and read (a pipe, /dev/zero) is judged by what was read.
  if (bytes.length > maxSize) throw tooLarge(name, `at least ${bytes.length}`, maxSize)
  return bytes
}

async function readStdin (maxSize: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let n = 0
  for await (const c of process.stdin) {
    n += c.length
    if (n > maxSize) throw tooLarge('-', `at least ${n}`, maxSize)
    parts.push(c)
  }
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x3a]) // ASCII whitespace and ':'

function hexDigit (c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  const l = c | 0x20
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1
}

/**
 * Hex text (as bytes) to bytes: whitespace, ':' and a "0x" before a digit pair are ignored. Throws HexError naming
 * the character index of the first character that is not hex (every character before it is ASCII, so the byte
 * index is the character index). Output is allocated once, at most half the text's length.
 */
export function parseHex (text: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length >> 1)
  let n = 0
  let high = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === 0x30 && high < 0 && (text[i + 1] === 0x78 || text[i + 1] === 0x58)) { i++; continue }
    if (SPACE.has(c)) continue
    const v = hexDigit(c)
    if (v < 0) {
      const ch = c < 0x80 ? JSON.stringify(String.fromCharCode(c)) : 'a non-ASCII character'
      throw new HexError(i, `${ch} is not a hex digit`)
    }
    if (high < 0) high = v
    else {
      out[n++] = high * 16 + v
      high = -1
    }
  }
  if (high >= 0) throw new HexError(text.length, 'odd number of hex digits')
  return out.subarray(0, n)
}
