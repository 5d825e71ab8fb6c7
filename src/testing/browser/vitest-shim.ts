// Test support for the headless-Chromium run (never built into the library): the small part of vitest's API that
// the house style allows in portable tests (describe/it/test/expect, the listed matchers, `.not`, async tests).
// Equality follows vitest's rules (toEqual ignores undefined properties; typed arrays, Map, Set compared by content).

type Fn = () => unknown

interface TestCase { name: string, fn: Fn, skip: boolean, timeout: number }
interface Suite { name: string, children: Array<TestCase | Suite>, skip: boolean }

/** One test's outcome, as posted back to the runner. */
export interface TestResult { file: string, name: string, ok: boolean, skipped: boolean, error?: string, ms: number }

let current: Suite = { name: '', children: [], skip: false }
let currentFile = ''
const files: Array<{ file: string, suite: Suite }> = []

/** Called by the generated entry before each test file's module body runs. */
export function __beginFile (file: string): void {
  const suite: Suite = { name: '', children: [], skip: false }
  files.push({ file, suite })
  current = suite
  currentFile = file
}

function addSuite (name: string, fn: Fn, skip: boolean): void {
  const suite: Suite = { name, children: [], skip: skip || current.skip }
  current.children.push(suite)
  const parent = current
  current = suite
  try {
    const r = fn()
    if (r !== undefined && typeof (r as Promise<unknown>).then === 'function') throw new Error('async describe() is not supported')
  } finally {
    current = parent
  }
}

function addTest (name: string, fn: Fn | undefined, skip: boolean, timeout?: number | { timeout?: number }): void {
  const t = typeof timeout === 'number' ? timeout : timeout?.timeout
  current.children.push({ name, fn: fn ?? (() => {}), skip: skip || current.skip || fn === undefined, timeout: t ?? 5000 })
}

type DescribeFn = ((name: string, fn: Fn) => void) & { skip: (name: string, fn: Fn) => void, only: (name: string, fn: Fn) => void, todo: (name: string) => void }
type TestFn = ((name: string, fn?: Fn, timeout?: number | { timeout?: number }) => void) & {
  skip: (name: string, fn?: Fn) => void, only: (name: string, fn?: Fn, timeout?: number) => void, todo: (name: string) => void
}

export const describe: DescribeFn = Object.assign((name: string, fn: Fn) => addSuite(name, fn, false), {
  skip: (name: string, fn: Fn) => addSuite(name, fn, true),
  only: (name: string, fn: Fn) => addSuite(name, fn, false),
  todo: (_name: string) => {}
})
export const it: TestFn = Object.assign((name: string, fn?: Fn, timeout?: number | { timeout?: number }) => addTest(name, fn, false, timeout), {
  skip: (name: string, fn?: Fn) => addTest(name, fn, true),
  only: (name: string, fn?: Fn, timeout?: number) => addTest(name, fn, false, timeout),
  todo: (name: string) => addTest(name, undefined, true)
})
export const test = it

// ---- equality (after @vitest/expect's `equals` with iterableEquality) ----

const tag = (x: unknown): string => Object.prototype.toString.call(x)

function isTypedArray (x: unknown): x is ArrayLike<unknown> & { constructor: unknown } {
  return ArrayBuffer.isView(x) && !(x instanceof DataView)
}

function ownKeys (o: object, strict: boolean): Array<string | symbol> {
  const rec = o as Record<string | symbol, unknown>
  const keys: Array<string | symbol> = Object.keys(o)
  for (const s of Object.getOwnPropertySymbols(o)) if (Object.getOwnPropertyDescriptor(o, s)?.enumerable === true) keys.push(s)
  return strict ? keys : keys.filter((k) => rec[k] !== undefined)
}

function equals (a: unknown, b: unknown, strict: boolean, seen: Array<[unknown, unknown]> = []): boolean {
  if (a instanceof Error && b instanceof Error) return a.message === b.message && a.name === b.name
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const ta = tag(a)
  if (ta !== tag(b)) return false
  if (ta === '[object Number]' || ta === '[object String]' || ta === '[object Boolean]') return Object.is((a as Number).valueOf(), (b as Number).valueOf())
  if (ta === '[object Date]') return Object.is((a as Date).getTime(), (b as Date).getTime())
  if (ta === '[object RegExp]') return String(a) === String(b)
  for (const [x, y] of seen) if (x === a) return y === b
  seen.push([a, b])
  try {
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
    if (isTypedArray(a) || isTypedArray(b)) {
      if (!isTypedArray(a) || !isTypedArray(b) || a.constructor !== b.constructor || a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
      return true
    }
    if (a instanceof ArrayBuffer && b instanceof ArrayBuffer) return equals(new Uint8Array(a), new Uint8Array(b), strict, seen)
    if (a instanceof Map && b instanceof Map) {
      if (a.size !== b.size) return false
      for (const [k, v] of a) {
        if (b.has(k)) { if (!equals(v, b.get(k), strict, seen)) return false; continue }
        let found = false
        for (const [k2, v2] of b) if (equals(k, k2, strict, seen) && equals(v, v2, strict, seen)) { found = true; break }
        if (!found) return false
      }
      return true
    }
    if (a instanceof Set && b instanceof Set) {
      if (a.size !== b.size) return false
      for (const v of a) {
        if (b.has(v)) continue
        let found = false
        for (const w of b) if (equals(v, w, strict, seen)) { found = true; break }
        if (!found) return false
      }
      return true
    }
    if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false
    const ka = ownKeys(a, strict)
    const kb = ownKeys(b, strict)
    if (ka.length !== kb.length) return false
    const rb = b as Record<string | symbol, unknown>
    const ra = a as Record<string | symbol, unknown>
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false
      if (!equals(ra[k], rb[k], strict, seen)) return false
    }
    if (strict && Array.isArray(a)) {
      for (let i = 0; i < a.length; i++) if ((i in a) !== (i in (b as unknown[]))) return false
    }
    return true
  } finally {
    seen.pop()
  }
}

