// One whole protobuf field (tag + value) for the small decoders (PublicKey, Envelope, PeerRecord, Delta): throws
// WireError where the hot-path primitives return a status. The Identify decoder keeps its own inlined loop.

import { consumeTag, consumeFieldValue, tagWireType, LEN, ERR_GROUP } from './tag.js'
import { consumeVarint } from './varint.js'
import { statusError } from './status.js'

/**
 * Where the value of the field read by the last {@link readField} starts (an ES live binding): for LEN, the payload
 * after its length prefix; for the other wire types, the value itself.
 */
export let fieldValue = 0

/**
 * Reads the field at `buf[pos..end)`: its tag (left in `tagField` / `tagWireType`) and its value, whose start is left in
 * {@link fieldValue}. Returns the offset just after the field. A bad tag or a group throws the WireError at the tag
 * (`pos`); a bad value at the value's first byte, or at the tag when the input ends right after it — the offsets
 * `decodeIdentify` reports.
 *
 * @example
 * ```ts
 * import { readField, fieldValue, tagField } from 'identify-wire/wire'
 * const buf = new Uint8Array([0x12, 0x02, 0x68, 0x69])   // field 2, LEN, "hi"
 * const next = readField(buf, 0, buf.length, 'msg')       // 4; tagField === 2, fieldValue === 2
 * ```
 */
export function readField (buf: Uint8Array, pos: number, end: number, path: string): number {
  const t = consumeTag(buf, pos, end)
  if (t < 0) throw statusError(t, pos, path)
  const v = pos + t
  const n = consumeFieldValue(buf, v, end, tagWireType)
  if (n < 0) throw statusError(n, n === ERR_GROUP || v >= end ? pos : v, path)
  fieldValue = tagWireType === LEN ? v + consumeVarint(buf, v, end) : v
  return v + n
}
