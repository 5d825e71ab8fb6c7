// The Identify message: body decoder (message.ts) and encoder (encode.ts), stream reading and merging (framing.ts,
// merge.ts) and stream writing (stream-encode.ts). Re-exports only.

export { decodeIdentify, decodeIdentifyRange } from './message.js'
export { encodeIdentify, encodeIdentifyInto, identifyEncodedLength, MAX_ENCODED_SIZE } from './encode.js'
export type { Identify, IdentifyInput, DecodeIdentifyOptions, UnknownField } from './message.js'
export { decodeIdentifyStream, IdentifyFrameReader, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES } from './framing.js'
export { DEFAULT_MAX_PROTOCOLS, DEFAULT_MAX_LISTEN_ADDRS } from './options.js'
export type { DecodeIdentifyStreamOptions } from './framing.js'
export {
  encodeIdentifyStream, identifyStreamEncodedLength, identifyStreamFrames,
  DEFAULT_FIRST_FRAME_LIMIT, DEFAULT_FRAME_LIMIT, DEFAULT_MAX_FRAMES_WRITTEN
} from './stream-encode.js'
export type { EncodeIdentifyStreamOptions } from './stream-encode.js'
export { mergeIdentify, mergeIdentifyFrames } from './merge.js'
