// One whole protobuf field (tag + value) for the small decoders (PublicKey, Envelope, PeerRecord, Delta): throws
// WireError where the primitives return a status. Internal: not part of the public `identify-wire/wire` entry.

import { decodeTag, fieldNumberOf, wireTypeOf, consumeFieldValue, LEN, ERR_GROUP } from './tag.js'
import { consumeVarint } from './varint.js'
import { statusError } from './status.js'

/** Where {@link readField} leaves what it read; one per decode call, owned by the caller. */
export class FieldCursor {
  /** Field number of the last field read. */
  field = 0
  /** Wire type of the last field read. */
  wireType = 0
  /** Where its value starts: for LEN, the payload after the length prefix; otherwise the value itself. */
  value = 0
}

/**
 * Reads the field at `buf[pos..end)` into `c` (field number, wire type, value start) and returns the offset just
 * after the field. A bad tag or a group throws the WireError at the tag (`pos`); a bad value at the value's first
 * byte, or at the tag when the input ends right after it: the offsets `decodeIdentify` reports.
 *
 * @example
 * ```ts
 * const c = new FieldCursor()
 * const buf = new Uint8Array([0x12, 0x02, 0x68, 0x69])   // field 2, LEN, "hi"
 * readField(buf, 0, buf.length, 'msg', c)                 // → 4; c.field === 2, c.value === 2
 * ```
 */
export function readField (buf: Uint8Array, pos: number, end: number, path: string, c: FieldCursor): number {
  const tag = decodeTag(buf, pos, end)
  if (tag < 0) throw statusError(tag, pos, path)
  const v = pos + consumeVarint(buf, pos, end)
  const wt = wireTypeOf(tag)
  const n = consumeFieldValue(buf, v, end, wt)
  if (n < 0) throw statusError(n, n === ERR_GROUP || v >= end ? pos : v, path)
  c.field = fieldNumberOf(tag)
  c.wireType = wt
  c.value = wt === LEN ? v + consumeVarint(buf, v, end) : v
  return v + n
}
