// Test support: building stream bytes by hand (uvarint length prefix + body, as /ipfs/id/1.0.0 frames them).

import { varintLength, writeVarint } from '../wire/varint.js'

/** `body` with its minimal uvarint length prefix: one frame. */
export function frame (body: Uint8Array): Uint8Array {
  const out = new Uint8Array(varintLength(body.length) + body.length)
  out.set(body, writeVarint(out, 0, body.length))
  return out
}

/** The parts one after the other, in a new buffer. */
export function concat (...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}
