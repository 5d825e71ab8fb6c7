// The built `identify-wire` command (dist/cli.js), spawned as a user runs it: every recorded vector's fields against
// what js-libp2p recorded in its JSON, the input forms, exit codes, and one-line errors (never a stack trace).
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { root, requireBuilt, packageJson } from '../testing/dist.js'
import { vectorNames, vectorBytes, vectorJson, toHex, hex } from '../testing/vectors.js'

function cli (args: string[], input?: string | Uint8Array): { status: number | null, stdout: string, stderr: string } {
  const r = spawnSync('node', [requireBuilt('cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20, ...(input === undefined ? {} : { input }) })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const STACK = /^\s+at\s/m

interface VectorJson {
  messages: Array<{ bodyLength: number, decoded: {
    protocolVersion?: string, agentVersion?: string, protocols: string[]
    publicKey?: { type: string, peerId: string }
    listenAddrs: Array<{ multiaddr: string }>
    observedAddr?: { multiaddr: string }
    signedPeerRecord?: { signatureValid: boolean, peerRecord: { peerId: string, seq: string, multiaddrs: string[] } }
  } }>
}

let tmp: string | undefined
function file (name: string, data: string | Uint8Array): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'identify-wire-cli-'))
  const p = join(tmp, name)
  writeFileSync(p, data)
  return p
}

describe('identify-wire inspect --json on every recorded vector', () => {
  const names = vectorNames()
  it('agrees with what js-libp2p recorded (peer id, key type, addresses, protocols, record), exit 0', () => {
    expect(names.length).toBeGreaterThanOrEqual(11)
    const r = cli(['inspect', '--json', ...names.map((n) => `vectors/${n}.bin`)])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as { inputs: any[] }
    expect(out.inputs).toHaveLength(names.length)
    names.forEach((name, i) => {
      const got = out.inputs[i]
      const want = vectorJson<VectorJson>(`${name}.json`).messages[0]!
      const d = want.decoded
      expect(got.ok).toBe(true)
      expect(got.frames).toHaveLength(1)
      const f = got.frames[0]
      expect(f.bodyLength).toBe(want.bodyLength)
      expect(f.protocolVersion?.value).toBe(d.protocolVersion)
      expect(f.agentVersion?.value).toBe(d.agentVersion)
      expect(f.protocols.map((p: { value: string }) => p.value)).toEqual(d.protocols)
      expect(f.listenAddrs.map((a: { text: string }) => a.text)).toEqual(d.listenAddrs.map((a) => a.multiaddr))
      expect(f.observedAddr?.text).toBe(d.observedAddr?.multiaddr)
      if (d.publicKey !== undefined) {
        expect(f.publicKey.peerId).toBe(d.publicKey.peerId)
        expect(f.publicKey.type.toLowerCase()).toBe(d.publicKey.type.toLowerCase())
      } else {
        expect(f.publicKey).toBeUndefined()
      }
      if (d.signedPeerRecord !== undefined) {
        const rec = f.signedPeerRecord
        expect(rec.error).toBeUndefined()
        expect(rec.peerId).toBe(d.signedPeerRecord.peerRecord.peerId)
        expect(rec.seq).toBe(d.signedPeerRecord.peerRecord.seq)
        expect(rec.addresses.map((a: { text: string }) => a.text)).toEqual(d.signedPeerRecord.peerRecord.multiaddrs)
        // every key type is verified (Ed25519, RSA, ECDSA through WebCrypto; secp256k1 here)
        expect(rec.signature).toBe(d.signedPeerRecord.signatureValid ? 'valid' : 'INVALID')
      } else {
        expect(f.signedPeerRecord).toBeUndefined()
      }
      expect(f.unknownFields).toEqual([])
      // the receiver's verdict (peer module): js-libp2p's own messages identify their sender
      expect(f.verdict.ok).toBe(true)
      expect(f.verdict.peerId).toBe(d.publicKey?.peerId ?? d.signedPeerRecord?.peerRecord.peerId)
      // the default reader rejects exactly the body js-libp2p rejected (8193 > 8192)
      expect(got.defaultReader.accepts).toBe(want.bodyLength <= 8192)
    })
  }, 60_000)

  it('text output says what the limits say for the 8193-byte body, and still prints it', () => {
    const r = cli(['inspect', 'vectors/identify-protocols-body-8193.bin'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('body 8193 > maxMessageSize 8192: a default reader rejects it')
    expect(r.stdout).toContain('a default reader REJECTS it (MESSAGE_TOO_LARGE at byte 0)')
    expect(r.stdout).toContain('/vector/pad/0064/')
    const ok = cli(['inspect', 'vectors/identify-protocols-body-8192.bin'])
    expect(ok.stdout).toContain('a default reader accepts it')
    // --check turns the limit finding into exit 1; a larger limit accepts it
    expect(cli(['inspect', '--check', 'vectors/identify-protocols-body-8193.bin']).status).toBe(1)
    expect(cli(['inspect', '--check', '--max-message-size', '8193', 'vectors/identify-protocols-body-8193.bin']).status).toBe(0)
  }, 60_000)

  it('npm start\'s command (a directory) inspects every vector in text', () => {
    const r = cli(['inspect', 'vectors'])
    expect(r.status).toBe(0)
    for (const n of names) expect(r.stdout).toContain(`${n}.bin: `)
    expect(r.stdout).toContain('peer id           12D3KooWNbgYvXyEzN51Xak3GG7MY1DWTw2ui1GVe6b5QVFxkSAJ')
    expect(r.stdout).toContain('/ip4/127.0.0.1/udp/34097/webrtc-direct/certhash/uEiCmGGArauHg3F6RqENih8O1WSN4VTZyKygHIKZ5nhKjWQ')
    expect(r.stdout).toContain('signature valid')
  }, 60_000)
})

describe('--peer: the verdict against the expected peer', () => {
  it('ok for the sender, NOT ok (and exit 1 with --check) for another peer; a bad --peer is a usage error', () => {
    const v = 'vectors/identify-rich-ed25519.bin'
    const good = cli(['inspect', '--check', '--peer', '12D3KooWNbgYvXyEzN51Xak3GG7MY1DWTw2ui1GVe6b5QVFxkSAJ', v])
    expect(good.status).toBe(0)
    expect(good.stdout).toContain('verdict           ok: peer 12D3KooWNbgYvXyEzN51Xak3GG7MY1DWTw2ui1GVe6b5QVFxkSAJ (the expected peer); trusted addresses: 7 from signedPeerRecord')
    const other = cli(['inspect', '--check', '--peer', '12D3KooWPPqz7sZJ7aqhAC2B7ZFXSat55JhS6e5itTMC4LbvB2uv', v])
    expect(other.status).toBe(1)
    expect(other.stdout).toContain('NOT ok: peer 12D3KooWNbgYvXyEzN51Xak3GG7MY1DWTw2ui1GVe6b5QVFxkSAJ (NOT the expected 12D3KooWPPqz7sZJ7aqhAC2B7ZFXSat55JhS6e5itTMC4LbvB2uv)')
    expect(other.stdout).toContain('problem PEER_ID_MISMATCH')
    const bad = cli(['inspect', '--peer', 'not-a-peer', v])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('PEER_ID_INVALID')
  }, 60_000)
})

describe('records that are not libp2p peer records', () => {
  it('rust-libp2p\'s routing-state record is shown as ignored, the verdict stays ok and --check passes; a tampered payload type still fails', () => {
    const v = 'vectors/rust-libp2p-identify-signed-rsa.bin'
    const r = cli(['inspect', '--check', v])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('IGNORED: rust-libp2p routing-state record')
    expect(r.stdout).toMatch(/verdict {11}ok: peer \S+; trusted addresses: \d+ from listenAddrs/)
    const b = vectorBytes('rust-libp2p-identify-signed-rsa')
    const at = toHex(b).indexOf(toHex(new TextEncoder().encode('/libp2p/routing-state-record'))) / 2
    const t = b.slice()
    t[at + 1] = 0x4c // '/Libp2p/...': an unknown payload type
    const tampered = cli(['inspect', '--check', '-'], t)
    expect(tampered.status).toBe(1)
    expect(tampered.stdout).toContain('REJECTED: RECORD_PAYLOAD_TYPE')
  }, 60_000)
})

describe('input forms', () => {
  it('--hex, --raw, stdin and a file give the same fields', () => {
    const bytes = vectorBytes('identify-minimal-ed25519')
    const strip = (s: string): unknown => (JSON.parse(s) as { inputs: Array<{ input: string }> }).inputs.map((x) => ({ ...x, input: '' }))
    const a = cli(['inspect', '--json', 'vectors/identify-minimal-ed25519.bin'])
    const b = cli(['inspect', '--json', '--hex', '-'], toHex(bytes).replace(/(..)/g, '$1 '))
    const c = cli(['inspect', '--json', '-'], bytes)
    expect(a.status).toBe(0)
    expect(strip(b.stdout)).toEqual(strip(a.stdout))
    expect(strip(c.stdout)).toEqual(strip(a.stdout))
    const raw = JSON.parse(cli(['inspect', '--json', '--raw', file('body.bin', bytes.subarray(2))]).stdout).inputs[0]
    const framed = JSON.parse(a.stdout).inputs[0]
    expect(raw.frames[0].publicKey).toEqual(framed.frames[0].publicKey)
    expect(raw.frames[0].prefixBytes).toBe(0)
  }, 60_000)

  it('several frames: each printed, with the merged reader verdict', () => {
    const one = vectorBytes('push-new-protocol-ed25519')
    const two = new Uint8Array(one.length * 2)
    two.set(one)
    two.set(one, one.length)
    const r = JSON.parse(cli(['inspect', '--json', file('two.bin', two)]).stdout).inputs[0]
    expect(r.frames).toHaveLength(2)
    expect(r.frames[1].offset).toBe(one.length)
    expect(r.defaultReader.accepts).toBe(true)
    // the same push twice: merged protocols are de-duplicated (specs #709)
    expect(r.merged.protocols).toBe(r.frames[0].protocols.length)
    expect(r.merged.signedPeerRecord).toBe(true)
  }, 60_000)
})

describe('what a hostile capture shows', () => {
  it('strings sanitized for the terminal with a marker; invalid addresses with their reason; unknown fields; non-minimal prefix', () => {
    // agentVersion = "evil" ESC "[31m" U+202E "x", listenAddrs: a valid /ip4/1.2.3.4 then a truncated ip4, field 7 (LEN)
    const agent = [...new TextEncoder().encode('evil\u001b[31m\u202ex')]
    const body = new Uint8Array([0x32, agent.length, ...agent, 0x12, 0x05, 0x04, 1, 2, 3, 4, 0x12, 0x02, 0x04, 0x7f, 0x3a, 0x02, 0x0a, 0x00])
    const framed = new Uint8Array([0x80 | body.length, 0x00, ...body]) // non-minimal 2-byte prefix
    const r = cli(['inspect', file('hostile.bin', framed)])
    expect(r.status).toBe(0)
    expect(r.stdout).not.toContain('\u001b')
    expect(r.stdout).not.toContain('\u202e')
    expect(r.stdout).toContain('"evil\ufffd[31m\ufffdx"  ⚠ [sanitized: characters replaced with U+FFFD]')
    expect(r.stdout).toContain('[0] /ip4/1.2.3.4')
    expect(r.stdout).toMatch(/\[1\] INVALID TRUNCATED at byte 1: 047f/)
    expect(r.stdout).toContain('unknown field     7 (LEN, 3 B): 020a00')
    expect(r.stdout).toContain('NOT minimal')
    expect(r.stdout).toContain('a default reader REJECTS it (LENGTH_PREFIX_NON_MINIMAL at byte 0)')
    expect(cli(['inspect', '--check', file('hostile.bin', framed)]).status).toBe(1)
  }, 60_000)

  it('malformed input: exit 1 and one line with the code and byte offset on stderr, never a stack trace', () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['truncated.bin', vectorBytes('identify-minimal-ed25519').subarray(0, 100), /rejected: TRUNCATED at byte 0: /],
      ['empty.bin', new Uint8Array(0), /rejected: TRUNCATED at byte 0/],
      ['bad-tag.bin', hex('02 0f 00'), /rejected: [A-Z_]+ at byte 1/],
      ['group.bin', hex('02 0b 00'), /rejected: WIRE_TYPE_GROUP at byte 1/],
      ['overflow.bin', hex('ffffffffffffffffffff01'), /rejected: VARINT_OVERFLOW at byte 0/]
    ]
    for (const [name, bytes, re] of cases) {
      const r = cli(['inspect', file(name, bytes)])
      expect(r.status).toBe(1)
      const lines = r.stderr.trimEnd().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]!).toMatch(re)
      expect(r.stderr).not.toMatch(STACK)
    }
    const badHex = cli(['inspect', '--hex', '-'], '0a 1g')
    expect(badHex.status).toBe(1)
    expect(badHex.stderr).toContain('HEX_INVALID at character 4')
  }, 60_000)

  it('random and mutated bytes: exit 0 or 1, never a crash or a stack trace (one spawn, 200 inputs)', () => {
    let seed = 12345
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n }
    const base = vectorBytes('identify-rich-ed25519')
    const files: string[] = []
    for (let i = 0; i < 200; i++) {
      let b: Uint8Array
      if (i % 2 === 0) {
        b = base.slice(0, rnd(base.length + 1))
        for (let k = 0; k < 1 + rnd(4); k++) if (b.length > 0) b[rnd(b.length)] = rnd(256)
      } else {
        b = new Uint8Array(rnd(64))
        for (let k = 0; k < b.length; k++) b[k] = rnd(256)
      }
      files.push(file(`fuzz-${i}.bin`, b))
    }
    const r = cli(['inspect', '--json', ...files])
    expect([0, 1]).toContain(r.status)
    expect(r.stderr).not.toMatch(STACK)
    expect(r.stderr).not.toContain('internal error')
    const out = JSON.parse(r.stdout) as { inputs: Array<{ ok: boolean, error?: { code: string, offset: number } }> }
    expect(out.inputs).toHaveLength(200)
    const rejected = out.inputs.filter((x) => !x.ok)
    expect(rejected.length).toBeGreaterThan(0)
    for (const x of rejected) expect(x.error!.code).toMatch(/^[A-Z0-9_]+$/)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(rejected.length)
  }, 120_000)
})

