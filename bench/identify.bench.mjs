// Identify body codec on every recorded body in vectors/: decodeIdentify (default, strict, copy), encodeIdentify,
// encodeIdentifyInto a reused buffer, identifyEncodedLength. ns per message; bytesPerItem = mean body size.
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
  return Object.entries(t).map(([name, ns]) => ({ name, ns, bytesPerItem }))
}
