// Which listen addresses an Identify message carries, and which received ones a host keeps: go-libp2p v0.52's rules
// (p2p/protocol/identify/id.go createBaseIdentifyResponse and filterAddrs; go-multiaddr/net IsIPLoopback, IsPrivateAddr,
// IsPublicAddr), on binary multiaddrs. Pure: no I/O, nothing kept. Does not trim to a size budget or resolve DNS.

import { Cursor, readUvarint } from '../multiaddr/cursor.js'

const IP4 = 0x04
const IP6 = 0x29
const IP6ZONE = 0x2a
const DNS = 0x35
const DNSADDR = 0x38

/** Options of {@link recordAddrs}. */
export interface RecordAddrsOptions {
  /**
   * Publish addresses whose IP or DNS name is not public (private, loopback, link-local, reserved, `localhost`,
   * `.local`, ...). Default true, as go-libp2p's `NonPublicAddrPublishing` default; false drops them as that option
   * set to false does. Addresses that start with neither an IP nor a DNS name (`/p2p-circuit/...`) are kept either way.
   */
  publishNonPublic?: boolean
}

/**
 * Where the value of the component that decides an address's scope starts, and its code (ip4, ip6 or a DNS name),
 * after leading ip6zones; -1 when there is none. `zoneless` follows go's zoneless() (IsIPLoopback): at most one zone,
 * only before an ip6, and a DNS name does not count; otherwise every zone is skipped, as go's ForEach in
 * IsPrivateAddr / IsPublicAddr. The value's end is `cursor.end`.
 */
function head (a: Uint8Array, zoneless: boolean, cursor: { code: number, end: number }): number {
  const cur = new Cursor()
  let pos = 0
  for (let zones = 0; ; zones++) {
    let next = readUvarint(a, pos, a.length, cur)
    if (next < 0) return -1
    const code = cursor.code = cur.value
    pos = next
    if (code === IP4 || code === IP6) {
      cursor.end = pos + (code === IP4 ? 4 : 16)
      return cursor.end <= a.length ? pos : -1
    }
    if ((code !== IP6ZONE && (code < DNS || code > DNSADDR)) || (code === IP6ZONE && zoneless && zones > 0)) return -1
    next = readUvarint(a, pos, a.length, cur)
    if (next < 0) return -1
    cursor.end = next + cur.value
    if (cursor.end > a.length) return -1
    if (code !== IP6ZONE) return zoneless ? -1 : next
    pos = cursor.end
    if (zoneless && a[pos] !== IP6) return -1
  }
}

// go-multiaddr/net private.go as hex prefix / bits: privateCIDR4, unroutableCIDR4, privateCIDR6, unroutableCIDR6,
// globalUnicastCIDR6, nat64CIDRs.
const PRIVATE4 = '7f/8 0a/8 6440/10 ac10/12 c0a8/16 a9fe/16'
const UNROUTABLE4 = '00/8 c0000000/26 c00002/24 c05863/24 c612/15 c63364/24 cb0071/24 e0/4 f0/4 ffffffff/32'
const LOOPBACK6 = '00000000000000000000000000000001/128'
const PRIVATE6 = LOOPBACK6 + ' fc/7 fe80/10'
const PUBLIC6 = '20/3'
const UNROUTABLE6 = 'ff/8 20010db8/32'
const NAT64 = '0064ff9b0001/48 0064ff9b0000000000000000/96'
// unResolvableDomains, localHostDomain, privateUseDomains: a DNS name under one of these is not public.
const NOT_PUBLIC_DNS = '.in-addr.arpa .ip6.arpa .invalid .localhost .home.arpa .local .test'

/** The bytes at `a[s..]` lie in one of the prefixes of `nets`. */
function inNets (a: Uint8Array, s: number, nets: string): boolean {
  return nets.split(' ').some((net) => {
    const [h, b] = net.split('/') as [string, string]
    for (let i = 0, bits = +b; bits > 0; i++, bits -= 8) {
      if (((a[s + i]! ^ parseInt(h.slice(2 * i, 2 * i + 2) || '0', 16)) & (0xff00 >> Math.min(bits, 8))) !== 0) return false
    }
    return true
  })
}

