// Checked view of the addresses of a decoded Identify message: every address validated on its own, so one bad
// address never fails the message (rust-libp2p #3244 dropped a whole Identify for one unknown protocol).

import type { WireError } from '../errors.js'
import { multiaddrToString } from './text.js'
import { collectComponents, multiaddrError, type Component } from './validate.js'

/**
 * One address of an Identify message, checked. `index` is its position in `listenAddrs` (0 for observedAddr);
 * `text` is its text form (multiaddrToString), present exactly when `ok`.
 */
export type CheckedAddr =
  | { readonly index: number, readonly bytes: Uint8Array, readonly ok: true, readonly components: Component[], readonly text: string }
  | { readonly index: number, readonly bytes: Uint8Array, readonly ok: false, readonly error: WireError }

/** Result of {@link checkIdentifyAddrs}: every address of the message, each valid or with its own error. */
export interface CheckedIdentifyAddrs {
  /** Every non-empty listen address in message order, valid or not. */
  readonly listenAddrs: CheckedAddr[]
  /** The observed address; absent when the message has none or an empty one. */
  readonly observedAddr?: CheckedAddr
  /** Indexes of empty listen addresses (skipped: an empty multiaddr carries nothing to report). */
  readonly skipped: number[]
}

/** The address fields of a decoded Identify (decodeIdentify's result fits). */
export interface IdentifyAddrs {
  /** Binary multiaddrs the peer listens on; absent or undefined means none, empty entries are reported as skipped. */
  readonly listenAddrs?: readonly Uint8Array[] | undefined
  /** Binary multiaddr the peer observed for us; absent, undefined or empty means none. */
  readonly observedAddr?: Uint8Array | undefined
}

function check (bytes: Uint8Array, index: number, path: string): CheckedAddr {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`checkIdentifyAddrs: ${path} is not a Uint8Array`)
  const components: Component[] = []
  const status = collectComponents(bytes, components)
  if (status < 0) return { index, bytes, ok: false, error: multiaddrError(status, path) }
  // Cannot throw: multiaddrToString validates with the same rules, and every valid address is printable
  // (property-tested in public-suites-text.test.ts).
  return { index, bytes, ok: true, components, text: multiaddrToString(bytes) }
}

/**
 * Validates every address of a decoded Identify message. Never throws for Uint8Array addresses (TypeError for
 * anything else). Errors carry the field path (`listenAddrs[2]`, `observedAddr`) and offsets within the address.
 *
 * @example
 * ```ts
 * const { listenAddrs, observedAddr, skipped } = checkIdentifyAddrs(decodeIdentify(body))
 * const usable = listenAddrs.filter(a => a.ok)
 * ```
 */
export function checkIdentifyAddrs (message: IdentifyAddrs): CheckedIdentifyAddrs {
  if (typeof message !== 'object' || message === null) throw new TypeError('checkIdentifyAddrs: expected an object')
  const listen = message.listenAddrs ?? []
  const listenAddrs: CheckedAddr[] = []
  const skipped: number[] = []
  for (let i = 0; i < listen.length; i++) {
    const a = listen[i]!
    if (a instanceof Uint8Array && a.length === 0) skipped.push(i)
    else listenAddrs.push(check(a, i, `listenAddrs[${i}]`))
  }
  const o = message.observedAddr
  if (o === undefined || (o instanceof Uint8Array && o.length === 0)) return { listenAddrs, skipped }
  return { listenAddrs, observedAddr: check(o, 0, 'observedAddr'), skipped }
}
