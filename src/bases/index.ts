// Zero-dependency text codecs for multiaddr values and peer ids: base58btc, base32, base36, base64url (no multibase
// prefixes; strict decoding, WireError('INVALID_BASE_ENCODING', characterIndex) on bad input). Internal module.

export { base58btcEncode, base58btcDecode, base36Encode, base36Decode } from './basex.js'
export { base32Encode, base32Decode, base64urlEncode, base64urlDecode } from './rfc4648.js'
