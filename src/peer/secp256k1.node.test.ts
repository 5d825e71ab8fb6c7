// secp256k1 against the implementation js-libp2p verifies with (@noble/curves, installed into a cache outside the
// project by bench/noble.mjs): the same verdict on signatures noble makes, their high-s twins, tampered ones and keys.
import { describe, it, expect } from 'vitest'
import { verifySecp256k1, secp256k1KeyValid, splitScalar } from './secp256k1.js'
import { sha256 } from './sha256.js'

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const LAMBDA = 0x5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72n

let noble: any
let why = ''
try {
  const url = new URL('../../bench/noble.mjs', import.meta.url).href
  noble = await (await import(url)).loadNoble()
} catch (e) {
  why = String((e as Error).message).split('\n')[0]!
  console.error(`\n${'!'.repeat(78)}\n!! secp256k1 cross-check SKIPPED: @noble/curves could not be installed (${why})\n${'!'.repeat(78)}\n`)
}

const big = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n)
const bytes = (v: bigint, n: number): Uint8Array => { const o = new Uint8Array(n); for (let i = n - 1; i >= 0; i--) { o[i] = Number(v & 0xffn); v >>= 8n } return o }
function der (r: bigint, s: bigint): Uint8Array {
  const int = (v: bigint): number[] => { let b = [...bytes(v, 33)]; while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.slice(1); return [0x02, b.length, ...b] }
  const body = [...int(r), ...int(s)]
  return new Uint8Array([0x30, body.length, ...body])
}
function parse (sig: Uint8Array): [bigint, bigint] {
  const rl = sig[3]!
  return [big(sig.subarray(4, 4 + rl)), big(sig.subarray(6 + rl, 6 + rl + sig[5 + rl]!))]
}

describe('splitScalar (GLV): k = k1 + k2 lambda mod n, both halves short', () => {
  it('on edge and pseudo-random scalars', () => {
    const ks = [0n, 1n, 2n, N - 1n, N - 2n, N / 2n, N / 2n + 1n, (1n << 128n) - 1n, 1n << 128n, LAMBDA, N - LAMBDA]
    for (let i = 0; i < 200; i++) ks.push(big(sha256(new Uint8Array([i, 7]))) % N)
    for (const k of ks) {
      const [a, b] = splitScalar(k)
      expect((((a + b * LAMBDA) % N) + N) % N).toBe(k)
      expect(a < 0n ? -a : a).toBeLessThan(1n << 129n)
      expect(b < 0n ? -b : b).toBeLessThan(1n << 129n)
    }
  })
})

describe.skipIf(noble === undefined)('secp256k1 agrees with @noble/curves (the js-libp2p implementation)', () => {
  it('300 signatures, their high-s twins and bit-flipped copies; keys with random x', () => {
    const opts = { prehash: false, format: 'der' }
    const optsHigh = { prehash: false, format: 'der', lowS: false }
    let agree = 0
    for (let i = 0; i < 300; i++) {
      const sk = sha256(new Uint8Array([i & 0xff, i >> 8, 1]))
      const pub: Uint8Array = noble.getPublicKey(sk, true)
      const msg = sha256(new Uint8Array([i & 0xff, i >> 8, 2])).subarray(0, i % 33)
      const h = sha256(msg)
      const sig: Uint8Array = noble.sign(h, sk, opts)
      expect(verifySecp256k1(pub, msg, sig)).toBe(true)
      expect(verifySecp256k1(pub, msg, sig, { lowS: true })).toBe(true)
      // the high-s twin: go and rust accept it (our default), js-libp2p's noble refuses it (our lowS: true)
      const [r, s] = parse(sig)
      const twin = der(r, N - s)
      expect(noble.verify(twin, h, pub, opts)).toBe(false)
      expect(noble.verify(twin, h, pub, optsHigh)).toBe(true)
      expect(verifySecp256k1(pub, msg, twin)).toBe(true)
      expect(verifySecp256k1(pub, msg, twin, { lowS: true })).toBe(false)
      // one flipped bit in the signature or the message: the same verdict as noble (lowS off)
      const t = sig.slice(); const bit = (i * 37) % (t.length * 8); t[bit >> 3] = t[bit >> 3]! ^ (1 << (bit & 7))
      let theirs: boolean
      try { theirs = noble.verify(t, h, pub, optsHigh) } catch { theirs = false }
      expect(verifySecp256k1(pub, msg, t), `sig bit ${bit}`).toBe(theirs)
      const m2 = new Uint8Array([...msg, i & 0xff])
      expect(verifySecp256k1(pub, m2, sig)).toBe(false)
      // a key with random x: valid exactly when noble can parse it
      const x = sha256(new Uint8Array([i & 0xff, i >> 8, 3]))
      const key = new Uint8Array([2 + (i & 1), ...x])
      let nobleOk: boolean
      try { noble.Point.fromBytes(key); nobleOk = true } catch { nobleOk = false }
      expect(secp256k1KeyValid(key)).toBe(nobleOk)
      agree++
    }
    expect(agree).toBe(300)
  }, 120_000)
})