/** go's isSubdomain(child, parent): the name ends with parent (".x") or is parent without its dot; bytes compared. */
function under (a: Uint8Array, s: number, e: number, parent: string): boolean {
  const is = (p: string): boolean => e - s >= p.length && [...p].every((ch, i) => a[e - p.length + i] === ch.charCodeAt(0))
  return is(parent) || (e - s === parent.length - 1 && is(parent.slice(1)))
}

/**
 * go-multiaddr's `IsIPLoopback`: the address starts (after at most one ip6zone) with an IP in 127.0.0.0/8, `::1`, or
 * an IPv4-mapped `::ffff:127.x.y.z`. A DNS name (even `localhost`) is not an IP loopback address.
 *
 * @example
 * ```ts
 * isLoopbackAddr(multiaddrFromString('/ip4/127.1.80.9/tcp/1')) // → true
 * isLoopbackAddr(multiaddrFromString('/dns4/localhost/tcp/1'))  // → false
 * ```
 */
export function isLoopbackAddr (addr: Uint8Array): boolean {
  const c = { code: 0, end: 0 }
  const s = head(addr, true, c)
  if (s < 0) return false
  // Go's IP.IsLoopback looks at the IPv4 form first: an ip4 value, or an ip6 value ::ffff:a.b.c.d.
  if (c.code === IP4 || inNets(addr, s, '00000000000000000000ffff/96')) return addr[c.end - 4] === 127
  return inNets(addr, s, LOOPBACK6)
}

/**
 * go-multiaddr's `IsPrivateAddr`: the first IP is in a private range (127/8, 10/8, 100.64/10, 172.16/12, 192.168/16,
 * 169.254/16; ::1, fc00::/7, fe80::/10), or the DNS name is `localhost` or under `.localhost`.
 *
 * @example
 * ```ts
 * isPrivateAddr(multiaddrFromString('/ip4/192.168.1.101/tcp/123')) // → true
 * ```
 */
export function isPrivateAddr (addr: Uint8Array): boolean {
  const c = { code: 0, end: 0 }
  const s = head(addr, false, c)
  // An IPv4-mapped ip6 value is matched against IPv6 ranges only (Go's IPNet.Contains: the families differ).
  return s >= 0 && (c.code >= DNS ? under(addr, s, c.end, '.localhost') : inNets(addr, s, c.code === IP4 ? PRIVATE4 : PRIVATE6))
}

/**
 * go-multiaddr's `IsPublicAddr`: an ip4 outside the private and unroutable ranges; an ip6 in 2000::/3 outside
 * ff00::/8 and 2001:db8::/32, or in a NAT64 prefix; a DNS name not under `.localhost`, `.in-addr.arpa`, `.ip6.arpa`,
 * `.invalid`, `.home.arpa`, `.local`, `.test`. Anything else (no IP or DNS first) is not public.
 *
 * @example
 * ```ts
 * isPublicAddr(multiaddrFromString('/ip6/2001::1/udp/123/quic-v1')) // → true
 * isPublicAddr(multiaddrFromString('/dns/printer.local/tcp/1'))     // → false
 * ```
 */
export function isPublicAddr (addr: Uint8Array): boolean {
  const c = { code: 0, end: 0 }
  const s = head(addr, false, c)
  if (s < 0) return false
  if (c.code >= DNS) return !NOT_PUBLIC_DNS.split(' ').some((d) => under(addr, s, c.end, d))
  if (c.code === IP4) return !inNets(addr, s, PRIVATE4) && !inNets(addr, s, UNROUTABLE4)
  return (inNets(addr, s, PUBLIC6) && !inNets(addr, s, UNROUTABLE6)) || inNets(addr, s, NAT64)
}

