// Test support: where the headless browser run finds Chromium (CHROMIUM=path, else chromium, chromium-browser,
// google-chrome, google-chrome-stable on PATH), and the banner printed when it is missing. Used by run.mjs and by the
// vitest files that need a browser, so that both skip for the same reason. Looks only; never installs anything.
import { accessSync, statSync, constants } from 'node:fs'
import { delimiter, join, isAbsolute } from 'node:path'

const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

function executable (p) {
  try {
    accessSync(p, constants.X_OK)
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function onPath (name, path) {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name)
  }
  return undefined
}

/** `{ path }` when a Chromium is available, else `{ path: undefined, reason }` (one line, says what was looked for). */
export function findChromium (env = process.env) {
  const wanted = env.CHROMIUM
  if (wanted !== undefined && wanted !== '') {
    const p = isAbsolute(wanted) || wanted.includes('/') ? (executable(wanted) ? wanted : undefined) : onPath(wanted, env.PATH)
    return p !== undefined ? { path: p } : { path: undefined, reason: `CHROMIUM=${wanted} is not an executable file` }
  }
  for (const n of names) {
    const p = onPath(n, env.PATH)
    if (p !== undefined) return { path: p }
  }
  return { path: undefined, reason: `no ${names.join(', ')} on PATH and CHROMIUM is not set` }
}

/** How to get one, printed in the banner and in the names of the skipped tests. */
export const installHint = 'install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM=/path/to/chrome'

/** The loud multi-line banner for a skipped browser run. */
export function skipBanner (reason) {
  const bar = '!'.repeat(78)
  return `${bar}\n!! BROWSER RUN SKIPPED: ${reason}.\n!! The portable tests did NOT run in Chromium; to run them, ${installHint}.\n${bar}`
}
