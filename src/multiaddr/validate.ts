// Strict validation of binary multiaddrs (multiformats/multiaddr spec; rules of DESIGN-NOTES §3, go-multiaddr as
// the floor). Never throws for any Uint8Array, never reads outside the view; does not decode values to text.

import { WireError, type WireErrorCode } from '../errors.js'
import { SIZE_VAR, protocolByCode, unsizedProtocol, type Protocol } from './table.js'
import { checkValue, readUvarint, uvarintValue } from './values.js'

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

/** Code of the last failure of {@link validateRange} (a live binding: read it right after the call). */
export let multiaddrErrorCode: WireErrorCode = 'MULTIADDR_EMPTY'

function fail (code: WireErrorCode, offset: number): number {
  multiaddrErrorCode = code
  return offset
}

/**
 * Validates the multiaddr `buf[start..end)`. Returns -1 when valid, else the absolute offset where the problem
 * starts, with its code in {@link multiaddrErrorCode}. Never throws, never allocates, never reads outside the range.
 *
 * @example
 * ```ts
 * const buf = Uint8Array.of(0xff, 0x04, 127, 0, 0, 1) // an ip4 address at [1..6)
 * validateRange(buf, 1, 6)     // -1: valid
 * validateRange(buf, 1, 4)     // 2: the ip4 value is cut short; multiaddrErrorCode === 'TRUNCATED'
 * ```
 */
export function validateRange (buf: Uint8Array, start: number, end: number): number {
  if (start >= end) return fail('MULTIADDR_EMPTY', start)
  let pos = start
  while (pos < end) {
    pos = nextComponent(buf, pos, end, pos === start ? -1 : component.code)
    if (pos < 0) return ~pos
    if (collected !== null) {
      const p = component
      collected.push({ code: p.code, name: p.name, offset: componentAt, valueOffset: valueAt, valueLength: valueLength })
    }
  }
  return -1
}

/** The protocol, start, value offset and value length of the component {@link nextComponent} read last. */
export let component: Protocol
export let componentAt = 0
export let valueAt = 0
export let valueLength = 0

/**
 * Reads and checks the component at `buf[pos..end)`; `prev` is the previous component's code (-1 for the first).
 * Returns the offset after it (the component in {@link component}, ...), or `~offset` of the problem with its code
 * in {@link multiaddrErrorCode}. The one walk shared by validateRange and the text printer (internal).
 */
export function nextComponent (buf: Uint8Array, pos: number, end: number, prev: number): number {
  const at = pos
  let n = readUvarint(buf, pos, end)
  if (n < 0) return ~varintFail(n, pos)
  const code = uvarintValue
  if (code > 0x7fffffff) return ~fail('MULTIADDR_CODE_TOO_LARGE', at)
  const p = protocolByCode(code)
  if (p === undefined) return ~fail(unsizedProtocol(code) === undefined ? 'MULTIADDR_UNKNOWN_PROTOCOL' : 'MULTIADDR_UNSIZED_PROTOCOL', at)
  pos += n
  let len: number
  if (p.size === SIZE_VAR) {
    n = readUvarint(buf, pos, end)
    if (n < 0) return ~varintFail(n, pos)
    len = uvarintValue
    if (len === 0) return ~fail('MULTIADDR_EMPTY_VALUE', pos)
    if (len > end - pos - n) return ~fail('LENGTH_OUT_OF_BOUNDS', pos)
    pos += n
  } else {
    len = p.size >>> 3
    if (len > end - pos) return ~fail('TRUNCATED', pos)
  }
  const bad = checkValue(code, buf, pos, pos + len, prev)
  if (bad >= 0) return ~fail('MULTIADDR_INVALID_VALUE', bad)
  component = p
  componentAt = at
  valueAt = pos
  valueLength = len
  pos += len
  // go-multiaddr: a path protocol (unix) must be the last one; its text form swallows everything after it.
  return p.path && pos < end ? ~fail('MULTIADDR_AFTER_PATH', pos) : pos
}

/** `status`: readUvarint's -1, -2 or -3. */
function varintFail (status: number, at: number): number {
  return fail(status === -1 ? 'TRUNCATED' : status === -2 ? 'VARINT_OVERFLOW' : 'VARINT_NON_MINIMAL', at)
}

/** {@link validateRange} that also appends the components of `buf[start..end)` to `out` (absolute offsets). */
export function validateCollecting (buf: Uint8Array, start: number, end: number, out: Component[]): number {
  collected = out
  const bad = validateRange(buf, start, end)
  collected = null
  return bad
}

let collected: Component[] | null = null

/**
 * The WireError for the last failure of {@link validateRange}, found at `offset`; `path` (optional) names the field
 * (`listenAddrs[2]`) and is left undefined when not given.
 *
 * @example
 * ```ts
 * const bad = validateRange(buf, start, end)
 * if (bad >= 0) throw multiaddrError(bad, 'listenAddrs[0]') // code from multiaddrErrorCode, offset bad
 * ```
 */
export function multiaddrError (offset: number, path?: string): WireError {
  // One message for all: the code already names the problem, and the bundle budget is 4 KB (measured: a
  // per-code message table cost 180 B gzip).
  return new WireError(multiaddrErrorCode, offset, 'invalid multiaddr', path === undefined ? undefined : { path })
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
  if (!(bytes instanceof Uint8Array)) throw new TypeError('validateMultiaddr: expected a Uint8Array')
  const out: Component[] = []
  const bad = validateCollecting(bytes, 0, bytes.length, out)
  return bad < 0 ? { valid: true, components: out } : { valid: false, error: multiaddrError(bad) }
}

/**
 * True when `bytes` is a valid multiaddr (no allocation). Same rules as {@link validateMultiaddr}; TypeError for a
 * non-Uint8Array.
 *
 * @example
 * ```ts
 * isValidMultiaddr(Uint8Array.of(0x04, 127, 0, 0, 1)) // true  (/ip4/127.0.0.1)
 * isValidMultiaddr(Uint8Array.of(0x04, 127, 0))       // false (ip4 value cut short)
 * ```
 */
export function isValidMultiaddr (bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('isValidMultiaddr: expected a Uint8Array')
  return validateRange(bytes, 0, bytes.length) < 0
}
