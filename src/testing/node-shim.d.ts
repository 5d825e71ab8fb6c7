// Minimal Node.js declarations for tests, the CLI and tooling only (the project installs no @types/node:
// the design card allows no dev dependency beyond typescript, tsup, vitest and fast-check).
// Library code must never need these; add a declaration here only when a test or the CLI uses it.

declare const process: {
  argv: string[]
  env: Record<string, string | undefined>
  exitCode: number | undefined
  version: string
  execPath: string
  platform: string
  cwd(): string
  exit(code?: number): never
  hrtime: { bigint(): bigint }
  memoryUsage(): { heapUsed: number, rss: number, arrayBuffers: number }
  stdout: { write(s: string | Uint8Array): boolean, isTTY?: boolean }
  stderr: { write(s: string | Uint8Array): boolean, isTTY?: boolean }
  stdin: AsyncIterable<Uint8Array> & { isTTY?: boolean }
}
declare const console: {
  log(...a: unknown[]): void
  error(...a: unknown[]): void
  warn(...a: unknown[]): void
  info(...a: unknown[]): void
}
declare function setTimeout (fn: () => void, ms?: number): unknown
declare function clearTimeout (id: unknown): void
declare function structuredClone<T> (v: T): T
declare function queueMicrotask (fn: () => void): void

declare module 'node:fs' {
  export function readFileSync (path: string | URL): Uint8Array
  export function readFileSync (path: string | URL, encoding: 'utf8'): string
  export function writeFileSync (path: string | URL, data: string | Uint8Array): void
  export function readdirSync (path: string | URL): string[]
  export function existsSync (path: string | URL): boolean
  export function mkdirSync (path: string | URL, options?: { recursive?: boolean }): void
  export function mkdtempSync (prefix: string): string
  export function rmSync (path: string | URL, options?: { recursive?: boolean, force?: boolean }): void
  export function statSync (path: string | URL): { size: number, isDirectory(): boolean, isFile(): boolean }
  export function openSync (path: string | URL, flags: 'r'): number
  export function readSync (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number
  export function closeSync (fd: number): void
  export function copyFileSync (src: string | URL, dest: string | URL): void
}
declare module 'node:path' {
  export function join (...parts: string[]): string
  export function resolve (...parts: string[]): string
  export function dirname (p: string): string
  export function basename (p: string, ext?: string): string
  export function relative (from: string, to: string): string
  export const sep: string
}
declare module 'node:url' {
  export function fileURLToPath (url: string | URL): string
  export function pathToFileURL (path: string): URL
}
declare module 'node:os' {
  export function tmpdir (): string
}
declare module 'node:zlib' {
  export function gzipSync (data: Uint8Array | string, options?: { level?: number }): Uint8Array
}
declare module 'node:child_process' {
  export interface SpawnSyncResult { status: number | null, stdout: string, stderr: string, error?: Error }
  export function spawnSync (cmd: string, args: string[], options?: {
    cwd?: string, input?: string | Uint8Array, encoding?: 'utf8', env?: Record<string, string | undefined>,
    timeout?: number, maxBuffer?: number, shell?: boolean
  }): SpawnSyncResult
  export function execFileSync (cmd: string, args: string[], options?: { cwd?: string, encoding?: 'utf8', input?: string | Uint8Array, env?: Record<string, string | undefined>, timeout?: number, maxBuffer?: number }): string
}
declare module 'node:crypto' {
  export function createHash (alg: string): { update(d: Uint8Array | string): { digest(): Uint8Array, digest(enc: 'hex'): string } }
  export function randomBytes (n: number): Uint8Array
}

declare class URL {
  constructor (url: string, base?: string | URL)
  readonly href: string
  readonly pathname: string
  toString (): string
}
interface ImportMeta { readonly url: string }
declare module 'node:module' {
  export const builtinModules: string[]
}
declare module 'node:crypto' {
  export function createPublicKey (key: { key: Uint8Array, format: 'der', type: 'spki' }): unknown
  export function verify (alg: string | null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean
}
