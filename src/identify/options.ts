// The options of every decode entry point (decodeIdentify, decodeIdentifyRange, decodeIdentifyStream,
// IdentifyFrameReader, and the Delta decoder in src/peer), checked in one place and given their bounded defaults.

/** Default most protocols accepted by every decoder (go-libp2p caps a peer's protocols at 1024). */
export const DEFAULT_MAX_PROTOCOLS = 1024
/** Default most listen addresses accepted by every decoder (go-libp2p keeps at most 500 per peer). */
export const DEFAULT_MAX_LISTEN_ADDRS = 500
/** Default largest frame body accepted (js- and go-libp2p: 8192; a body of exactly 8192 bytes is accepted). */
export const DEFAULT_MAX_MESSAGE_SIZE = 8192
/** Default most frames accepted on one stream (js-libp2p `MAX_IDENTIFY_MESSAGES`). */
export const DEFAULT_MAX_FRAMES = 10

/** Every decode option, checked, with its default: what the decoders read. Internal (frozen defaults are shared). */
export interface DecodeSettings {
  readonly strict: boolean
  readonly copy: boolean
  readonly preserveUnknown: boolean
  readonly maxProtocols: number
  readonly maxListenAddrs: number
  readonly maxMessageSize: number
  readonly maxFrames: number
}

const DEFAULTS: DecodeSettings = {
  strict: false,
  copy: false,
  preserveUnknown: false,
  maxProtocols: DEFAULT_MAX_PROTOCOLS,
  maxListenAddrs: DEFAULT_MAX_LISTEN_ADDRS,
  maxMessageSize: DEFAULT_MAX_MESSAGE_SIZE,
  maxFrames: DEFAULT_MAX_FRAMES
} // never written to: checkDecodeOptions copies it before changing anything

/**
 * Internal: `options` checked and completed with the defaults. `undefined` gives the defaults; anything else must be
 * an object whose flags are booleans (or undefined) and whose limits are non-negative integers or Infinity (or
 * undefined): NaN, -1, 1.5 and '8' throw TypeError, naming the option. Unknown keys are ignored.
 */
export function checkDecodeOptions (options: unknown): DecodeSettings {
  if (options === undefined) return DEFAULTS
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object')
  const out: Record<string, unknown> = { ...DEFAULTS } // the shape of DEFAULTS, property order included
  for (const name in DEFAULTS) {
    const v = (options as Record<string, unknown>)[name]
    if (v === undefined) continue
    // The type of the default (boolean or number); numbers (and `true % 1`) must be integers >= 0 or Infinity.
    if (typeof v !== typeof DEFAULTS[name as keyof DecodeSettings] || !((v as number) >= 0) || ((v as number) % 1 !== 0 && v !== Infinity)) {
      throw new TypeError('invalid option ' + name)
    }
    out[name] = v
  }
  return out as unknown as DecodeSettings
}
