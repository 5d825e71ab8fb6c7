// Test support (never built into the library): the recorded and hand-made vectors in ../../vectors.
// Tests read vectors only through this module, so that the browser run (src/testing/browser) can swap it for a bundled copy.

import { readFileSync, readdirSync } from 'node:fs'

const dir = new URL('../../vectors/', import.meta.url)

/** Recordings made by other implementations (go-libp2p, rust-libp2p): their sidecars have their own schema. */
const peerRecording = /^(go|rust)-libp2p-/

/** Names (without extension) of every js-libp2p `*.bin` capture in vectors/ (sidecars in the js schema). */
export function vectorNames (): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bin') && !peerRecording.test(f)).map((f) => f.slice(0, -4)).sort()
}

/** Names (without extension) of every go-libp2p and rust-libp2p `*.bin` recording in vectors/. */
export function peerRecordingNames (): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bin') && peerRecording.test(f)).map((f) => f.slice(0, -4)).sort()
}

/** The raw bytes of `vectors/<name>.bin` (uvarint length prefix + body, as recorded). */
export function vectorBytes (name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`${name}.bin`, dir)))
}

/** The parsed JSON of `vectors/<file>` (e.g. `identify-rich-ed25519.json`). */
export function vectorJson<T = any> (file: string): T {
  return JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as T
}

/** Every file name in vectors/ (for tests that enumerate hand-made JSON vector files). */
export function vectorFiles (): string[] {
  return readdirSync(dir).sort()
}

/** Hex string to bytes; whitespace ignored. For tests only (no validation beyond even length). */
export function hex (s: string): Uint8Array {
  const t = s.replace(/\s+/g, '')
  if (t.length % 2 !== 0) throw new Error(`odd hex length: ${s}`)
  const out = new Uint8Array(t.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Bytes to lowercase hex. */
export function toHex (b: Uint8Array): string {
  let s = ''
  for (const x of b) s += x.toString(16).padStart(2, '0')
  return s
}
