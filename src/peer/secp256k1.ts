// secp256k1 ECDSA verification (SEC 1 v2 4.1.4, curve from SEC 2 2.4.1) as libp2p uses it (peer-ids spec: SHA-256 of
// the message, strict-DER signature, compressed 33-byte key). Public inputs only: variable time; no signing.
// Speed: `npm run bench -- verify` measured 2.4x-2.8x @noble/curves 2.4.0 secp256k1.verify (node 20).

import { sha256 } from './sha256.js'
import { derSignature } from './ecdsa-der.js'

// Field prime p = 2^256 - 2^32 - 977, group order n, and the curve y^2 = x^3 + 7.
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const GX = 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n
const GY = 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n
const FOLD = 0x1000003d1n // 2^256 mod p
const MASK = (1n << 256n) - 1n

// Field elements are kept unreduced between operations: any bigint (also negative) standing for its class mod p.
// fm folds a product twice with 2^256 = FOLD (mod p), leaving |result| < 2^257 for any product below 2^530 in
// magnitude: shifts, masks and small multiplications instead of a BigInt division. The point formulas below combine
// at most a few such results linearly, so every operand stays under 2^264 and every product under 2^530.
function fm (a: bigint, b: bigint): bigint {
  let z = a * b
  z = (z >> 256n) * FOLD + (z & MASK)
  return (z >> 256n) * FOLD + (z & MASK)
}

/** The canonical representative in [0, p). */
function norm (a: bigint): bigint {
  const r = a % P
  return r < 0n ? r + P : r
}

/** a^(2^k) */
function sq (a: bigint, k: number): bigint {
  for (let i = 0; i < k; i++) a = fm(a, a)
  return a
}

/**
 * a^((p+1)/4): the square root of a when a is a square (p = 3 mod 4). The exponent is 2^254 - 2^30 - 244, in
 * binary 223 ones, 0, 22 ones, 0000, 11, 00: an addition chain of 253 squarings and 13 multiplications.
 */
function sqrt (a: bigint): bigint {
  const b2 = fm(fm(a, a), a)
  const b3 = fm(fm(b2, b2), a)
  const b6 = fm(sq(b3, 3), b3)
  const b9 = fm(sq(b6, 3), b3)
  const b11 = fm(sq(b9, 2), b2)
  const b22 = fm(sq(b11, 11), b11)
  const b44 = fm(sq(b22, 22), b22)
  const b88 = fm(sq(b44, 44), b44)
  const b176 = fm(sq(b88, 88), b88)
  const b220 = fm(sq(b176, 44), b44)
  const b223 = fm(sq(b220, 3), b3)
  return sq(fm(sq(fm(sq(b223, 23), b22), 6), b2), 2)
}

/** Inverse modulo m (m prime, a not 0 mod m), by the extended Euclidean algorithm. */
function inv (a: bigint, m: bigint): bigint {
  let r0 = m; let r1 = a % m; let t0 = 0n; let t1 = 1n
  if (r1 < 0n) r1 += m
  while (r1 !== 0n) {
    const q = r0 / r1
    let t = r0 - q * r1; r0 = r1; r1 = t
    t = t0 - q * t1; t0 = t1; t1 = t
  }
  return t0 < 0n ? t0 + m : t0
}

// ---------- points: Jacobian (X, Y, Z) for x = X/Z^2, y = Y/Z^3; infinity is Z === 0n exactly ----------

type Jac = [bigint, bigint, bigint]
const INF: Jac = [1n, 1n, 0n]

/** 2P, dbl-2009-l (a = 0): 2M + 5S. secp256k1 has no point of order 2, so only infinity doubles to infinity. */
function dbl (p: Jac): Jac {
  const [x, y, z] = p
  if (z === 0n) return p
  const a = fm(x, x)
  const b = fm(y, y)
  const c = fm(b, b)
  const xb = x + b
  const d = 2n * (fm(xb, xb) - a - c)
  const e = 3n * a
  const x3 = fm(e, e) - 2n * d
  return [x3, fm(e, d - x3) - 8n * c, 2n * fm(y, z)]
}

