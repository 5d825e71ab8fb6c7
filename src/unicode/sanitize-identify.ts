// sanitizeIdentify: display-safe copy of the three string fields of a decoded Identify (spec identify r2,
// "Unicode Sanitization"). Bytes fields (publicKey, listenAddrs, observedAddr, signedPeerRecord) are left untouched.
import { sanitize, type SanitizeOptions } from './sanitize.js'

/** The fields sanitizeIdentify reads: any object shaped like a decoded Identify message. */
export interface IdentifyStrings {
  /** Sanitized when present; absent or undefined stays so. */
  protocolVersion?: string | undefined
  /** Sanitized when present; absent or undefined stays so. */
  agentVersion?: string | undefined
  /** Each entry sanitized into a new array (same length and order); required: TypeError if not an array. */
  protocols: readonly string[]
}

/**
 * A shallow copy of `message` whose protocolVersion, agentVersion and each of protocols went through
 * {@link sanitize}; absent fields stay absent and every other field is shared with the input. The result is for
 * display only: never match protocols or compare versions on it. Throws TypeError if a field has the wrong type.
 * `options` are those of {@link sanitize}, applied to every field (default: at most 128 code points, Cc/Cf/Cs only).
 *
 * @example
 * ```ts
 * const shown = sanitizeIdentify({ agentVersion: 'evil\u202Egnp.exe', protocols: ['/ipfs/id/1.0.0', 'x\u0000'] })
 * shown.agentVersion // 'evil\uFFFDgnp.exe' (U+202E RIGHT-TO-LEFT OVERRIDE is Cf)
 * shown.protocols    // ['/ipfs/id/1.0.0', 'x\uFFFD']
 * ```
 */
export function sanitizeIdentify<T extends IdentifyStrings> (message: T, options?: SanitizeOptions): T {
  const out = { ...message, protocols: message.protocols.map((p) => sanitize(p, options)) }
  if (message.protocolVersion !== undefined) out.protocolVersion = sanitize(message.protocolVersion, options)
  if (message.agentVersion !== undefined) out.agentVersion = sanitize(message.agentVersion, options)
  return out
}
