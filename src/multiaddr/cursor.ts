// The caller-owned state of one walk over a multiaddr (validation, printing, the parser's value checks), and the
// multiformats unsigned-varint reader that leaves its value there. One object per public call; nothing survives it.

import { failure } from './status.js'
import type { ProtocolRecord } from './table.js'

const enum Walk {
  /** Longest multiformats unsigned varint (the unsigned-varint spec's limit; go-varint's too). */
  MaxUvarintBytes = 9
}

/** Where a walk is: the last varint read, and the component just read. */
export class Cursor {
  /** Value of the last varint {@link readUvarint} read. */
  value = 0
  /** Code of the component before the one being read (undefined before the first); ipcidr checks it. */
  prev: number | undefined
  /** Protocol of the component just read. */
  protocol: ProtocolRecord | undefined
  /** Offset of the value of the component just read (after its length prefix). */
  valueStart = 0
}

/**
 * Reads a multiformats unsigned varint (at most 9 bytes, minimal form only) at `buf[pos..end)`. Returns the position
 * after it with its value in `cur.value`, or a failure status at `pos`: TRUNCATED (the range ends inside it),
 * VARINT_OVERFLOW (longer than 9 bytes), VARINT_NON_MINIMAL (last byte 0x00 after a continuation: `80 00` is 0 and
 * `81 80 00` is 1, both refused as go-varint does). Values above 2^53 lose precision; callers compare them with
 * bounds far below that.
 */
export function readUvarint (buf: Uint8Array, pos: number, end: number, cur: Cursor): number {
  let value = 0
  let scale = 1
  for (let i = pos; i < end && i < pos + Walk.MaxUvarintBytes; i++) {
    const b = buf[i]!
    value += (b & 0x7f) * scale
    if (b < 0x80) {
      if (b === 0 && i > pos) return failure('VARINT_NON_MINIMAL', pos)
      cur.value = value
      return i + 1
    }
    scale *= 128
  }
  return failure(end - pos < Walk.MaxUvarintBytes ? 'TRUNCATED' : 'VARINT_OVERFLOW', pos)
}
