// Merging Identify messages: frames of one stream (libp2p/specs PR #709) and Identify-push updates (spec r2,
// "missing fields should be ignored"). Pure functions over decoded values; no wire bytes are read here.

import type { Identify, UnknownField } from './message.js'

/**
 * Applies an Identify-push `update` onto the `current` view of a peer (spec r2: "missing fields should be ignored,
 * as peers may choose to send partial updates"). Same rule as rust-libp2p's `Info::merge` and js-libp2p:
 *
 * - a singular field present in `update` (even as `''` or an empty byte string) replaces the current value;
 *   an absent one (`undefined`) keeps it;
 * - a repeated field (`listenAddrs`, `protocols`, `unknownFields`) that is non-empty in `update` replaces the
 *   whole current list; an empty one keeps it. In proto2 an empty repeated field is not on the wire at all, so
 *   "absent" and "empty" cannot be told apart: **a push can never clear a list** (a peer that stops listening
 *   everywhere cannot say so with a push). go-libp2p, which replaces everything, differs here on purpose.
 *
 * Pure: returns a new object with new arrays; `current` and `update` are not modified. Byte values are shared,
 * not copied (decode with `copy: true` for owned bytes).
 */
export function mergeIdentify (current: Identify, update: Identify): Identify {
  if (current === null || typeof current !== 'object') throw new TypeError('mergeIdentify: current must be an Identify object')
  if (update === null || typeof update !== 'object') throw new TypeError('mergeIdentify: update must be an Identify object')
  const out: Identify = {
    listenAddrs: nonEmpty(update.listenAddrs) ? update.listenAddrs.slice() : listOrEmpty(current.listenAddrs),
    protocols: nonEmpty(update.protocols) ? update.protocols.slice() : listOrEmpty(current.protocols)
  }
  const protocolVersion = update.protocolVersion ?? current.protocolVersion
  if (protocolVersion !== undefined) out.protocolVersion = protocolVersion
  const agentVersion = update.agentVersion ?? current.agentVersion
  if (agentVersion !== undefined) out.agentVersion = agentVersion
  const publicKey = update.publicKey ?? current.publicKey
  if (publicKey !== undefined) out.publicKey = publicKey
  const observedAddr = update.observedAddr ?? current.observedAddr
  if (observedAddr !== undefined) out.observedAddr = observedAddr
  const signedPeerRecord = update.signedPeerRecord ?? current.signedPeerRecord
  if (signedPeerRecord !== undefined) out.signedPeerRecord = signedPeerRecord
  const unknown = nonEmpty(update.unknownFields) ? update.unknownFields : current.unknownFields
  if (unknown !== undefined) out.unknownFields = unknown.slice()
  return out
}

/**
 * Merges the frames of one Identify stream, in stream order, as specs PR #709 says: a singular field present in a
 * later frame wins (present-but-empty counts as present, as in protobuf merging); repeated fields are appended and
 * then de-duplicated, keeping the first occurrence and the order: `protocols` by string, `listenAddrs` by bytes.
 * Unknown fields are appended (never de-duplicated: their meaning is unknown). De-duplication also applies within
 * one frame, so the result does not depend on how the sender split the message.
 *
 * Pure: returns a new object with new arrays; the frames are not modified. An empty list gives an empty message.
 */
export function mergeIdentifyFrames (frames: readonly Identify[]): Identify {
  if (!Array.isArray(frames)) throw new TypeError('mergeIdentifyFrames: frames must be an array of Identify objects')
  const acc = new FrameAccumulator()
  for (const f of frames) acc.add(f)
  return acc.result()
}

/**
 * Accumulates frames (internal to the stream decoders): copies references, never mutates the frames it is given,
 * and de-duplicates only once, in {@link result}.
 */
export class FrameAccumulator {
  private readonly listenAddrs: Uint8Array[] = []
  private readonly protocols: string[] = []
  private unknownFields: UnknownField[] | undefined
  private protocolVersion: string | undefined
  private agentVersion: string | undefined
  private publicKey: Uint8Array | undefined
  private observedAddr: Uint8Array | undefined
  private signedPeerRecord: Uint8Array | undefined
  /** Entries received so far, before de-duplication (what the count limits apply to). */
  listenAddrCount = 0
  protocolCount = 0

