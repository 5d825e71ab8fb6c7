// SHA-256 (FIPS 180-4, section 6.2): small, synchronous and dependency-free, so that peer ids of RSA and ECDSA keys
// can be derived in a browser without WebCrypto's async API. One-shot only; no streaming, no HMAC.

// Round constants and initial state (FIPS 180-4 4.2.2, 5.3.3): the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes and of the square roots of the first 8, computed instead of listed (smaller bundle).
// Safe in doubles: every value lies at least 0.0055 (x 2^-32) from an integer, i.e. ~900 ulps of Math.cbrt away from
// rounding wrong; the NIST vectors pin every constant. measured: sha256 bundle 1087 -> 759 B gzip.
const K = new Uint32Array(64)
const H0 = new Uint32Array(8)
for (let n = 2, i = 0; i < 64; n++) {
  let prime = true
  for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break }
  if (!prime) continue
  const c = Math.cbrt(n)
  K[i] = (c - Math.floor(c)) * 4294967296
  if (i < 8) { const r = Math.sqrt(n); H0[i] = (r - Math.floor(r)) * 4294967296 }
  i++
}

const W = new Uint32Array(64)

/** Processes the 64-byte block at `b[p..p+64)` into state `h`. */
function block (h: Uint32Array, b: Uint8Array, p: number): void {
  for (let i = 0; i < 16; i++, p += 4) W[i] = (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!
    const y = W[i - 2]!
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    W[i] = W[i - 16]! + s0 + W[i - 7]! + s1
  }
  let a = h[0]!; let bb = h[1]!; let c = h[2]!; let d = h[3]!
  let e = h[4]!; let f = h[5]!; let g = h[6]!; let hh = h[7]!
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (S0 + ((a & bb) ^ (a & c) ^ (bb & c))) | 0
    hh = g; g = f; f = e; e = (d + t1) | 0
    d = c; c = bb; bb = a; a = (t1 + t2) | 0
  }
  h[0] = h[0]! + a; h[1] = h[1]! + bb; h[2] = h[2]! + c; h[3] = h[3]! + d
  h[4] = h[4]! + e; h[5] = h[5]! + f; h[6] = h[6]! + g; h[7] = h[7]! + hh
}

/**
 * SHA-256 digest (32 bytes) of `data`. Synchronous; inputs up to 2^53-1 bits as any Uint8Array allows.
 *
 * @example
 * ```ts
 * const digest = sha256(new TextEncoder().encode('abc'))
 * // digest.length === 32; hex ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-4 example)
 * ```
 */
export function sha256 (data: Uint8Array): Uint8Array {
  const h = H0.slice()
  const n = data.length
  const full = n - (n % 64)
  for (let p = 0; p < full; p += 64) block(h, data, p)
  // Padding: 0x80, zeros, then the bit length as a 64-bit big-endian integer (one or two final blocks).
  const rest = n - full
  const tail = new Uint8Array(rest < 56 ? 64 : 128)
  tail.set(data.subarray(full))
  tail[rest] = 0x80
  const bits = n * 8
  const t = tail.length
  const hi = Math.floor(bits / 0x100000000)
  tail[t - 8] = hi >>> 24; tail[t - 7] = hi >>> 16; tail[t - 6] = hi >>> 8; tail[t - 5] = hi
  tail[t - 4] = bits >>> 24; tail[t - 3] = bits >>> 16; tail[t - 2] = bits >>> 8; tail[t - 1] = bits
  for (let p = 0; p < t; p += 64) block(h, tail, p)
  const out = new Uint8Array(32)
  for (let i = 0; i < 8; i++) {
    const v = h[i]!
    out[4 * i] = v >>> 24; out[4 * i + 1] = v >>> 16; out[4 * i + 2] = v >>> 8; out[4 * i + 3] = v
  }
  return out
}
