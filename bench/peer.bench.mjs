// Peer ids and signed peer records on the recorded vectors: derive the peer id of each distinct key (Ed25519,
// secp256k1: identity; RSA: SHA-256), print/parse it, decode+check each signed record, and the whole receiver verdict.
import { loadVectors, loadLibrary, race } from './lib.mjs'

export async function run () {
  const lib = await loadLibrary()
  const keys = new Map()
  const records = []
  const streams = []
  for (const v of loadVectors()) {
    let m
    try { m = lib.decodeIdentify(v.bodies[0]) } catch { continue } // the 8193-byte vector is over the default limit
    streams.push(v.bytes)
    if (m.publicKey) keys.set(Array.from(m.publicKey).join(','), m.publicKey)
    if (m.signedPeerRecord) records.push(m.signedPeerRecord)
  }
  const keyList = [...keys.values()]
  const rsa = keyList.filter((k) => k[1] === 0)
  const short = keyList.filter((k) => k[1] !== 0)
  const ids = keyList.map((k) => lib.peerIdFromPublicKey(k))
  const texts = ids.map((id) => lib.peerIdToString(id))
  for (const r of records) lib.decodeSignedPeerRecord(r) // throws if a recorded record does not check out
  const cases = {
    'peerIdFromPublicKey Ed25519/secp256k1': [(k) => lib.peerIdFromPublicKey(k).length, short],
    'peerIdFromPublicKey RSA-2048 (sha256)': [(k) => lib.peerIdFromPublicKey(k).length, rsa],
    'sha256 (299-byte RSA key)': [(k) => lib.sha256(k).length, rsa],
    peerIdToString: [(id) => lib.peerIdToString(id).length, ids],
    parsePeerId: [(s) => lib.parsePeerId(s).length, texts],
    'decodeSignedPeerRecord (checked)': [(r) => lib.decodeSignedPeerRecord(r).record.addresses.length, records],
    'checkIdentify (stream bytes)': [(b) => lib.checkIdentify(b).ok, streams]
  }
  const ns = race(cases)
  const rows = Object.keys(cases).map((name) => ({ name: `${name} (${cases[name][1].length})`, ns: ns[name] }))
  // WebCrypto Ed25519 verification is async; time it separately (sequential awaits, median of 5 batches).
  if (typeof lib.verifySignedPeerRecord === 'function' && globalThis.crypto?.subtle) {
    const ed = records.filter((r) => { try { return lib.decodeSignedPeerRecord(r).envelope.publicKey.type === 'Ed25519' } catch { return false } })
    const times = []
    for (let round = 0; round < 5; round++) {
      const t0 = process.hrtime.bigint()
      let n = 0
      for (let i = 0; i < 40; i++) for (const r of ed) { if (await lib.verifySignedPeerRecord(r)) n++ }
      times.push(Number(process.hrtime.bigint() - t0) / (40 * ed.length))
      if (n !== 40 * ed.length) throw new Error('a recorded Ed25519 record did not verify')
    }
    times.sort((a, b) => a - b)
    rows.push({ name: `verifySignedPeerRecord Ed25519 (${ed.length}, async)`, ns: times[2] })
  }
  return rows
}
