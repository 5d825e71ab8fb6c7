// Fixture for run.node.test.ts (not a *.test.ts, so vitest never collects it): one passing, one failing and one
// async failing test, to prove the browser runner reports failures and exits non-zero.
import { describe, it, expect } from 'vitest'
import { vectorBytes } from '../vectors.js'

describe('selftest', () => {
  it('passes, reading an embedded vector', () => { expect(vectorBytes('identify-minimal-ed25519')).toHaveLength(332) })
  it('fails on purpose', () => { expect(1 + 1).toBe(3) })
  it('fails on purpose, asynchronously', async () => {
    await Promise.resolve()
    expect(() => 1).toThrow()
  })
})
