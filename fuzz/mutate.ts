// Fuzz input mutators and a seeded PRNG (splitmix32): deterministic for a given seed, zero dependencies.
// Byte-level (flips, inserts, deletes, truncation, splices) plus protobuf-aware ones (varint inflation, field duplication).

/** splitmix32: a small, fast, well-mixed 32-bit PRNG; the whole state is one 32-bit integer. */
export class Rng {
  private s: number
  constructor (seed: number) { this.s = seed >>> 0 }
  /** Uniform 32-bit unsigned integer. */
  u32 (): number {
    this.s = (this.s + 0x9e3779b9) | 0
    let z = this.s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  /** Uniform integer in [0, n) (n >= 1). */
  int (n: number): number { return n <= 1 ? 0 : this.u32() % n }
  /** True with probability 1/n. */
  oneIn (n: number): boolean { return this.int(n) === 0 }
  pick<T> (a: readonly T[]): T { return a[this.int(a.length)]! }
}

/** FNV-1a over the bytes: derives a seed from the data itself (e.g. the chunking of a stream target). */
export function hashBytes (data: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i]!, 0x01000193)
  return h >>> 0
}

/** Seed from a string (target name + user seed), so one target alone replays the same sequence as in a full run. */
export function hashString (s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function concat (...parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/** Minimal uvarint of a non-negative integer up to 2^64-1 (bigint for the huge ones). */
export function uvarint (v: number | bigint): Uint8Array {
  let x = BigInt(v)
  const out: number[] = []
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n }
  out.push(Number(x))
  return Uint8Array.from(out)
}

/** The varint of `v` padded with redundant 0x80 groups to `width` bytes (non-minimal; width up to 11 = over-long). */
export function paddedVarint (v: number | bigint, width: number): Uint8Array {
  const min = uvarint(v)
  if (width <= min.length) return min
  const out = new Uint8Array(width)
  out.set(min)
  out[min.length - 1]! |= 0x80
  for (let i = min.length; i < width - 1; i++) out[i] = 0x80
  out[width - 1] = 0
  return out
}

/** Reads a varint at pos (up to 10 bytes): [value, length] or undefined. */
export function readVarint (b: Uint8Array, pos: number): [bigint, number] | undefined {
  let v = 0n
  for (let i = 0; i < 10 && pos + i < b.length; i++) {
    const x = b[pos + i]!
    v |= BigInt(x & 0x7f) << BigInt(7 * i)
    if (x < 0x80) return [v, i + 1]
  }
  return undefined
}

/** One top-level protobuf field as found by {@link parseFields}. */
export interface Field {
  start: number // tag
  valueStart: number // after the tag (for LEN: at the length prefix)
  dataStart: number // LEN: first payload byte; others: = valueStart
  end: number
  field: number
  wireType: number
}

/** Best-effort parse of protobuf fields in b[from..]; stops at the first thing it cannot parse. */
export function parseFields (b: Uint8Array, from = 0): Field[] {
  const out: Field[] = []
  let pos = from
  while (pos < b.length && out.length < 4096) {
    const t = readVarint(b, pos)
    if (t === undefined) break
    const [tag, tn] = t
    const wireType = Number(tag & 7n)
    const field = Number(tag >> 3n)
    const valueStart = pos + tn
    let dataStart = valueStart
    let end: number
    if (wireType === 0) {
      const v = readVarint(b, valueStart)
      if (v === undefined) break
      end = valueStart + v[1]
    } else if (wireType === 1) end = valueStart + 8
    else if (wireType === 5) end = valueStart + 4
    else if (wireType === 2) {
      const l = readVarint(b, valueStart)
      if (l === undefined) break
      dataStart = valueStart + l[1]
      if (l[0] > BigInt(b.length - dataStart)) break
      end = dataStart + Number(l[0])
    } else break
    if (end > b.length) break
    out.push({ start: pos, valueStart, dataStart, end, field, wireType })
    pos = end
  }
  return out
}

/** If b is one or more uvarint-length-prefixed frames, the offset of the first body (else 0). */
function bodyOffset (b: Uint8Array): number {
  const l = readVarint(b, 0)
  if (l !== undefined && l[1] + Number(l[0]) <= b.length && Number(l[0]) > 0) return l[1]
  return 0
}

// Values that tend to sit on boundaries: limits (8192, 1024, 500), 2^7/2^14/2^21/2^28/2^31/2^32/2^53 edges, 2^64-1.
const HUGE: readonly bigint[] = [
  0n, 1n, 0x7fn, 0x80n, 0x3fffn, 0x4000n, 500n, 501n, 1024n, 1025n, 4096n, 8192n, 8193n, 65536n, 0x1fffffn,
  0xfffffffn, 0x1fffffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, (1n << 53n) - 1n, 1n << 53n,
  1n << 60n, (1n << 63n) - 1n, (1n << 64n) - 1n
]
const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xff, 0xfe, 0x2f, 0x0a, 0x12, 0x1a, 0x22, 0x2a, 0x32, 0x3a, 0x42, 0xc0, 0xed, 0xf4, 0xef]
// Short UTF-8 / text snippets: controls, format characters, surrogate encodings, overlongs, multiaddr text.
const SNIPPETS: readonly Uint8Array[] = [
  [0x1b, 0x5b, 0x33, 0x31, 0x6d], [0xe2, 0x80, 0x8d], [0xe2, 0x80, 0xae], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80],
  [0xed, 0xb0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf3, 0xa0, 0x80, 0xa0],
  [0xc2, 0x85], [0x7f], [0x00], [0xe2, 0x80, 0xa8], [0xef, 0xbf, 0xbf],
  ...['/ip4/', '/ip6/', '/tcp/', '/udp/', '/dns4/', '/p2p/', '/ipfs/', '/unix/', '/certhash/', '/onion3/', '/quic-v1',
    '/ws', '/http-path/', '/ip6zone/', '%', '::', '1.2.3.4', '65535', '65536', '/memory/', '/garlic32/', 'Qm', '12D3Koo',
    'uEi', '/ipfs/id/1.0.0'].map((s) => new TextEncoder().encode(s))
].map((a) => Uint8Array.from(a))

