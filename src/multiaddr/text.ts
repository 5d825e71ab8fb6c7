// Multiaddr text form, both ways (multiformats/multiaddr spec). Output is what go-multiaddr and
// @multiformats/multiaddr 13 print where they agree, go's where they differ; both directions apply every rule of the
// binary validator (same codes). Not a URI parser: no DNS, no normalisation of names.

import { WireError, type WireErrorCode } from '../errors.js'
import { base32Decode, base36Decode, base58btcDecode, base64urlDecode } from '../bases/index.js'
import { base58btcEncodeRange } from '../bases/basex.js'
import { BASE32_CODEC, BASE64URL_CODEC, rfc4648, rfcDecode, rfcEncode } from '../bases/rfc4648.js'
import { writeVarint } from '../wire/varint.js'
import { SIZE_VAR, protocolByName, unsizedProtocol } from './table.js'
import { component, multiaddrError, nextComponent, validateRange, valueAt, valueLength } from './validate.js'
import { checkValue } from './values.js'

/** i2p's base64 alphabet (`-~` instead of `+/`); go-multiaddr's garlic64 writes and requires '=' padding. */
const I2P64 = rfc4648('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~')
/** base32 that also reads uppercase letters, as go does for onion hosts (decoded in place: no case-folded copy). */
const ONION32 = { ...BASE32_CODEC, map: BASE32_CODEC.map.map((v, c) => c >= 65 && c <= 90 ? BASE32_CODEC.map[c + 32]! : v) }

// ---------------------------------------------------------------------------------------------------------------
// bytes → text

/**
 * Prints a binary multiaddr in its text form (`/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo…`). The bytes are checked with
 * the rules of {@link validateMultiaddr} while printing; an invalid address throws the validator's `WireError` (code
 * and byte offset) and is never printed. TypeError for a non-Uint8Array.
 *
 * @example
 * ```ts
 * multiaddrToString(Uint8Array.of(0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1)) // '/ip4/127.0.0.1/tcp/4001'
 * multiaddrToString(Uint8Array.of(0x04, 127, 0))  // throws WireError: code 'TRUNCATED', offset 1
 * ```
 */
export function multiaddrToString (bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('multiaddrToString: expected a Uint8Array')
  // The validator's own walk, printing each component once its value has passed its rules: an invalid address
  // throws the validator's error and nothing invalid is ever printed.
  const end = bytes.length
  let s = ''
  let pos = 0
  if (end === 0) throw multiaddrError(validateRange(bytes, 0, 0))
  while (pos < end) {
    pos = nextComponent(bytes, pos, end, pos === 0 ? -1 : component.code)
    if (pos < 0) throw multiaddrError(~pos)
    const p = component
    s += p.prefix
    if (p.size !== 0) s += valueText(p.code, bytes, valueAt, valueAt + valueLength)
  }
  return s
}

function port (b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!
}

function valueText (code: number, b: Uint8Array, v: number, e: number): string {
  switch (code) {
    case 0x04: return ip4Text(b, v)
    case 0x29: return ip6Text(b, v)
    case 0x06: case 0x21: case 0x84: case 0x111: return '' + port(b, v)
    case 0x2b: return '' + b[v]!
    case 0x1a5: return base58btcEncodeRange(b, v, e)
    case 0x1d2: return 'u' + rfcEncode(b, BASE64URL_CODEC, v, e)
    case 0x1bc: case 0x1bd: return rfcEncode(b, BASE32_CODEC, v, e - 2) + ':' + port(b, e - 2)
    case 0x1be: return rfcEncode(b, I2P64, v, e) + '='.repeat((3 - (e - v) % 3) % 3)
    case 0x1bf: return rfcEncode(b, BASE32_CODEC, v, e)
    case 0x309: return memoryText(b, v)
    case 0x1e1: return queryEscape(b, v, e)
    // dns, dns4, dns6, dnsaddr, sni, ip6zone, unix: UTF-8 the validator has checked (no '/', except unix paths)
    // ignoreBOM: a leading U+FEFF is part of the value (the default decoder would drop it: fuzz/crashes/multiaddr-text-859559834130)
    default: return (decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(b.subarray(v, e))
  }
}

let decoder: TextDecoder | undefined

function ip4Text (b: Uint8Array, v: number): string {
  return b[v]! + '.' + b[v + 1]! + '.' + b[v + 2]! + '.' + b[v + 3]!
}

/**
 * RFC 5952 §4: lowercase hex without leading zeros, the longest run of two or more zero groups as `::` (the first
 * on a tie), a single zero group written `0`. IPv4-mapped addresses as `::ffff:1.2.3.4` (RFC 5952 §5; go-multiaddr
 * prints this, @multiformats/multiaddr prints `::ffff:102:304` via the WHATWG URL serializer).
 */
function ip6Text (b: Uint8Array, v: number): string {
  let bestStart = -1
  let bestLen = 1
  let runStart = -1
  for (let i = 0; i < 8; i++) {
    if (port(b, v + 2 * i) === 0) {
      if (runStart < 0) runStart = i
      if (i - runStart + 1 > bestLen) { bestLen = i - runStart + 1; bestStart = runStart }
    } else {
      runStart = -1
    }
  }
  // Mapped: the longest zero run is exactly groups 0-4 and group 5 is ffff.
  if (bestStart === 0 && bestLen === 5 && port(b, v + 10) === 0xffff) return '::ffff:' + ip4Text(b, v + 12)
  let s = ''
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) { s += '::'; i += bestLen - 1; continue }
    if (i > 0 && i !== bestStart + bestLen) s += ':'
    s += port(b, v + 2 * i).toString(16)
  }
  return s
}

