// Unsigned LEB128 varints as protobuf and multiformats write them (protobuf encoding spec, "Base 128 Varints").
// Values are JS numbers up to 2^53-1; larger values are reported as overflow, never rounded. No bigint.

/** The input ended inside the value. */
export const ERR_TRUNCATED = -1
/** More than 10 bytes, or a value above Number.MAX_SAFE_INTEGER. */
export const ERR_OVERFLOW = -2

/** Longest varint accepted (a 64-bit value). */
export const MAX_VARINT_BYTES = 10

/**
 * The value of the varint at `buf[pos..end)` (0..2^53-1), or a negative error: {@link ERR_TRUNCATED} or
 * {@link ERR_OVERFLOW}. Never throws, never allocates; {@link consumeVarint} gives the bytes it takes.
 * Non-minimal forms (e.g. `80 00` for 0) are accepted; compare the count with {@link varintLength} to reject them.
 *
 * @example
 * ```ts
 * import { decodeVarint } from 'identify-wire/wire'
 * const buf = new Uint8Array([0xac, 0x02])
 * decodeVarint(buf, 0, buf.length) // → 300
 * decodeVarint(buf, 0, 1) // → -1 (ERR_TRUNCATED: the input ends inside the varint)
 * ```
 */
export function decodeVarint (buf: Uint8Array, pos: number, end: number): number {
  // One loop with multiplication (exact below 2^53) keeps the bundle small; one-byte varints leave in the first turn.
  let value = 0
  for (let i = 0, scale = 1; i < MAX_VARINT_BYTES; i++, scale *= 128) {
    if (pos + i >= end) return ERR_TRUNCATED
    const b = buf[pos + i]!
    value += (b & 0x7f) * scale
    if (b < 0x80) return value > Number.MAX_SAFE_INTEGER ? ERR_OVERFLOW : value
  }
  return ERR_OVERFLOW
}

/**
 * Bytes taken by the varint at `buf[pos..end)` (1..10), or the negative error {@link decodeVarint} gives for it.
 * Never throws, never allocates.
 *
 * @example
 * ```ts
 * import { consumeVarint } from 'identify-wire/wire'
 * const buf = new Uint8Array([0xac, 0x02])
 * consumeVarint(buf, 0, buf.length) // → 2
 * consumeVarint(buf, 0, 1) // → -1 (ERR_TRUNCATED)
 * ```
 */
export function consumeVarint (buf: Uint8Array, pos: number, end: number): number {
  const v = decodeVarint(buf, pos, end)
  if (v < 0) return v
  let i = pos
  while (buf[i]! >= 0x80) i++
  return i - pos + 1
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
