// Reads confined to the view: every function of the multiaddr module gives the same answer for an address whether
// it stands alone or sits in a larger buffer between poison bytes (a read outside [start, end) would change it).

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { WireError } from '../errors.js'
import { hex } from '../testing/vectors.js'
import { validMultiaddrHex } from '../testing/multiaddr-arbitrary.js'
import { checkIdentifyAddrs } from './checked.js'
import { multiaddrToDisplayString } from './display.js'
import { multiaddrError } from './status.js'
import { multiaddrToString } from './text.js'
import { isValidMultiaddr, validateMultiaddr, validateRange } from './validate.js'

const outcome = (fn: () => unknown): unknown => {
  try { return fn() } catch (e) { return e instanceof WireError ? [e.code, e.offset] : e }
}

/** Everything the module says about `b`, with offsets relative to `b` (so that a view and a copy compare equal). */
function answers (buf: Uint8Array, start: number, end: number): unknown {
  const view = buf.subarray(start, end)
  const status = validateRange(buf, start, end)
  const r = validateMultiaddr(view)
  const checked = checkIdentifyAddrs({ listenAddrs: [view] }).listenAddrs[0]
  return {
    range: status < 0 ? [multiaddrError(status).code, multiaddrError(status).offset - start] : status - start,
    validate: r.valid ? r.components : [r.error.code, r.error.offset],
    isValid: isValidMultiaddr(view),
    text: outcome(() => multiaddrToString(view)),
    display: multiaddrToDisplayString(view),
    checked: checked === undefined ? undefined : checked.ok ? checked.text : [checked.error.code, checked.error.offset]
  }
}

const poisoned = fc.tuple(fc.uint8Array({ maxLength: 12 }), fc.uint8Array({ minLength: 1, maxLength: 12 }))

describe('multiaddr: reads confined to the view', () => {
  it('valid addresses and every cut of them: same answers between poison bytes', () => {
    fc.assert(fc.property(validMultiaddrHex(6, true), fc.nat(), poisoned, (h, cutSeed, [before, after]) => {
      const whole = hex(h)
      const b = whole.subarray(0, cutSeed % (whole.length + 1))
      const buf = new Uint8Array(before.length + b.length + after.length)
      buf.set(before)
      buf.set(b, before.length)
      buf.set(after, before.length + b.length)
      expect(answers(buf, before.length, before.length + b.length)).toEqual(answers(b.slice(), 0, b.length))
    }), { numRuns: 1000 })
  })

  it('random bytes: same answers between poison bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 60 }), poisoned, (b, [before, after]) => {
      const buf = Uint8Array.from([...before, ...b, ...after])
      expect(answers(buf, before.length, before.length + b.length)).toEqual(answers(b, 0, b.length))
    }), { numRuns: 1000 })
  })
})