describe('limits and one-line reports', () => {
  it('a directory without .bin files says so on one line and exits 2, also next to a good input', () => {
    const dir = join(file('x', ''), '..', 'empty-dir')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'not a capture')
    const r = cli(['inspect', dir])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`identify-wire: ${dir}: no .bin files in this directory\n`)
    const mixed = cli(['inspect', dir, 'vectors/identify-minimal-ed25519.bin'])
    expect(mixed.status).toBe(2)
    expect(mixed.stdout).toContain('identify-minimal-ed25519.bin: 332 bytes, 1 frame')
  }, 60_000)

  it('--check: each failing input gets exactly one line on stderr saying why', () => {
    const big = cli(['inspect', '--check', 'vectors/identify-protocols-body-8193.bin', 'vectors/identify-minimal-ed25519.bin'])
    expect(big.status).toBe(1)
    expect(big.stderr).toBe('identify-wire: vectors/identify-protocols-body-8193.bin: check failed: a default reader rejects it (MESSAGE_TOO_LARGE at byte 0)\n')
    const other = cli(['inspect', '--check', '--peer', '12D3KooWPPqz7sZJ7aqhAC2B7ZFXSat55JhS6e5itTMC4LbvB2uv', 'vectors/identify-rich-ed25519.bin'])
    expect(other.status).toBe(1)
    expect(other.stderr).toMatch(/^identify-wire: vectors\/identify-rich-ed25519\.bin: check failed: frame 1: verdict NOT ok \(PEER_ID_MISMATCH at byte \d+/)
    expect(other.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(cli(['inspect', '--check', 'vectors/identify-minimal-ed25519.bin']).stderr).toBe('')
  }, 60_000)

  it('--max-input-size: a larger file or stdin is refused before it is decoded (exit 2, one line)', () => {
    const f = file('1001.bin', new Uint8Array(1001))
    const r = cli(['inspect', '--max-input-size', '1000', f])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(`identify-wire: cannot read ${f}: 1001 bytes, more than --max-input-size 1000\n`)
    expect(r.stdout).toBe('')
    const s = cli(['inspect', '--max-input-size', '1000', '-'], new Uint8Array(5000))
    expect(s.status).toBe(2)
    expect(s.stderr).toMatch(/^identify-wire: cannot read -: at least \d+ bytes, more than --max-input-size 1000\n$/)
    expect(cli(['inspect', '--max-input-size', '1001', f]).status).toBe(0)
    // a device or pipe has no size: it is read only up to the limit (the default limit, then the given one)
    const dev = cli(['inspect', '/dev/zero'])
    expect(dev.status).toBe(2)
    expect(dev.stderr).toBe('identify-wire: cannot read /dev/zero: at least 67108865 bytes, more than --max-input-size 67108864\n')
    expect(cli(['inspect', '--max-input-size', '1000', '/dev/zero']).stderr).toBe('identify-wire: cannot read /dev/zero: at least 1001 bytes, more than --max-input-size 1000\n')
  }, 60_000)

  it('a frame with more protocols than inspect decodes is rejected with the code and the limit, not decoded whole', () => {
    const n = 65537
    const body = new Uint8Array(2 * n)
    for (let i = 0; i < n; i++) body[2 * i] = 0x1a // protocols: n empty strings
    const r = cli(['inspect', '--raw', file('many.bin', body)])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^identify-wire: .*many\.bin: rejected: TOO_MANY_PROTOCOLS at byte 131072 \(protocols\[65536\]\): .*\(inspect decodes at most 65536 per field and frame\)\n$/)
    expect(cli(['inspect', '--raw', file('fewer.bin', body.subarray(0, 2 * (n - 1)))]).status).toBe(0)
  }, 60_000)
})

describe('usage', () => {
  it('exit 2 with one line for usage errors and unreadable files; --help and --version exit 0', () => {
    for (const args of [[], ['inspect'], ['inspect', '--bogus', 'x'], ['frobnicate', 'x'], ['inspect', '--max-frames', 'many', 'x']]) {
      const r = cli(args)
      expect(r.status).toBe(2)
      expect(r.stderr).not.toMatch(STACK)
    }
    const missing = cli(['inspect', 'no-such-file.bin'])
    expect(missing.status).toBe(2)
    expect(missing.stderr.trim()).toBe('identify-wire: cannot read no-such-file.bin: ENOENT')
    const help = cli(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Exit codes:')
    expect(cli(['--version']).stdout.trim()).toBe(`identify-wire ${packageJson().version as string}`)
  }, 60_000)

  it('cleans up', () => {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true })
    expect(true).toBe(true)
  })
})