type Mutator = (rng: Rng, b: Uint8Array, other: Uint8Array) => Uint8Array

const bitFlip: Mutator = (rng, b) => {
  if (b.length === 0) return Uint8Array.of(rng.int(256))
  const out = b.slice()
  const n = 1 + rng.int(4)
  for (let i = 0; i < n; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8)
  return out
}

const byteSet: Mutator = (rng, b) => {
  if (b.length === 0) return Uint8Array.of(rng.pick(INTERESTING_BYTES))
  const out = b.slice()
  const i = rng.int(out.length)
  out[i] = rng.oneIn(2) ? rng.pick(INTERESTING_BYTES) : rng.int(256)
  return out
}

const arith: Mutator = (rng, b) => {
  if (b.length === 0) return b
  const out = b.slice()
  const i = rng.int(out.length)
  out[i] = (out[i]! + (rng.oneIn(2) ? 1 : 255) * (1 + rng.int(4))) & 0xff
  return out
}

const insertBytes: Mutator = (rng, b) => {
  const at = rng.int(b.length + 1)
  let ins: Uint8Array
  const k = rng.int(4)
  if (k === 0) ins = rng.pick(SNIPPETS)
  else if (k === 1) ins = new Uint8Array(1 + rng.int(rng.oneIn(8) ? 300 : 16)).fill(rng.pick(INTERESTING_BYTES))
  else { ins = new Uint8Array(1 + rng.int(8)); for (let i = 0; i < ins.length; i++) ins[i] = rng.int(256) }
  return concat(b.subarray(0, at), ins, b.subarray(at))
}

const deleteBytes: Mutator = (rng, b) => {
  if (b.length === 0) return b
  const at = rng.int(b.length)
  const n = 1 + rng.int(rng.oneIn(4) ? b.length - at : Math.min(16, b.length - at))
  return concat(b.subarray(0, at), b.subarray(at + n))
}

const truncate: Mutator = (rng, b) => {
  if (b.length === 0) return b
  return rng.oneIn(4) ? b.slice(rng.int(b.length)) : b.slice(0, rng.int(b.length))
}

const duplicateRange: Mutator = (rng, b) => {
  if (b.length === 0) return b
  const at = rng.int(b.length)
  const n = 1 + rng.int(Math.min(64, b.length - at))
  const piece = b.subarray(at, at + n)
  const times = rng.oneIn(8) ? 2 + rng.int(50) : 1
  const parts: Uint8Array[] = [b.subarray(0, at + n)]
  for (let i = 0; i < times; i++) parts.push(piece)
  parts.push(b.subarray(at + n))
  return concat(...parts)
}