/** memory: an 8-byte big-endian u64 printed in decimal (go and rust; js writes the text itself into the bytes). */
function memoryText (b: Uint8Array, v: number): string {
  return '' + new DataView(b.buffer, b.byteOffset + v).getBigUint64(0)
}

/** go's url.QueryEscape: unreserved bytes as they are, space as '+', everything else %XX (uppercase hex). */
function queryEscape (b: Uint8Array, v: number, e: number): string {
  let s = ''
  for (let i = v; i < e; i++) {
    const c = b[i]!
    const ch = String.fromCharCode(c)
    s += /[\w.~-]/.test(ch) ? ch : c === 0x20 ? '+' : '%' + (c | 256).toString(16).slice(1).toUpperCase()
  }
  return s
}

// ---------------------------------------------------------------------------------------------------------------
// text → bytes

// Output is built in a scratch buffer, then copied once to an exact-size result. Sized up front: no character
// becomes more than 3 bytes (UTF-8 of one UTF-16 unit; the densest fixed value, `/ip6/::`, is 7 characters for 17
// bytes; decoded bases shrink). Dropped again after a call that needed more than 4 KiB, so nothing large is retained.
let out = new Uint8Array(256)
let o = 0

// One short message for every text error: the code and the character index are the contract.
function fail (code: WireErrorCode, at: number): never {
  throw new WireError(code, at, 'invalid multiaddr text')
}

function bad (at: number): never {
  return fail('MULTIADDR_TEXT_INVALID', at)
}

// Where writeValue put the value bytes (after any length prefix).
let vstart = 0

/**
 * Parses the text form of a multiaddr into its binary form. Accepts what go-multiaddr accepts for the protocols of
 * the table (`/ipfs/` as an alias of `/p2p/`, p2p as base58btc or a CIDv1 libp2p-key, certhash in the multibases
 * u/z/b/k, trailing '/' ignored), and applies every value rule of {@link validateMultiaddr}. Throws WireError
 * with the character index of the offending component or value; TypeError for a non-string.
 *
 * @example
 * ```ts
 * multiaddrFromString('/ip4/127.0.0.1/tcp/4001') // Uint8Array [0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1]
 * multiaddrToString(multiaddrFromString('/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'))
 * // '/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N'
 * multiaddrFromString('/ip4/1.2.3.4/foo')        // throws WireError: code 'MULTIADDR_UNKNOWN_PROTOCOL', offset 13
 * ```
 */
export function multiaddrFromString (text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('multiaddrFromString: expected a string')
  let len = text.length
  // go-multiaddr trims trailing slashes before splitting; js ignores one. Neither ever prints one.
  while (len > 0 && text.charCodeAt(len - 1) === 0x2f) len--
  if (len === 0) fail('MULTIADDR_EMPTY', 0)
  if (text.charCodeAt(0) !== 0x2f) bad(0)
  if (out.length < 3 * len) out = new Uint8Array(3 * len)
  o = 0
  try {
    let i = 1
    let prev = -1
    while (i < len) {
      let j = text.indexOf('/', i)
      if (j < 0 || j > len) j = len
      if (j === i) bad(i)
      const p = protocolByName(text.slice(i, j))
      if (p === undefined) fail(unsizedProtocol(text.slice(i, j)) === undefined ? 'MULTIADDR_UNKNOWN_PROTOCOL' : 'MULTIADDR_UNSIZED_PROTOCOL', i)
      o += writeVarint(out, o, p.code)
      if (p.size !== 0) {
        if (j >= len) bad(j)
        // A path (unix) is the rest of the text with its leading '/' (go-multiaddr).
        const vs = p.path ? j : j + 1
        j = p.path ? len : text.indexOf('/', vs)
        if (j < 0 || j > len) j = len
        if (j === vs) bad(vs)
        writeValue(p.code, text, vs, j, p.size === SIZE_VAR)
        // The framing is ours and correct by construction; the value rules are the validator's own checkValue, with
        // the codes validateRange gives. measured: 1.53 → 1.40 µs per recorded address against validateRange over
        // the whole result (A/B, node 20, loaded box).
        if (o === vstart) fail('MULTIADDR_EMPTY_VALUE', vs)
        if (checkValue(p.code, out, vstart, o, prev) >= 0) fail('MULTIADDR_INVALID_VALUE', vs)
      }
      prev = p.code
      i = j + 1
    }
    return out.slice(0, o)
  } finally {
    if (out.length > 4096) out = new Uint8Array(256)
  }
}