/** P + Q for Jacobian P and affine Q (not infinity), madd-2007-bl: 7M + 4S; doubles when P = Q. */
function madd (p: Jac, qx: bigint, qy: bigint): Jac {
  const [x, y, z] = p
  if (z === 0n) return [qx, qy, 1n]
  const zz = fm(z, z)
  const h = fm(qx, zz) - x
  const r = 2n * (fm(qy, fm(z, zz)) - y)
  if (norm(h) === 0n) return norm(r) === 0n ? dbl(p) : INF
  const hh = fm(h, h)
  const i = 4n * hh
  const j = fm(h, i)
  const v = fm(x, i)
  const x3 = fm(r, r) - j - 2n * v
  const zh = z + h
  return [x3, fm(r, v - x3) - 2n * fm(y, j), fm(zh, zh) - zz - hh]
}

/** P + Q, both Jacobian, add-2007-bl: 11M + 5S; doubles when P = Q. */
function add (p: Jac, q: Jac): Jac {
  const [x1, y1, z1] = p
  const [x2, y2, z2] = q
  if (z1 === 0n) return q
  if (z2 === 0n) return p
  const z1z1 = fm(z1, z1)
  const z2z2 = fm(z2, z2)
  const u1 = fm(x1, z2z2)
  const s1 = fm(y1, fm(z2, z2z2))
  const h = fm(x2, z1z1) - u1
  const r = 2n * (fm(y2, fm(z1, z1z1)) - s1)
  if (norm(h) === 0n) return norm(r) === 0n ? dbl(p) : INF
  const i = fm(2n * h, 2n * h)
  const j = fm(h, i)
  const v = fm(u1, i)
  const x3 = fm(r, r) - j - 2n * v
  const zz = z1 + z2
  return [x3, fm(r, v - x3) - 2n * fm(s1, j), fm(fm(zz, zz) - z1z1 - z2z2, h)]
}

/** Little-endian bits of k >= 0, one per byte, with `extra` zero bytes on top. */
function bitsOf (k: bigint, extra: number): Uint8Array {
  const s = k.toString(2)
  const out = new Uint8Array(s.length + extra)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(s.length - 1 - i) - 48
  return out
}

function bitsAt (bits: Uint8Array, i: number, count: number): number {
  let v = 0
  for (let k = count - 1; k >= 0; k--) v = v * 2 + (bits[i + k] ?? 0)
  return v
}

// ---------- u1 G: signed fixed windows over a table of G built once, on first use ----------

// Window width for the base point. W = 8: 33 windows x 128 affine points (4224), 33 mixed additions per product;
// the table costs ~90k field multiplications once (tens of ms).
const W = 8
const WINDOWS = Math.ceil(256 / W) + 1

/** table[i][j] = (j + 1) 2^(W i) G, affine [x, y] (canonical). A constant once built; nothing else is kept. */
let gTable: Array<Array<[bigint, bigint]>> | undefined

function toAffine (pts: Jac[]): Array<[bigint, bigint]> {
  // Batch inversion (Montgomery's trick): one inversion for all the Zs.
  const acc: bigint[] = []
  let a = 1n
  for (const p of pts) { acc.push(a); a = fm(a, p[2]) }
  let ia = inv(norm(a), P)
  const out = new Array<[bigint, bigint]>(pts.length)
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!
    const zi = fm(ia, acc[i]!)
    ia = fm(ia, p[2])
    const zi2 = fm(zi, zi)
    out[i] = [norm(fm(p[0], zi2)), norm(fm(p[1], fm(zi2, zi)))]
  }
  return out
}

function baseTable (): Array<Array<[bigint, bigint]>> {
  if (gTable !== undefined) return gTable
  const t: Array<Array<[bigint, bigint]>> = []
  let bx = GX; let by = GY
  for (let i = 0; i < WINDOWS; i++) {
    const row: Jac[] = [[bx, by, 1n]]
    for (let j = 1; j < 1 << (W - 1); j++) row.push(madd(row[j - 1]!, bx, by))
    row.push(dbl(row[row.length - 1]!)) // 2^W base: the next window's base, normalized with this row
    const aff = toAffine(row)
    const next = aff.pop()!
    t.push(aff)
    bx = next[0]; by = next[1]
  }
  gTable = t
  return t
}

