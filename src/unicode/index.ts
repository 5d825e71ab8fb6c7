// Unicode sanitization for display (spec identify r2): sanitize, sanitizeDetailed, sanitizeIdentify, the frozen Cf table.
export { sanitize, sanitizeDetailed } from './sanitize.js'
export type { SanitizeOptions, SanitizeResult } from './sanitize.js'
export { sanitizeIdentify } from './sanitize-identify.js'
export type { IdentifyStrings } from './sanitize-identify.js'
export { CF_RANGES, CF_UNICODE_VERSION } from './tables.js'