/** Writes the value `text[vs..ve)` of protocol `code`, behind a uvarint length when `prefixed`. */
function writeValue (code: number, text: string, vs: number, ve: number, prefixed: boolean): void {
  let bytes: Uint8Array
  vstart = o
  switch (code) {
    case 0x04: return ip4Bytes(text, vs, ve, vs)
    case 0x29: return ip6Bytes(text, vs, ve)
    case 0x06: case 0x21: case 0x84: case 0x111: portBytes(text, vs, ve); return
    case 0x1bc: case 0x1bd: return onionBytes(text, vs, ve, code === 0x1bc ? 16 : 56)
    case 0x2b: out[o++] = decimal(text, vs, ve, 255); return
    case 0x309: return memoryBytes(text, vs, ve)
    case 0x1a5: bytes = peerIdBytes(text, vs, ve); break
    case 0x1d2: bytes = multibaseBytes(text, vs, ve); break
    case 0x1be: bytes = garlic64Bytes(text, vs, ve); break
    case 0x1bf: bytes = base32Decode(text, vs, ve); break
    case 0x1e1: bytes = queryUnescape(text, vs, ve); break
    default: bytes = utf8(text, vs, ve) // dns, dns4, dns6, dnsaddr, sni, ip6zone, unix: the text as UTF-8
  }
  if (prefixed) o += writeVarint(out, o, bytes.length)
  vstart = o
  out.set(bytes, o)
  o += bytes.length
}

/** Padded i2p base64: the padding must be exactly what the encoder writes (at most two '='). */
function garlic64Bytes (text: string, vs: number, ve: number): Uint8Array {
  let d = ve
  while (d > vs && ve - d < 2 && text.charCodeAt(d - 1) === 0x3d) d--
  if ((ve - vs) % 4 !== 0 || ve - d !== (4 - (d - vs) % 4) % 4) fail('INVALID_BASE_ENCODING', ve - 1)
  return rfcDecode(text, I2P64, vs, d)
}

let encoder: TextEncoder | undefined

/** `text[vs..ve)` as UTF-8; a lone surrogate is an error at its index (TextEncoder would write U+FFFD). */
function utf8 (text: string, vs: number, ve: number): Uint8Array {
  for (let i = vs; i < ve; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = text.charCodeAt(i + 1)
      if (c > 0xdbff || i + 1 >= ve || d < 0xdc00 || d > 0xdfff) bad(i)
      i++
    }
  }
  return (encoder ??= new TextEncoder()).encode(text.slice(vs, ve))
}

/** Decimal digits only (no sign, no space; leading zeros accepted as go's ParseUint does), at most `max`. */
function decimal (text: string, vs: number, ve: number, max: number): number {
  if (ve <= vs) bad(vs)
  let v = 0
  for (let i = vs; i < ve; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) bad(i)
    v = v * 10 + d
    if (v > max) bad(vs)
  }
  return v
}

function portBytes (text: string, vs: number, ve: number): number {
  const v = decimal(text, vs, ve, 65535)
  out[o++] = v >> 8
  out[o++] = v
  return v
}

/** Dotted quad, four decimal octets without leading zeros (as go's net.ParseIP since Go 1.17); errors at `at`. */
function ip4Bytes (text: string, vs: number, ve: number, at: number): void {
  let i = vs
  for (let k = 0; k < 4; k++) {
    const s = i
    let v = 0
    let d = 0
    while (i < ve && i - s < 3 && (d = text.charCodeAt(i) - 48) >= 0 && d <= 9) { v = v * 10 + d; i++ }
    if (i === s || v > 255 || (i - s > 1 && text.charCodeAt(s) === 48) || (k < 3 ? text.charCodeAt(i++) !== 0x2e : i !== ve)) bad(at)
    out[o++] = v
  }
}