  add (f: Identify): void {
    if (f === null || typeof f !== 'object') throw new TypeError('frame must be an Identify object')
    if (f.protocolVersion !== undefined) this.protocolVersion = f.protocolVersion
    if (f.agentVersion !== undefined) this.agentVersion = f.agentVersion
    if (f.publicKey !== undefined) this.publicKey = f.publicKey
    if (f.observedAddr !== undefined) this.observedAddr = f.observedAddr
    if (f.signedPeerRecord !== undefined) this.signedPeerRecord = f.signedPeerRecord
    const addrs = f.listenAddrs ?? []
    for (let i = 0; i < addrs.length; i++) this.listenAddrs.push(addrs[i]!)
    const protos = f.protocols ?? []
    for (let i = 0; i < protos.length; i++) this.protocols.push(protos[i]!)
    this.listenAddrCount += addrs.length
    this.protocolCount += protos.length
    if (f.unknownFields !== undefined) {
      this.unknownFields ??= []
      for (const u of f.unknownFields) this.unknownFields.push(u)
    }
  }

  /** The merged message (a fresh object; calling it again gives an equal, separate object). */
  result (): Identify {
    const out: Identify = { listenAddrs: dedupBytes(this.listenAddrs), protocols: dedupStrings(this.protocols) }
    if (this.protocolVersion !== undefined) out.protocolVersion = this.protocolVersion
    if (this.agentVersion !== undefined) out.agentVersion = this.agentVersion
    if (this.publicKey !== undefined) out.publicKey = this.publicKey
    if (this.observedAddr !== undefined) out.observedAddr = this.observedAddr
    if (this.signedPeerRecord !== undefined) out.signedPeerRecord = this.signedPeerRecord
    if (this.unknownFields !== undefined) out.unknownFields = this.unknownFields.slice()
    return out
  }
}

function nonEmpty<T> (list: readonly T[] | undefined): list is T[] {
  return list !== undefined && list.length > 0
}

function listOrEmpty<T> (list: readonly T[] | undefined): T[] {
  return list === undefined ? [] : list.slice()
}

/** `list` without repeated strings (first occurrence kept, order kept); always a new array. */
export function dedupStrings (list: readonly string[]): string[] {
  if (list.length < 2) return list.slice()
  const seen = new Set<string>(list)
  if (seen.size === list.length) return list.slice()
  seen.clear()
  const out: string[] = []
  for (const s of list) if (!seen.has(s)) { seen.add(s); out.push(s) }
  return out
}

/** `list` without byte-equal repeats (first occurrence kept, order kept); always a new array. */
export function dedupBytes (list: readonly Uint8Array[]): Uint8Array[] {
  const n = list.length
  if (n < 2) return list.slice()
  // FNV-1a over the bytes: equal hashes are then compared byte by byte, so collisions cost time, never results.
  const hashes = new Array<number>(n)
  for (let i = 0; i < n; i++) hashes[i] = fnv1a(list[i]!)
  const out: Uint8Array[] = []
  if (n <= 64) {
    for (let i = 0; i < n; i++) {
      const a = list[i]!
      const h = hashes[i]!
      let dup = false
      for (let j = 0; j < i; j++) {
        if (hashes[j] === h && bytesEqual(list[j]!, a)) { dup = true; break }
      }
      if (!dup) out.push(a)
    }
    return out
  }
  const buckets = new Map<number, Uint8Array[]>()
  for (let i = 0; i < n; i++) {
    const a = list[i]!
    const h = hashes[i]!
    const bucket = buckets.get(h)
    if (bucket === undefined) { buckets.set(h, [a]); out.push(a); continue }
    let dup = false
    for (const b of bucket) if (bytesEqual(a, b)) { dup = true; break }
    if (!dup) { bucket.push(a); out.push(a) }
  }
  return out
}

function fnv1a (b: Uint8Array): number {
  let h = 0x811c9dc5
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193)
  return h >>> 0
}

/** Byte equality of two views. */
export function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
