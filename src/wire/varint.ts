// Unsigned LEB128 varints as protobuf and multiformats write them (protobuf encoding spec, "Base 128 Varints").
// Values are JS numbers up to 2^53-1; larger values are reported as overflow, never rounded. No bigint.

/** The input ended inside the value. */
export const ERR_TRUNCATED = -1
/** More than 10 bytes, or a value above Number.MAX_SAFE_INTEGER. */
export const ERR_OVERFLOW = -2

/** Longest varint accepted (a 64-bit value). */
export const MAX_VARINT_BYTES = 10

/**
 * The value read by the last successful {@link consumeVarint} (an ES live binding: read it right after the call).
 * Returning it this way keeps the hot path free of allocations, as protowire returns (v, n).
 */
export let varintValue = 0

/**
 * Reads one varint from `buf[pos..end)`.
 * Returns the number of bytes read (1..10) and leaves the value in {@link varintValue},
 * or a negative error: {@link ERR_TRUNCATED} or {@link ERR_OVERFLOW}. Never throws, never allocates.
 * Non-minimal forms (e.g. `80 00` for 0) are accepted; compare the count with {@link varintLength} to reject them.
 *
 * @example
 * ```ts
 * import { consumeVarint, varintValue } from 'identify-wire/wire'
 * const buf = new Uint8Array([0xac, 0x02])
 * const n = consumeVarint(buf, 0, buf.length) // → 2
 * varintValue // → 300
 * consumeVarint(buf, 0, 1) // → -1 (ERR_TRUNCATED: the input ends inside the varint)
 * ```
 */
export function consumeVarint (buf: Uint8Array, pos: number, end: number): number {
  // One loop with multiplication (exact below 2^53) keeps the bundle small; one-byte varints leave in the first turn.
  let value = 0
  for (let i = 0, scale = 1; i < MAX_VARINT_BYTES; i++, scale *= 128) {
    if (pos + i >= end) return ERR_TRUNCATED
    const b = buf[pos + i]!
    value += (b & 0x7f) * scale
    if (b < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) return ERR_OVERFLOW
      varintValue = value
      return i + 1
    }
  }
  return ERR_OVERFLOW
}

/**
 * Bytes the minimal varint encoding of `value` takes (value: integer in 0..2^53-1).
 *
 * @example
 * ```ts
 * import { varintLength } from 'identify-wire/wire'
 * varintLength(127) // → 1
 * varintLength(300) // → 2
 * varintLength(Number.MAX_SAFE_INTEGER) // → 8
 * ```
 */
export function varintLength (value: number): number {
  let n = 1
  for (; value >= 128; n++) value /= 128 // exact: division by a power of two
  return n
}

/**
 * Writes the minimal varint of `value` (integer in 0..2^53-1) at `buf[pos]`; returns the bytes written.
 * The caller guarantees room (see {@link varintLength}); never throws, never allocates.
 *
 * @example
 * ```ts
 * import { writeVarint, varintLength } from 'identify-wire/wire'
 * const buf = new Uint8Array(varintLength(300))
 * writeVarint(buf, 0, 300) // → 2
 * buf // → Uint8Array [0xac, 0x02]
 * ```
 */
export function writeVarint (buf: Uint8Array, pos: number, value: number): number {
  const start = pos
  for (; value >= 0x80; value = Math.floor(value / 128)) buf[pos++] = (value % 128) | 0x80
  buf[pos++] = value
  return pos - start
}
