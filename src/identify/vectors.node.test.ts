// The recorded vectors are the unchanged js-libp2p captures: each .bin hashes to the sha256 its JSON records.
import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { vectorNames, vectorBytes, vectorJson } from '../testing/vectors.js'

describe('recorded vectors: integrity', () => {
  const names = vectorNames()
  it('11 recordings', () => expect(names).toHaveLength(11))
  for (const name of names) {
    it(`${name}.bin matches the sha256 in its JSON`, () => {
      expect(createHash('sha256').update(vectorBytes(name)).digest('hex')).toBe(vectorJson(`${name}.json`).sha256)
    })
  }
})
