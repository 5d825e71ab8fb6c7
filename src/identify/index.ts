// The Identify message: body codec (message.ts) and stream framing/merging. Re-exports only.

export { decodeIdentify, decodeIdentifyRange, encodeIdentify, encodeIdentifyInto, identifyEncodedLength } from './message.js'
export type { Identify, IdentifyInput, DecodeIdentifyOptions, UnknownField } from './message.js'
export {
  decodeIdentifyStream, IdentifyFrameReader, encodeIdentifyStream, identifyStreamEncodedLength, identifyStreamFrames,
  DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAMES, DEFAULT_FIRST_FRAME_LIMIT, DEFAULT_FRAME_LIMIT, DEFAULT_MAX_FRAMES_WRITTEN
} from './framing.js'
export type { DecodeIdentifyStreamOptions, EncodeIdentifyStreamOptions } from './framing.js'
export { mergeIdentify, mergeIdentifyFrames } from './merge.js'