function matchObject (actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) return equals(actual, expected, false)
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false
    return expected.every((e, i) => matchObject(actual[i], e))
  }
  if (isTypedArray(expected) || expected instanceof Map || expected instanceof Set || expected instanceof Date) return equals(actual, expected, false)
  const ra = actual as Record<string | symbol, unknown>
  for (const k of ownKeys(expected, true)) {
    if (!(k in (actual as object))) return false
    if (!matchObject(ra[k], (expected as Record<string | symbol, unknown>)[k])) return false
  }
  return true
}

// ---- expect ----

function show (v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 200 ? v.slice(0, 200) + '…' : v)
  if (typeof v === 'bigint') return `${v}n`
  if (typeof v === 'function') return `[Function ${(v as { name?: string }).name ?? ''}]`
  if (v instanceof Error) return `${v.name}: ${v.message}`
  if (isTypedArray(v)) {
    const arr = Array.from(v as ArrayLike<number>)
    return `${(v.constructor as { name: string }).name}[${arr.slice(0, 32).join(',')}${arr.length > 32 ? `,… (${arr.length})` : ''}]`
  }
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => typeof x === 'bigint' ? `${x}n` : isTypedArray(x) ? show(x) : x)
    if (s === undefined) return String(v)
    return s.length > 300 ? s.slice(0, 300) + '…' : s
  } catch { return String(v) }
}

class AssertionError extends Error {
  constructor (message: string) { super(message); this.name = 'AssertionError' }
}

type Matchers = {
  toBe(e: unknown): void
  toEqual(e: unknown): void
  toStrictEqual(e: unknown): void
  toThrow(e?: unknown): void
  toThrowError(e?: unknown): void
  toBeInstanceOf(c: unknown): void
  toBeUndefined(): void
  toBeDefined(): void
  toBeNull(): void
  toBeTruthy(): void
  toBeFalsy(): void
  toBeLessThan(n: number | bigint): void
  toBeLessThanOrEqual(n: number | bigint): void
  toBeGreaterThan(n: number | bigint): void
  toBeGreaterThanOrEqual(n: number | bigint): void
  toContain(x: unknown): void
  toHaveLength(n: number): void
  toMatchObject(o: unknown): void
}

function thrownMatches (thrown: unknown, expected: unknown): boolean {
  if (expected === undefined) return true
  const msg = thrown instanceof Error ? thrown.message : String(thrown)
  if (typeof expected === 'string') return msg.includes(expected)
  if (expected instanceof RegExp) return expected.test(msg)
  if (typeof expected === 'function') return thrown instanceof (expected as new () => unknown)
  if (expected instanceof Error) return msg === expected.message
  if (typeof expected === 'object' && expected !== null) return matchObject(thrown, expected)
  return false
}

