// Types for chromium.mjs (test support: locating Chromium for the browser run).
export type ChromiumLookup = { path: string, reason?: undefined } | { path: undefined, reason: string }
export function findChromium (env?: Record<string, string | undefined>): ChromiumLookup
export const installHint: string
export function skipBanner (reason: string): string
