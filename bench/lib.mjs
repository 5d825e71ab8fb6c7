// Bench helpers: the recorded vectors, the built library, and an interleaved-rounds timer (median ns per item).
// Benches measure the built dist/ (what users import), so `npm run bench` builds first.
import { readFileSync, readdirSync } from 'node:fs'

export const args = process.argv.slice(2)
export const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d }
export const ROUNDS = Number(opt('--rounds', 15))

const vectorsDir = new URL('../vectors/', import.meta.url)

/** Every recorded capture in vectors/ as { name, bytes, bodies } (bodies: the frames' payloads). */
export function loadVectors () {
  return readdirSync(vectorsDir).filter((f) => f.endsWith('.bin')).sort().map((f) => {
    const bytes = new Uint8Array(readFileSync(new URL(f, vectorsDir)))
    const bodies = []
    let pos = 0
    while (pos < bytes.length) {
      let len = 0; let shift = 0; let b
      do { b = bytes[pos++]; len += (b & 0x7f) * 2 ** shift; shift += 7 } while (b & 0x80)
      bodies.push(bytes.subarray(pos, pos + len))
      pos += len
    }
    return { name: f.slice(0, -4), bytes, bodies }
  })
}

/** The built ESM library. */
export async function loadLibrary () {
  return import(new URL('../dist/index.js', import.meta.url).href)
}

let sink = 0
/** ns per item of one pass of fn over items, repeated until the pass takes > 20 ms. */
function once (fn, items) {
  let reps = 1
  for (;;) {
    const t0 = process.hrtime.bigint()
    for (let r = 0; r < reps; r++) for (let i = 0; i < items.length; i++) if (fn(items[i])) sink++
    const ns = Number(process.hrtime.bigint() - t0)
    if (ns > 20e6) return ns / (reps * items.length)
    reps *= 2
  }
}

/**
 * Times each named case: { name: [fn, items] }. Rounds are interleaved (a, b, c, a, b, c, ...) so that
 * machine noise hits every case alike; returns { name: median ns per item }.
 */
export function race (cases, rounds = ROUNDS) {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
  for (let r = 0; r < rounds; r++) {
    for (const [k, [fn, items]] of Object.entries(cases)) times[k].push(once(fn, items))
  }
  globalThis.__benchSink = sink
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
}
