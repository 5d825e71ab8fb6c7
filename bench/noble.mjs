// The secp256k1 implementation js-libp2p verifies with (@libp2p/crypto 5.1 depends on @noble/curves ^2.0.1), installed
// once into a cache outside the project, never into package.json. Used by the verify bench and the cross-check test.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { homedir } from 'node:os'
import { pathToFileURL } from 'node:url'

export const NOBLE_VERSION = '2.4.0'
const cache = process.env.IDENTIFY_WIRE_VERIFY_PEERS ?? join(homedir(), '.cache', 'identify-wire-verify-peers')

/** Imports @noble/curves' secp256k1 from the cache, installing it first if needed; throws when the registry is unreachable. */
export async function loadNoble () {
  const dir = join(cache, NOBLE_VERSION)
  const entry = join(dir, 'node_modules', '@noble', 'curves', 'secp256k1.js')
  if (!existsSync(entry)) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'identify-wire-verify-peers', private: true, type: 'module' }))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@noble/curves@${NOBLE_VERSION}`], { cwd: dir, stdio: 'pipe', timeout: 120_000 })
  }
  return (await import(pathToFileURL(entry).href)).secp256k1
}
