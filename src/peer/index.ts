// Keys, peer ids, signed peer records, Identify Delta and the receiver's verdict. Re-exports only.

export { sha256 } from './sha256.js'
export { decodePublicKey, encodePublicKey, publicKeySize, validateKeyData, KEY_TYPES, RSA_MIN_BITS, RSA_MAX_BITS } from './keys.js'
export type { KeyType, PublicKey } from './keys.js'
export {
  peerIdFromPublicKey, peerIdToString, parsePeerId, validatePeerId, peerIdPublicKey, peerIdMatches, peerIdFromMultiaddr,
  MAX_INLINE_KEY_LENGTH
} from './peer-id.js'
export type { PeerIdFormat } from './peer-id.js'
export {
  decodeSignedPeerRecord, decodeEnvelope, decodePeerRecord, envelopeSignedBytes,
  PEER_RECORD_DOMAIN, PEER_RECORD_PAYLOAD_TYPE, LEGACY_ROUTING_STATE_PAYLOAD_TYPE
} from './record.js'
export type { Envelope, PeerRecord, SignedPeerRecord, DecodeSignedPeerRecordOptions } from './record.js'
export { decodeDelta, encodeDelta, deltaEncodedLength, deltaToUnknownField, deltaFromIdentify, applyDelta, DELTA_FIELD } from './delta.js'
export type { Delta, DecodeDeltaOptions } from './delta.js'
export { checkIdentify } from './verdict.js'
export type { Verdict, TrustedVerdict, UntrustedVerdict, VerdictFindings, KeyVerdict, RecordVerdict, Problem, CheckIdentifyOptions } from './verdict.js'
export { verifyIdentify, verifySignedPeerRecord, verifySignature, verifyPublicKey } from './verify.js'
export type { VerifyOptions } from './verify.js'
export { verifySecp256k1, secp256k1KeyValid } from './secp256k1.js'
export type { Secp256k1VerifyOptions } from './secp256k1.js'
export { announceAddrs, recordAddrs, filterLearnedAddrs, isLoopbackAddr, isPrivateAddr, isPublicAddr } from './announce.js'
export type { RecordAddrsOptions } from './announce.js'
