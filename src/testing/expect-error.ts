// Test support: assert that a call throws WireError with a given code and offset (never the message text).

import { expect } from 'vitest'
import { WireError, type WireErrorCode } from '../errors.js'

/** Runs `fn`, expects a WireError with `code` (and `offset`/`path` when given); returns the error. */
export function expectWireError (fn: () => unknown, code: WireErrorCode, offset?: number, path?: string): WireError {
  let caught: unknown
  try { fn() } catch (e) { caught = e }
  expect(caught, `expected WireError ${code}`).toBeInstanceOf(WireError)
  const e = caught as WireError
  expect(e.code).toBe(code)
  if (offset !== undefined) expect(e.offset).toBe(offset)
  if (path !== undefined) expect(e.path).toBe(path)
  return e
}
