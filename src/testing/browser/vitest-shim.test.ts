// The browser run's vitest shim must judge like vitest: every case below runs through vitest's own expect and the
// shim's, and both must agree on pass/fail (under vitest; in the browser, 'vitest' is the shim, so this checks the shim's self-consistency).
import { describe, it, expect } from 'vitest'
import { expect as shimExpect } from './vitest-shim.js'

class Thing { constructor (readonly a: number) {} }
const boom = (): never => { throw new TypeError('boom here') }
const quiet = (): number => 1

type E = (x: unknown) => any
const cases: Array<[string, (e: E) => void]> = [
  ['toBe same', (e) => e(1).toBe(1)],
  ['toBe NaN', (e) => e(NaN).toBe(NaN)],
  ['toBe -0 vs 0', (e) => e(-0).toBe(0)],
  ['toBe objects', (e) => e({}).toBe({})],
  ['toEqual objects', (e) => e({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 2] })],
  ['toEqual undefined prop ignored', (e) => e({ a: 1, b: undefined }).toEqual({ a: 1 })],
  ['toStrictEqual undefined prop', (e) => e({ a: 1, b: undefined }).toStrictEqual({ a: 1 })],
  ['toEqual class vs literal', (e) => e(new Thing(1)).toEqual({ a: 1 })],
  ['toStrictEqual class vs literal', (e) => e(new Thing(1)).toStrictEqual({ a: 1 })],
  ['toEqual Uint8Array', (e) => e(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]))],
  ['toEqual Uint8Array differs', (e) => e(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 3]))],
  ['toEqual Uint8Array vs Array', (e) => e(new Uint8Array([1, 2])).toEqual([1, 2])],
  ['toEqual Uint8Array length', (e) => e(new Uint8Array([1])).toEqual(new Uint8Array([1, 0]))],
  ['toEqual nested arrays length', (e) => e([[1], [2]]).toEqual([[1], [2], []])],
  ['toEqual Map', (e) => e(new Map([[1, 'a']])).toEqual(new Map([[1, 'a']]))],
  ['toEqual Map differs', (e) => e(new Map([[1, 'a']])).toEqual(new Map([[1, 'b']]))],
  ['toEqual Set', (e) => e(new Set([1, 2])).toEqual(new Set([2, 1]))],
  ['toEqual Set differs', (e) => e(new Set([1, 2])).toEqual(new Set([1, 3]))],
  ['toEqual bigint', (e) => e(10n).toEqual(10n)],
  ['toEqual string vs number', (e) => e('1').toEqual(1)],
  ['toThrow', (e) => e(boom).toThrow()],
  ['toThrow string', (e) => e(boom).toThrow('boom')],
  ['toThrow wrong string', (e) => e(boom).toThrow('nope')],
  ['toThrow regexp', (e) => e(boom).toThrow(/^boom/)],
  ['toThrow class', (e) => e(boom).toThrow(TypeError)],
  ['toThrow wrong class', (e) => e(boom).toThrow(RangeError)],
  ['toThrow quiet', (e) => e(quiet).toThrow()],
  ['not.toThrow quiet', (e) => e(quiet).not.toThrow()],
  ['not.toThrow boom', (e) => e(boom).not.toThrow()],
  ['toBeInstanceOf', (e) => e(new Thing(1)).toBeInstanceOf(Thing)],
  ['toBeInstanceOf wrong', (e) => e({}).toBeInstanceOf(Thing)],
  ['toBeUndefined', (e) => e(undefined).toBeUndefined()],
  ['toBeUndefined null', (e) => e(null).toBeUndefined()],
  ['toBeDefined null', (e) => e(null).toBeDefined()],
  ['toBeNull', (e) => e(null).toBeNull()],
  ['toBeTruthy 0', (e) => e(0).toBeTruthy()],
  ['toBeFalsy ""', (e) => e('').toBeFalsy()],
  ['toBeLessThan', (e) => e(1).toBeLessThan(2)],
  ['toBeLessThan equal', (e) => e(2).toBeLessThan(2)],
  ['toBeLessThanOrEqual equal', (e) => e(2).toBeLessThanOrEqual(2)],
  ['toBeGreaterThan', (e) => e(3).toBeGreaterThan(2)],
  ['toBeGreaterThanOrEqual less', (e) => e(1).toBeGreaterThanOrEqual(2)],
  ['toContain string', (e) => e('hello').toContain('ell')],
  ['toContain array', (e) => e([1, 2, 3]).toContain(2)],
  ['toContain array of objects by identity', (e) => e([{ a: 1 }]).toContain({ a: 1 })],
  ['toContain Uint8Array', (e) => e(new Uint8Array([5, 6])).toContain(6)],
  ['toHaveLength', (e) => e([1, 2]).toHaveLength(2)],
  ['toHaveLength string wrong', (e) => e('abc').toHaveLength(2)],
  ['toMatchObject subset', (e) => e({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } })],
  ['toMatchObject missing', (e) => e({ a: 1 }).toMatchObject({ b: 1 })],
  ['toMatchObject arrays same length', (e) => e({ xs: [{ a: 1, b: 2 }] }).toMatchObject({ xs: [{ a: 1 }] })],
  ['toMatchObject arrays length differs', (e) => e({ xs: [1, 2] }).toMatchObject({ xs: [1] })],
  ['toMatchObject error fields', (e) => e(Object.assign(new Error('x'), { code: 'C', offset: 3 })).toMatchObject({ code: 'C', offset: 3 })],
  ['not.toEqual', (e) => e({ a: 1 }).not.toEqual({ a: 2 })],
  ['not.toBe same', (e) => e(1).not.toBe(1)]
]

function passes (f: () => void): boolean {
  try { f(); return true } catch { return false }
}

describe('vitest shim agrees with vitest', () => {
  it('judges every case like vitest', () => {
    const disagreements: string[] = []
    let shimPasses = 0
    for (const [name, c] of cases) {
      const real = passes(() => c(expect as E))
      const shim = passes(() => c(shimExpect as E))
      if (shim) shimPasses++
      if (real !== shim) disagreements.push(`${name}: vitest ${real ? 'passes' : 'fails'}, shim ${shim ? 'passes' : 'fails'}`)
    }
    expect(disagreements).toEqual([])
    // both outcomes occur, so the comparison is not vacuous
    expect(shimPasses).toBeGreaterThan(10)
    expect(shimPasses).toBeLessThan(cases.length - 10)
  })

  it('async matchers', async () => {
    await shimExpect(Promise.resolve(3)).resolves.toBe(3)
    await shimExpect(Promise.reject(new TypeError('no'))).rejects.toThrow(TypeError)
    expect(await Promise.resolve(shimExpect(Promise.resolve(3)).rejects.toBe(3)).then(() => true, () => false)).toBe(false)
  })
})
