// sanitizeIdentify: display-safe copy of the three string fields of a decoded Identify (spec identify r2,
// "Unicode Sanitization"). Bytes fields (publicKey, listenAddrs, observedAddr, signedPeerRecord) are left untouched.
import { sanitize, type SanitizeOptions } from './sanitize.js'

/** The fields sanitizeIdentify reads: any object shaped like a decoded Identify message. */
export interface IdentifyStrings {
  protocolVersion?: string | undefined
  agentVersion?: string | undefined
  protocols: readonly string[]
}

/**
 * A shallow copy of `message` whose protocolVersion, agentVersion and each of protocols went through
 * {@link sanitize}; absent fields stay absent and every other field is shared with the input. The result is for
 * display only: never match protocols or compare versions on it. Throws TypeError if a field has the wrong type.
 */
export function sanitizeIdentify<T extends IdentifyStrings> (message: T, options?: SanitizeOptions): T {
  const out = { ...message, protocols: message.protocols.map((p) => sanitize(p, options)) }
  if (message.protocolVersion !== undefined) out.protocolVersion = sanitize(message.protocolVersion, options)
  if (message.agentVersion !== undefined) out.agentVersion = sanitize(message.agentVersion, options)
  return out
}