/** acc + k G for 0 <= k < n (mixed additions only, so it continues any accumulator). */
function mulG (k: bigint, acc: Jac): Jac {
  const t = baseTable()
  const bits = bitsOf(k, W)
  const half = 1 << (W - 1)
  let carry = 0
  for (let i = 0; i < WINDOWS; i++) {
    let d = bitsAt(bits, i * W, W) + carry
    carry = 0
    if (d > half) { d -= 1 << W; carry = 1 }
    if (d === 0) continue
    const [x, y] = t[i]![Math.abs(d) - 1]!
    acc = madd(acc, x, d > 0 ? y : -y)
  }
  return acc
}

// ---------- u2 Q: GLV endomorphism (phi(x, y) = (beta x, y) = lambda (x, y)) and width-5 NAF ----------

const BETA = 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een
// Short lattice basis for splitting k = k1 + k2 lambda (mod n) (Gallant-Lambert-Vanstone 2001; libsecp256k1).
const A1 = 0x3086d221a7d46bcde86c90e49284eb15n
const B1 = -0xe4437ed6010e88286f547fa90abfe4c3n
const A2 = 0x114ca50f7a8e2f3f657c1108d9d44cfd8n
const B2 = A1

/** [k1, k2] with k = k1 + k2 lambda (mod n) and |k1|, |k2| < 2^129. Exported for tests. */
export function splitScalar (k: bigint): [bigint, bigint] {
  const c1 = (B2 * k + N / 2n) / N
  const c2 = (-B1 * k + N / 2n) / N
  return [k - c1 * A1 - c2 * A2, -c1 * B1 - c2 * B2]
}

/** Width-w NAF digits of k >= 0 (least significant first): odd digits in (-2^(w-1), 2^(w-1)) or 0. */
function naf (k: bigint, w: number): Int8Array {
  const bits = bitsOf(k, 1)
  const len = bits.length - 1
  const out = new Int8Array(bits.length)
  let carry = 0
  let i = 0
  while (i < len) {
    if (bits[i] === carry) { i++; continue }
    const now = Math.min(w, len - i)
    let word = bitsAt(bits, i, now) + carry
    carry = (word >> (w - 1)) & 1
    word -= carry << w
    out[i] = word
    i += now
  }
  out[len] = carry
  return out
}

const NAF_W = 5

/** u1 G + u2 Q for 0 <= u1, u2 < n and Q an affine point of the curve. */
function mulAdd (u1: bigint, u2: bigint, qx: bigint, qy: bigint): Jac {
  let [k1, k2] = splitScalar(u2)
  const y1 = k1 < 0n ? -qy : qy
  const y2 = k2 < 0n ? -qy : qy
  if (k1 < 0n) k1 = -k1
  if (k2 < 0n) k2 = -k2
  // Odd multiples Q, 3Q, ..., 15Q of (qx, y1); phi of them (signed by y2) serve k2.
  const t1: Jac[] = [[qx, y1, 1n]]
  const q2 = dbl(t1[0]!)
  for (let i = 1; i < 1 << (NAF_W - 2); i++) t1.push(add(t1[i - 1]!, q2))
  const flip = (y1 === y2) ? 1n : -1n
  const t2: Jac[] = t1.map(([x, y, z]) => [fm(BETA, x), flip * y, z])
  const n1 = naf(k1, NAF_W)
  const n2 = naf(k2, NAF_W)
  let acc = INF
  for (let i = Math.max(n1.length, n2.length) - 1; i >= 0; i--) {
    acc = dbl(acc)
    const d1 = n1[i] ?? 0
    const d2 = n2[i] ?? 0
    if (d1 !== 0) { const p = t1[(Math.abs(d1) - 1) >> 1]!; acc = add(acc, d1 > 0 ? p : [p[0], -p[1], p[2]]) }
    if (d2 !== 0) { const p = t2[(Math.abs(d2) - 1) >> 1]!; acc = add(acc, d2 > 0 ? p : [p[0], -p[1], p[2]]) }
  }
  return mulG(u1, acc)
}

// ---------- keys, signatures ----------

