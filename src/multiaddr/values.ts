// Per-protocol rules for multiaddr binary values (DESIGN-NOTES §3; go-multiaddr transcoders.go is the reference).
// Shared by the binary validator and the text parser. Checks bytes only: no text, no allocation, never throws.

import { validateUtf8 } from '../wire/utf8.js'

/** The value read by the last successful {@link readUvarint} (a live binding, as `varintValue` in wire/varint). */
export let uvarintValue = 0

/**
 * Reads a multiformats unsigned varint (at most 9 bytes, minimal form only) from `buf[pos..end)`.
 * Returns its length (1..9) and leaves the value in {@link uvarintValue}, or a status: -1 the input ends inside the
 * varint, -2 longer than 9 bytes (the unsigned-varint spec's limit; go-varint's too), -3 not minimal (last byte 0x00
 * after a continuation). Values above 2^53 lose precision; callers compare them with bounds far below that.
 */
export function readUvarint (buf: Uint8Array, pos: number, end: number): number {
  // Statuses as literals: esbuild inlines no constant of a module that exports a `let` (measured: named ones cost
  // 16 B gzip).
  if (pos >= end) return -1
  let b = buf[pos]!
  if (b < 0x80) { uvarintValue = b; return 1 }
  let value = b & 0x7f
  let scale = 128
  for (let i = 1; i < 9; i++) {
    if (pos + i >= end) return -1
    b = buf[pos + i]!
    value += (b & 0x7f) * scale
    if (b < 0x80) {
      // Minimal iff the last byte carries bits: `80 00` (0) and `81 80 00` (1) are rejected, as go-varint does.
      if (b === 0) return -3
      uvarintValue = value
      return i + 1
    }
    scale *= 128
  }
  return -2
}

/**
 * Checks the value `buf[start..end)` of protocol `code` against its content rules; `prev` is the code of the
 * previous component (-1 if none; used by ipcidr). Returns -1 when valid, else the absolute offset of the first
 * bad byte. Framing is the caller's job: fixed sizes of protocols without a content rule (ip4, tcp, memory, ...)
 * are not re-checked here; every protocol with a rule checks its own length.
 *
 * @example
 * ```ts
 * checkValue(0x2b, Uint8Array.of(24), 0, 1, 0x04)               // -1: /ipcidr/24 after ip4 is fine
 * checkValue(0x2b, Uint8Array.of(33), 0, 1, 0x04)               // 0: an ip4 prefix has at most 32 bits
 * checkValue(0x35, new TextEncoder().encode('a/b'), 0, 3)       // 1: a dns name may not contain '/'
 * ```
 */
export function checkValue (code: number, buf: Uint8Array, start: number, end: number, prev = -1): number {
  const len = end - start
  switch (code) {
    case 0x2b: { // ipcidr: a prefix length; no family has more than 128 bits, ip4 no more than 32 (go checks neither)
      if (len !== 1) return start
      const v = buf[start]!
      return v > 128 || (prev === 0x04 && v > 32) ? start : -1
    }
    case 0x2a: // ip6zone
    case 0x35: // dns
    case 0x36: // dns4
    case 0x37: // dns6
    case 0x38: // dnsaddr
    case 0x1c1: // sni
      // Non-empty, no '/' (the text form splits on it), valid UTF-8 (the text form must print it losslessly).
      if (len === 0) return start
      for (let i = start; i < end; i++) if (buf[i] === 0x2f) return i
      return validateUtf8(buf, start, end)
    case 0x190: // unix: as go's unixValidate — starts with '/', at least 2 bytes, no trailing '/'; UTF-8 as above
      if (len < 2 || buf[start] !== 0x2f) return start
      if (buf[end - 1] === 0x2f) return end - 1
      return validateUtf8(buf, start, end)
    case 0x1a5: // p2p: a peer id multihash
      return checkMultihash(buf, start, end, true)
    case 0x1d2: // certhash
      return checkMultihash(buf, start, end, false)
    case 0x1bc: // onion: 10-byte hash + port, port != 0
      if (len !== 12) return start
      return buf[start + 10] === 0 && buf[start + 11] === 0 ? start + 10 : -1
    case 0x1bd: // onion3: 35-byte key + port, port != 0
      if (len !== 37) return start
      return buf[start + 35] === 0 && buf[start + 36] === 0 ? start + 35 : -1
    case 0x1be: // garlic64: an I2P destination, at least 386 bytes (go garlic64Validate)
      return len < 386 ? start : -1
    case 0x1bf: // garlic32: a 32-byte hash, or >= 35 bytes for encrypted lease sets (go garlic32Validate)
      return len < 35 && len !== 32 ? start : -1
    case 0x1e1: // http-path: any non-empty bytes (the text form percent-escapes them)
      return len === 0 ? start : -1
    default:
      return -1
  }
}

/**
 * A multihash filling exactly `buf[start..end)`: minimal code varint, minimal length varint, that many bytes.
 * sha2-256 digests must be 32 bytes. For a peer id (`p2p`) only sha2-256 and identity (1..42 bytes) are allowed,
 * as go-multiaddr's p2pVal and rust's PeerId::from_multihash (we also refuse an empty identity: no key is empty).
 * 42: the longest key the libp2p peer-ids spec inlines. Multihash codes (multicodec table.csv): 0x12 sha2-256,
 * 0x00 identity; literals for the reason given in readUvarint (measured: 16 B gzip).
 */
function checkMultihash (buf: Uint8Array, start: number, end: number, peerId: boolean): number {
  let n = readUvarint(buf, start, end)
  if (n < 0) return start
  const hashCode = uvarintValue
  const lenAt = start + n
  n = readUvarint(buf, lenAt, end)
  if (n < 0) return lenAt
  const digest = uvarintValue
  if (digest !== end - lenAt - n) return lenAt
  if (hashCode === 0x12) return digest === 32 ? -1 : lenAt
  if (!peerId) return -1
  if (hashCode !== 0x00) return start
  return digest === 0 || digest > 42 ? lenAt : -1
}
