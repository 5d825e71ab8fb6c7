// The signed-bytes builder and the library's own verification against node:crypto (OpenSSL) for RSA
// (RSASSA-PKCS1-v1_5, SHA-256) and secp256k1 (ECDSA over SHA-256, DER signature), as js-libp2p signs them.
import { describe, it, expect } from 'vitest'
import { createPublicKey, verify } from 'node:crypto'
import { decodeSignedPeerRecord, envelopeSignedBytes } from './record.js'
import { verifySignature } from './verify.js'
import { hex, vectorFiles, vectorJson } from '../testing/vectors.js'

function nodeKey (type: string, data: Uint8Array): unknown {
  if (type === 'RSA') return createPublicKey({ key: data, format: 'der', type: 'spki' })
  // secp256k1 SPKI around the compressed point: id-ecPublicKey, secp256k1 (1.3.132.0.10).
  const spki = new Uint8Array([...hex('3036301006072a8648ce3d020106052b8104000a032200'), ...data])
  return createPublicKey({ key: spki, format: 'der', type: 'spki' })
}

describe('RSA and secp256k1 records verify with node:crypto over envelopeSignedBytes', () => {
  let n = 0
  for (const f of vectorFiles().filter((x) => x.endsWith('.json'))) {
    const d = vectorJson(f).messages?.[0]?.decoded
    const t = d?.signedPeerRecord?.envelope?.publicKeyType
    if (t !== 'RSA' && t !== 'secp256k1') continue
    it(`${f} (${t as string})`, async () => {
      const spr = hex(d.signedPeerRecord.hex)
      const { envelope } = decodeSignedPeerRecord(spr)
      const key = nodeKey(t, envelope.publicKey.data)
      const data = envelopeSignedBytes(envelope)
      expect(verify('sha256', data, key, envelope.signature)).toBe(true)
      const bad = data.slice(); bad[bad.length - 1] = bad[bad.length - 1]! ^ 1
      expect(verify('sha256', bad, key, envelope.signature)).toBe(false)
      expect(await verifySignature(envelope.publicKey, data, envelope.signature)).toBe(true)
      expect(await verifySignature(envelope.publicKey, bad, envelope.signature)).toBe(false)
      n++
    })
  }
  it('covered both', () => { expect(n).toBe(2) })
})
