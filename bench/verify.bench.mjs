// Signature verification: secp256k1 (ours, synchronous) against @noble/curves' secp256k1, the implementation
// js-libp2p verifies with, on the same keys, messages and DER signatures; plus the recorded signed peer records.
import { loadVectors, loadLibrary, race } from './lib.mjs'
import { loadNoble, NOBLE_VERSION } from './noble.mjs'

export async function run () {
  const lib = await loadLibrary()
  const rows = []
  let noble
  try { noble = await loadNoble() } catch (e) { console.log(`  !! @noble/curves not installed (${e.message.split('\n')[0]}): secp256k1 compared with nothing`) }
  // 16 keys and messages (deterministic), signed by noble or, without it, taken from the recorded secp256k1 record.
  const items = []
  if (noble !== undefined) {
    for (let i = 0; i < 16; i++) {
      const sk = lib.sha256(new Uint8Array([i, 1, 2, 3]))
      const msg = lib.sha256(new Uint8Array([i, 9])).subarray(0, 24 + i)
      const pub = noble.getPublicKey(sk, true)
      const sig = noble.sign(lib.sha256(msg), sk, { prehash: false, format: 'der' })
      items.push({ pub, msg, sig })
    }
  }
  for (const v of loadVectors()) {
    try {
      const m = lib.decodeIdentify(v.bodies[0])
      if (!m.signedPeerRecord) continue
      const { envelope } = lib.decodeSignedPeerRecord(m.signedPeerRecord)
      if (envelope.publicKey.type === 'secp256k1') items.push({ pub: envelope.publicKey.data, msg: lib.envelopeSignedBytes(envelope), sig: envelope.signature })
    } catch {}
  }
  for (const it of items) if (!lib.verifySecp256k1(it.pub, it.msg, it.sig)) throw new Error('a secp256k1 signature did not verify')
  lib.verifySecp256k1(items[0].pub, items[0].msg, items[0].sig) // builds the base-point table before timing
  const cases = { [`verifySecp256k1 (${items.length})`]: [(it) => lib.verifySecp256k1(it.pub, it.msg, it.sig), items] }
  if (noble !== undefined) {
    const opts = { prehash: false, format: 'der' }
    for (const it of items) if (!noble.verify(it.sig, lib.sha256(it.msg), it.pub, opts)) throw new Error('noble refused a signature')
    // The same work as js-libp2p's hashAndVerify: SHA-256 of the message (ours, the same for both), then verify.
    cases[`@noble/curves ${NOBLE_VERSION} secp256k1.verify (${items.length})`] = [(it) => noble.verify(it.sig, lib.sha256(it.msg), it.pub, opts), items]
  }
  const ns = race(cases, Math.min(Number(process.env.VERIFY_ROUNDS ?? 7), 15))
  for (const [name, t] of Object.entries(ns)) rows.push({ name, ns: t })
  if (noble !== undefined) {
    const [ours, theirs] = Object.values(ns)
    console.log(`  secp256k1 verify: ours ${(ours / 1e3).toFixed(0)} us, noble ${(theirs / 1e3).toFixed(0)} us: ${(theirs / ours).toFixed(2)}x`)
  }
  // The recorded records through verifySignedPeerRecord (WebCrypto for Ed25519 and RSA), sequential awaits.
  const records = []
  // (standard libp2p peer records only: rust-libp2p's routing-state records are not verified by the library)
  for (const v of loadVectors()) { try { const m = lib.decodeIdentify(v.bodies[0]); if (m.signedPeerRecord) { lib.decodeSignedPeerRecord(m.signedPeerRecord); records.push(m.signedPeerRecord) } } catch {} }
  for (const type of ['Ed25519', 'secp256k1', 'RSA']) {
    const rs = records.filter((r) => lib.decodeEnvelope(r).publicKey.type === type)
    if (rs.length === 0) continue
    const times = []
    for (let round = 0; round < 5; round++) {
      const t0 = process.hrtime.bigint()
      let n = 0
      for (let i = 0; i < 20; i++) for (const r of rs) { if (await lib.verifySignedPeerRecord(r)) n++ }
      times.push(Number(process.hrtime.bigint() - t0) / (20 * rs.length))
      if (n !== 20 * rs.length) throw new Error(`a recorded ${type} record did not verify`)
    }
    times.sort((a, b) => a - b)
    rows.push({ name: `verifySignedPeerRecord ${type} (${rs.length}, async)`, ns: times[2] })
  }
  return rows
}