const splice: Mutator = (rng, b, other) => {
  const a = rng.int(b.length + 1)
  const c = rng.int(other.length + 1)
  return rng.oneIn(2)
    ? concat(b.subarray(0, a), other.subarray(c))
    : concat(b.subarray(0, a), other.subarray(c, c + 1 + rng.int(64)), b.subarray(a))
}

/** Rewrites one varint (a tag or length of a parsed field, or any position) as non-minimal, huge, or off by one. */
const varintInflate: Mutator = (rng, b) => {
  const fields = parseFields(b, bodyOffset(b))
  let pos: number
  if (fields.length > 0 && !rng.oneIn(4)) {
    const f = rng.pick(fields)
    pos = f.wireType === 2 && rng.oneIn(2) ? f.valueStart : (rng.oneIn(8) ? f.valueStart : f.start)
  } else if (rng.oneIn(3)) pos = 0 // the frame's length prefix or a multiaddr's first code
  else pos = rng.int(b.length + 1)
  const cur = readVarint(b, pos)
  const [value, len] = cur ?? [0n, 0]
  let repl: Uint8Array
  switch (rng.int(4)) {
    case 0: repl = paddedVarint(value, uvarint(value).length + 1 + rng.int(rng.oneIn(4) ? 10 : 3)); break
    case 1: repl = uvarint(rng.pick(HUGE)); break
    case 2: repl = uvarint(value + (rng.oneIn(2) ? 1n : (value > 0n ? -1n : 1n))); break
    default: repl = rng.oneIn(2) ? new Uint8Array(10).fill(0xff) : paddedVarint(rng.pick(HUGE), 10); break
  }
  return concat(b.subarray(0, pos), repl, b.subarray(pos + len))
}

/** Re-parses as protobuf fields and duplicates, repeats, moves, drops or swaps one. */
const fieldDuplicate: Mutator = (rng, b, other) => {
  const off = bodyOffset(b)
  const fields = parseFields(b, off)
  if (fields.length === 0) return insertBytes(rng, b, other)
  const f = rng.pick(fields)
  const piece = b.subarray(f.start, f.end)
  const k = rng.int(6)
  let body: Uint8Array
  const head = b.subarray(0, off)
  const last = fields[fields.length - 1]!.end
  const tail = b.subarray(last) // unparsed rest is kept as is
  const all = b.subarray(off, last)
  const rel = (x: number): number => x - off
  if (k === 0) body = concat(all.subarray(0, rel(f.end)), piece, all.subarray(rel(f.end)))
  else if (k === 1) { // repeat many times
    const times = 2 + rng.int(rng.oneIn(4) ? 500 : 20)
    const parts = [all]
    for (let i = 0; i < times; i++) parts.push(piece)
    body = concat(...parts)
  } else if (k === 2) body = concat(all.subarray(0, rel(f.start)), all.subarray(rel(f.end)))
  else if (k === 3) body = concat(all.subarray(0, rel(f.start)), all.subarray(rel(f.end)), piece) // move to end
  else if (k === 4) { // another input's field
    const of = parseFields(other, bodyOffset(other))
    const g = of.length > 0 ? rng.pick(of) : undefined
    const ins = g === undefined ? new Uint8Array(0) : other.subarray(g.start, g.end)
    body = concat(all.subarray(0, rel(f.end)), ins, all.subarray(rel(f.end)))
  } else { // change the wire type or field number of the tag, keep the value
    const t = readVarint(b, f.start)!
    const field = rng.oneIn(2) ? BigInt(f.field) : BigInt(rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 0x1fffffff, 0x20000000, 0]))
    const wt = rng.oneIn(2) ? BigInt(f.wireType) : BigInt(rng.int(8))
    body = concat(all.subarray(0, rel(f.start)), uvarint((field << 3n) | wt), all.subarray(rel(f.start + t[1])))
  }
  body = concat(body, tail)
  // Keep a frame's length prefix right (most of the time) so that the mutation reaches the body decoder.
  if (off > 0 && !rng.oneIn(4)) return concat(uvarint(body.length - tail.length), body)
  return concat(head, body)
}

