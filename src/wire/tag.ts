// Protobuf field tags (field number << 3 | wire type) and skipping values of every wire type.
// Groups (wire types 3 and 4, deprecated since proto2) are recognised and rejected, never parsed.

import { consumeVarint, decodeVarint, varintLength, writeVarint, ERR_TRUNCATED, ERR_OVERFLOW } from './varint.js'

/** Wire type 0: a varint (int32, int64, uint32, uint64, sint32, sint64, bool, enum). */
export const VARINT = 0
/** Wire type 1: 8 bytes, little-endian (fixed64, sfixed64, double). */
export const I64 = 1
/** Wire type 2: a varint length, then that many bytes (string, bytes, messages, packed repeated); every Identify field. */
export const LEN = 2
/** Wire type 3: start of a group (deprecated): {@link consumeFieldValue} rejects it with {@link ERR_GROUP}. */
export const SGROUP = 3
/** Wire type 4: end of a group (deprecated): {@link consumeFieldValue} rejects it with {@link ERR_GROUP}. */
export const EGROUP = 4
/** Wire type 5: 4 bytes, little-endian (fixed32, sfixed32, float). */
export const I32 = 5

/** Largest valid field number (protobuf: 2^29 - 1). */
export const MAX_FIELD_NUMBER = 0x1fffffff

/** Field number 0 or above {@link MAX_FIELD_NUMBER}. */
export const ERR_FIELD_NUMBER = -3
/** Wire type 6 or 7. */
export const ERR_WIRE_TYPE = -4
/** Wire type 3 or 4 (groups). */
export const ERR_GROUP = -5
/** A length-delimited value longer than what is left of the input. */
export const ERR_LENGTH = -6

/**
 * The tag at `buf[pos..end)` as one number, `field * 8 + wireType` (read the parts with {@link fieldNumberOf} and
 * {@link wireTypeOf}), or a negative error (truncated, overflow, field number, wire type). Groups are returned as
 * tags: {@link consumeFieldValue} rejects them. Never throws, never allocates.
 *
 * @example
 * ```ts
 * import { decodeTag, fieldNumberOf, wireTypeOf, LEN } from 'identify-wire/wire'
 * const buf = new Uint8Array([0x1a, 0x03, 0x61, 0x62, 0x63]) // field 3 (protocols), LEN, "abc"
 * const tag = decodeTag(buf, 0, buf.length) // → 26
 * fieldNumberOf(tag) // → 3
 * wireTypeOf(tag) === LEN // → true
 * decodeTag(new Uint8Array([0x07]), 0, 1) // → -3 (ERR_FIELD_NUMBER: field 0)
 * ```
 */
export function decodeTag (buf: Uint8Array, pos: number, end: number): number {
  const v = decodeVarint(buf, pos, end)
  if (v < 0) return v
  const field = fieldNumberOf(v)
  if (field < 1 || field > MAX_FIELD_NUMBER) return ERR_FIELD_NUMBER
  return wireTypeOf(v) > I32 ? ERR_WIRE_TYPE : v
}

/**
 * The field number of a tag that {@link decodeTag} returned.
 *
 * @example
 * ```ts
 * import { fieldNumberOf } from 'identify-wire/wire'
 * fieldNumberOf(26) // → 3 (tag byte 0x1a: field 3, wire type 2)
 * ```
 */
export function fieldNumberOf (tag: number): number {
  return Math.floor(tag / 8)
}

/**
 * The wire type of a tag that {@link decodeTag} returned.
 *
 * @example
 * ```ts
 * import { wireTypeOf } from 'identify-wire/wire'
 * wireTypeOf(26) // → 2 (LEN)
 * ```
 */
export function wireTypeOf (tag: number): number {
  return tag % 8
}

/**
 * Bytes taken by the tag at `buf[pos..end)`, or the negative error {@link decodeTag} gives for it.
 * Never throws, never allocates.
 *
 * @example
 * ```ts
 * import { consumeTag } from 'identify-wire/wire'
 * const buf = new Uint8Array([0x1a, 0x03, 0x61, 0x62, 0x63])
 * consumeTag(buf, 0, buf.length) // → 1
 * ```
 */
export function consumeTag (buf: Uint8Array, pos: number, end: number): number {
  const t = decodeTag(buf, pos, end)
  return t < 0 ? t : consumeVarint(buf, pos, end)
}

/**
 * Bytes taken by the tag of field `field` (any wire type).
 *
 * @example
 * ```ts
 * import { tagLength } from 'identify-wire/wire'
 * tagLength(3) // → 1
 * tagLength(16) // → 2 (fields 16 and above need a two-byte tag)
 * ```
 */
export function tagLength (field: number): number {
  return varintLength(field * 8)
}

/**
 * Writes the tag of (`field`, `wireType`) at `buf[pos]`; returns bytes written. The caller guarantees room
 * (see {@link tagLength}); never throws, never allocates.
 *
 * @example
 * ```ts
 * import { writeTag, tagLength, LEN } from 'identify-wire/wire'
 * const buf = new Uint8Array(tagLength(3))
 * writeTag(buf, 0, 3, LEN) // → 1
 * buf[0] // → 0x1a
 * ```
 */
export function writeTag (buf: Uint8Array, pos: number, field: number, wireType: number): number {
  return writeVarint(buf, pos, field * 8 + wireType)
}

/**
 * Bytes taken by the value of wire type `wireType` that starts at `buf[pos]` (for LEN: prefix + payload),
 * or a negative error. The declared length of a LEN value is checked against `end` before anything else.
 * Never throws, never allocates.
 *
 * @example
 * ```ts
 * import { consumeFieldValue, LEN } from 'identify-wire/wire'
 * const buf = new Uint8Array([0x1a, 0x03, 0x61, 0x62, 0x63]) // tag (1 byte), then the LEN value
 * consumeFieldValue(buf, 1, buf.length, LEN) // → 4 (length prefix 1 + payload 3)
 * consumeFieldValue(buf, 1, 4, LEN) // → -6 (ERR_LENGTH: 3 bytes declared, 2 left)
 * ```
 */
export function consumeFieldValue (buf: Uint8Array, pos: number, end: number, wireType: number): number {
  switch (wireType) {
    case VARINT: {
      // Any uint64 is a valid value here (int64 -1 takes 10 bytes), so skip without the 2^53 limit of
      // consumeVarint; like protowire, a 10th byte above 1 is an overflow.
      for (let i = 0; i < 10; i++) {
        if (pos + i >= end) return ERR_TRUNCATED
        const b = buf[pos + i]!
        if (b < 0x80) return i === 9 && b > 1 ? ERR_OVERFLOW : i + 1
      }
      return ERR_OVERFLOW
    }
    case I64: return end - pos >= 8 ? 8 : ERR_TRUNCATED
    case I32: return end - pos >= 4 ? 4 : ERR_TRUNCATED
    case LEN: {
      const len = decodeVarint(buf, pos, end)
      if (len < 0) return len
      const n = consumeVarint(buf, pos, end)
      return len <= end - pos - n ? n + len : ERR_LENGTH
    }
    case SGROUP: case EGROUP: return ERR_GROUP
    default: return ERR_WIRE_TYPE
  }
}

export { ERR_TRUNCATED, ERR_OVERFLOW }
