// Multiaddr: validate / isValid / checkIdentifyAddrs on every distinct address of the recorded vectors, the text form
// both ways and the display form. Peer comparison: /work/shared/tools/peer-bench/run multiaddr (from the project root).
import { loadVectors, loadLibrary, race } from './lib.mjs'

export async function run () {
  const lib = await loadLibrary()
  const seen = new Map()
  const messages = []
  for (const v of loadVectors()) {
    for (const body of v.bodies) {
      let m
      try { m = lib.decodeIdentify(body) } catch { continue } // the 8193-byte vector is over the default limit
      messages.push(m)
      for (const a of [...m.listenAddrs, ...(m.observedAddr ? [m.observedAddr] : [])]) {
        if (a.length > 0) seen.set(Array.from(a, (x) => x.toString(16).padStart(2, '0')).join(''), a)
      }
    }
  }
  const addrs = [...seen.values()]
  for (const a of addrs) if (!lib.validateMultiaddr(a).valid) throw new Error('a recorded address does not validate')
  const bytesPerItem = addrs.reduce((n, a) => n + a.length, 0) / addrs.length
  const cases = {
    validateMultiaddr: [(a) => lib.validateMultiaddr(a).valid, addrs],
    isValidMultiaddr: [(a) => lib.isValidMultiaddr(a), addrs],
    'checkIdentifyAddrs (per message)': [(m) => lib.checkIdentifyAddrs(m).listenAddrs.length, messages]
  }
  let texts = []
  if (typeof lib.multiaddrToString === 'function' && typeof lib.multiaddrFromString === 'function') {
    texts = addrs.map((a) => lib.multiaddrToString(a))
    cases.multiaddrToString = [(a) => lib.multiaddrToString(a).length, addrs]
    cases.multiaddrFromString = [(s) => lib.multiaddrFromString(s).length, texts]
  }
  if (typeof lib.multiaddrToDisplayString === 'function') cases.multiaddrToDisplayString = [(a) => lib.multiaddrToDisplayString(a).length, addrs]
  const ns = race(cases)
  return Object.keys(cases).map((name) => ({
    name: `${name} (${cases[name][1].length} ${name.includes('message') ? 'messages' : 'addresses'})`,
    ns: ns[name],
    ...(name.includes('message') ? {} : { bytesPerItem })
  }))
}
