// Ed25519 public-key validity (RFC 8032 5.1.3 point decoding): the 32 bytes must decode to a point of edwards25519,
// canonically (y < p), and the point must not have small order. No signature math here (WebCrypto does that).

const P = (1n << 255n) - 19n
// d = -121665/121666 and sqrt(-1) mod p (RFC 8032 5.1).
const D = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n
const SQRT_M1 = 0x2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0n

const m = (a: bigint): bigint => { const r = a % P; return r < 0n ? r + P : r }

function sq (a: bigint, k: number): bigint {
  for (let i = 0; i < k; i++) a = a * a % P
  return a
}

/** a^((p-5)/8) = a^(2^252 - 3): 250 ones then 01 in binary; 252 squarings and 11 multiplications. */
function pow22523 (a: bigint): bigint {
  const b2 = a * a % P * a % P
  const b4 = sq(b2, 2) * b2 % P
  const b5 = sq(b4, 1) * a % P
  const b10 = sq(b5, 5) * b5 % P
  const b20 = sq(b10, 10) * b10 % P
  const b40 = sq(b20, 20) * b20 % P
  const b50 = sq(b40, 10) * b10 % P
  const b100 = sq(b50, 50) * b50 % P
  const b200 = sq(b100, 100) * b100 % P
  const b250 = sq(b200, 50) * b50 % P
  return sq(b250, 2) * a % P
}

/**
 * Whether 32 bytes are an Ed25519 public key a signer could have: a canonical encoding (y < p; RFC 8032 5.1.3 step 1)
 * of a point of the curve (step 2-4, including x = 0 with the sign bit set refused) that does not have small order
 * (8 P is not the neutral point: such keys let anyone forge signatures that cofactorless verifiers accept).
 */
export function ed25519KeyValid (key: Uint8Array): boolean {
  if (key.length !== 32) return false
  let y = 0n
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? key[i]! & 0x7f : key[i]!)
  const sign = key[31]! >> 7
  if (y >= P) return false
  const yy = y * y % P
  const u = m(yy - 1n)
  const v = (D * yy + 1n) % P
  const v3 = v * v % P * v % P
  let x = u * v3 % P * pow22523(u * v3 % P * v3 % P * v % P) % P
  const vxx = v * x % P * x % P
  if (vxx !== u) {
    if (vxx !== m(-u)) return false
    x = x * SQRT_M1 % P
  }
  if (x === 0n && sign === 1) return false
  // 8 P by three doublings in projective coordinates (a = -1, RFC 8032 5.1.4); neutral: X = 0 and Y = Z.
  let X = x; let Y = y; let Z = 1n
  for (let i = 0; i < 3; i++) {
    const b = (X + Y) * (X + Y) % P
    const c = X * X % P
    const dd = Y * Y % P
    const e = P - c
    const f = e + dd
    const j = f - 2n * (Z * Z % P)
    X = (b - c - dd) * j % P
    Y = f * (e - dd) % P
    Z = f * j % P
  }
  return !(m(X) === 0n && m(Y - Z) === 0n)
}
