// Every test of every group of the Wycheproof files in vectors/wycheproof/ through the library's own verification
// (verifySignature: secp256k1 here, the rest through WebCrypto). valid must verify, invalid must not; the one
// acceptable class (RSA MissingNull: a DigestInfo without the NULL parameters) is refused, as go's crypto/rsa does.
import { describe, it, expect } from 'vitest'
import { verifySignature, verifyPublicKey } from './verify.js'
import { decodePublicKey, encodePublicKey, type KeyType, type PublicKey } from './keys.js'
import { hex, vectorJson } from '../testing/vectors.js'

interface Test { tcId: number, msg: string, sig: string, result: 'valid' | 'invalid' | 'acceptable', flags: string[] }
interface Group { publicKey: { uncompressed?: string, pk?: string }, publicKeyDer?: string, tests: Test[] }

async function webHas (alg: object, format: 'raw' | 'spki', key: Uint8Array): Promise<boolean> {
  try { await (globalThis as any).crypto.subtle.importKey(format, key, alg, false, ['verify']); return true } catch (e) { return (e as Error).name !== 'NotSupportedError' }
}

function keyOf (type: KeyType, g: Group): PublicKey {
  if (type === 'Ed25519') return decodePublicKey(encodePublicKey(type, hex(g.publicKey.pk!)))
  if (type === 'secp256k1') {
    const u = hex(g.publicKey.uncompressed!)
    const c = new Uint8Array(33); c[0] = 2 + (u[64]! & 1); c.set(u.subarray(1, 33), 1)
    return decodePublicKey(encodePublicKey(type, c))
  }
  return decodePublicKey(encodePublicKey(type, hex(g.publicKeyDer!)))
}

const files: Array<[string, KeyType, { lowS?: boolean }]> = [
  ['ed25519_test.json', 'Ed25519', {}],
  ['ecdsa_secp256k1_sha256_test.json', 'secp256k1', {}],
  ['ecdsa_secp256k1_sha256_bitcoin_test.json', 'secp256k1', { lowS: true }],
  ['ecdsa_secp256r1_sha256_test.json', 'ECDSA', {}],
  ['ecdsa_secp384r1_sha256_test.json', 'ECDSA', {}],
  ['rsa_signature_2048_sha256_test.json', 'RSA', {}],
  ['rsa_signature_3072_sha256_test.json', 'RSA', {}],
  ['rsa_signature_4096_sha256_test.json', 'RSA', {}]
]

/** How the library decides each acceptable class (none other occurs in these files). */
const ACCEPTABLE: Record<string, boolean> = { MissingNull: false }

describe('Wycheproof', () => {
  for (const [file, type, options] of files) {
    it(`${file}: every valid verifies, every invalid is refused`, async () => {
      const j = vectorJson(`wycheproof/${file}`)
      const first = keyOf(type, j.testGroups[0])
      if (type !== 'secp256k1' && !await webHas(
        type === 'Ed25519' ? { name: 'Ed25519' } : type === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: first.curve },
        type === 'Ed25519' ? 'raw' : 'spki', first.data.slice())) {
        console.log(`wycheproof ${file}: SKIPPED, this runtime has no WebCrypto ${type}`)
        expect(type).toBe('Ed25519') // every WebCrypto has RSA and ECDSA P-256/P-384; only Ed25519 is recent
        return
      }
      const count = { groups: 0, valid: 0, invalid: 0, acceptable: 0, acceptableVerified: 0 }
      const wrong: string[] = []
      for (const g of j.testGroups as Group[]) {
        count.groups++
        const key = keyOf(type, g)
        expect(await verifyPublicKey(key)).toBe(true)
        for (const t of g.tests) {
          count[t.result]++
          const got = await verifySignature(key, hex(t.msg), hex(t.sig), options)
          let want = t.result === 'valid'
          if (t.result === 'acceptable') {
            const decided = t.flags.map((f) => ACCEPTABLE[f]).filter((x) => x !== undefined)
            expect(decided.length, `tcId ${t.tcId}: acceptable flags ${t.flags.join()} undecided`).toBeGreaterThan(0)
            want = decided.every((x) => x)
            if (got) count.acceptableVerified++
          }
          if (got !== want) wrong.push(`tcId ${t.tcId} ${t.result} [${t.flags.join()}] got ${String(got)}`)
        }
      }
      console.log(`wycheproof ${file}: ${count.groups} groups, ${count.valid} valid verified, ${count.invalid} invalid refused, ${count.acceptable} acceptable (${count.acceptableVerified} verified)`)
      expect(wrong).toEqual([])
      expect(count.valid + count.invalid + count.acceptable).toBe(j.numberOfTests)
    }, 60_000)
  }
})
