// Identify encoders on every recorded body in vectors/, timed by CPU time (process.cpuUsage, all threads: the
// output's allocation and its GC included), which a loaded machine disturbs far less than wall time: encodeIdentify,
// encodeIdentifyInto a reused buffer, identifyEncodedLength, encodeIdentifyStream. ns per message.
import { loadVectors, loadLibrary, ROUNDS } from './lib.mjs'

let sink = 0
/** CPU ns per item of one pass of fn over items, repeated until the pass takes > 40 ms of CPU. */
function once (fn, items) {
  let reps = 1
  for (;;) {
    const c0 = process.cpuUsage()
    for (let r = 0; r < reps; r++) for (let i = 0; i < items.length; i++) if (fn(items[i])) sink++
    const c = process.cpuUsage(c0)
    const us = c.user + c.system
    if (us > 40e3) return us * 1e3 / (reps * items.length)
    reps *= 2
  }
}

export async function run () {
  const lib = await loadLibrary()
  const bodies = loadVectors().flatMap((v) => v.bodies)
  const messages = bodies.map((b) => lib.decodeIdentify(b))
  messages.forEach((m, i) => {
    if (lib.identifyEncodedLength(m) !== bodies[i].length) throw new Error(`body ${i}: encoded length differs`)
  })
  const target = new Uint8Array(Math.max(...bodies.map((b) => b.length)))
  const cases = {
    'encode (CPU time)': (m) => lib.encodeIdentify(m),
    'encodeInto reused buffer (CPU time)': (m) => lib.encodeIdentifyInto(m, target, 0),
    'identifyEncodedLength (CPU time)': (m) => lib.identifyEncodedLength(m),
    'encodeIdentifyStream (CPU time)': (m) => lib.encodeIdentifyStream(m)
  }
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
  for (let r = 0; r < ROUNDS; r++) for (const [k, fn] of Object.entries(cases)) times[k].push(once(fn, messages))
  globalThis.__encodeBenchSink = sink
  const bytesPerItem = bodies.reduce((n, b) => n + b.length, 0) / bodies.length
  return Object.entries(times).map(([name, v]) => ({ name, ns: v.sort((a, b) => a - b)[v.length >> 1], bytesPerItem }))
}
