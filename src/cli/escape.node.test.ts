// The built CLI never writes a terminal control from untrusted bytes or names: every hostile sequence in every
// multiaddr protocol whose value is free text (listen, observed and signed-record addresses), in agent and protocol
// strings, in file names and in arguments, in text and --json, on stdout and stderr.
import { describe, it, expect, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { root, requireBuilt } from '../testing/dist.js'
import { vectorBytes } from '../testing/vectors.js'
import { cat } from '../testing/peer-fixtures.js'
import { decodeIdentifyStream, encodeIdentify } from '../identify/index.js'
import { validateMultiaddr, multiaddrToString } from '../multiaddr/index.js'
import { decodePublicKey, peerIdFromPublicKey } from '../peer/index.js'

function cli (args: string[], input?: string | Uint8Array): { status: number | null, stdout: string, stderr: string } {
  const r = spawnSync('node', [requireBuilt('cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, ...(input === undefined ? {} : { input }) })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

// Independent of the CLI's own table: C0, DEL, C1, format (bidi included), lone surrogates, line/paragraph separators.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u
function unsafeIn (s: string): string[] {
  const found = new Set<string>()
  for (const line of s.split('\n')) {
    for (const ch of line) if (UNSAFE.test(ch)) found.add('U+' + ch.codePointAt(0)!.toString(16).padStart(4, '0'))
  }
  return [...found]
}

const HOSTILE = [
  'a\u001b[2Jb', // ESC [ 2 J: clear screen
  '\u001b]0;pwned\u0007', // OSC: window title, ended by BEL
  'good\rEVIL', // CR: overwrite the line
  'x\u202ey', // RIGHT-TO-LEFT OVERRIDE
  '\u009b31m', // C1 CSI
  'a\u2028b\u2029c', // line and paragraph separators
  'a\u200eb\u200fc\u061cd\u2066e\u2069', // marks and isolates
  'n\u0000ul\u007f', // NUL, DEL
  '\u202a\u202b\u202c\u202d\u2067\u2068', // embeddings, overrides, isolates
  'tag\u{e0001}\u{e0041}' // astral Cf (language tags)
]

// Protocols whose value is text with any UTF-8 but '/': code and name.
const TEXT_PROTOCOLS: Array<[number, string]> = [[0x35, 'dns'], [0x36, 'dns4'], [0x37, 'dns6'], [0x38, 'dnsaddr'], [0x1c1, 'sni'], [0x2a, 'ip6zone'], [0x190, 'unix']]

function uvarint (n: number): number[] {
  const o: number[] = []
  while (n >= 0x80) { o.push((n & 0x7f) | 0x80); n >>>= 7 }
  o.push(n)
  return o
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
function component (code: number, value: string): Uint8Array {
  const v = utf8(value)
  return new Uint8Array([...uvarint(code), ...uvarint(v.length), ...v])
}
/** A protobuf LEN field. */
const len = (field: number, b: Uint8Array): Uint8Array => cat(new Uint8Array([(field << 3) | 2, ...uvarint(b.length)]), b)

// Every (protocol, hostile value) as a valid multiaddr: ip6zone needs an ip6 after it, a unix path starts with '/'.
const ip6 = new Uint8Array([0x29, ...new Array<number>(15).fill(0), 1])
const ADDRS = TEXT_PROTOCOLS.flatMap(([code, name]) => HOSTILE.map((h) => ({
  name,
  bytes: name === 'ip6zone' ? cat(component(code, h), ip6) : name === 'unix' ? component(code, '/' + h) : component(code, h)
})))

const key = decodeIdentifyStream(vectorBytes('identify-minimal-ed25519')).publicKey!
/** A signed peer record (bad signature: the structure is what gets printed) listing `addrs`. */
function record (addrs: Uint8Array[]): Uint8Array {
  const peerId = peerIdFromPublicKey(decodePublicKey(key))
  const payload = cat(len(1, peerId), new Uint8Array([0x10, 0x07]), ...addrs.map((a) => len(3, len(1, a))))
  return cat(len(1, key), len(2, new Uint8Array([0x03, 0x01])), len(3, payload), len(5, new Uint8Array(64).fill(7)))
}

const tmp = mkdtempSync(join(tmpdir(), 'identify-wire-escape-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('terminal safety of everything inspect prints', () => {
  const valid = ADDRS.filter((a) => validateMultiaddr(a.bytes).valid)
  const body = encodeIdentify({
    publicKey: key,
    agentVersion: HOSTILE.join('|'),
    protocolVersion: HOSTILE[1]!,
    protocols: HOSTILE,
    listenAddrs: ADDRS.map((a) => a.bytes),
    observedAddr: valid[0]!.bytes,
    signedPeerRecord: record(valid.map((a) => a.bytes))
  })
  // then one frame per hostile address as observedAddr (a singular field: one per message)
  const frame = (b: Uint8Array): Uint8Array => cat(new Uint8Array(uvarint(b.length)), b)
  const stream = cat(frame(body), ...valid.map((a) => frame(encodeIdentify({ observedAddr: a.bytes }))))
  const names = HOSTILE.filter((h) => !h.includes('\u0000')).map((h) => `${h}.bin`)
  const files = names.map((n) => {
    const p = join(tmp, n)
    writeFileSync(p, stream)
    return p
  })

  it('the hostile addresses are valid multiaddrs in every protocol (so their text form is what gets printed)', () => {
    for (const [, name] of TEXT_PROTOCOLS) expect(valid.filter((a) => a.name === name).length, name).toBe(HOSTILE.length)
  })

  it('text: no control, bidi or separator code point on stdout or stderr; values shown escaped and marked', () => {
    const r = cli(['inspect', '--max-message-size', String(1 << 20), ...files])
    expect(r.status).toBe(0)
    expect(unsafeIn(r.stdout)).toEqual([])
    expect(unsafeIn(r.stderr)).toEqual([])
    expect(r.stdout).toContain('/dns4/a\\u{1b}[2Jb  ⚠ [escaped: control characters shown as \\u{…}]')
    expect(r.stdout).toContain('/sni/x\\u{202e}y')
    expect(r.stdout).toContain('observedAddr      /ip6zone/\\u{1b}]0;pwned\\u{7}/ip6/::1  ⚠ [escaped')
    expect(r.stdout).toContain('good\\u{d}EVIL.bin: ')
    // the signed record's addresses are printed too (the structure is valid, the signature is not)
    expect(r.stdout).toContain(`${valid.length} addresses`)
    expect(r.stdout).toContain('signature INVALID')
  }, 60_000)

  it('--json: no such code point in the document, and JSON.parse gives back the exact values', () => {
    const r = cli(['inspect', '--json', '--max-message-size', String(1 << 20), ...files])
    expect(r.status).toBe(0)
    expect(unsafeIn(r.stdout)).toEqual([])
    expect(unsafeIn(r.stderr)).toEqual([])
    const doc = JSON.parse(r.stdout) as { inputs: any[] }
    expect(doc.inputs.map((x) => x.input)).toEqual(files)
    const f = doc.inputs[0].frames[0]
    expect(f.agentVersion.value).toBe(HOSTILE.join('|'))
    expect(f.protocols.map((p: { value: string }) => p.value)).toEqual(HOSTILE)
    expect(f.listenAddrs.map((a: { text?: string }) => a.text)).toEqual(ADDRS.map((a) => multiaddrToString(a.bytes)))
    expect(f.observedAddr.text).toBe(multiaddrToString(valid[0]!.bytes))
    expect(doc.inputs[0].frames.slice(1).map((x: { observedAddr: { text: string } }) => x.observedAddr.text)).toEqual(valid.map((a) => multiaddrToString(a.bytes)))
    expect(f.signedPeerRecord.addresses.map((a: { text: string }) => a.text)).toEqual(valid.map((a) => multiaddrToString(a.bytes)))
  }, 60_000)

  it('file names and arguments in error lines: missing files, empty directories, bad hex, malformed bytes, bad options', () => {
    const dir = join(tmp, 'dir\u001b[2J\u202e')
    mkdirSync(dir)
    const bad = join(tmp, 'bad\u001b]0;x\u0007.bin')
    writeFileSync(bad, new Uint8Array([0x05, 0x0a]))
    const runs = [
      cli(['inspect', join(tmp, 'missing\u001b[2J\r\u202e.bin')]),
      cli(['inspect', dir]),
      cli(['inspect', '--hex', bad]),
      cli(['inspect', bad]),
      cli(['inspect', '--json', bad]),
      cli(['inspect', '--peer', 'x\u001b[2J\u202e', bad]),
      cli(['inspect', '--bogus\u001b[2J\u202e', bad]),
      cli(['frobnicate\u202e\u0085', bad])
    ]
    for (const r of runs) {
      expect(r.status).not.toBe(0)
      expect(r.stderr.length).toBeGreaterThan(0)
      expect(unsafeIn(r.stdout)).toEqual([])
      expect(unsafeIn(r.stderr)).toEqual([])
    }
    expect(runs[0]!.stderr).toContain('missing\\u{1b}[2J\\u{d}\\u{202e}.bin: ENOENT')
  }, 60_000)
})