/** go's hasIPOrDNSComponent: the first component is ip4, ip6, ip6zone or a DNS name. */
function leadsWithIpOrDns (a: Uint8Array): boolean {
  const cur = new Cursor()
  return readUvarint(a, 0, a.length, cur) > 0 && ((c: number) => c === IP4 || c === IP6 || c === IP6ZONE || (c >= DNS && c <= DNSADDR))(cur.value)
}

function args (addrs: readonly Uint8Array[], ...conn: Uint8Array[]): void {
  if (!Array.isArray(addrs) || ![...addrs, ...conn].every((a) => a instanceof Uint8Array)) {
    throw new TypeError('addresses must be Uint8Array multiaddrs, in an array')
  }
}

/**
 * The sender's rule for listenAddrs: the listen addresses to put in an Identify message sent on a connection with
 * these local and remote addresses. As go-libp2p: loopback addresses only when the local or the remote address is
 * loopback; private, link-local and relay addresses are sent unchanged (the receiver filters, see
 * {@link filterLearnedAddrs}). Order is kept; the result holds the caller's own address objects.
 *
 * @example
 * ```ts
 * const addrs = ['/ip4/127.0.0.1/tcp/1', '/ip4/1.2.3.4/tcp/1'].map(multiaddrFromString)
 * announceAddrs(addrs, multiaddrFromString('/ip4/1.2.3.4/tcp/1'), multiaddrFromString('/ip4/5.6.7.8/tcp/9'))
 * // → only /ip4/1.2.3.4/tcp/1
 * ```
 */
export function announceAddrs (addrs: readonly Uint8Array[], local: Uint8Array, remote: Uint8Array): Uint8Array[] {
  args(addrs, local, remote)
  const viaLoopback = isLoopbackAddr(local) || isLoopbackAddr(remote)
  return addrs.filter((a) => viaLoopback || !isLoopbackAddr(a))
}

/**
 * The addresses a host puts in its signed peer record (and its own peerstore), the same on every connection: all of
 * them by default; with `publishNonPublic: false` (go-libp2p `NonPublicAddrPublishing(false)`), those whose IP or
 * DNS name is not public are dropped. go keeps sending those in listenAddrs, but receivers that accept the record
 * learn only the record's addresses. Order is kept; the result holds the caller's own address objects.
 *
 * @example
 * ```ts
 * const addrs = ['/ip4/192.168.1.2/tcp/1', '/ip4/1.2.3.4/tcp/1', '/p2p-circuit'].map(multiaddrFromString)
 * recordAddrs(addrs, { publishNonPublic: false }) // → /ip4/1.2.3.4/tcp/1 and /p2p-circuit
 * ```
 */
export function recordAddrs (addrs: readonly Uint8Array[], options?: RecordAddrsOptions): Uint8Array[] {
  args(addrs)
  const publishNonPublic = options?.publishNonPublic ?? true
  if (typeof publishNonPublic !== 'boolean') throw new TypeError('publishNonPublic must be a boolean')
  return addrs.filter((a) => publishNonPublic || !leadsWithIpOrDns(a) || isPublicAddr(a))
}

/**
 * The receiver's rule (go-libp2p's `filterAddrs`): the addresses learned from a peer that a host keeps, given the
 * connection's remote address. Remote loopback: all; remote private: all but loopback; remote public: only public
 * ones; anything else: all. Order is kept.
 *
 * @example
 * ```ts
 * const learned = ['/ip4/127.0.0.1/tcp/1', '/ip4/192.168.1.2/tcp/1', '/dns/example.com/tcp/1'].map(multiaddrFromString)
 * filterLearnedAddrs(learned, multiaddrFromString('/ip4/192.168.1.2/tcp/1')) // → the last two
 * ```
 */
export function filterLearnedAddrs (addrs: readonly Uint8Array[], remote: Uint8Array): Uint8Array[] {
  args(addrs, remote)
  if (isLoopbackAddr(remote)) return addrs.slice()
  if (isPrivateAddr(remote)) return addrs.filter((a) => !isLoopbackAddr(a))
  if (isPublicAddr(remote)) return addrs.filter(isPublicAddr)
  return addrs.slice()
}
