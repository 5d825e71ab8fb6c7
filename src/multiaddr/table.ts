// Multiaddr protocol table: every multicodec entry tagged `multiaddr`, plus http-path and memory.
// Source: multiformats/multicodec table.csv at commit 001bc63bb9b1c49231bbe974050e299b6f467a57; value sizes from
// go-multiaddr protocols.go (rust/js agree). Not a registry: no runtime additions (a validator must be deterministic).

/** `Protocol.size` of a length-prefixed (uvarint length + bytes) value. */
export const SIZE_VAR = -1

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

// name code(hex) size: '' none, 'v' length-prefixed, 'p' length-prefixed path, 'u' unsized, digits = bits.
// Not tagged `multiaddr` in that revision but used by go, rust and js with these codes: http-path (0x1e1, go
// P_HTTP_PATH) and memory (0x309, go P_MEMORY; the table lists 0x309 as `memorytransport`, tag libp2p).
// thread, shs, silverpine and scion are in the table without a value size in any implementation: unusable.
// `ipfs` is the deprecated name of p2p: accepted on text input, never printed (as go and js do).
const PACKED =
  'ip4 4 32,tcp 6 16,dccp 21 16,ip6 29 128,ip6zone 2a v,ipcidr 2b 8,dns 35 v,dns4 36 v,dns6 37 v,dnsaddr 38 v,' +
  'sctp 84 16,udp 111 16,p2p-webrtc-star 113,p2p-webrtc-direct 114,p2p-stardust 115,webrtc-direct 118,' +
  'webrtc 119,p2p-circuit 122,udt 12d,utp 12e,unix 190 p,thread 196 u,p2p 1a5 v,https 1bb,onion 1bc 96,' +
  'onion3 1bd 296,garlic64 1be v,garlic32 1bf v,tls 1c0,sni 1c1 v,noise 1c6,shs 1c8 u,quic 1cc,quic-v1 1cd,' +
  'webtransport 1d1,certhash 1d2 v,ws 1dd,wss 1de,p2p-websocket-star 1df,http 1e0,http-path 1e1 v,' +
  'memory 309 64,silverpine 3f42 u,plaintextv2 706c61,scion d02000 u'

// Codes below 512 (all but memory and plaintextv2) in an array. measured: validate 141 → 117 ns per recorded
// address against Map.get alone (peer-bench multiaddr, node 20).
const small: Array<Protocol | undefined> = []
let byCode: Map<number, Protocol> | undefined
let byName: Map<string, Protocol> | undefined
let unsized: Map<number | string, { code: number, name: string }> | undefined

function load (): void {
  byCode = new Map()
  byName = new Map()
  unsized = new Map()
  for (const entry of PACKED.split(',')) {
    const [name, hexCode, kind = ''] = entry.split(' ') as [string, string, string?]
    const code = parseInt(hexCode, 16)
    if (kind === 'u') {
      const u = { code, name }
      unsized.set(code, u)
      unsized.set(name, u)
      continue
    }
    const path = kind === 'p'
    const p: Protocol = {
      code,
      name,
      size: kind === '' ? 0 : kind === 'v' || path ? SIZE_VAR : +kind,
      path,
      aliases: name === 'p2p' ? ['ipfs'] : [],
      prefix: '/' + name + (kind === '' || path ? '' : '/')
    }
    byCode.set(code, p)
    if (code < 512) small[code] = p
    byName.set(name, p)
    for (const a of p.aliases) byName.set(a, p)
  }
}

/**
 * The usable protocol with this code, or undefined (unknown or unsized).
 *
 * @example
 * ```ts
 * protocolByCode(0x06)  // { code: 6, name: 'tcp', size: 16, path: false }
 * protocolByCode(0x196) // undefined (thread: in the table, but unsized)
 * ```
 */
export function protocolByCode (code: number): Protocol | undefined {
  if (byCode === undefined) load()
  return code < 512 ? small[code] : byCode!.get(code)
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
  if (byName === undefined) load()
  return byName!.get(name)
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
  if (unsized === undefined) load()
  return unsized!.get(codeOrName)
}

/** Every usable protocol, in code order (for documentation, tests and generators). */
export function allProtocols (): Protocol[] {
  if (byCode === undefined) load()
  return [...byCode!.values()]
}
