// Node-only ownership checks: `copy: true` gives owned plain Uint8Arrays also for a Node Buffer input (whose slice()
// is a view), and the frame reader's memory per byte received stays a small constant whatever the chunking.
import { describe, it, expect } from 'vitest'
import { decodeIdentify, decodeIdentifyRange, type Identify } from './message.js'
import { decodeIdentifyStream, IdentifyFrameReader } from './framing.js'
import { encodeIdentify } from './encode.js'
import { toHex } from '../testing/vectors.js'
import { frame } from '../testing/frames.js'

// Node's Buffer and the gc hook, typed here (the project's type shim declares no Buffer, node:v8 or node:vm).
interface NodeBuffer extends Uint8Array { fill (v: number): this }
const Buffer = (globalThis as unknown as { Buffer: { from (b: Uint8Array): NodeBuffer, isBuffer (b: unknown): boolean } }).Buffer
const modules = ['node:v8', 'node:vm']
const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all(modules.map(async (m) => await import(m))) as [
  { setFlagsFromString: (flags: string) => void }, { runInNewContext: (code: string) => unknown }]

const plain = (m: Identify): unknown => JSON.parse(JSON.stringify(m, (_k, v: unknown) => v instanceof Uint8Array ? toHex(v) : v))

describe('copy: true with a Node Buffer input', () => {
  const body = encodeIdentify({
    publicKey: Uint8Array.of(8, 1, 18, 0), listenAddrs: [Uint8Array.of(4, 127, 0, 0, 1), Uint8Array.of(4, 10, 0, 0, 2)],
    observedAddr: Uint8Array.of(4, 1, 2, 3, 4), signedPeerRecord: Uint8Array.of(10, 0), protocols: ['/a'],
    unknownFields: [{ field: 7, wireType: 2, bytes: Uint8Array.of(2, 10, 0) }]
  })
  const opts = { copy: true, preserveUnknown: true }
  const want = plain(decodeIdentify(body, opts))
  const allBytes = (m: Identify): Uint8Array[] => [m.publicKey!, ...m.listenAddrs, m.observedAddr!, m.signedPeerRecord!, ...m.unknownFields!.map((u) => u.bytes)]

  it('every decoder returns owned plain Uint8Arrays: overwriting the Buffer afterwards changes nothing', () => {
    const cases: Array<[NodeBuffer, (b: NodeBuffer) => Identify]> = [
      [Buffer.from(body), (b) => decodeIdentify(b, opts)],
      [Buffer.from(body), (b) => decodeIdentifyRange(b, 0, b.length, opts)],
      [Buffer.from(frame(body)), (b) => decodeIdentifyStream(b, opts)],
      [Buffer.from(frame(body)), (b) => { const r = new IdentifyFrameReader(opts); r.push(b); return r.end() }],
      [Buffer.from(frame(body)), (b) => { const r = new IdentifyFrameReader(opts); for (let i = 0; i < b.length; i += 3) r.push(b.subarray(i, i + 3)); return r.end() }]
    ]
    for (const [input, decode] of cases) {
      const m = decode(input)
      for (const b of allBytes(m)) {
        expect(Buffer.isBuffer(b)).toBe(false)
        expect(b.buffer).not.toBe(input.buffer)
      }
      input.fill(0xee)
      expect(plain(m)).toEqual(want)
    }
  })

  it('without copy, values are views into the Buffer (documented aliasing)', () => {
    const input = Buffer.from(body)
    const m = decodeIdentify(input)
    expect(m.listenAddrs[0]!.buffer).toBe(input.buffer)
  })
})

describe('IdentifyFrameReader memory per byte received', () => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const used = (): number => { gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }

  /** Heap kept by a reader after `n` bytes of one frame's body were pushed in chunks of `size`, per byte. */
  function heapPerByte (stream: Uint8Array, n: number, size: number): number {
    const before = used()
    const r = new IdentifyFrameReader({ maxMessageSize: Infinity })
    for (let i = 0; i < stream.length - 1; i += size) r.push(stream.subarray(i, Math.min(i + size, stream.length - 1)))
    const grew = used() - before
    expect(r.bytesNeeded).toBe(1)
    return grew / n
  }

  it('a body of 1 MiB pushed in chunks of 1, 7, 64 and 65536 bytes keeps at most 4 bytes of heap per byte', () => {
    const n = 1 << 20
    const stream = frame(new Uint8Array(n + 1).map((_v, i) => (i % 2 === 0 ? 0x48 : 0))) // field 9 VARINT 0, repeated
    for (const size of [1, 7, 64, 65536]) {
      const perByte = heapPerByte(stream, n, size)
      console.log(`reader memory: 1 MiB in ${size}-byte chunks: ${perByte.toFixed(2)} B of heap per byte received`)
      expect(perByte).toBeLessThan(4)
    }
  }, 120_000)
})
