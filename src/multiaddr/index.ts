// Multiaddr: protocol table, strict binary validation, checked Identify addresses, the text form and its
// display-safe variant. Re-exports only.

export { SIZE_VAR, protocolByCode, protocolByName, unsizedProtocol } from './table.js'
export type { Protocol } from './table.js'
export { validateMultiaddr, isValidMultiaddr, validateRange, multiaddrError } from './validate.js'
export type { Component, MultiaddrValidation } from './validate.js'
export { checkIdentifyAddrs } from './checked.js'
export type { CheckedAddr, CheckedIdentifyAddrs, IdentifyAddrs } from './checked.js'
export { multiaddrToString, multiaddrFromString } from './text.js'
export { multiaddrToDisplayString } from './display.js'