function bigAt (b: Uint8Array, s: number, e: number): bigint {
  let v = 0n
  let i = s
  for (; i + 6 <= e; i += 6) v = (v << 48n) | BigInt(b[i]! * 0x10000000000 + b[i + 1]! * 0x100000000 + ((b[i + 2]! << 24) >>> 0) + (b[i + 3]! << 16) + (b[i + 4]! << 8) + b[i + 5]!)
  for (; i < e; i++) v = (v << 8n) | BigInt(b[i]!)
  return v
}

/**
 * The affine point of a 33-byte compressed key (SEC 1 2.3.4): prefix 02/03, x < p, x^3 + 7 a square. Undefined when
 * the bytes are not a point (no point of secp256k1 has an x without a y, and none encodes infinity in 33 bytes).
 */
function decompress (key: Uint8Array): [bigint, bigint] | undefined {
  if (key.length !== 33 || (key[0] !== 2 && key[0] !== 3)) return undefined
  const x = bigAt(key, 1, 33)
  if (x >= P) return undefined
  const rhs = fm(fm(x, x), x) + 7n
  let y = norm(sqrt(rhs))
  if (norm(fm(y, y) - rhs) !== 0n) return undefined
  if ((y & 1n) !== BigInt(key[0]! & 1)) y = P - y
  return [x, y]
}

/**
 * Whether `key` is a compressed secp256k1 public key (33 bytes, prefix 02/03, x below the field prime) whose x is the
 * x of a point on the curve. About 270 field multiplications.
 *
 * @example
 * ```ts
 * secp256k1KeyValid(decodePublicKey(bytes).data) // true for a key a libp2p node could have made
 * ```
 */
export function secp256k1KeyValid (key: Uint8Array): boolean {
  if (!(key instanceof Uint8Array)) throw new TypeError('key must be a Uint8Array')
  return decompress(key) !== undefined
}

/** Options of {@link verifySecp256k1}. */
export interface Secp256k1VerifyOptions {
  /**
   * Refuse signatures with s > n/2 (BIP 62 low-s; what js-libp2p's @noble/curves does). Default false: any s in
   * [1, n-1] verifies, as go-libp2p (decred secp256k1) and rust-libp2p (libsecp256k1) accept.
   */
  lowS?: boolean
}

/**
 * Verifies a libp2p secp256k1 signature, synchronously: ECDSA over SHA-256(`data`) with the compressed 33-byte key
 * `key`, `signature` in strict DER (SEQUENCE of two minimal positive INTEGERs, nothing after it). Returns false for
 * anything that is not a valid key, a strict-DER signature with r and s in [1, n-1], or a matching signature.
 *
 * @example
 * ```ts
 * const { envelope } = decodeSignedPeerRecord(m.signedPeerRecord!)
 * verifySecp256k1(envelope.publicKey.data, envelopeSignedBytes(envelope), envelope.signature) // true / false
 * ```
 */
export function verifySecp256k1 (key: Uint8Array, data: Uint8Array, signature: Uint8Array, options?: Secp256k1VerifyOptions): boolean {
  for (const b of [key, data, signature]) if (!(b instanceof Uint8Array)) throw new TypeError('key, data and signature must be Uint8Arrays')
  return verifyDigest(key, sha256(data), signature, options?.lowS === true)
}

/** Internal: verification of a 32-byte digest. */
export function verifyDigest (key: Uint8Array, digest: Uint8Array, signature: Uint8Array, lowS: boolean): boolean {
  const at = derSignature(signature, 32)
  if (at === undefined) return false
  const r = bigAt(signature, at[0], at[1])
  const s = bigAt(signature, at[2], at[3])
  if (r === 0n || s === 0n || r >= N || s >= N) return false
  if (lowS && s > N >> 1n) return false
  const q = decompress(key)
  if (q === undefined) return false
  const e = bigAt(digest, 0, digest.length) // 256-bit digest, n is 256 bits: used whole (SEC 1 4.1.4 step 3)
  const w = inv(s, N)
  const [x, , z] = mulAdd(e * w % N, r * w % N, q[0], q[1])
  if (z === 0n) return false
  // x(R) mod n == r without leaving Jacobian form: X == r Z^2, or X == (r + n) Z^2 when r + n < p.
  const zz = fm(z, z)
  if (norm(x - fm(r, zz)) === 0n) return true
  return r + N < P && norm(x - fm(r + N, zz)) === 0n
}
