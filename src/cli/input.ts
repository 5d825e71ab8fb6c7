// Reading the inputs of `identify-wire inspect`: files, directories (their *.bin files), stdin, and hex text. Every
// input is size-checked before it is read whole (--max-input-size); nothing here decodes Identify.

import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs'
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

/**
 * Reads a whole input ('-' is stdin), refusing one larger than `maxSize` bytes without holding more than `maxSize`
 * plus one chunk: a regular file by its size first, anything else (a pipe, a device such as /dev/zero) as it is read.
 */
export async function readInput (name: string, maxSize: number): Promise<Uint8Array> {
  if (name === '-') return await readStdin(maxSize)
  let size: number
  try {
    const st = statSync(name)
    if (st.isDirectory()) throw new ReadError(`cannot read ${name}: EISDIR`)
    size = st.isFile() ? st.size : -1
  } catch (e) {
    if (e instanceof ReadError) throw e
    throw new ReadError(`cannot read ${name}: ${codeOf(e)}`)
  }
  if (size > maxSize) throw tooLarge(name, size, maxSize)
  try {
    return readBounded(name, size, maxSize)
  } catch (e) {
    if (e instanceof ReadError) throw e
    throw new ReadError(`cannot read ${name}: ${codeOf(e)}`)
  }
}

const CHUNK = 65536

/** Reads `name` to its end, but never more than `maxSize` + 1 bytes; `size` is its size when known, else -1. */
function readBounded (name: string, size: number, maxSize: number): Uint8Array {
  const fd = openSync(name, 'r')
  try {
    const parts: Uint8Array[] = []
    let total = 0
    for (;;) {
      // a regular file is read into one buffer of its size (+1 to see that it ended); others in chunks
      const want = Math.min(size >= 0 ? size - total + 1 : CHUNK, maxSize + 1 - total)
      const buf = new Uint8Array(Math.max(want, 1))
      const n = readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      parts.push(n === buf.length ? buf : buf.subarray(0, n))
      total += n
      if (total > maxSize) throw tooLarge(name, `at least ${total}`, maxSize)
    }
    return concat(parts, total)
  } finally {
    closeSync(fd)
  }
}

function concat (parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

async function readStdin (maxSize: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let n = 0
  for await (const c of process.stdin) {
    n += c.length
    if (n > maxSize) throw tooLarge('-', `at least ${n}`, maxSize)
    parts.push(c)
  }
  return concat(parts, n)
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
