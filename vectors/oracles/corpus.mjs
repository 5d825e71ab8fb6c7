#!/usr/bin/env node
// The multiaddr oracle corpus: every binary and text multiaddr found in vectors/, then generated cases over every
// protocol of the built table (every value kind, edge values, bad values), then seeded mutations of those (truncated,
// bit-flipped, re-framed, junk appended, texts re-spelled). Deterministic: same table + same vectors = same corpus.
// Writes JSON lines {"id":N,"kind":"bin","hex":"..."} / {"id":N,"kind":"text","text":"..."} to stdout, plus
// "source" (where the case came from) that the oracles ignore. Test tooling; needs `npm run build` first.
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const lib = await import(root + 'dist/index.js')
const { allProtocols } = await import(root + 'dist/multiaddr/table.js')

const hexOf = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const bytesOf = (h) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16))
const uvarint = (n) => { const o = []; do { let b = n % 128; n = Math.floor(n / 128); if (n > 0) b |= 0x80; o.push(b) } while (n > 0); return o }
const utf8 = (s) => new TextEncoder().encode(s)

// xorshift32, seeded: the corpus must not change between runs.
let seed = 0x1d3a7f21
const rnd = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed / 0x100000000 }
const pick = (a) => a[Math.floor(rnd() * a.length)]
const int = (n) => Math.floor(rnd() * n)

const cases = []
const seen = new Set()
function add (kind, value, source) {
  const key = kind + '\0' + value
  if (seen.has(key)) return
  seen.add(key)
  cases.push(kind === 'bin' ? { kind, hex: value, source } : { kind, text: value, source })
}
const addBin = (bytes, source) => add('bin', hexOf(bytes), source)
const addText = (text, source) => add('text', text, source)

// ---- 1. every multiaddr in vectors/ ----
const vdir = root + 'vectors/'
const looksText = (s) => typeof s === 'string' && /^\/[a-z0-9-]+(\/|$)/i.test(s) && s.length < 4096 && !s.startsWith('/ipfs/id/') && !/^\/[a-z0-9-]+\/\d+\.\d+/.test(s)
function walk (v, source) {
  if (Array.isArray(v)) { for (const x of v) walk(x, source); return }
  if (v === null || typeof v !== 'object') { if (looksText(v)) addText(v, source); return }
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'hex' || k === 'bytes') && typeof x === 'string' && /^([0-9a-f]{2})+$/i.test(x) && x.length < 4096 && !('messages' in v)) addBin(bytesOf(x.toLowerCase()), source)
    else walk(x, source)
  }
}
for (const f of readdirSync(vdir).sort()) {
  if (f.endsWith('.json') && !f.startsWith('multiaddr-oracle-') && f !== 'identify-handmade.json') walk(JSON.parse(readFileSync(vdir + f, 'utf8')), f)
  if (f.endsWith('.bin')) {
    // The binary addresses every recording carries: listenAddrs, observedAddr, signed peer record addresses.
    const m = lib.decodeIdentifyStream(new Uint8Array(readFileSync(vdir + f)), { maxMessageSize: Infinity, maxFrames: Infinity })
    for (const a of m.listenAddrs) addBin(a, f)
    if (m.observedAddr) addBin(m.observedAddr, f)
    if (m.signedPeerRecord) {
      try { for (const a of lib.decodeSignedPeerRecord(m.signedPeerRecord).record.addresses) addBin(a, f + ' record') } catch {}
    }
  }
}
const fromVectors = cases.length