function makeMatchers (actual: unknown, negate: boolean): Matchers {
  const check = (pass: boolean, what: string): void => {
    if (pass === negate) throw new AssertionError(`expected ${show(actual)} ${negate ? 'not ' : ''}${what}`)
  }
  const num = (x: unknown): number | bigint => {
    if (typeof x !== 'number' && typeof x !== 'bigint') throw new AssertionError(`expected a number, got ${show(x)}`)
    return x
  }
  const toThrow = (expected?: unknown): void => {
    if (typeof actual !== 'function') throw new AssertionError(`expected a function, got ${show(actual)}`)
    let threw = false
    let thrown: unknown
    try { (actual as Fn)() } catch (e) { threw = true; thrown = e }
    if (negate) {
      if (expected === undefined ? threw : threw && thrownMatches(thrown, expected)) throw new AssertionError(`expected function not to throw ${expected === undefined ? '' : show(expected)}, it threw ${show(thrown)}`)
      return
    }
    if (!threw) throw new AssertionError(`expected function to throw ${expected === undefined ? '' : show(expected)}`)
    if (!thrownMatches(thrown, expected)) throw new AssertionError(`expected function to throw ${show(expected)}, it threw ${show(thrown)}`)
  }
  return {
    toBe: (e) => check(Object.is(actual, e), `to be ${show(e)}`),
    toEqual: (e) => check(equals(actual, e, false), `to equal ${show(e)}`),
    toStrictEqual: (e) => check(equals(actual, e, true), `to strictly equal ${show(e)}`),
    toThrow,
    toThrowError: toThrow,
    toBeInstanceOf: (c) => check(actual instanceof (c as new () => unknown), `to be an instance of ${show(c)}`),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeNull: () => check(actual === null, 'to be null'),
    toBeTruthy: () => check(Boolean(actual), 'to be truthy'),
    toBeFalsy: () => check(!actual, 'to be falsy'),
    toBeLessThan: (n) => check(num(actual) < n, `to be < ${show(n)}`),
    toBeLessThanOrEqual: (n) => check(num(actual) <= n, `to be <= ${show(n)}`),
    toBeGreaterThan: (n) => check(num(actual) > n, `to be > ${show(n)}`),
    toBeGreaterThanOrEqual: (n) => check(num(actual) >= n, `to be >= ${show(n)}`),
    toContain: (x) => {
      if (typeof actual === 'string') return check(typeof x === 'string' && actual.includes(x), `to contain ${show(x)}`)
      if (actual === null || actual === undefined || typeof (actual as Iterable<unknown>)[Symbol.iterator] !== 'function') throw new AssertionError(`expected an iterable or string, got ${show(actual)}`)
      check(Array.from(actual as Iterable<unknown>).some((v) => v === x), `to contain ${show(x)}`)
    },
    toHaveLength: (n) => {
      const len = (actual as { length?: unknown } | null | undefined)?.length
      if (typeof len !== 'number') throw new AssertionError(`expected a value with a length, got ${show(actual)}`)
      check(len === n, `to have length ${n} (has ${len})`)
    },
    toMatchObject: (o) => check(matchObject(actual, o), `to match object ${show(o)}`)
  }
}

type AsyncMatchers = { [K in keyof Matchers]: (...a: Parameters<Matchers[K]>) => Promise<void> }
type Expectation = Matchers & { not: Matchers, resolves: AsyncMatchers & { not: AsyncMatchers }, rejects: AsyncMatchers & { not: AsyncMatchers } }

function asyncMatchers (promise: unknown, mode: 'resolves' | 'rejects', negate: boolean): AsyncMatchers {
  const out: Record<string, (...a: unknown[]) => Promise<void>> = {}
  for (const name of Object.keys(makeMatchers(undefined, false))) {
    out[name] = async (...args: unknown[]) => {
      let value: unknown
      try {
        value = await promise
        if (mode === 'rejects') throw new AssertionError(`expected promise to reject, it resolved to ${show(value)}`)
      } catch (e) {
        if (e instanceof AssertionError) throw e
        if (mode === 'resolves') throw new AssertionError(`expected promise to resolve, it rejected with ${show(e)}`)
        value = e
      }
      // rejects.toThrow(x) checks the rejection reason itself, as vitest does.
      const subject = mode === 'rejects' && (name === 'toThrow' || name === 'toThrowError') ? () => { throw value } : value
      ;(makeMatchers(subject, negate) as unknown as Record<string, (...a: unknown[]) => void>)[name]!(...args)
    }
  }
  return out as unknown as AsyncMatchers
}

export function expect (actual: unknown): Expectation {
  return Object.assign(makeMatchers(actual, false), {
    not: makeMatchers(actual, true),
    resolves: Object.assign(asyncMatchers(actual, 'resolves', false), { not: asyncMatchers(actual, 'resolves', true) }),
    rejects: Object.assign(asyncMatchers(actual, 'rejects', false), { not: asyncMatchers(actual, 'rejects', true) })
  })
}

// ---- running ----

async function runOne (t: TestCase): Promise<void> {
  let timer: unknown
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`test timed out after ${t.timeout} ms`)), t.timeout)
  })
  try {
    await Promise.race([Promise.resolve().then(t.fn), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function describeError (e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code
    return `${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}`
  }
  return `thrown non-Error: ${show(e)}`
}

/** Runs every registered test in order; `onResult` sees each outcome as it finishes. */
export async function __runAll (onResult?: (r: TestResult) => void): Promise<TestResult[]> {
  const results: TestResult[] = []
  const walk = async (file: string, suite: Suite, prefix: string): Promise<void> => {
    for (const t of suite.children) {
      if ('children' in t) { await walk(file, t, `${prefix}${t.name} > `); continue }
      const name = prefix + t.name
      const start = Date.now()
      let r: TestResult
      if (t.skip) r = { file, name, ok: true, skipped: true, ms: 0 }
      else {
        try {
          await runOne(t)
          r = { file, name, ok: true, skipped: false, ms: Date.now() - start }
        } catch (e) {
          r = { file, name, ok: false, skipped: false, error: describeError(e), ms: Date.now() - start }
        }
      }
      results.push(r)
      onResult?.(r)
    }
  }
  for (const { file, suite } of files) await walk(file, suite, '')
  return results
}

/** Records a failure that happened outside any test (e.g. while a test file's module body ran). */
export function __fileError (file: string, e: unknown): TestResult {
  return { file, name: '(loading the file)', ok: false, skipped: false, error: describeError(e), ms: 0 }
}

export function __currentFile (): string { return currentFile }

