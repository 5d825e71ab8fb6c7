// The Verdict union on `ok`, checked by `npm run typecheck` (strict TypeScript): when ok, peerId and message are
// there without a non-null assertion; when not, they are optional. The runtime assertions pin the same facts.
import { describe, it, expect } from 'vitest'
import { checkIdentify, type Verdict, type TrustedVerdict } from './verdict.js'
import type { Identify } from '../identify/index.js'
import { vectorBytes } from '../testing/vectors.js'

/** What a libp2p peer store would do with a trusted verdict: both arguments typed, no `!`. */
function store (peers: Map<string, Identify>, v: Verdict): boolean {
  if (v.ok) {
    peers.set(v.peerId, v.message)
    const t: TrustedVerdict = v
    return t.ok
  }
  // @ts-expect-error - without the ok check, peerId may be undefined
  const id: string = v.peerId
  // @ts-expect-error - and so may the message
  const m: Identify = v.message
  return id === undefined && m === undefined
}

describe('Verdict is a union on ok', () => {
  it('ok narrows to a verdict with peerId and message', () => {
    const peers = new Map<string, Identify>()
    expect(store(peers, checkIdentify(vectorBytes('identify-rich-ed25519')))).toBe(true)
    expect([...peers.keys()]).toHaveLength(1)
    const bad = checkIdentify(new Uint8Array([0x05, 0xff]))
    expect(bad.ok).toBe(false)
    expect(store(peers, bad)).toBe(true) // not ok, no peerId, no message
    expect(peers.size).toBe(1)
  })
})
