// Test support for src/peer (never built into the library): hand-built keys and DER structures.

import { hex } from './vectors.js'

// Test keys generated with node:crypto generateKeyPairSync('ec', { namedCurve }) and exported as SPKI DER.
export const P256 = '3059301306072a8648ce3d020106082a8648ce3d03010703420004edbf120a4215ff4971f56bd6f79e1950b2d53e0924dd30cb364cf00980f2eebca64d13e256742f85b759d3cc6b115b3e464646b13a7741d6506570301b30833e'
export const P384 = '3076301006072a8648ce3d020106052b81040022036200041e09dafe7ad47b3a5cb11396b1173f734e84ed8dc85b627c74563c329b4661bbe09128c9d6dcf4c0403de4ac443b5dd386f6751ad95d0a6a79f50cbc5eff96f85b697c3518ace38e2f4e70293e5f7edf5839c896d3d4a875e5790434fd58e31f'
export const P521 = '30819b301006072a8648ce3d020106052b81040023038186000400011caab2dccb12359aa3691de35c837f2e198f00d81b5c2e11c886e3202f431729c933eaac0630d94b2c28085543e42512988054adfcae5ef08944c58eb4341d29006a34d0422635ce9c1899ea6af54eb27c87c10b11588b7e605cbb57c2c7bac5d7f555712eb1be4c36a4ad15ea882b27de135bc9e6d4ba0e9643863b90461ac59c09'

/** DER TLV with a minimal length. */
export function tlv (tag: number, content: Uint8Array): Uint8Array {
  const n = content.length
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]
  return new Uint8Array([tag, ...len, ...content])
}
export const cat = (...a: Uint8Array[]): Uint8Array => { const o = new Uint8Array(a.reduce((s, x) => s + x.length, 0)); let p = 0; for (const x of a) { o.set(x, p); p += x.length } return o }
/** A synthetic RSA SPKI whose modulus has exactly `bits` bits (validation does not need a real modulus). */
export function rsaSpki (bits: number, e = hex('010001')): Uint8Array {
  const bytes = Math.ceil(bits / 8)
  const n = new Uint8Array(bytes).fill(0xa5)
  n[0] = 1 << ((bits - 1) % 8)
  const nInt = n[0]! >= 0x80 ? cat(new Uint8Array([0]), n) : n
  const alg = tlv(0x30, cat(tlv(0x06, hex('2a864886f70d010101')), hex('0500')))
  const rsa = tlv(0x30, cat(tlv(0x02, nInt), tlv(0x02, e)))
  return tlv(0x30, cat(alg, tlv(0x03, cat(new Uint8Array([0]), rsa))))
}
function pbLen (n: number): number[] { const o: number[] = []; while (n >= 0x80) { o.push((n & 0x7f) | 0x80); n >>>= 7 } o.push(n); return o }
/** A PublicKey protobuf (protobuf varint length, not DER). */
export const pk = (type: number, data: Uint8Array): Uint8Array => cat(new Uint8Array([0x08, type, 0x12, ...pbLen(data.length)]), data)

