// Strict validation of binary multiaddrs (multiformats/multiaddr spec; go-multiaddr's rules as the floor, see
// README.md). Never throws for any Uint8Array, never reads outside the view; does not decode values to text.

import type { WireError } from '../errors.js'
import { Cursor, readUvarint } from './cursor.js'
import { failure, multiaddrError } from './status.js'
import { SIZE_VAR, recordByCode, unsizedProtocol } from './table.js'

export { multiaddrError }

const enum Limit {
  /** Largest protocol code (go-multiaddr reads codes as int32). */
  MaxCode = 0x7fffffff
}

/** One protocol of a valid multiaddr. Offsets are relative to the validated view. */
export interface Component {
  /** Multicodec code. */
  readonly code: number
  /** Canonical protocol name (`p2p`, never `ipfs`). */
  readonly name: string
  /** Offset of the code varint. */
  readonly offset: number
  /** Offset of the value (after its length prefix for length-prefixed protocols); equals the next offset when none. */
  readonly valueOffset: number
  /** Value length in bytes (0 for protocols without a value). */
  readonly valueLength: number
}

/** Result of {@link validateMultiaddr}: the components when valid, else the WireError (offset relative to the view). */
export type MultiaddrValidation =
  | { readonly valid: true, readonly components: Component[] }
  | { readonly valid: false, readonly error: WireError }

/**
 * Reads and checks the component at `buf[pos..end)`. Returns the offset after it, with its protocol and value
 * offset in `cur` (`cur.prev` becomes its code), or a negative failure status. The one walk shared by the
 * validator, the printer and the display form.
 */
export function nextComponent (buf: Uint8Array, pos: number, end: number, cur: Cursor): number {
  const at = pos
  pos = readUvarint(buf, pos, end, cur)
  if (pos < 0) return pos
  const code = cur.value
  if (code > Limit.MaxCode) return failure('MULTIADDR_CODE_TOO_LARGE', at)
  const p = recordByCode(code)
  if (p === undefined) return failure(unsizedProtocol(code) === undefined ? 'MULTIADDR_UNKNOWN_PROTOCOL' : 'MULTIADDR_UNSIZED_PROTOCOL', at)
  let len: number
  if (p.size === SIZE_VAR) {
    const lenAt = pos
    pos = readUvarint(buf, pos, end, cur)
    if (pos < 0) return pos
    len = cur.value
    if (len === 0) return failure('MULTIADDR_EMPTY_VALUE', lenAt)
    if (len > end - pos) return failure('LENGTH_OUT_OF_BOUNDS', lenAt)
  } else {
    len = p.size >>> 3
    if (len > end - pos) return failure('TRUNCATED', pos)
  }
  const next = p.value.check(buf, pos, pos + len, cur)
  if (next < 0) return next
  cur.prev = code
  cur.protocol = p
  cur.valueStart = pos
  // go-multiaddr: a path protocol (unix) must be the last one; its text form swallows everything after it.
  return p.path && next < end ? failure('MULTIADDR_AFTER_PATH', next) : next
}

/**
 * Validates the multiaddr `buf[start..end)`. Returns `end` when valid, else a negative status that
 * {@link multiaddrError} turns into the WireError (code and absolute offset). Never throws, never reads outside the
 * range, allocates one small cursor.
 *
 * @example
 * ```ts
 * const buf = Uint8Array.of(0xff, 0x04, 127, 0, 0, 1) // an ip4 address at [1..6)
 * validateRange(buf, 1, 6)                  // 6: valid
 * multiaddrError(validateRange(buf, 1, 4))  // WireError code 'TRUNCATED', offset 2 (the ip4 value is cut short)
 * ```
 */
export function validateRange (buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return failure('MULTIADDR_EMPTY', start)
  const cur = new Cursor()
  let pos = start
  while (pos < end) {
    pos = nextComponent(buf, pos, end, cur)
    if (pos < 0) return pos
  }
  return end
}

/**
 * Validates a binary multiaddr. Never throws for a Uint8Array (TypeError for anything else); never reads outside
 * the view. Component and error offsets are relative to the view.
 *
 * @example
 * ```ts
 * const r = validateMultiaddr(bytes)
 * if (r.valid) for (const c of r.components) console.log(c.name, c.valueOffset, c.valueLength)
 * else console.log(r.error.code, r.error.offset)
 * ```
 */
export function validateMultiaddr (bytes: Uint8Array): MultiaddrValidation {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Uint8Array')
  const components: Component[] = []
  const status = collectComponents(bytes, components)
  return status < 0 ? { valid: false, error: multiaddrError(status) } : { valid: true, components }
}

/** Validates `bytes` (a Uint8Array), appending its components to `out`; returns its length or a failure status. */
export function collectComponents (bytes: Uint8Array, out: Component[]): number {
  const end = bytes.length
  if (end === 0) return failure('MULTIADDR_EMPTY', 0)
  const cur = new Cursor()
  for (let pos = 0; pos < end;) {
    const next = nextComponent(bytes, pos, end, cur)
    if (next < 0) return next
    const p = cur.protocol!
    out.push({ code: p.code, name: p.name, offset: pos, valueOffset: cur.valueStart, valueLength: next - cur.valueStart })
    pos = next
  }
  return end
}

/**
 * True when `bytes` is a valid multiaddr. Same rules as {@link validateMultiaddr}; TypeError for a non-Uint8Array.
 *
 * @example
 * ```ts
 * isValidMultiaddr(Uint8Array.of(0x04, 127, 0, 0, 1)) // true  (/ip4/127.0.0.1)
 * isValidMultiaddr(Uint8Array.of(0x04, 127, 0))       // false (ip4 value cut short)
 * ```
 */
export function isValidMultiaddr (bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Uint8Array')
  return validateRange(bytes, 0, bytes.length) >= 0
}
