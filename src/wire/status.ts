// The one table from the wire primitives' negative statuses to WireError codes and details, and the one function
// that builds that error. Every decoder goes through it; the primitives themselves never throw.

import { WireError, type WireErrorCode } from '../errors.js'

// Index = -status - 1: ERR_TRUNCATED (-1), ERR_OVERFLOW (-2) in varint.ts; ERR_FIELD_NUMBER (-3), ERR_WIRE_TYPE (-4),
// ERR_GROUP (-5), ERR_LENGTH (-6) in tag.ts. Details are short: the bundle of the codec carries them.
const CODES: readonly WireErrorCode[] = ['TRUNCATED', 'VARINT_OVERFLOW', 'FIELD_NUMBER_INVALID', 'WIRE_TYPE_INVALID', 'WIRE_TYPE_GROUP', 'LENGTH_OUT_OF_BOUNDS']
const DETAILS: readonly string[] = ['input ends inside a value', 'over 10 bytes or 2^53-1', 'field 0 or over 2^29-1', 'wire type 6 or 7', 'wire type 3 or 4', 'length past the end']

/**
 * The WireError for primitive status `status` (< 0) found at byte `offset`, with field path `path` if given.
 * A status no primitive returns gives `TRUNCATED` with the status in its detail.
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
  const i = -status - 1
  return new WireError(CODES[i] ?? 'TRUNCATED', offset, DETAILS[i] ?? `status ${status}`, path === undefined ? path : { path })
}
