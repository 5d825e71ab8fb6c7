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
 */
export function consumeVarint (buf: Uint8Array, pos: number, end: number): number {
  if (pos >= end) return ERR_TRUNCATED
  let b = buf[pos]!
  if (b < 0x80) { varintValue = b; return 1 }
  let value = b & 0x7f
  // Bytes 2..4 fit in 28 bits: plain bit operations stay in int32 range.
  for (let i = 1; i < 4; i++) {
    if (pos + i >= end) return ERR_TRUNCATED
    b = buf[pos + i]!
    value |= (b & 0x7f) << (7 * i)
    if (b < 0x80) { varintValue = value; return i + 1 }
  }
  // Bytes 5..10: multiply, so that bits above 31 are not lost; anything >= 2^53 is an overflow.
  let scale = 268435456 // 2^28
  for (let i = 4; i < MAX_VARINT_BYTES; i++) {
    if (pos + i >= end) return ERR_TRUNCATED
    b = buf[pos + i]!
    value += (b & 0x7f) * scale
    if (b < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) return ERR_OVERFLOW
      varintValue = value
      return i + 1
    }
    scale *= 128
  }
  return ERR_OVERFLOW
}

/** Bytes the minimal varint encoding of `value` takes (value: integer in 0..2^53-1). */
export function varintLength (value: number): number {
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x200000) return 3
  if (value < 0x10000000) return 4
  let n = 5
  value = Math.floor(value / 0x800000000) // 2^35
  while (value > 0) { n++; value = Math.floor(value / 128) }
  return n
}

/**
 * Writes the minimal varint of `value` (integer in 0..2^53-1) at `buf[pos]`; returns the bytes written.
 * The caller guarantees room (see {@link varintLength}); never throws, never allocates.
 */
export function writeVarint (buf: Uint8Array, pos: number, value: number): number {
  const start = pos
  while (value >= 0x80000000) {
    buf[pos++] = (value % 128) | 0x80
    value = Math.floor(value / 128)
  }
  while (value >= 0x80) {
    buf[pos++] = (value & 0x7f) | 0x80
    value >>>= 7
  }
  buf[pos++] = value
  return pos - start
}
