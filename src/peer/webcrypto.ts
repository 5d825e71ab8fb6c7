// Signature verification through WebCrypto (W3C Web Cryptography API) for the libp2p key types it covers: Ed25519
// (RFC 8032), RSA (RSASSA-PKCS1-v1_5, SHA-256) and ECDSA P-256/P-384/P-521 (SHA-256 for every curve, as libp2p signs).
// No math here; secp256k1, which WebCrypto lacks, is in secp256k1.ts.

import type { PublicKey } from './keys.js'
import { derSignature } from './ecdsa-der.js'

// Minimal WebCrypto declarations (the library compiles without the DOM lib).
type Alg = { name: string, namedCurve?: string, hash?: string }
interface SubtleLike {
  importKey: (format: 'raw' | 'spki', key: Uint8Array, alg: Alg, extractable: boolean, usages: ['verify']) => Promise<unknown>
  verify: (alg: Alg, key: unknown, signature: Uint8Array, data: Uint8Array) => Promise<boolean>
}

/** WebCrypto's SubtleCrypto when the runtime has one (browsers in secure contexts, Node >= 19 as a global, Deno, Bun, workers). */
function subtle (): SubtleLike | undefined {
  const c = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto
  return c?.subtle
}

// Group orders of the NIST curves (FIPS 186-5 / SEC 2), for the r, s range check before WebCrypto sees them.
const ORDERS = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  'P-521': 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n
} as const
const SIZES = { 'P-256': 32, 'P-384': 48, 'P-521': 66 } as const

function big (b: Uint8Array, s: number, e: number): bigint {
  let v = 0n
  for (let i = s; i < e; i++) v = (v << 8n) | BigInt(b[i]!)
  return v
}

/** DER ECDSA signature to WebCrypto's raw r || s (each `size` bytes), or undefined when not strict DER / out of range. */
export function derToRaw (sig: Uint8Array, curve: 'P-256' | 'P-384' | 'P-521'): Uint8Array | undefined {
  const size = SIZES[curve]
  const at = derSignature(sig, size)
  if (at === undefined) return undefined
  const n = ORDERS[curve]
  const out = new Uint8Array(2 * size)
  for (let k = 0; k < 2; k++) {
    const s = at[2 * k]!; const e = at[2 * k + 1]!
    const v = big(sig, s, e)
    if (v === 0n || v >= n) return undefined
    out.set(sig.subarray(s, e), (k + 1) * size - (e - s))
  }
  return out
}

const nameOf = (e: unknown): unknown => (e as { name?: unknown } | null)?.name

/** The WebCrypto algorithm and import format of a key type. */
function algorithm (key: PublicKey): [Alg, 'raw' | 'spki'] {
  if (key.type === 'Ed25519') return [{ name: 'Ed25519' }, 'raw']
  if (key.type === 'RSA') return [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, 'spki']
  return [{ name: 'ECDSA', namedCurve: key.curve! }, 'spki']
}

/**
 * Imports `key` into WebCrypto: the CryptoKey, false when WebCrypto refuses the key data (DataError: e.g. an ECDSA
 * point that is not on its curve), or undefined when this runtime lacks WebCrypto or the algorithm (NotSupportedError).
 */
export async function importKey (key: PublicKey): Promise<unknown> {
  const s = subtle()
  if (s === undefined || key.type === 'secp256k1') return undefined
  const [alg, format] = algorithm(key)
  try {
    return await s.importKey(format, new Uint8Array(key.data), alg, false, ['verify'])
  } catch (e) {
    return nameOf(e) === 'NotSupportedError' ? undefined : false
  }
}

/**
 * Verifies `signature` over `data` with an Ed25519, RSA or ECDSA key through WebCrypto: true / false, or undefined when
 * this runtime cannot (no WebCrypto, or no such algorithm in it). Signatures of the wrong length for the key (RSA:
 * the modulus length; Ed25519: 64) and ECDSA signatures that are not strict DER with r, s in [1, n-1] are false.
 * WebCrypto gets fresh copies of the bytes (a Node Buffer's slice is a view; browsers refuse SharedArrayBuffer views).
 */
export async function webVerify (key: PublicKey, data: Uint8Array, signature: Uint8Array): Promise<boolean | undefined> {
  const s = subtle()
  if (s === undefined || key.type === 'secp256k1') return undefined
  const want = key.type === 'Ed25519' ? 64 : key.type === 'RSA' ? Math.ceil(key.bits / 8) : -1
  const raw = key.type === 'ECDSA' ? derToRaw(signature, key.curve!) : signature.length === want ? new Uint8Array(signature) : undefined
  if (raw === undefined) return false
  const k = await importKey(key)
  if (k === undefined) return undefined
  if (k === false) return false
  const [alg] = algorithm(key)
  try {
    return await s.verify(key.type === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : alg, k, raw, new Uint8Array(data))
  } catch (e) {
    return nameOf(e) === 'NotSupportedError' ? undefined : false
  }
}
