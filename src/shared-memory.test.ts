// Inputs that are views of a SharedArrayBuffer (a browser page that is cross-origin isolated, a worker, Node) decode,
// check and print exactly as the same bytes in a plain Uint8Array do, and nothing outside the view is read (poison
// bytes around it). Chromium's TextDecoder.decode throws TypeError on such views; the browser run serves its page
// with COOP + COEP so that SharedArrayBuffer exists there and this test runs against the real thing.
import { describe, it, expect } from 'vitest'
import { decodeIdentify, encodeIdentify, decodeIdentifyStream, encodeIdentifyStream } from './identify/index.js'
import { checkIdentify, decodeDelta, encodeDelta } from './peer/index.js'
import { sanitize } from './unicode/index.js'
import { multiaddrToString, multiaddrFromString, checkIdentifyAddrs } from './multiaddr/index.js'
import { vectorNames, vectorBytes } from './testing/vectors.js'

const POISON = [0xbd, 0x80, 0xff, 0x0a, 0xef, 0xbf, 0xbd, 0x1a]

/** `bytes` copied into a SharedArrayBuffer with poison bytes on both sides; the view covers exactly the bytes. */
function shared (bytes: Uint8Array): Uint8Array {
  const sab = new SharedArrayBuffer(bytes.length + 2 * POISON.length)
  const all = new Uint8Array(sab)
  for (let i = 0; i < all.length; i++) all[i] = POISON[i % POISON.length]!
  const view = new Uint8Array(sab, POISON.length, bytes.length)
  view.set(bytes)
  return view
}

/** The outcome of `f` as comparable data: its result, or the error's name and code. */
function outcome (f: () => unknown): unknown {
  try {
    return { ok: f() }
  } catch (e) {
    return { threw: (e as Error).name, code: (e as { code?: unknown }).code, message: (e as Error).name === 'TypeError' ? (e as Error).message : undefined }
  }
}

// Same outcome for the plain bytes and for their shared copy, for every function under test.
function same (label: string, bytes: Uint8Array, f: (b: Uint8Array) => unknown): void {
  const plain = outcome(() => f(bytes.slice()))
  const sab = outcome(() => f(shared(bytes)))
  expect(sab, `${label} on a SharedArrayBuffer view`).toEqual(plain)
}

const te = new TextEncoder()
// Long and non-ASCII strings (past the short-ASCII fast paths, into TextDecoder) and a leading U+FEFF.
const agent = '\ufeffagent/é ✓ 𝄞 ' + 'x'.repeat(60)
const rich = encodeIdentify({
  protocolVersion: 'ipfs/0.1.0',
  agentVersion: agent,
  protocols: ['/ipfs/id/1.0.0', '/proto/é/' + 'p'.repeat(40), '/ipfs/kad/1.0.0'],
  listenAddrs: [multiaddrFromString('/dns4/' + 'ü'.repeat(20) + '.example/tcp/4001'), multiaddrFromString('/ip4/127.0.0.1/tcp/4001')],
  observedAddr: multiaddrFromString('/dnsaddr/bootstrap.é' + 'l'.repeat(40) + '.io')
})

describe('SharedArrayBuffer-backed inputs', () => {
  it('SharedArrayBuffer exists here (in the browser run: the page is cross-origin isolated)', () => {
    expect(typeof SharedArrayBuffer).toBe('function')
    expect(shared(new Uint8Array([1, 2, 3])).buffer).toBeInstanceOf(SharedArrayBuffer)
  })

  it('decodeIdentify (lenient and strict) on every vector body and a message of long non-ASCII strings', () => {
    const bodies: Array<[string, Uint8Array]> = [['rich', rich], ['invalid utf-8', encodeIdentify({ agentVersion: 'y'.repeat(40) }).map((b, i) => i === 10 ? 0xff : b)]]
    for (const name of vectorNames()) {
      const b = vectorBytes(name)
      bodies.push([name, b.subarray(b[0]! < 0x80 ? 1 : 2)])
    }
    for (const [name, body] of bodies) {
      same(`decodeIdentify ${name}`, body, (b) => decodeIdentify(b))
      same(`decodeIdentify strict ${name}`, body, (b) => decodeIdentify(b, { strict: true, copy: true }))
    }
  })

  it('decodeIdentifyStream on every recorded vector and on a multi-frame stream', () => {
    for (const name of vectorNames()) same(`decodeIdentifyStream ${name}`, vectorBytes(name), (b) => decodeIdentifyStream(b))
    same('decodeIdentifyStream rich', encodeIdentifyStream(decodeIdentify(rich)), (b) => decodeIdentifyStream(b))
  })

  it('checkIdentify never throws and gives the same verdict (streams and bodies)', () => {
    for (const name of vectorNames()) {
      const b = vectorBytes(name)
      same(`checkIdentify ${name}`, b, (v) => checkIdentify(v))
      same(`checkIdentify body ${name}`, b.subarray(b[0]! < 0x80 ? 1 : 2), (v) => checkIdentify(v, { input: 'body' }))
    }
    same('checkIdentify rich', encodeIdentifyStream(decodeIdentify(rich)), (v) => checkIdentify(v))
    same('checkIdentify rich body', rich, (v) => checkIdentify(v, { input: 'body' }))
  })

  it('sanitize(bytes)', () => {
    for (const s of [agent, 'plain ascii', 'é'.repeat(200), '\u202eevil\u001b[2J']) same(`sanitize ${JSON.stringify(s.slice(0, 12))}`, te.encode(s), (b) => sanitize(b))
    same('sanitize invalid', new Uint8Array([0x61, 0xff, 0xe2, 0x82, 0x62]), (b) => sanitize(b))
  })

  // multiaddr/text.ts decodes dns, dns4, dns6, dnsaddr, sni, ip6zone and unix values with its own TextDecoder.
  it('multiaddrToString', () => {
    const m = decodeIdentify(rich)
    for (const a of [...m.listenAddrs, m.observedAddr!]) same(`multiaddrToString ${multiaddrToString(a)}`, a, (b) => multiaddrToString(b))
  })

  it('checkIdentifyAddrs (prints every address it accepts)', () => {
    same('checkIdentifyAddrs', rich, (b) => checkIdentifyAddrs(decodeIdentify(b)))
  })

  it('decodeDelta', () => {
    const d = encodeDelta({ addedProtocols: ['/added/é/' + 'a'.repeat(40), '/b'], rmProtocols: ['/removed/' + 'ü'.repeat(30)] })
    same('decodeDelta', d, (b) => decodeDelta(b))
  })
})
