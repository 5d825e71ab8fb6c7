// Multiaddr protocol table: one entry per protocol (name, multicodec code, value kind), every multicodec entry tagged
// `multiaddr` plus http-path and memory. Source: multiformats/multicodec table.csv at commit
// 001bc63bb9b1c49231bbe974050e299b6f467a57; value sizes from go-multiaddr protocols.go (rust and js agree).
// Not a registry: no runtime additions (a validator must be deterministic).

import {
  CERTHASH, GARLIC32, GARLIC64, HTTP_PATH, IP4, IP6, IPCIDR, MEMORY, NAME, NONE, ONION, ONION3, P2P, PORT, SIZE_VAR, UNIX,
  type ValueKind
} from './values.js'

export { SIZE_VAR }

/** One usable multiaddr protocol of the table, as {@link protocolByCode} and {@link protocolByName} return it. */
export interface Protocol {
  /** Multicodec code. */
  readonly code: number
  /** Canonical name (`p2p`, never the alias `ipfs`). */
  readonly name: string
  /** Value size in bits: 0 = no value, > 0 = fixed, {@link SIZE_VAR} = uvarint length prefix + bytes. */
  readonly size: number
  /** The value is a path that swallows the rest of the text form (`/unix`); nothing may follow it in binary. */
  readonly path: boolean
  /** Other names accepted on text input (`ipfs` for p2p; empty for the others). */
  readonly aliases: readonly string[]
  /** What the text form prints before the value: `/name/`, or `/name` when there is no value or it is a path. */
  readonly prefix: string
}

/** A protocol with its value kind (rules and text form): what the walk, the printer and the parser use. */
export interface ProtocolRecord extends Protocol {
  readonly value: ValueKind
}

// Adding a protocol: one line here (with an existing value kind, or a new one in values.ts) and its test vectors.
// Not tagged `multiaddr` in that table revision but used by go, rust and js with these codes: http-path (0x1e1, go
// P_HTTP_PATH) and memory (0x309, go P_MEMORY; the table lists 0x309 as `memorytransport`, tag libp2p).
const TABLE: ReadonlyArray<readonly [name: string, code: number, value: ValueKind]> = [
  ['ip4', 0x04, IP4], ['tcp', 0x06, PORT], ['dccp', 0x21, PORT], ['ip6', 0x29, IP6], ['ip6zone', 0x2a, NAME],
  ['ipcidr', 0x2b, IPCIDR], ['dns', 0x35, NAME], ['dns4', 0x36, NAME], ['dns6', 0x37, NAME], ['dnsaddr', 0x38, NAME],
  ['sctp', 0x84, PORT], ['udp', 0x111, PORT], ['p2p-webrtc-star', 0x113, NONE], ['p2p-webrtc-direct', 0x114, NONE],
  ['p2p-stardust', 0x115, NONE], ['webrtc-direct', 0x118, NONE], ['webrtc', 0x119, NONE], ['p2p-circuit', 0x122, NONE],
  ['udt', 0x12d, NONE], ['utp', 0x12e, NONE], ['unix', 0x190, UNIX], ['p2p', 0x1a5, P2P], ['https', 0x1bb, NONE],
  ['onion', 0x1bc, ONION], ['onion3', 0x1bd, ONION3], ['garlic64', 0x1be, GARLIC64], ['garlic32', 0x1bf, GARLIC32],
  ['tls', 0x1c0, NONE], ['sni', 0x1c1, NAME], ['noise', 0x1c6, NONE], ['quic', 0x1cc, NONE], ['quic-v1', 0x1cd, NONE],
  ['webtransport', 0x1d1, NONE], ['certhash', 0x1d2, CERTHASH], ['ws', 0x1dd, NONE], ['wss', 0x1de, NONE],
  ['p2p-websocket-star', 0x1df, NONE], ['http', 0x1e0, NONE], ['http-path', 0x1e1, HTTP_PATH], ['memory', 0x309, MEMORY],
  ['plaintextv2', 0x706c61, NONE]
]

/** In the table without a value size in any implementation: recognised (for the error code), never usable. */
const UNSIZED: ReadonlyArray<string | number> = ['thread', 0x196, 'shs', 0x1c8, 'silverpine', 0x3f42, 'scion', 0xd02000]

// Built once when the module loads and never changed after: constants, not state.
const BY_CODE = new Map<number, ProtocolRecord>()
const BY_NAME = new Map<string, ProtocolRecord>()
for (const [name, code, value] of TABLE) {
  // `ipfs` is the deprecated name of p2p: accepted on text input, never printed (as go and js do).
  const aliases = name === 'p2p' ? ['ipfs'] : []
  const p: ProtocolRecord = { code, name, size: value.size, path: value.path, aliases, prefix: '/' + name + (value.size === 0 || value.path ? '' : '/'), value }
  BY_CODE.set(code, p)
  BY_NAME.set(name, p)
  for (const a of aliases) BY_NAME.set(a, p)
}

/**
 * The usable protocol with this code, or undefined (unknown or unsized).
 *
 * @example
 * ```ts
 * protocolByCode(0x06)  // { code: 6, name: 'tcp', size: 16, path: false, ... }
 * protocolByCode(0x196) // undefined (thread: in the table, but unsized)
 * ```
 */
export function protocolByCode (code: number): Protocol | undefined {
  return recordByCode(code)
}

/** {@link protocolByCode} with the value kind (internal). */
export function recordByCode (code: number): ProtocolRecord | undefined {
  return BY_CODE.get(code)
}

/**
 * The usable protocol with this name or alias (`ipfs` → p2p), or undefined (unknown or unsized).
 *
 * @example
 * ```ts
 * protocolByName('ipfs')?.name                // 'p2p'
 * protocolByName('p2p')?.size === SIZE_VAR    // true: uvarint length prefix + bytes
 * protocolByName('unix')?.path                // true
 * protocolByName('shs')                       // undefined (unsized: see unsizedProtocol)
 * ```
 */
export function protocolByName (name: string): Protocol | undefined {
  return BY_NAME.get(name)
}

/** {@link protocolByName} with the value kind (internal). */
export function recordByName (name: string): ProtocolRecord | undefined {
  return BY_NAME.get(name)
}

/**
 * A protocol that is in the multicodec table but has no defined value size (thread, shs, silverpine, scion),
 * by code or name; undefined otherwise. Lets callers say MULTIADDR_UNSIZED_PROTOCOL rather than "unknown".
 *
 * @example
 * ```ts
 * unsizedProtocol('shs')  // { code: 0x1c8, name: 'shs' }
 * unsizedProtocol(0x1c8)  // { code: 0x1c8, name: 'shs' }
 * unsizedProtocol(0x06)   // undefined (tcp is usable: protocolByCode finds it)
 * ```
 */
export function unsizedProtocol (codeOrName: number | string): { readonly code: number, readonly name: string } | undefined {
  const i = UNSIZED.indexOf(codeOrName) & ~1 // the entry's name, whether its name or its code was found
  return i < 0 ? undefined : { code: UNSIZED[i + 1] as number, name: UNSIZED[i] as string }
}

/** Every usable protocol, in code order (for documentation, tests and generators). */
export function allProtocols (): Protocol[] {
  return [...BY_CODE.values()]
}
