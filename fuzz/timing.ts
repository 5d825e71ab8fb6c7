// Timing and memory probes for the hostile-input tests (*.node.test.ts only: they use process.hrtime and memoryUsage).
// Median of a few runs after warm-up, so that one GC pause or a busy neighbour on a shared 2-core machine does not decide.

/** Sorted wall times of `fn` in ns over `runs` runs, after `warmup` untimed runs. */
export function timesNs (fn: () => void, runs = 5, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn()
  const t: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    fn()
    t.push(Number(process.hrtime.bigint() - t0))
  }
  return t.sort((a, b) => a - b)
}

/** Median wall time of `fn` in ns over `runs` runs, after `warmup` untimed runs. */
export function medianNs (fn: () => void, runs = 5, warmup = 2): number {
  return timesNs(fn, runs, warmup)[runs >> 1]!
}

/** Fastest of `runs` runs in ns: the least disturbed by other processes (noise only ever adds time). */
export function bestNs (fn: () => void, runs = 5, warmup = 2): number {
  return timesNs(fn, runs, warmup)[0]!
}

/** Median ns per input byte of `fn` over an input of `bytes` bytes. */
export function nsPerByte (fn: () => void, bytes: number, runs = 5): number {
  return medianNs(fn, runs) / bytes
}

/** Growth of `process.memoryUsage().arrayBuffers` (bytes held by ArrayBuffers) across one call of `fn`. */
export function arrayBufferGrowth (fn: () => void): number {
  const before = process.memoryUsage().arrayBuffers
  fn()
  return process.memoryUsage().arrayBuffers - before
}

/** Runs `fn`, returning what it threw (or undefined). */
export function thrown (fn: () => unknown): unknown {
  try { fn() } catch (e) { return e }
  return undefined
}

/** Prints a measured figure (collected in the README's "Security and robustness" table). */
export function report (name: string, value: number, unit: string, bound: number): void {
  console.log(`hostile: ${name}: ${value.toFixed(2)} ${unit} (bound ${bound})`)
}

/**
 * Linear-time check: ns/byte of `fn(make(n))` at `n` bytes and at n/16. A quadratic cost would multiply the
 * per-byte figure by 16 between the two; we allow {@link MAX_RATIO} (GC of a large retained result, a loaded
 * machine). Bounds are asserted on the fastest run (`best`: noise from other processes only ever adds time);
 * `median` is printed beside it.
 */
export function perByteAtTwoSizes (make: (n: number) => Uint8Array, fn: (input: Uint8Array) => void, n: number): { small: number, best: number, median: number, ratio: number } {
  const a = make(n >> 4)
  const b = make(n)
  const ta = timesNs(() => fn(a), 9)
  const tb = timesNs(() => fn(b), 5)
  const small = ta[0]! / a.length
  const best = tb[0]! / b.length
  return { small, best, median: tb[2]! / b.length, ratio: best / small }
}

/** Largest per-byte growth tolerated between an input and one 16 times larger (see {@link perByteAtTwoSizes}). */
export const MAX_RATIO = 8

/**
 * A source module as users run it: bundled by esbuild (as tsup does) and imported, e.g.
 * `await loadBundled<typeof import('./message.js')>(new URL('./message.ts', import.meta.url))`. Timing the sources
 * under vitest would measure its module transform too (live bindings become getter calls: 10 ns/byte becomes 85).
 */
export async function loadBundled<T> (entry: URL): Promise<T> {
  const { build } = await import('esbuild')
  const { rmSync } = await import('node:fs')
  const file = new URL(`.build/lib-${process.hrtime.bigint()}.mjs`, import.meta.url)
  await build({
    entryPoints: [entry.pathname],
    outfile: file.pathname,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'error'
  })
  try {
    return await import(/* @vite-ignore */ file.href) as T
  } finally {
    rmSync(file, { force: true })
  }
}
