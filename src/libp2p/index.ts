// identify-wire/libp2p: a drop-in for js-libp2p's generated `Identify` codec (@libp2p/identify's pb/message.js).
export { Identify, MaxLengthError } from './adapter.js'
export type { BytesLike, Libp2pDecodeOptions, IdentifyCodec, IdentifyFieldEvent, ProtonsReader, ProtonsWriter } from './adapter.js'
