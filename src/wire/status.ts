// Turns the negative status of a hot-path primitive into a WireError (the public functions throw; primitives don't).

import { WireError } from '../errors.js'
import { ERR_TRUNCATED, ERR_OVERFLOW } from './varint.js'
import { ERR_FIELD_NUMBER, ERR_WIRE_TYPE, ERR_GROUP, ERR_LENGTH } from './tag.js'

/**
 * The WireError for primitive status `status` (< 0) found at byte `offset`, with field path `path` if given.
 *
 * @example
 * ```ts
 * import { consumeVarint, statusError } from 'identify-wire/wire'
 * const buf = new Uint8Array([0x80]) // a varint cut short
 * const n = consumeVarint(buf, 0, buf.length) // → -1
 * const err = statusError(n, 0, 'listenAddrs[0]') // throw it from a public function
 * err.code // → 'TRUNCATED'
 * err.path // → 'listenAddrs[0]'
 * ```
 */
export function statusError (status: number, offset: number, path?: string): WireError {
  const details = path === undefined ? undefined : { path }
  switch (status) {
    case ERR_TRUNCATED: return new WireError('TRUNCATED', offset, 'input ends inside a value', details)
    case ERR_OVERFLOW: return new WireError('VARINT_OVERFLOW', offset, 'varint longer than 10 bytes or above 2^53-1', details)
    case ERR_FIELD_NUMBER: return new WireError('FIELD_NUMBER_INVALID', offset, 'field number outside 1..2^29-1', details)
    case ERR_WIRE_TYPE: return new WireError('WIRE_TYPE_INVALID', offset, 'wire type 6 or 7 does not exist', details)
    case ERR_GROUP: return new WireError('WIRE_TYPE_GROUP', offset, 'groups (wire types 3 and 4) are not supported', details)
    case ERR_LENGTH: return new WireError('LENGTH_OUT_OF_BOUNDS', offset, 'declared length exceeds the input', details)
    default: return new WireError('TRUNCATED', offset, `unexpected status ${status}`, details)
  }
}
