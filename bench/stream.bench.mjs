// Stream framing on the recorded captures (whole .bin files, length prefix included): decodeIdentifyStream against
// decodeIdentify of the bare body (the cost of framing + merge + de-dup), IdentifyFrameReader fed whole and in
// 64-byte chunks, encodeIdentifyStream against encodeIdentify, and a split (multi-frame) stream.
import { loadVectors, loadLibrary, race } from './lib.mjs'

export async function run () {
  const lib = await loadLibrary()
  // The 8193-byte-body capture is over the default maxMessageSize: it is benchmarked by the error path below.
  const caps = loadVectors().filter((v) => v.bodies.length === 1 && v.bodies[0].length <= lib.DEFAULT_MAX_MESSAGE_SIZE)
  const captures = caps.map((v) => v.bytes)
  const bodies = caps.map((v) => v.bodies[0])
  const chunked = captures.map((b) => {
    const out = []
    for (let i = 0; i < b.length; i += 64) out.push(b.subarray(i, i + 64))
    return out
  })
  const messages = bodies.map((b) => lib.decodeIdentify(b))
  // The 8192-byte message written as #709 splits it (frames of <= 2048 then <= 4096 bytes).
  const big = loadVectors().find((v) => v.name === 'identify-protocols-body-8192')
  const split = [lib.encodeIdentifyStream(lib.decodeIdentify(big.bodies[0]))]
  const tooLarge = [loadVectors().find((v) => v.name === 'identify-protocols-body-8193').bytes]

  for (let i = 0; i < captures.length; i++) {
    const a = lib.decodeIdentifyStream(captures[i])
    const r = new lib.IdentifyFrameReader()
    for (const c of chunked[i]) r.push(c)
    if (JSON.stringify(a.protocols) !== JSON.stringify(r.end().protocols)) throw new Error('reader and stream decoder disagree')
  }

  const mean = (xs) => xs.reduce((n, x) => n + x.length, 0) / xs.length
  const capBytes = mean(captures)
  const streamBytes = mean(messages.map((m) => lib.encodeIdentifyStream(m)))
  const cases = {
    'decodeIdentify (body only)': [(b) => lib.decodeIdentify(b).protocols.length, bodies],
    decodeIdentifyStream: [(b) => lib.decodeIdentifyStream(b).protocols.length, captures],
    'IdentifyFrameReader, one push': [(b) => { const r = new lib.IdentifyFrameReader(); r.push(b); return r.end().protocols.length }, captures],
    'IdentifyFrameReader, 64-byte chunks': [(cs) => { const r = new lib.IdentifyFrameReader(); for (const c of cs) r.push(c); return r.end().protocols.length }, chunked],
    'encodeIdentify (body only)': [(m) => lib.encodeIdentify(m).length, messages],
    encodeIdentifyStream: [(m) => lib.encodeIdentifyStream(m).length, messages],
    'decodeIdentifyStream, 8 KB split in frames': [(b) => lib.decodeIdentifyStream(b).protocols.length, split],
    'decodeIdentifyStream, 8193 rejected': [(b) => { try { lib.decodeIdentifyStream(b) } catch (e) { return e.offset === 0 } }, tooLarge]
  }
  const ns = race(cases)
  const n = captures.length
  return [
    { name: `decodeIdentify (${n} bodies)`, ns: ns['decodeIdentify (body only)'], bytesPerItem: mean(bodies) },
    { name: `decodeIdentifyStream (${n} captures)`, ns: ns.decodeIdentifyStream, bytesPerItem: capBytes },
    { name: 'FrameReader, one push', ns: ns['IdentifyFrameReader, one push'], bytesPerItem: capBytes },
    { name: 'FrameReader, 64-byte chunks', ns: ns['IdentifyFrameReader, 64-byte chunks'], bytesPerItem: capBytes },
    { name: `encodeIdentify (${n} messages)`, ns: ns['encodeIdentify (body only)'], bytesPerItem: mean(bodies) },
    { name: `encodeIdentifyStream (${n} messages)`, ns: ns.encodeIdentifyStream, bytesPerItem: streamBytes },
    { name: `decodeIdentifyStream 8192 in ${countFrames(split[0])} frames`, ns: ns['decodeIdentifyStream, 8 KB split in frames'], bytesPerItem: split[0].length },
    { name: 'decodeIdentifyStream 8193 rejected', ns: ns['decodeIdentifyStream, 8193 rejected'], bytesPerItem: tooLarge[0].length }
  ]
}

function countFrames (s) {
  let pos = 0; let k = 0
  while (pos < s.length) {
    let len = 0; let shift = 0; let b
    do { b = s[pos++]; len += (b & 0x7f) * 2 ** shift; shift += 7 } while (b & 0x80)
    pos += len; k++
  }
  return k
}
