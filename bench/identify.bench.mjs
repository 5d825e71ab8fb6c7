// Identify body codec on every recorded body in vectors/: decodeIdentify (default, strict, copy), encodeIdentify,
// encodeIdentifyInto a reused buffer, identifyEncodedLength. ns per message; bytesPerItem = mean body size.
// Also the measurement behind decodeIdentify's string-run fast path (message.ts, stringAt): the protocols of the
// 8192-byte vector decoded one decodeUtf8 call per string against one call for the whole run and a slice per string.
// Run: npm run build && node bench/run.mjs identify
import { loadVectors, loadLibrary, race } from './lib.mjs'

export async function run () {
  const lib = await loadLibrary()
  const bodies = loadVectors().flatMap((v) => v.bodies)
  const messages = bodies.map((b) => lib.decodeIdentify(b))
  // Sanity: what is timed must round-trip, or the figures mean nothing.
  messages.forEach((m, i) => {
    const again = lib.decodeIdentify(lib.encodeIdentify(m))
    if (JSON.stringify(again.protocols) !== JSON.stringify(m.protocols) || again.listenAddrs.length !== m.listenAddrs.length ||
      lib.identifyEncodedLength(m) !== bodies[i].length) throw new Error(`round trip of body ${i} failed`)
  })
  const target = new Uint8Array(Math.max(...bodies.map((b) => b.length)))
  const t = race({
    decode: [(b) => lib.decodeIdentify(b), bodies],
    'decode strict': [(b) => lib.decodeIdentify(b, { strict: true }), bodies],
    'decode copy': [(b) => lib.decodeIdentify(b, { copy: true }), bodies],
    encode: [(m) => lib.encodeIdentify(m), messages],
    'encodeInto (reused buffer)': [(m) => lib.encodeIdentifyInto(m, target, 0), messages],
    identifyEncodedLength: [(m) => lib.identifyEncodedLength(m), messages]
  })
  const bytesPerItem = bodies.reduce((n, b) => n + b.length, 0) / bodies.length
  return [...Object.entries(t).map(([name, ns]) => ({ name, ns, bytesPerItem })), ...await stringRun()]
}

/** Where the string-run fast path's figure comes from: per-string decodes against one run plus slices. */
async function stringRun () {
  const wire = await import(new URL('../dist/wire/index.js', import.meta.url).href)
  const body = loadVectors().find((v) => v.name === 'identify-protocols-body-8192').bodies[0]
  // [start, end) of each field-3 string with a one-byte length, and the run that holds them
  const spans = []
  for (let pos = 0; pos < body.length;) {
    const tag = body[pos]; const len = body[pos + 1]
    if (tag === 0x1a && len < 0x80) spans.push([pos + 2, pos + 2 + len])
    pos += 2 + (len < 0x80 ? len : Infinity)
  }
  const s0 = spans[0][0]; const q = spans[spans.length - 1][1]
  const t = race({
    perString: [() => { let n = 0; for (const [s, e] of spans) n += wire.decodeUtf8(body, s, e).length; return n }, [0]],
    oneRun: [() => { const text = wire.decodeUtf8(body, s0, q); let n = 0; for (const [s, e] of spans) n += text.slice(s - s0, e - s0).length; return n }, [0]]
  })
  return [
    { name: `${spans.length} protocols, one decodeUtf8 each`, ns: t.perString },
    { name: `${spans.length} protocols, one run + slices`, ns: t.oneRun }
  ]
}
