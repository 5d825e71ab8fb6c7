// The Identify message: body codec (message.ts) and stream framing/merging. Re-exports only.

export { decodeIdentify, decodeIdentifyRange, encodeIdentify, encodeIdentifyInto, identifyEncodedLength } from './message.js'
export type { Identify, IdentifyInput, DecodeIdentifyOptions, UnknownField } from './message.js'