/** RFC 4291 §2.2 text: eight groups of 1–4 hex digits, one `::`, optionally a dotted IPv4 tail. No zone. */
function ip6Bytes (text: string, vs: number, ve: number): void {
  // Scanned in place. measured: 1.43 → 1.1 µs per recorded address (fromString, A/B x3) against splitting on ':'.
  const start = o
  let gap = -1
  let i = vs
  if (text.startsWith('::', vs)) { gap = 0; i += 2 }
  while (i < ve) {
    if (o - start > 14) bad(vs)
    let k = i
    let v = 0
    let d = 0
    while (k < ve && k - i < 4 && (d = hexDigit(text.charCodeAt(k))) >= 0) { v = v * 16 + d; k++ }
    if (k < ve && text.charCodeAt(k) === 0x2e && o - start <= 12) { // dotted IPv4: the last 32 bits
      ip4Bytes(text, i, ve, vs)
      break
    }
    if (k === i) bad(vs)
    out[o++] = v >> 8
    out[o++] = v
    if (k === ve) break
    if (text.charCodeAt(k++) !== 0x3a || k === ve) bad(vs) // a fifth digit, another character, or a trailing ':'
    if (text.charCodeAt(k) === 0x3a) {
      if (gap >= 0) bad(vs)
      gap = o - start
      k++
    }
    i = k
  }
  const n = o - start
  // Without '::' exactly eight groups; with it at most seven ('::' stands for at least one zero group).
  if (gap < 0 ? n !== 16 : n > 14) bad(vs)
  if (gap >= 0) {
    out.copyWithin(start + 16 - (n - gap), start + gap, start + n)
    out.fill(0, start + gap, start + 16 - (n - gap))
    o = start + 16
  }
}

function hexDigit (c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1
}

function memoryBytes (text: string, vs: number, ve: number): void {
  decimal(text, vs, ve, Infinity) // digits only (the value is exact only as a BigInt)
  if (ve - vs > 20) bad(vs)
  const v = BigInt(text.slice(vs, ve))
  if (v >> 64n !== 0n) bad(vs)
  new DataView(out.buffer).setBigUint64(o, v)
  o += 8
}

/** `host:port`: lowercase (or uppercase, as go accepts) base32 host of 16 (onion) or 56 (onion3) characters. */
function onionBytes (text: string, vs: number, ve: number, hostChars: number): void {
  const colon = vs + hostChars
  if (colon >= ve || text.charCodeAt(colon) !== 0x3a) bad(vs)
  const host = rfcDecode(text, ONION32, vs, colon)
  out.set(host, o)
  o += host.length
  if (portBytes(text, colon + 1, ve) === 0) bad(colon + 1)
}

/** A peer id: base58btc multihash (`Qm…`, `1…`, as go and js), else a CIDv1 with the libp2p-key codec (0x72). */
function peerIdBytes (text: string, vs: number, ve: number): Uint8Array {
  const c = text.charCodeAt(vs)
  if (c === 0x31 || c === 0x51) return multibaseBytes(text, vs - 1, ve, 0x7a)
  const cid = multibaseBytes(text, vs, ve)
  // Version 1 and codec 0x72 as minimal uvarints are the single bytes 01 72.
  if (cid[0] !== 1 || cid[1] !== 0x72) fail('MULTIADDR_INVALID_VALUE', vs)
  return cid.subarray(2)
}

/**
 * Multibase text at `text[vs..ve)`: prefixes u (base64url), z (base58btc), b (base32), k (base36), as go accepts
 * (go and js take every multibase; these are the ones a certhash or a peer id CID uses in practice). `prefix`
 * overrides the first character (base58 peer ids have none). base58/base36 text over 256 characters is refused
 * before decoding: those decoders are quadratic.
 */
function multibaseBytes (text: string, vs: number, ve: number, prefix = text.charCodeAt(vs)): Uint8Array {
  const decode = prefix === 0x75 ? base64urlDecode : prefix === 0x7a ? base58btcDecode : prefix === 0x62 ? base32Decode : prefix === 0x6b ? base36Decode : undefined
  if (decode === undefined) return fail('INVALID_BASE_ENCODING', vs)
  if ((prefix === 0x7a || prefix === 0x6b) && ve - vs > 257) fail('MULTIADDR_INVALID_VALUE', vs + 1)
  return decode(text, vs + 1, ve)
}

/** go's url.QueryUnescape: %XX (either case) and '+' as space; any other character as its UTF-8. */
function queryUnescape (text: string, vs: number, ve: number): Uint8Array {
  const r: number[] = []
  for (let i = vs; i < ve; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x25) {
      const x = (hexDigit(text.charCodeAt(i + 1)) << 4) | hexDigit(text.charCodeAt(i + 2))
      if (x < 0 || i + 2 >= ve) bad(i)
      r.push(x)
      i += 2
    } else {
      // '+' is a space; a surrogate pair goes to the encoder whole
      const k = c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1
      r.push(...(c === 0x2b ? [0x20] : utf8(text, i, Math.min(k, ve))))
      i = k - 1
    }
  }
  return new Uint8Array(r)
}
