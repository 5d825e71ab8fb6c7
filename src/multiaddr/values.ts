// The value kinds of multiaddr protocols: for each, its size rule, its binary check and its text form both ways
// (multiformats/multiaddr spec; go-multiaddr transcoders.go is the reference for the rules). table.ts gives each
// protocol one of these. Checks never throw or allocate; the text parser throws WireError at a character index.

import { base32Decode, base36Decode, base58btcDecode, base64urlDecode } from '../bases/index.js'
import { base58btcEncodeRange } from '../bases/basex.js'
import { BASE32_CODEC, BASE64URL_CODEC, rfc4648, rfcDecode, rfcEncode } from '../bases/rfc4648.js'
import { decodeUtf8, validateUtf8 } from '../wire/utf8.js'
import { type Cursor, readUvarint } from './cursor.js'
import { bad, decimal, hexDigit, ip4Bytes, ip4Text, ip6Bytes, ip6Text, portBytes, u16 } from './ip.js'
import { failure, textFailure } from './status.js'

/** `Protocol.size` of a length-prefixed (uvarint length + bytes) value. */
export const SIZE_VAR = -1

/** What a protocol's value is: size, rule, and text form both ways. */
export interface ValueKind {
  /** Size in bits: 0 no value, > 0 fixed, {@link SIZE_VAR} uvarint length prefix + bytes. */
  readonly size: number
  /** The value is a path that swallows the rest of the text form (`/unix`); nothing may follow it in binary. */
  readonly path: boolean
  /**
   * Checks the value `b[s..e)` (its framing already checked; `cur.prev` is the previous protocol's code). Returns `e`
   * when valid, else the MULTIADDR_INVALID_VALUE status at the first bad byte.
   */
  readonly check: (b: Uint8Array, s: number, e: number, cur: Cursor) => number
  /** The text of the checked value `b[s..e)`. */
  readonly toText: (b: Uint8Array, s: number, e: number) => string
  /**
   * The bytes of the value written as text `t[s..e)` (a new array the caller owns; the caller frames it and
   * checks it), or throws WireError at a character index.
   */
  readonly fromText: (t: string, s: number, e: number) => Uint8Array
}

/** Characters of the text forms. */
const enum Char { Slash = 0x2f, Percent = 0x25, Plus = 0x2b, Space = 0x20, Equals = 0x3d, Colon = 0x3a, One = 0x31, Q = 0x51 }
/** Multibase prefixes accepted where a multibase is expected (multiformats/multibase multibase.csv). */
const enum Multibase { Base64url = 0x75, Base58btc = 0x7a, Base32 = 0x62, Base36 = 0x6b }
/** Multicodec codes (multicodec table.csv): ip4, the multihashes sha2-256 and identity, CIDv1, libp2p-key. */
const enum Codec { Ip4 = 0x04, Sha2_256 = 0x12, Identity = 0x00, CidV1 = 1, Libp2pKey = 0x72 }
/** Value sizes in bytes, and text lengths. */
const enum Size {
  Sha2_256 = 32,
  /** Longest key the libp2p peer-ids spec inlines in an identity multihash. */
  MaxInlineKey = 42,
  /** base58btc and base36 text is refused above this length before decoding: those decoders are quadratic. */
  MaxBignumText = 256,
  OnionHost = 10,
  Onion3Host = 35,
  /** go garlic64Validate and garlic32Validate. */
  MinGarlic64 = 386,
  Garlic32Hash = 32,
  MinGarlic32 = 35,
  /** Decimal digits of 2^64 - 1 (memory values). */
  MaxU64Digits = 20,
  /** ipcidr prefix lengths: ip6 (any family) and ip4. */
  MaxPrefix = 128,
  MaxIp4Prefix = 32
}

/** i2p's base64 alphabet (`-~` instead of `+/`); go-multiaddr's garlic64 writes and requires '=' padding. */
const I2P64 = rfc4648('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~')
/** base32 that also reads uppercase letters, as go does for onion hosts (decoded in place: no case-folded copy). */
const ONION32 = { ...BASE32_CODEC, map: BASE32_CODEC.map.map((v, c) => c >= 65 && c <= 90 ? BASE32_CODEC.map[c + 32]! : v) }

const valid = (_b: Uint8Array, _s: number, e: number): number => e
const invalid = (at: number): number => failure('MULTIADDR_INVALID_VALUE', at)
const none = (): string => ''
const nothing = (): Uint8Array => new Uint8Array(0)

function kind (size: number, check: ValueKind['check'], toText: ValueKind['toText'], fromText: ValueKind['fromText'], path = false): ValueKind {
  return { size, path, check, toText, fromText }
}

/** No value (tcp's transports, ws, quic-v1, ...). */
export const NONE = kind(0, valid, none, nothing)

export const IP4 = kind(32, valid, ip4Text, (t, s, e) => ip4Bytes(t, s, e, s, new Uint8Array(4), 0))

export const IP6 = kind(128, valid, ip6Text, ip6Bytes)

/** tcp, udp, dccp, sctp: a big-endian port. */
export const PORT = kind(16, valid, (b, s) => '' + u16(b, s), (t, s, e) => {
  const out = new Uint8Array(2)
  portBytes(t, s, e, out, 0)
  return out
})

