// identify-wire: the public API. Re-exports only; each module documents its own spec and limits.

export { WireError } from './errors.js'
export type { WireErrorCode, WireErrorDetails } from './errors.js'
export { sanitize, sanitizeDetailed, sanitizeIdentify, CF_RANGES, CF_UNICODE_VERSION } from './unicode/index.js'
export type { SanitizeOptions, SanitizeResult, IdentifyStrings } from './unicode/index.js'
export { decodeIdentify, decodeIdentifyRange, encodeIdentify, encodeIdentifyInto, identifyEncodedLength, MAX_ENCODED_SIZE } from './identify/index.js'
export type { Identify, IdentifyInput, DecodeIdentifyOptions, UnknownField } from './identify/index.js'
export { SIZE_VAR, protocolByCode, protocolByName, validateMultiaddr, isValidMultiaddr, checkIdentifyAddrs } from './multiaddr/index.js'
export type { Protocol, Component, MultiaddrValidation, CheckedAddr, CheckedIdentifyAddrs, IdentifyAddrs } from './multiaddr/index.js'
export { multiaddrToString, multiaddrFromString, multiaddrToDisplayString } from './multiaddr/index.js'
export {
  decodeIdentifyStream, IdentifyFrameReader, encodeIdentifyStream, identifyStreamEncodedLength, identifyStreamFrames,
  DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES, DEFAULT_FIRST_FRAME_LIMIT, DEFAULT_FRAME_LIMIT, DEFAULT_MAX_FRAMES_WRITTEN,
  mergeIdentify, mergeIdentifyFrames
} from './identify/index.js'
export type { DecodeIdentifyStreamOptions, EncodeIdentifyStreamOptions } from './identify/index.js'
export {
  sha256, decodePublicKey, encodePublicKey, publicKeySize, validateKeyData, KEY_TYPES, RSA_MIN_BITS, RSA_MAX_BITS,
  peerIdFromPublicKey, peerIdToString, parsePeerId, validatePeerId, peerIdPublicKey, peerIdMatches, peerIdFromMultiaddr, MAX_INLINE_KEY_LENGTH,
  decodeSignedPeerRecord, decodeEnvelope, decodePeerRecord, envelopeSignedBytes, verifySignedPeerRecord, PEER_RECORD_DOMAIN, PEER_RECORD_PAYLOAD_TYPE, LEGACY_ROUTING_STATE_PAYLOAD_TYPE,
  decodeDelta, encodeDelta, deltaEncodedLength, deltaToUnknownField, deltaFromIdentify, applyDelta, DELTA_FIELD,
  checkIdentify, verifyIdentify,
  verifySignature, verifyPublicKey, verifySecp256k1, secp256k1KeyValid
} from './peer/index.js'
export type {
  KeyType, PublicKey, PeerIdFormat, Envelope, PeerRecord, SignedPeerRecord, DecodeSignedPeerRecordOptions, Delta, DecodeDeltaOptions,
  Verdict, KeyVerdict, RecordVerdict, Problem, CheckIdentifyOptions,
  TrustedVerdict, UntrustedVerdict, VerdictFindings, VerifyOptions, Secp256k1VerifyOptions
} from './peer/index.js'
