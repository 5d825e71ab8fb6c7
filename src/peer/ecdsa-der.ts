// The DER form of an ECDSA signature (RFC 3279 2.2.3: SEQUENCE { r INTEGER, s INTEGER }), strict X.690 DER only:
// no BER (indefinite or non-minimal lengths), no padded or negative integers, no trailing bytes. No range checks here.

/**
 * Parses a DER ECDSA signature in `sig`, each integer at most `size` bytes once its sign byte is removed (32 for
 * secp256k1 and P-256, 48 for P-384, 66 for P-521). Returns [rStart, rEnd, sStart, sEnd] (the magnitudes, without
 * the 00 sign byte) or undefined when the bytes are not exactly one strict-DER signature.
 */
export function derSignature (sig: Uint8Array, size: number): [number, number, number, number] | undefined {
  const n = sig.length
  if (n < 8 || sig[0] !== 0x30) return undefined
  let p = 2
  let len = sig[1]!
  // Long form only when needed (len >= 128, P-521) and only the one-octet form 0x81.
  if (len === 0x81) { len = sig[2]!; p = 3; if (len < 0x80) return undefined } else if (len >= 0x80) return undefined
  if (p + len !== n) return undefined
  const r = integer(sig, p, n, size)
  if (r === undefined) return undefined
  const s = integer(sig, r[1], n, size)
  if (s === undefined || s[1] !== n) return undefined
  return [r[0], r[1], s[0], s[1]]
}

/** One minimal positive INTEGER at `p` (short length form: at most 127 content bytes); [magnitude start, end]. */
function integer (b: Uint8Array, p: number, end: number, size: number): [number, number] | undefined {
  if (p + 2 > end || b[p] !== 0x02) return undefined
  const len = b[p + 1]!
  const s = p + 2
  const e = s + len
  if (len === 0 || len >= 0x80 || e > end) return undefined
  if (b[s]! >= 0x80) return undefined // negative
  if (b[s] === 0 && len > 1) {
    if (b[s + 1]! < 0x80) return undefined // a 00 byte that is not a sign byte: not minimal
    return len - 1 > size ? undefined : [s + 1, e]
  }
  return len > size ? undefined : [s, e]
}
