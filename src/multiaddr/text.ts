// Multiaddr text form, both ways (multiformats/multiaddr spec). Output is what go-multiaddr and
// @multiformats/multiaddr 13 print where they agree, go's where they differ; both directions apply every rule of the
// binary validator (same codes). Not a URI parser: no DNS, no normalisation of names.

import { writeVarint } from '../wire/varint.js'
import { Cursor } from './cursor.js'
import { failure, multiaddrError, textFailure } from './status.js'
import { SIZE_VAR, recordByName, unsizedProtocol } from './table.js'
import { nextComponent } from './validate.js'

const NO_VALUE: Uint8Array = new Uint8Array(0)

const enum Text {
  Slash = 0x2f,
  /** Bytes of a protocol code or a length prefix as a varint (codes and lengths are far below 2^35). */
  MaxVarintBytes = 5,
  /** First output buffer: small enough to live on the JS heap (V8 keeps typed arrays of up to 64 bytes there). */
  FirstOutput = 64
}

/**
 * Prints a binary multiaddr in its text form (`/ip4/127.0.0.1/tcp/4001/p2p/12D3Koo…`). The bytes are checked with
 * the rules of {@link validateMultiaddr} while printing; an invalid address throws the validator's `WireError` (code
 * and byte offset) and is never printed. TypeError for a non-Uint8Array. Names (dns, sni, unix, …) are printed as
 * they are: use {@link multiaddrToDisplayString} for text that goes to a terminal or a page.
 *
 * @example
 * ```ts
 * multiaddrToString(Uint8Array.of(0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1)) // '/ip4/127.0.0.1/tcp/4001'
 * multiaddrToString(Uint8Array.of(0x04, 127, 0))  // throws WireError: code 'TRUNCATED', offset 1
 * ```
 */
export function multiaddrToString (bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Uint8Array')
  // The validator's own walk, printing each component once its value has passed its rules: an invalid address
  // throws the validator's error and nothing invalid is ever printed.
  const end = bytes.length
  if (end === 0) throw multiaddrError(failure('MULTIADDR_EMPTY', 0))
  const cur = new Cursor()
  let s = ''
  for (let pos = 0; pos < end;) {
    const next = nextComponent(bytes, pos, end, cur)
    if (next < 0) throw multiaddrError(next)
    const p = cur.protocol!
    s += p.prefix + p.value.toText(bytes, cur.valueStart, next)
    pos = next
  }
  return s
}

/**
 * Parses the text form of a multiaddr into its binary form. Accepts what go-multiaddr accepts for the protocols of
 * the table (`/ipfs/` as an alias of `/p2p/`, p2p as base58btc or a CIDv1 libp2p-key, certhash in the multibases
 * u/z/b/k, trailing '/' ignored), and applies every value rule of {@link validateMultiaddr}. Throws WireError
 * with the character index of the offending component or value; TypeError for a non-string. Memory grows with
 * the text parsed so far (a text invalid at its start allocates nothing in proportion to its length).
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
  if (typeof text !== 'string') throw new TypeError('expected a string')
  let len = text.length
  // go-multiaddr trims trailing slashes before splitting; js ignores one. Neither ever prints one.
  while (len > 0 && text.charCodeAt(len - 1) === Text.Slash) len--
  if (len === 0) textFailure('MULTIADDR_EMPTY', 0)
  if (text.charCodeAt(0) !== Text.Slash) textFailure('MULTIADDR_TEXT_INVALID', 0)
  // Each value is parsed before anything is allocated for it, and the output grows with what has been parsed.
  let out = new Uint8Array(Text.FirstOutput)
  let o = 0
  const cur = new Cursor()
  for (let i = 1; i < len;) {
    let j = text.indexOf('/', i)
    if (j < 0 || j > len) j = len
    if (j === i) textFailure('MULTIADDR_TEXT_INVALID', i)
    const name = text.slice(i, j)
    const p = recordByName(name)
    if (p === undefined) textFailure(unsizedProtocol(name) === undefined ? 'MULTIADDR_UNKNOWN_PROTOCOL' : 'MULTIADDR_UNSIZED_PROTOCOL', i)
    let value = NO_VALUE
    if (p.size !== 0) {
      if (j >= len) textFailure('MULTIADDR_TEXT_INVALID', j)
      // A path (unix) is the rest of the text with its leading '/' (go-multiaddr).
      const vs = p.path ? j : j + 1
      j = p.path ? len : text.indexOf('/', vs)
      if (j < 0 || j > len) j = len
      if (j === vs) textFailure('MULTIADDR_TEXT_INVALID', vs)
      value = p.value.fromText(text, vs, j)
      // The framing is ours and correct by construction; the value rules are the validator's own, with its codes.
      if (value.length === 0) textFailure('MULTIADDR_EMPTY_VALUE', vs)
      if (p.value.check(value, 0, value.length, cur) < 0) textFailure('MULTIADDR_INVALID_VALUE', vs)
    }
    const need = Text.MaxVarintBytes * 2 + value.length // code, length prefix, value
    if (o + need > out.length) {
      const bigger = new Uint8Array(2 * out.length + need)
      bigger.set(out)
      out = bigger
    }
    o += writeVarint(out, o, p.code)
    if (p.size === SIZE_VAR) o += writeVarint(out, o, value.length)
    out.set(value, o)
    o += value.length
    cur.prev = p.code
    i = j + 1
  }
  return out.slice(0, o)
}
