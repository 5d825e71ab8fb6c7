// The wire layer: varints, tags, field skipping and UTF-8, as allocation-free primitives that return a count
// or a negative status. Public entry `identify-wire/wire`. Knows nothing of Identify or multiaddrs.

export { decodeVarint, consumeVarint, varintLength, writeVarint, MAX_VARINT_BYTES, ERR_TRUNCATED, ERR_OVERFLOW } from './varint.js'
export {
  decodeTag, consumeTag, fieldNumberOf, wireTypeOf, tagLength, writeTag, consumeFieldValue,
  VARINT, I64, LEN, SGROUP, EGROUP, I32, MAX_FIELD_NUMBER, ERR_FIELD_NUMBER, ERR_WIRE_TYPE, ERR_GROUP, ERR_LENGTH
} from './tag.js'
export { statusError } from './status.js'
export { decodeUtf8, validateUtf8, utf8Length, writeUtf8 } from './utf8.js'
