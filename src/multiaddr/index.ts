// Multiaddr: protocol table, strict binary validation, checked Identify addresses (and the text form).
// Re-exports only.

export { SIZE_VAR, protocolByCode, protocolByName, unsizedProtocol } from './table.js'
export type { Protocol } from './table.js'
export { validateMultiaddr, isValidMultiaddr, validateRange, multiaddrErrorCode, multiaddrError } from './validate.js'
export type { Component, MultiaddrValidation } from './validate.js'
export { checkValue } from './values.js'
export { checkIdentifyAddrs } from './checked.js'
export type { CheckedAddr, CheckedIdentifyAddrs, IdentifyAddrs } from './checked.js'
export { multiaddrToString, multiaddrFromString } from './text.js'