/** ipcidr: a prefix length; no family has more than 128 bits, ip4 no more than 32 (go checks neither). */
export const IPCIDR = kind(8, (b, s, e, cur) => {
  const v = b[s]!
  return v > Size.MaxPrefix || (cur.prev === Codec.Ip4 && v > Size.MaxIp4Prefix) ? invalid(s) : e
}, (b, s) => '' + b[s]!, (t, s, e) => Uint8Array.of(decimal(t, s, e, 255)))

/** No '/' (the text form splits on it) and valid UTF-8 (the text form must print it losslessly). */
function checkName (b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if (b[i] === Char.Slash) return invalid(i)
  const at = validateUtf8(b, s, e)
  return at < 0 ? e : invalid(at)
}

/** `t[s..e)` as UTF-8, checked first: a lone surrogate is an error at its index (TextEncoder would write U+FFFD). */
function utf8 (t: string, s: number, e: number): Uint8Array {
  checkSurrogates(t, s, e)
  return new TextEncoder().encode(t.slice(s, e))
}

function checkSurrogates (t: string, s: number, e: number): void {
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = t.charCodeAt(i + 1)
      if (c > 0xdbff || i + 1 >= e || d < 0xdc00 || d > 0xdfff) bad(i)
      i++
    }
  }
}

/**
 * dns, dns4, dns6, dnsaddr, sni, ip6zone: a non-empty UTF-8 name without '/', printed as it is (the kinds whose
 * `toText` is decodeUtf8 are the ones the display form escapes).
 */
export const NAME = kind(SIZE_VAR, checkName, decodeUtf8, utf8)

/** unix: as go's unixValidate, starts with '/', at least 2 bytes, no trailing '/'; UTF-8. Swallows the rest of the text. */
export const UNIX = kind(SIZE_VAR, (b, s, e) => {
  if (e - s < 2 || b[s] !== Char.Slash) return invalid(s)
  if (b[e - 1] === Char.Slash) return invalid(e - 1)
  const at = validateUtf8(b, s, e)
  return at < 0 ? e : invalid(at)
}, decodeUtf8, utf8, true)

/**
 * A multihash filling exactly `b[s..e)`: minimal code varint, minimal length varint, that many bytes. sha2-256
 * digests must be 32 bytes. For a peer id only sha2-256 and identity (1..42 bytes) are allowed, as go-multiaddr's
 * p2pVal and rust's PeerId::from_multihash (an empty identity is refused too: no key is empty).
 */
function checkMultihash (b: Uint8Array, s: number, e: number, cur: Cursor, peerId: boolean): number {
  const lenAt = readUvarint(b, s, e, cur)
  if (lenAt < 0) return invalid(s)
  const hashCode = cur.value
  const digestAt = readUvarint(b, lenAt, e, cur)
  if (digestAt < 0) return invalid(lenAt)
  const digest = cur.value
  if (digest !== e - digestAt) return invalid(lenAt)
  if (hashCode === Codec.Sha2_256) return digest === Size.Sha2_256 ? e : invalid(lenAt)
  if (!peerId) return e
  if (hashCode !== Codec.Identity) return invalid(s)
  return digest === 0 || digest > Size.MaxInlineKey ? invalid(lenAt) : e
}

const MULTIBASES: Partial<Record<number, (t: string, s: number, e: number) => Uint8Array>> = {
  [Multibase.Base64url]: base64urlDecode, [Multibase.Base58btc]: base58btcDecode, [Multibase.Base32]: base32Decode, [Multibase.Base36]: base36Decode
}

/**
 * Multibase text at `t[s..e)`: prefixes u (base64url), z (base58btc), b (base32), k (base36), as go accepts (go and
 * js take every multibase; these are the ones a certhash or a peer id CID uses in practice). `prefix` overrides the
 * first character (base58 peer ids have none).
 */
function multibaseBytes (t: string, s: number, e: number, prefix = t.charCodeAt(s)): Uint8Array {
  const decode = MULTIBASES[prefix]
  if (decode === undefined) return textFailure('INVALID_BASE_ENCODING', s)
  if ((prefix === Multibase.Base58btc || prefix === Multibase.Base36) && e - s > Size.MaxBignumText + 1) textFailure('MULTIADDR_INVALID_VALUE', s + 1)
  return decode(t, s + 1, e)
}

/** p2p: a peer id multihash. Text: base58btc (`Qm…`, `1…`, as go and js), or a CIDv1 with the libp2p-key codec. */
export const P2P = kind(SIZE_VAR, (b, s, e, cur) => checkMultihash(b, s, e, cur, true), base58btcEncodeRange, (t, s, e) => {
  const c = t.charCodeAt(s)
  // identity (`1…`) or sha2-256 (`Qm…`): base58btc without a prefix
  if (c === Char.One || c === Char.Q) return multibaseBytes(t, s - 1, e, Multibase.Base58btc)
  const cid = multibaseBytes(t, s, e)
  if (cid[0] !== Codec.CidV1 || cid[1] !== Codec.Libp2pKey) textFailure('MULTIADDR_INVALID_VALUE', s)
  return cid.subarray(2)
})

