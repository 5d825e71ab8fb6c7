// The frame scanner: the uvarint length prefix of an Identify frame (/ipfs/id/1.0.0, /ipfs/id/push/1.0.0), checked
// the way go- and rust-libp2p read it. Shared by every reader of frames (framing.ts, the CLI); decodes no body.

import { WireError } from '../errors.js'
import { consumeVarint, decodeVarint, varintLength } from '../wire/varint.js'

// Status codes of readFramePrefix beyond the varint ones (-1 truncated, -2 overflow).
export const ERR_NON_MINIMAL = -20
export const ERR_TOO_LARGE = -21

/**
 * Checks a frame's length prefix at `buf[pos..end)`: bytes it takes (the length is `decodeVarint(buf, pos, end)`),
 * or a negative status (truncated, overflow, non-minimal, too large). Checks run in that order: they define which
 * error a prefix that is both non-minimal and too large gives. Never throws, never allocates.
 */
export function readFramePrefix (buf: Uint8Array, pos: number, end: number, maxSize: number): number {
  const len = decodeVarint(buf, pos, end)
  if (len < 0) return len
  // go (delimited reader) and rust (unsigned-varint) reject non-minimal prefixes; js accepts them.
  const n = consumeVarint(buf, pos, end)
  if (n !== varintLength(len)) return ERR_NON_MINIMAL
  return len > maxSize ? ERR_TOO_LARGE : n
}

/** The WireError for status `status` of the prefix at `buf[pos..end)`, reported at stream offset `offset`. */
export function framePrefixError (status: number, offset: number, maxSize: number, buf: Uint8Array, pos: number, end: number): WireError {
  if (status === ERR_NON_MINIMAL) return new WireError('LENGTH_PREFIX_NON_MINIMAL', offset, 'frame length prefix is not a minimal uvarint')
  if (status === ERR_TOO_LARGE) return new WireError('MESSAGE_TOO_LARGE', offset, `frame declares ${decodeVarint(buf, pos, end)} bytes, more than maxMessageSize ${maxSize}`)
  // ERR_OVERFLOW (truncation is reported by the callers, at the frame's start)
  return new WireError('VARINT_OVERFLOW', offset, 'frame length prefix is not a varint of at most 10 bytes below 2^53')
}

