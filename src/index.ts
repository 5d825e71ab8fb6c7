// identify-wire: the public API. Re-exports only; each module documents its own spec and limits.

export { WireError } from './errors.js'
export type { WireErrorCode, WireErrorDetails } from './errors.js'
