// SHA-256 (FIPS 180-4, section 6.2): small, synchronous and dependency-free, so that peer ids of RSA and ECDSA keys
// can be derived in a browser without WebCrypto's async API. One-shot only; no streaming, no HMAC.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
])

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

/** SHA-256 digest (32 bytes) of `data`. Synchronous; inputs up to 2^53-1 bits as any Uint8Array allows. */
export function sha256 (data: Uint8Array): Uint8Array {
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  ])
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
