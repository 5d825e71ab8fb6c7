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
  decodeSignedPeerRecord, decodeEnvelope, decodePeerRecord, envelopeSignedBytes, verifySignedPeerRecord,
  PEER_RECORD_DOMAIN, PEER_RECORD_PAYLOAD_TYPE
} from './record.js'
export type { Envelope, PeerRecord, SignedPeerRecord, DecodeSignedPeerRecordOptions } from './record.js'
export { decodeDelta, encodeDelta, deltaEncodedLength, deltaToUnknownField, deltaFromIdentify, applyDelta, DELTA_FIELD } from './delta.js'
export type { Delta, DecodeDeltaOptions } from './delta.js'
export { checkIdentify, verifyIdentify } from './verdict.js'
export type { Verdict, KeyVerdict, RecordVerdict, Problem, CheckIdentifyOptions } from './verdict.js'
export { announceAddrs, recordAddrs, filterLearnedAddrs, isLoopbackAddr, isPrivateAddr, isPublicAddr } from './announce.js'
export type { RecordAddrsOptions } from './announce.js'
