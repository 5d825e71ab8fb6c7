// The hand-made vectors (vectors/identify-handmade.json): each body decodes to its written-down value or throws the
// written-down WireError (code, offset, path); every body that decodes re-encodes to something that decodes the same.
import { describe, it, expect } from 'vitest'
import { decodeIdentify, type Identify, type DecodeIdentifyOptions } from './message.js'
import { encodeIdentify, identifyEncodedLength } from './encode.js'
import { vectorJson, hex, toHex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'

interface Case {
  name: string
  hex: string
  options?: DecodeIdentifyOptions
  decoded?: Record<string, unknown>
  error?: { code: 'TRUNCATED', offset: number, path?: string }
}

function asJson (m: Identify): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(m)) {
    if (k === 'unknownFields') out[k] = m.unknownFields!.map((u) => [u.field, u.wireType, toHex(u.bytes)])
    else if (k === 'listenAddrs') out[k] = m.listenAddrs.map(toHex)
    else out[k] = v instanceof Uint8Array ? toHex(v) : v
  }
  return out
}

const { cases } = vectorJson<{ cases: Case[] }>('identify-handmade.json')

describe('hand-made vectors', () => {
  it('cover every group of the issue', () => {
    expect(cases.length).toBeGreaterThan(200)
    for (const word of ['2a00', '2200', '1200', 'field 7 as LEN', 'field 7 as VARINT', 'twice', 'order', 'c0 af', 'ed a0 80', 'truncated at byte', 'I64', 'GROUP', 'field 0', 'field 2^29', 'padded', 'maxProtocols', 'maxListenAddrs']) {
      expect(cases.some((c) => c.name.includes(word))).toBe(true)
    }
  })
  for (const c of cases) {
    it(c.name, () => {
      const body = hex(c.hex)
      if (c.error !== undefined) {
        expectWireError(() => decodeIdentify(body, c.options), c.error.code, c.error.offset, c.error.path)
        expect(c.error.offset).toBeLessThan(body.length)
        return
      }
      const m = decodeIdentify(body, c.options)
      expect(asJson(m)).toEqual(c.decoded)
      // Re-encoding keeps everything (unknown fields too, when preserved); the size function agrees.
      const enc = encodeIdentify(m)
      expect(identifyEncodedLength(m)).toBe(enc.length)
      expect(asJson(decodeIdentify(enc, { preserveUnknown: true }))).toEqual(asJson(m))
    })
  }
})