/** Mutates the payload of one LEN field with a byte mutator and fixes its length prefix (reaches nested decoders). */
const nested: Mutator = (rng, b, other) => {
  const off = bodyOffset(b)
  const fields = parseFields(b, off).filter((f) => f.wireType === 2)
  if (fields.length === 0) return bitFlip(rng, b, other)
  const f = rng.pick(fields)
  const inner = pickByteMutator(rng)(rng, b.subarray(f.dataStart, f.end), other)
  const out = concat(b.subarray(off, f.valueStart), uvarint(inner.length), inner, b.subarray(f.end))
  if (off > 0) { // keep the frame's declared length in step with the body
    const newLen = Number(readVarint(b, 0)![0]) + out.length - (b.length - off)
    return concat(newLen >= 0 ? uvarint(newLen) : b.subarray(0, off), out)
  }
  return out
}

/** Appends or prepends another frame (for stream targets: several frames, split messages). */
const frames: Mutator = (rng, b, other) => {
  const piece = rng.oneIn(2) ? other : b.subarray(0, rng.int(b.length + 1))
  const framed = bodyOffset(piece) > 0 ? piece : concat(uvarint(piece.length), piece)
  if (rng.oneIn(8)) { // many tiny frames
    const parts = [b]
    const n = 2 + rng.int(20)
    for (let i = 0; i < n; i++) parts.push(rng.oneIn(2) ? Uint8Array.of(0) : Uint8Array.of(2, 0x2a, 0))
    return concat(...parts)
  }
  return rng.oneIn(2) ? concat(b, framed) : concat(framed, b)
}

const BYTE_MUTATORS: readonly Mutator[] = [bitFlip, byteSet, arith, insertBytes, deleteBytes, truncate, duplicateRange]
function pickByteMutator (rng: Rng): Mutator { return rng.pick(BYTE_MUTATORS) }

/** Named mutators with weights (for statistics and tests). */
export const MUTATORS: ReadonlyArray<readonly [string, Mutator, number]> = [
  ['bitFlip', bitFlip, 3], ['byteSet', byteSet, 2], ['arith', arith, 1], ['insert', insertBytes, 2],
  ['delete', deleteBytes, 2], ['truncate', truncate, 1], ['duplicateRange', duplicateRange, 1], ['splice', splice, 2],
  ['varintInflate', varintInflate, 3], ['fieldDuplicate', fieldDuplicate, 3], ['nested', nested, 3], ['frames', frames, 1]
]
const TOTAL_WEIGHT = MUTATORS.reduce((s, m) => s + m[2], 0)

/** Applies 1..4 stacked mutations to `input` (never modifies it); `other` is a splice partner. Result is capped at maxLen. */
export function mutate (rng: Rng, input: Uint8Array, other: Uint8Array, maxLen = 65536): Uint8Array {
  let b = input
  const n = 1 + (rng.oneIn(2) ? 0 : rng.int(4))
  for (let i = 0; i < n; i++) {
    let w = rng.int(TOTAL_WEIGHT)
    let m = MUTATORS[0]![1]
    for (const [, fn, weight] of MUTATORS) { if (w < weight) { m = fn; break } w -= weight }
    b = m(rng, b, other)
    if (b.length > maxLen) b = b.subarray(0, maxLen)
  }
  return b === input ? bitFlip(rng, input, other) : b
}

/**
 * Delta-debugging minimiser: removes chunks (halves, quarters, ... single bytes) while `fails` still holds,
 * then tries lowering each byte. `fails` must be deterministic. Bounded by `budget` calls.
 */
export function minimise (input: Uint8Array, fails: (b: Uint8Array) => boolean, budget = 20000): Uint8Array {
  let cur = input
  let calls = 0
  for (let chunk = Math.max(1, cur.length >> 1); chunk >= 1 && calls < budget; chunk = chunk >> 1) {
    let progress = true
    while (progress && calls < budget) {
      progress = false
      for (let at = 0; at < cur.length && calls < budget;) {
        const cand = concat(cur.subarray(0, at), cur.subarray(at + chunk))
        calls++
        if (cand.length < cur.length && fails(cand)) { cur = cand; progress = true } else at += chunk
      }
    }
  }
  // Simplify bytes (toward 0) so that the crasher reads more easily.
  for (let i = 0; i < cur.length && calls < budget; i++) {
    if (cur[i] === 0) continue
    const cand = cur.slice()
    cand[i] = 0
    calls++
    if (fails(cand)) cur = cand
  }
  return cur
}
