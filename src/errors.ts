// WireError: the one error type every decoder, validator and parser of this library throws on bad input.
// Codes are stable strings (a union type); offsets are absolute byte offsets (character index for text).

/** Every code a {@link WireError} can carry. Stable: tests and callers may switch on them. */
export type WireErrorCode =
  // wire layer
  | 'TRUNCATED' // input ends inside a varint, a tag, a length prefix or a value
  | 'VARINT_OVERFLOW' // varint longer than 10 bytes, or value above Number.MAX_SAFE_INTEGER (2^53-1)
  | 'VARINT_NON_MINIMAL' // varint with redundant trailing 0x80/0x00 groups where minimal form is required
  | 'FIELD_NUMBER_INVALID' // field number 0 or above 2^29-1
  | 'WIRE_TYPE_INVALID' // wire type 6 or 7
  | 'WIRE_TYPE_GROUP' // wire type 3/4 (SGROUP/EGROUP): deprecated groups are rejected
  | 'WIRE_TYPE_MISMATCH' // strict mode: a known field with the wrong wire type
  | 'LENGTH_OUT_OF_BOUNDS' // a length-delimited value declares more bytes than the input holds
  | 'INVALID_UTF8' // strict mode: a string field is not valid UTF-8
  // Identify message and framing
  | 'TOO_MANY_PROTOCOLS' // more protocols than options.maxProtocols
  | 'TOO_MANY_LISTEN_ADDRS' // more listen addresses than options.maxListenAddrs
  | 'MESSAGE_TOO_LARGE' // a frame's declared length exceeds options.maxMessageSize
  | 'TOO_MANY_FRAMES' // more frames than options.maxFrames
  | 'LENGTH_PREFIX_NON_MINIMAL' // a frame's uvarint length prefix is not minimal
  | 'BUFFER_TOO_SMALL' // encodeIdentifyInto: the target cannot hold the message
  // multiaddr
  | 'MULTIADDR_EMPTY'
  | 'MULTIADDR_UNKNOWN_PROTOCOL'
  | 'MULTIADDR_UNSIZED_PROTOCOL' // in the multicodec table, but with no defined value size (thread, shs, ...)
  | 'MULTIADDR_CODE_TOO_LARGE'
  | 'MULTIADDR_INVALID_VALUE'
  | 'MULTIADDR_EMPTY_VALUE'
  | 'MULTIADDR_AFTER_PATH' // anything after a path protocol such as /unix
  | 'MULTIADDR_TEXT_INVALID'
  // text encodings
  | 'INVALID_BASE_ENCODING'
  // keys, peer ids, records
  | 'KEY_INVALID'
  | 'KEY_TYPE_UNSUPPORTED'
  | 'PEER_ID_INVALID'
  | 'RECORD_INVALID'
  | 'KEY_RSA_SIZE' // RSA modulus outside 2048..8192 bits (go-libp2p MinRsaKeyBits / maxRsaKeyBits)
  | 'PEER_ID_MISMATCH' // a public key does not hash to the expected peer id
  | 'RECORD_PAYLOAD_TYPE' // envelope payload_type is not libp2p-peer-record (03 01)
  | 'RECORD_KEY_MISMATCH' // envelope key does not match the record's peer id or the Identify publicKey
  | 'RECORD_ADDR_INVALID' // an address in the peer record is not a valid multiaddr
  | 'RECORD_SIGNATURE_INVALID' // the signed peer record's signature does not verify

/** What an error is about, where known: a field path such as `listenAddrs[2]`. */
export interface WireErrorDetails {
  /** Field path of the value being read, e.g. `protocols[3]` or `listenAddrs[2]`. */
  path?: string
}

/**
 * The error thrown for any malformed input.
 *
 * @example
 * ```ts
 * try { decodeIdentify(bytes) } catch (e) {
 *   if (e instanceof WireError) console.log(e.code, e.offset, e.path)
 * }
 * ```
 */
export class WireError extends Error {
  // `declare`: assigned in the constructor, no class-field code emitted.
  /** Stable machine-readable code. */
  declare readonly code: WireErrorCode
  /** Absolute byte offset into the input where the problem starts (character index for text input). */
  declare readonly offset: number
  /** Field path where known (`listenAddrs[2]`), otherwise undefined. */
  declare readonly path: string | undefined
  /** What is wrong, in a few words (the message is `code at offset (path): detail`). */
  declare readonly detail: string

  constructor (code: WireErrorCode, offset: number, detail: string, details?: WireErrorDetails) {
    const path = details?.path
    super(`${code} at ${offset}${path === undefined ? '' : ` (${path})`}: ${detail}`)
    this.code = code
    this.offset = offset
    this.path = path
    this.detail = detail
    this.name = 'WireError'
  }
}
