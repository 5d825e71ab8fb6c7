// Multiaddr failure statuses: one negative number carries the error code and the offset, so that the walk returns
// a position (>= 0) or a status (< 0) and never keeps the cause of a failure anywhere else. multiaddrError turns a
// status into the WireError; it is the one place where multiaddr errors are built.

import { WireError, type WireErrorCode } from '../errors.js'

const enum Status { CodeSlots = 16 }

/** The codes a status can carry; a status is -1 - (offset * 16 + index in this list). */
const CODES = [
  'TRUNCATED', 'VARINT_OVERFLOW', 'VARINT_NON_MINIMAL', 'LENGTH_OUT_OF_BOUNDS', 'MULTIADDR_EMPTY',
  'MULTIADDR_UNKNOWN_PROTOCOL', 'MULTIADDR_UNSIZED_PROTOCOL', 'MULTIADDR_CODE_TOO_LARGE', 'MULTIADDR_INVALID_VALUE',
  'MULTIADDR_EMPTY_VALUE', 'MULTIADDR_AFTER_PATH', 'MULTIADDR_TEXT_INVALID', 'INVALID_BASE_ENCODING'
] as const satisfies readonly WireErrorCode[]

/** A code a multiaddr status can carry. */
export type MultiaddrErrorCode = typeof CODES[number]

/** The status of `code` at absolute `offset` (a byte offset or a character index). */
export function failure (code: MultiaddrErrorCode, offset: number): number {
  return -1 - (offset * Status.CodeSlots + CODES.indexOf(code))
}

/** Throws the WireError of `code` at character index `at` (the text parser's errors). */
export function textFailure (code: MultiaddrErrorCode, at: number): never {
  throw multiaddrError(failure(code, at))
}

/**
 * The WireError of a negative `status` returned by validateRange (or the walk): its code and absolute offset, with
 * `path` (optional) naming the field (`listenAddrs[2]`).
 *
 * @example
 * ```ts
 * const status = validateRange(buf, start, end)
 * if (status < 0) throw multiaddrError(status, 'listenAddrs[0]') // e.g. code 'TRUNCATED', offset 7
 * ```
 */
export function multiaddrError (status: number, path?: string): WireError {
  const n = -1 - status
  const code: WireErrorCode = CODES[n % Status.CodeSlots]!
  return new WireError(code, (n - n % Status.CodeSlots) / Status.CodeSlots, 'invalid multiaddr', path === undefined ? undefined : { path })
}
