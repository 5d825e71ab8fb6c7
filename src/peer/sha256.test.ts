import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { sha256 } from './sha256.js'
import { hex, toHex } from '../testing/vectors.js'

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('sha256', () => {
  // FIPS 180-4 examples (NIST "Cryptographic Standards and Guidelines: Examples with Intermediate Values", SHA256.pdf
  // and SHA2_Additional.pdf).
  const fips: Array<[string, Uint8Array, string]> = [
    ['"abc" (one block)', ascii('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['448-bit message (two blocks)', ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['896-bit message', ascii('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'],
    ['one million "a"', new Uint8Array(1000000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    // NIST CAVP SHA256ShortMsg.rsp (CAVS 11.0, byte-oriented), first four entries.
    ['CAVP Len=0', new Uint8Array(0), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['CAVP Len=8', hex('d3'), '28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1'],
    ['CAVP Len=16', hex('11af'), '5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98'],
    ['CAVP Len=24', hex('b4190e'), 'dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2']
  ]
  for (const [name, msg, md] of fips) {
    it(name, () => { expect(toHex(sha256(msg))).toBe(md) })
  }

  it('hashes a subarray view, not its underlying buffer', () => {
    const big = ascii('xxabcxx')
    expect(toHex(sha256(big.subarray(2, 5)))).toBe(fips[0]![2])
  })

  it('padding boundaries 55/56/63/64 bytes differ and are stable', () => {
    const seen = new Set<string>()
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 127, 128]) seen.add(toHex(sha256(new Uint8Array(n))))
    expect(seen.size).toBe(10)
  })

  it('is deterministic and 32 bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      const d = sha256(b)
      expect(d).toHaveLength(32)
      expect(toHex(sha256(b.slice()))).toBe(toHex(d))
    }), { numRuns: 50 })
  })
})