// ---- 2. generated: every protocol, every value kind ----
const good = {
  ip4: ['0.0.0.0', '127.0.0.1', '255.255.255.255', '1.2.3.4', '192.168.0.1'],
  ip6: ['::', '::1', '2001:db8::1', 'fe80::1', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8', 'ff02::1', '2001:db8:0:0:1:0:0:1', '::ffff:0:0', '64:ff9b::1.2.3.4', '1::'],
  port: ['0', '1', '80', '65535', '4001'],
  dns: ['example.com', 'localhost', 'a', 'xn--nxasmq6b.com', 'ünïcødé.example', '测试', 'a.b.c.d.e', 'under_score', 'UPPER.case', '-lead', 'x'.repeat(255), 'emoji🚀'],
  zone: ['eth0', '1', 'en0%x', 'zone with space'],
  cidr: ['0', '8', '24', '32', '64', '128', '255'],
  unix: ['/tmp/sock', '/a', '/a/b/c', '/a b', '/ünï'],
  p2p: ['QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', '12D3KooWQxyNfGHWTb2rEb8hRrqBmrDn9uNUMwJYNws8zB9XLirq',
    'bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm', '16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY'],
  certhash: ['uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g', 'mEiDDq4/xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g', 'bciqmhk4p6e3qn2fvzbd5zokgrm6ivvhflfbppjy5jj4wa4kmv3ymr4q',
    'f1220c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2', 'zQmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', 'uAA'],
  onion: ['aaimaq4ygg2iegci:80', 'timaq4ygg2iegci7:1234', 'timaq4ygg2iegci7:65535'],
  onion3: ['vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234', 'vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1'],
  garlic32: ['566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuq', '566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertzuqaaaa'],
  garlic64: ['jT~IyXaoauTni6N4517EG8mrFUKpy0IlgZh-EY9csMAk82Odatmzr~YTZy8Hv7u~wvkg75EFNOyqb~nAPg-khyp2TS~ObUz8WlqYAM2VlEzJ7wJB91P-cUlKF18zSzVoJFmsrcQHZCirSbWoOknS6iNmsGRh5KVZsBEfp1Dg3gwTipTRIx7Vl5Vy~1OSKQVjYiGZS9q8RL0MF~7xFiKxZDLbPxk0AK9TzGGqm~wMTI2HS0Gm4Ycy8LYPVmLvGonIBYndg2bJC7WLuF6tVjVquiokSVDKFwq70BCUU5AU-EvdOD5KEOAM7mPfw-gJUG4tm1TtvcobrObqoRnmhXPTBTN5H7qDD12AvlwFGnfAlBXjuP4xOUAISL5SRLiulrsMSiT4GcugSI80mF6sdB0zWRgL1yyvoVWeTBn1TcjO27rKwpYKLPzqqbHSlBf48EBBhKn-AD0uLL8LsedH39oXPB0HEe8v3dG2w9VzkPtuqJU1lMHUJE3yiSgg3QHqBHmm4Bsh2n2ux33b0TQd2fg8CaI7GBgdWMBm9ZONFlYqH1yY0wW7WA-b9mJy7GVaZaBiaqASK4IEb3KRxA8SVu7RNfg2LIngVhKXbiXeDSpBjXOB7ZDWnixTF2yigmFSqN7kJYdbpH8Ah2qtGEAAAA'],
  sni: ['example.com', 'a', '测试'],
  httpPath: ['foo', 'foo%2Fbar', '%2F', 'a%20b', '%E2%9C%93', '%25', 'x%2Fy%2Fz'],
  memory: ['0', '1', '18446744073709551615', '42']
}
const bad = {
  ip4: ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '-1.2.3.4', '', 'a.b.c.d', '1.2.3.4 ', '::1'],
  ip6: ['1:2:3:4:5:6:7:8:9', ':::', 'g::1', '1.2.3.4', '', '[::1]', '::1%eth0', 'fe80::1::2'],
  port: ['65536', '-1', '', 'a', '1.5', '0x10', '+1', '99999999999999999999'],
  dns: ['', 'a/b'],
  cidr: ['256', '-1', '', 'a', '1000'],
  p2p: ['', 'not-a-peer-id', 'Qm', 'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5', 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'],
  certhash: ['', 'not-multibase', 'u', 'uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8', 'x1234'],
  onion: ['aaimaq4ygg2iegci', 'aaimaq4ygg2iegci:0', 'aaimaq4ygg2iegci:65536', 'aaimaq4ygg2iegc:80', 'aaimaq4ygg2iegci:-1', '!aimaq4ygg2iegci:80'],
  onion3: ['vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd', 'vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:0', 'vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyy:1'],
  garlic32: ['', '566niximlxdzpanmn4qouucvua3k7neniwss47li5r6ugoertz', '!!!'],
  garlic64: ['', 'abc', '!!!'],
  httpPath: ['', '%', '%zz', '%2'],
  memory: ['-1', '', '18446744073709551616', 'a'],
  unix: ['', 'a']
}
const kindOf = (p) => {
  switch (p.name) {
    case 'ip4': return 'ip4'
    case 'ip6': return 'ip6'
    case 'tcp': case 'udp': case 'dccp': case 'sctp': return 'port'
    case 'dns': case 'dns4': case 'dns6': case 'dnsaddr': return 'dns'
    case 'ip6zone': return 'zone'
    case 'ipcidr': return 'cidr'
    case 'unix': return 'unix'
    case 'p2p': return 'p2p'
    case 'certhash': return 'certhash'
    case 'onion': return 'onion'
    case 'onion3': return 'onion3'
    case 'garlic32': return 'garlic32'
    case 'garlic64': return 'garlic64'
    case 'sni': return 'sni'
    case 'http-path': return 'httpPath'
    case 'memory': return 'memory'
    default: return p.size === 0 ? 'none' : 'unknown'
  }
}
const protos = allProtocols()
// A prefix each protocol is usually seen after, so that both the bare and the realistic form are in the corpus.
const before = { port: '/ip4/1.2.3.4', cidr: '/ip4/1.2.3.4', certhash: '/ip4/1.2.3.4/udp/1/quic-v1/webtransport', sni: '/dns/example.com/tcp/443/tls', httpPath: '/dns/example.com/tcp/443/tls/http', zone: '', none: '/ip4/1.2.3.4/tcp/1' }
for (const p of protos) {
  const k = kindOf(p)
  const names = [p.name, ...p.aliases]
  const vals = k === 'none' ? [null] : (good[k] ?? [])
  for (const n of names) {
    for (const v of vals) {
      const comp = v === null ? `/${n}` : `/${n}/${v}`
      addText(comp, `gen ${p.name}`)
      if (before[k] !== undefined) addText(before[k] + comp, `gen ${p.name}`)
      if (k === 'zone') addText(comp + '/ip6/fe80::1/tcp/1', `gen ${p.name}`)
    }
    for (const v of bad[k] ?? []) addText(`/${n}/${v}`, `gen-bad ${p.name}`)
    if (k !== 'none' && k !== 'unix') addText(`/${n}`, `gen-bad ${p.name} missing value`)
    if (k === 'none') addText(`/${n}/extra`, `gen-bad ${p.name} value given`)
  }
  addText(`/${p.name.toUpperCase()}` + (k === 'none' ? '' : `/${(good[k] ?? ['x'])[0]}`), `gen-bad ${p.name} upper-case name`)
}
// Texts built from parts: transport stacks as deployed.
const stacks = [
  '/ip4/1.2.3.4/tcp/4001', '/ip6/::1/tcp/4001/ws', '/ip4/1.2.3.4/udp/4001/quic-v1', '/ip4/1.2.3.4/udp/4001/quic',
  '/dns4/example.com/tcp/443/wss', '/dns/example.com/tcp/443/tls/sni/example.com/ws', '/ip4/1.2.3.4/udp/1/webrtc-direct/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g',
  '/ip4/1.2.3.4/tcp/1/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N/p2p-circuit/p2p/12D3KooWQxyNfGHWTb2rEb8hRrqBmrDn9uNUMwJYNws8zB9XLirq',
  '/p2p-circuit/webrtc', '/ip6zone/eth0/ip6/fe80::1/tcp/1', '/ip4/1.2.3.4/ipcidr/24', '/ip6/2001:db8::/ipcidr/32',
  '/unix/tmp/p2p.sock', '/ip4/1.2.3.4/tcp/80/http/http-path/foo%2Fbar', '/memory/1234', '/dnsaddr/bootstrap.libp2p.io',
  '/ip4/1.2.3.4/tcp/1/tls/noise/yamux', '/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:1234/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N',
  '/ipfs/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', '/ip4/1.2.3.4/tcp/1/', '//ip4/1.2.3.4', '/ip4//1.2.3.4', '', '/', 'ip4/1.2.3.4',
  '/ip4/1.2.3.4/tcp', '/unix', '/unix/', '/unix/a/', '/ip4/1.2.3.4/unix/tmp/x/tcp/1', '/dns/a%2Fb', '/http-path/a/b'
]
for (const s of stacks) addText(s, 'stack')
// Unknown and unusable codes, framing errors, varint edge cases.
const rawBins = [
  [], [0x00], [0x04], [0x04, 1, 2, 3], [0x04, 1, 2, 3, 4, 5], [0x80], [0x80, 0x00], [0x84, 0x00, 1, 2, 3, 4], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
  [0x06, 0x00], [0x35, 0x00], [0x35, 0x03, 0x61, 0x2f, 0x62], [0x35, 0x80, 0x00], [0x35, 0x05, 0x61], [0x35, 0x02, 0xc0, 0xaf],
  [0xa5, 0x03, 0x00], [0xa5, 0x03, 0x02, 0x00, 0x00], [0x90, 0x03, 0x01, 0x61], [0x90, 0x03, 0x02, 0x2f, 0x61], [0x90, 0x03, 0x01, 0x2f], [0x90, 0x03, 0x02, 0x2f, 0x2f],
  [0x96, 0x03], [0xc8, 0x03], [0xc2, 0xfe, 0x00], [0x80, 0xc0, 0x34], [0xec, 0xd8, 0x81, 0x03], [0xe1, 0x03, 0x00], [0xe1, 0x03, 0x01, 0x2f],
  [0x2b, 0x18], [0x2b, 0x81], [0x2a, 0x00], [0x2a, 0x01, 0x2f], [0xd2, 0x03, 0x00], [0xd2, 0x03, 0x01, 0x00], [0xbc, 0x03, ...new Array(12).fill(0)], [0xbd, 0x03, ...new Array(37).fill(1)],
  [0x89, 0x06, 1, 2, 3, 4, 5, 6, 7, 8], [0x89, 0x06, 1, 2, 3], [0xcc, 0x03, 0x04, 1, 2, 3, 4]
]
for (const b of rawBins) addBin(Uint8Array.from(b), 'framing')
for (const p of protos) {
  // Each code with an empty, a short and an over-long value, in binary.
  const code = uvarint(p.code)
  addBin(Uint8Array.from(code), `bin ${p.name} bare`)
  if (p.size > 0) {
    const n = p.size / 8
    addBin(Uint8Array.from([...code, ...new Array(n).fill(0x01)]), `bin ${p.name} ones`)
    addBin(Uint8Array.from([...code, ...new Array(Math.max(0, n - 1)).fill(0x01)]), `bin ${p.name} short`)
  } else if (p.size < 0) {
    for (const v of [[], [0x61], [0x2f, 0x61], [0xff], utf8('a b'), utf8('ü'), new Array(300).fill(0x61)]) addBin(Uint8Array.from([...code, ...uvarint(v.length), ...v]), `bin ${p.name} value`)
    addBin(Uint8Array.from([...code, 0x81, 0x00, 0x61]), `bin ${p.name} non-minimal length`)
  }
}

// ---- 3. mutations of every valid case so far ----
const valid = []
for (const c of cases.slice()) {
  try {
    const b = c.kind === 'bin' ? bytesOf(c.hex) : lib.multiaddrFromString(c.text)
    lib.multiaddrToString(b)
    valid.push(b)
    if (c.kind === 'text') addBin(b, 'encoded ' + c.source)
  } catch {}
}
for (const c of cases.slice()) {
  if (c.kind !== 'bin') continue
  try { addText(lib.multiaddrToString(bytesOf(c.hex)), 'printed ' + c.source) } catch {}
}
const generated = cases.length - fromVectors
const mutText = [
  (s) => s + '/', (s) => s.replace(/\//g, '//'), (s) => s.toUpperCase(), (s) => s.slice(0, -1), (s) => s.slice(0, Math.max(1, int(s.length))),
  (s) => s.replace('/ip4/', '/ip6/'), (s) => s.replace('/tcp/', '/udp/'), (s) => s + '/p2p-circuit', (s) => s + '/tcp/1', (s) => s.replace(/\d+/, '0' + '$&'),
  (s) => s.replace(/\/[^/]+$/, ''), (s) => s + '/' + pick(protos).name
]
for (let i = 0; i < 1500 && valid.length > 0; i++) {
  const b = pick(valid)
  const m = Array.from(b)
  switch (int(6)) {
    case 0: m.length = int(m.length) // truncate
      break
    case 1: if (m.length) m[int(m.length)] ^= 1 << int(8) // flip one bit
      break
    case 2: m.push(...Array.from({ length: 1 + int(4) }, () => int(256))) // junk after
      break
    case 3: m.push(...pick(valid)) // two valid addresses concatenated
      break
    case 4: if (m.length) m[int(m.length)] = pick([0x00, 0x7f, 0x80, 0xff, 0x2f]) // a byte replaced
      break
    default: m.splice(int(m.length + 1), 0, 0x80) // a continuation byte inserted
  }
  addBin(Uint8Array.from(m), 'mutated')
  if (i % 3 === 0) {
    try { addText(pick(mutText)(lib.multiaddrToString(b)), 'mutated text') } catch {}
  }
}

const out = cases.map((c, id) => JSON.stringify({ id, ...c })).join('\n') + '\n'
process.stdout.write(out)
process.stderr.write(`corpus: ${cases.length} cases (${fromVectors} from vectors/, ${generated} generated, ${cases.length - fromVectors - generated} mutated)\n`)