/** certhash: a multihash, printed as multibase base64url. */
export const CERTHASH = kind(SIZE_VAR, (b, s, e, cur) => checkMultihash(b, s, e, cur, false),
  (b, s, e) => 'u' + rfcEncode(b, BASE64URL_CODEC, s, e), (t, s, e) => multibaseBytes(t, s, e))

/** onion (10-byte host) and onion3 (35-byte key): host + port, port != 0; text `host:port`, host in base32. */
function onion (hostBytes: number): ValueKind {
  const hostChars = hostBytes * 8 / 5
  return kind((hostBytes + 2) * 8, (b, s, e) => b[s + hostBytes] === 0 && b[s + hostBytes + 1] === 0 ? invalid(s + hostBytes) : e,
    (b, s, e) => rfcEncode(b, BASE32_CODEC, s, e - 2) + ':' + u16(b, e - 2),
    (t, s, e) => {
      const colon = s + hostChars
      if (colon >= e || t.charCodeAt(colon) !== Char.Colon) bad(s)
      const out = new Uint8Array(hostBytes + 2)
      out.set(rfcDecode(t, ONION32, s, colon))
      if (portBytes(t, colon + 1, e, out, hostBytes) === 0) bad(colon + 1)
      return out
    })
}
export const ONION = onion(Size.OnionHost)
export const ONION3 = onion(Size.Onion3Host)

/** garlic64: an I2P destination of at least 386 bytes, in i2p's padded base64. */
export const GARLIC64 = kind(SIZE_VAR, (_b, s, e) => e - s < Size.MinGarlic64 ? invalid(s) : e,
  (b, s, e) => rfcEncode(b, I2P64, s, e) + '='.repeat((3 - (e - s) % 3) % 3),
  (t, s, e) => {
    // the padding must be exactly what the encoder writes (at most two '=')
    let d = e
    while (d > s && e - d < 2 && t.charCodeAt(d - 1) === Char.Equals) d--
    if ((e - s) % 4 !== 0 || e - d !== (4 - (d - s) % 4) % 4) textFailure('INVALID_BASE_ENCODING', e - 1)
    return rfcDecode(t, I2P64, s, d)
  })

/** garlic32: a 32-byte hash, or >= 35 bytes for encrypted lease sets; base32. */
export const GARLIC32 = kind(SIZE_VAR, (_b, s, e) => e - s < Size.MinGarlic32 && e - s !== Size.Garlic32Hash ? invalid(s) : e,
  (b, s, e) => rfcEncode(b, BASE32_CODEC, s, e), base32Decode)

/** memory: an 8-byte big-endian u64 printed in decimal (go and rust; js writes the text itself into the bytes). */
export const MEMORY = kind(64, valid, (b, s) => '' + new DataView(b.buffer, b.byteOffset + s, 8).getBigUint64(0),
  (t, s, e) => {
    decimal(t, s, e, Infinity) // digits only (the value is exact only as a BigInt)
    if (e - s > Size.MaxU64Digits) bad(s)
    const v = BigInt(t.slice(s, e))
    if (v >> 64n !== 0n) bad(s)
    const out = new Uint8Array(8)
    new DataView(out.buffer).setBigUint64(0, v)
    return out
  })

/** http-path: any bytes, printed with go's url.QueryEscape (unreserved as they are, space as '+', else %XX). */
export const HTTP_PATH = kind(SIZE_VAR, valid, (b, s, e) => {
  let r = ''
  for (let i = s; i < e; i++) {
    const c = b[i]!
    const ch = String.fromCharCode(c)
    // RFC 3986 unreserved (ALPHA DIGIT - . _ ~) as they are
    r += /[\w.~-]/.test(ch) ? ch : c === Char.Space ? '+' : '%' + (c | 256).toString(16).slice(1).toUpperCase()
  }
  return r
}, (t, s, e) => {
  // Two passes: the first checks and measures (writes into an empty array are no-ops), so nothing is allocated for
  // text that turns out invalid.
  const out = new Uint8Array(queryUnescape(t, s, e, new Uint8Array(0)))
  queryUnescape(t, s, e, out)
  return out
})

/**
 * go's url.QueryUnescape of `t[s..e)`: %XX (either case) and '+' as a space; any other character as its UTF-8.
 * Writes into `out` as far as it reaches; returns the byte count.
 */
function queryUnescape (t: string, s: number, e: number, out: Uint8Array): number {
  let o = 0
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i)
    if (c === Char.Percent) {
      const x = (hexDigit(t.charCodeAt(i + 1)) << 4) | hexDigit(t.charCodeAt(i + 2))
      if (x < 0 || i + 2 >= e) bad(i)
      out[o++] = x
      i += 2
    } else if (c === Char.Plus) {
      out[o++] = Char.Space
    } else {
      const k = c >= 0xd800 && c <= 0xdbff ? Math.min(i + 2, e) : i + 1 // a surrogate pair goes whole
      for (const b of utf8(t, i, k)) out[o++] = b
      i = k - 1
    }
  }
  return o
}
