// Builds identify-handmade.json: hand-made Identify bodies with the result each one must decode to, written down
// here from the protobuf encoding rules and the WHATWG UTF-8 decoder, not by running the codec under test.
// Run: node vectors/identify-handmade.gen.mjs  (rewrites vectors/identify-handmade.json)
import { writeFileSync } from 'node:fs'

const hex = (b) => Buffer.from(b).toString('hex')
const uv = (v) => { const o = []; while (v >= 128) { o.push((v % 128) | 0x80); v = Math.floor(v / 128) } o.push(v); return o }
const bytes = (n, seed = 1) => Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff)
const ascii = (s) => [...Buffer.from(s, 'utf8')]
const field = (f, payload) => [...uv(f * 8 + 2), ...uv(payload.length), ...payload]
const empty = () => ({ listenAddrs: [], protocols: [] })
const cases = []
const ok = (name, body, decoded, options) => cases.push({ name, hex: hex(body), ...(options && { options }), decoded })
const err = (name, body, code, offset, path, options) => cases.push({ name, hex: hex(body), ...(options && { options }), error: { code, offset, ...(path && { path }) } })
const both = (name, body, decoded, code, offset, path) => { ok(name + ' (lenient)', body, decoded); err(name + ' (strict)', body, code, offset, path, { strict: true }) }

// 1. Length prefixes at every varint boundary that fits in a test file (0 .. 16384), on a bytes field ...
for (const n of [0, 1, 127, 128, 16383, 16384]) ok(`publicKey of ${n} bytes (${uv(n).length}-byte length)`, field(1, bytes(n)), { ...empty(), publicKey: hex(bytes(n)) })
for (const n of [127, 128]) ok(`agentVersion of ${n} ASCII chars`, field(6, ascii('a'.repeat(n))), { ...empty(), agentVersion: 'a'.repeat(n) })
// ... and beyond: declared but absent (the length is checked against the input before anything else).
for (const n of [2 ** 14, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 35 - 1, 2 ** 35, 2 ** 42, 2 ** 49, 2 ** 53 - 1]) {
  err(`length ${n} declared, 1 byte present`, [0x0a, ...uv(n), 0x00], 'LENGTH_OUT_OF_BOUNDS', 1, 'publicKey')
}
err('length 2^53 (above MAX_SAFE_INTEGER)', [0x0a, ...uv(2 ** 53)], 'VARINT_OVERFLOW', 1, 'publicKey')
err('length varint of 11 bytes', [0x0a, ...Array(10).fill(0x80), 0x00], 'VARINT_OVERFLOW', 1, 'publicKey')
err('tag varint of 11 bytes', [...Array(10).fill(0x80), 0x00], 'VARINT_OVERFLOW', 0)

// 2. Present but empty values are present.
ok('2a00 protocolVersion empty', [0x2a, 0x00], { ...empty(), protocolVersion: '' })
ok('3200 agentVersion empty', [0x32, 0x00], { ...empty(), agentVersion: '' })
ok('2200 observedAddr empty', [0x22, 0x00], { ...empty(), observedAddr: '' })
ok('1200 one empty listen address', [0x12, 0x00], { ...empty(), listenAddrs: [''] })
ok('1a00 one empty protocol', [0x1a, 0x00], { ...empty(), protocols: [''] })
ok('0a00 publicKey empty', [0x0a, 0x00], { ...empty(), publicKey: '' })
ok('4200 signedPeerRecord empty', [0x42, 0x00], { ...empty(), signedPeerRecord: '' })
ok('empty body', [], empty())

// 3. Field 7: Delta (LEN) or sequence (VARINT): skipped, kept with preserveUnknown.
const delta = field(7, [...field(1, ascii('/new/1')), ...field(2, ascii('/old'))]) // Delta{added_protocols, rm_protocols}
ok('field 7 as LEN (Delta)', [...delta, 0x2a, 0x01, 0x61], { ...empty(), protocolVersion: 'a' })
ok('field 7 as LEN, preserved', [...delta, 0x2a, 0x01, 0x61], { ...empty(), protocolVersion: 'a', unknownFields: [[7, 2, hex(delta.slice(1))]] }, { preserveUnknown: true })
ok('field 7 as VARINT (sequence 5)', [0x38, 0x05], empty())
ok('field 7 as VARINT, preserved', [0x38, 0x05], { ...empty(), unknownFields: [[7, 0, '05']] }, { preserveUnknown: true })
ok('field 7 as VARINT 2^64-1 (10 bytes)', [0x38, ...Array(9).fill(0xff), 0x01], { ...empty(), unknownFields: [[7, 0, 'ffffffffffffffffff01']] }, { preserveUnknown: true, strict: true })
err('field 7 VARINT with a 10th byte above 1', [0x38, ...Array(9).fill(0xff), 0x02], 'VARINT_OVERFLOW', 1)

// 4. Duplicate singular fields: the last wins; repeated fields append.
ok('protocolVersion twice', [0x2a, 0x01, 0x61, 0x2a, 0x01, 0x62], { ...empty(), protocolVersion: 'b' })
ok('publicKey twice, second empty', [0x0a, 0x01, 0x01, 0x0a, 0x00], { ...empty(), publicKey: '' })
ok('observedAddr twice', [0x22, 0x01, 0x01, 0x22, 0x01, 0x02], { ...empty(), observedAddr: '02' })
ok('protocols repeated, duplicates kept', [0x1a, 0x01, 0x61, 0x1a, 0x01, 0x61], { ...empty(), protocols: ['a', 'a'] })

// 5. Out of order: any order decodes the same.
ok('order 8,6,4,3,2,1,5 with interleaved repeats', [0x42, 0x01, 0x08, 0x32, 0x01, 0x61, 0x12, 0x01, 0x01, 0x22, 0x01, 0x04, 0x1a, 0x01, 0x78, 0x12, 0x01, 0x02, 0x0a, 0x01, 0x09, 0x1a, 0x01, 0x79, 0x2a, 0x01, 0x70],
  { protocolVersion: 'p', agentVersion: 'a', publicKey: '09', listenAddrs: ['01', '02'], observedAddr: '04', protocols: ['x', 'y'], signedPeerRecord: '08' })

// 6. UTF-8: WHATWG replacement (one U+FFFD per maximal subpart) by default, INVALID_UTF8 at the bad byte in strict.
both('agentVersion c0 af (overlong /)', [0x32, 0x02, 0xc0, 0xaf], { ...empty(), agentVersion: '\ufffd\ufffd' }, 'INVALID_UTF8', 2, 'agentVersion')
both('agentVersion ed a0 80 (surrogate U+D800)', [0x32, 0x03, 0xed, 0xa0, 0x80], { ...empty(), agentVersion: '\ufffd\ufffd\ufffd' }, 'INVALID_UTF8', 2, 'agentVersion')
both('protocol x c0 af y, second protocol', [0x1a, 0x01, 0x61, 0x1a, 0x04, 0x78, 0xc0, 0xaf, 0x79], { ...empty(), protocols: ['a', 'x\ufffd\ufffdy'] }, 'INVALID_UTF8', 6, 'protocols[1]')
both('protocolVersion e2 82 (truncated sequence)', [0x2a, 0x03, 0x61, 0xe2, 0x82], { ...empty(), protocolVersion: 'a\ufffd' }, 'INVALID_UTF8', 3, 'protocolVersion')
both('agentVersion f4 90 80 80 (above U+10FFFF)', [0x32, 0x04, 0xf4, 0x90, 0x80, 0x80], { ...empty(), agentVersion: '\ufffd\ufffd\ufffd\ufffd' }, 'INVALID_UTF8', 2, 'agentVersion')
both('agentVersion: a real U+FFFD (ef bf bd) then ff', [0x32, 0x04, 0xef, 0xbf, 0xbd, 0xff], { ...empty(), agentVersion: '\ufffd\ufffd' }, 'INVALID_UTF8', 5, 'agentVersion')
ok('a real U+FFFD is valid in strict mode', [0x32, 0x03, 0xef, 0xbf, 0xbd], { ...empty(), agentVersion: '\ufffd' }, { strict: true })
ok('leading BOM kept', [0x32, 0x04, 0xef, 0xbb, 0xbf, 0x61], { ...empty(), agentVersion: '\ufeffa' }, { strict: true })
ok('4-byte sequence (U+1F680)', [0x1a, 0x04, 0xf0, 0x9f, 0x9a, 0x80], { ...empty(), protocols: ['\u{1f680}'] }, { strict: true })

// 7. Truncation at every byte of a small message: inside a tag or right after it -> TRUNCATED at the tag; inside a
// length-delimited value -> LENGTH_OUT_OF_BOUNDS at its length prefix; at a field boundary -> the fields so far.
{
  const parts = [[0x0a, 0x02, 0x08, 0x01], [0x1a, 0x03, 0x2f, 0x61, 0x62], [0xc2, 0x3e, 0x01, 0x07], [0x2a, 0x00], [0x12, 0x82, 0x01, ...bytes(130)]] // 0xc2 0x3e = field 1000 LEN
  const full = parts.flat()
  let start = 0
  const sofar = empty()
  for (const p of parts) {
    for (let cut = start; cut < start + p.length; cut++) {
      const name = `truncated at byte ${cut} of ${full.length}`
      const tagLen = p[0] === 0xc2 ? 2 : 1
      if (cut === start) ok(name, full.slice(0, cut), structuredClone(sofar))
      else if (cut < start + tagLen + 1) err(name, full.slice(0, cut), 'TRUNCATED', start, p[0] === 0xc2 ? undefined : { 0x0a: 'publicKey', 0x1a: 'protocols[0]', 0x2a: 'protocolVersion', 0x12: 'listenAddrs[0]' }[p[0]] ?? undefined)
      else if (p[0] === 0x12 && cut === start + 2) err(name, full.slice(0, cut), 'TRUNCATED', start + 1, 'listenAddrs[0]') // inside the 2-byte length
      else err(name, full.slice(0, cut), 'LENGTH_OUT_OF_BOUNDS', start + tagLen, p[0] === 0xc2 ? undefined : { 0x0a: 'publicKey', 0x1a: 'protocols[0]', 0x2a: 'protocolVersion', 0x12: 'listenAddrs[0]' }[p[0]])
    }
    start += p.length
    if (p[0] === 0x0a) sofar.publicKey = '0801'
    if (p[0] === 0x1a) sofar.protocols.push('/ab')
    if (p[0] === 0x2a) sofar.protocolVersion = ''
  }
  ok(`whole (${full.length} bytes)`, full, { ...sofar, listenAddrs: [hex(bytes(130))] })
}

// 8. Unknown fields of every wire type are skipped; I64 and I32 need 8 and 4 bytes.
ok('I64 field 9 and I32 field 10 skipped', [0x49, ...bytes(8), 0x55, ...bytes(4), 0x2a, 0x01, 0x61], { ...empty(), protocolVersion: 'a' })
ok('I64 and I32 preserved', [0x49, ...bytes(8), 0x55, ...bytes(4)], { ...empty(), unknownFields: [[9, 1, hex(bytes(8))], [10, 5, hex(bytes(4))]] }, { preserveUnknown: true })
err('I64 with 3 bytes', [0x49, 1, 2, 3], 'TRUNCATED', 1)
err('I32 with no bytes', [0x55], 'TRUNCATED', 0)
ok('VARINT and LEN unknown fields 100 and 2^29-1', [0xa0, 0x06, 0x96, 0x01, 0xfa, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x00], { ...empty(), unknownFields: [[100, 0, '9601'], [2 ** 29 - 1, 2, '0100']] }, { preserveUnknown: true, strict: true })
err('unknown LEN field longer than the input', [0x4a, 0x05, 0x00], 'LENGTH_OUT_OF_BOUNDS', 1)
both('publicKey sent as VARINT (wire-type mismatch)', [0x08, 0x01], empty(), 'WIRE_TYPE_MISMATCH', 0, 'publicKey')
ok('wire-type mismatch kept as unknown', [0x1d, 1, 2, 3, 4], { ...empty(), unknownFields: [[3, 5, '01020304']] }, { preserveUnknown: true })
err('wire-type mismatch on protocols, strict', [0x1a, 0x00, 0x18, 0x01], 'WIRE_TYPE_MISMATCH', 2, 'protocols[1]', { strict: true })

// 9. Groups (wire types 3, 4) and wire types 6, 7.
err('SGROUP field 9', [0x4b, 0x08, 0x01, 0x4c], 'WIRE_TYPE_GROUP', 0)
err('EGROUP field 1', [0x0c], 'WIRE_TYPE_GROUP', 0)
err('SGROUP on a known field after a valid one', [0x2a, 0x00, 0x0b], 'WIRE_TYPE_GROUP', 2)
err('wire type 6', [0x0e], 'WIRE_TYPE_INVALID', 0)
err('wire type 7', [0x2a, 0x00, 0x4f], 'WIRE_TYPE_INVALID', 2)

// 10. Field numbers 0 and 2^29 are invalid; 2^29-1 is the largest.
err('field 0 VARINT', [0x00, 0x00], 'FIELD_NUMBER_INVALID', 0)
err('field 0 LEN', [0x02, 0x00], 'FIELD_NUMBER_INVALID', 0)
err('field 2^29', [...uv(2 ** 32), 0x00], 'FIELD_NUMBER_INVALID', 0)
ok('field 2^29-1 VARINT', [...uv((2 ** 29 - 1) * 8), 0x00], empty())

// 11. Non-minimal varints: accepted by default (js-libp2p does), VARINT_NON_MINIMAL in strict mode.
both('tag 9a 00 (field 3 padded)', [0x9a, 0x00, 0x01, 0x61], { ...empty(), protocols: ['a'] }, 'VARINT_NON_MINIMAL', 0)
both('length 81 00 (1 padded)', [0x1a, 0x81, 0x00, 0x61], { ...empty(), protocols: ['a'] }, 'VARINT_NON_MINIMAL', 1, 'protocols[0]')
both('length 80 80 00 (0 padded)', [0x22, 0x80, 0x80, 0x00], { ...empty(), observedAddr: '' }, 'VARINT_NON_MINIMAL', 1, 'observedAddr')
both('unknown VARINT value 80 00', [0x48, 0x80, 0x00], empty(), 'VARINT_NON_MINIMAL', 1)
both('unknown LEN prefix 81 00', [0x4a, 0x81, 0x00, 0x00], empty(), 'VARINT_NON_MINIMAL', 1)
both('tag padded to 10 bytes', [0x9a, ...Array(8).fill(0x80), 0x00, 0x00], { ...empty(), protocols: [''] }, 'VARINT_NON_MINIMAL', 0)

// 12. Count limits: exactly at the limit passes, one past fails at the first field over it.
ok('3 protocols, maxProtocols 3', [0x1a, 0x00, 0x1a, 0x00, 0x1a, 0x00], { ...empty(), protocols: ['', '', ''] }, { maxProtocols: 3 })
err('4 protocols, maxProtocols 3', [0x1a, 0x00, 0x1a, 0x00, 0x1a, 0x00, 0x1a, 0x00], 'TOO_MANY_PROTOCOLS', 6, 'protocols[3]', { maxProtocols: 3 })
ok('2 addresses, maxListenAddrs 2', [0x12, 0x00, 0x2a, 0x00, 0x12, 0x00], { ...empty(), protocolVersion: '', listenAddrs: ['', ''] }, { maxListenAddrs: 2 })
err('3 addresses, maxListenAddrs 2', [0x12, 0x00, 0x12, 0x00, 0x2a, 0x00, 0x12, 0x01, 0x00], 'TOO_MANY_LISTEN_ADDRS', 6, 'listenAddrs[2]', { maxListenAddrs: 2 })
err('maxListenAddrs 0', [0x12, 0x00], 'TOO_MANY_LISTEN_ADDRS', 0, 'listenAddrs[0]', { maxListenAddrs: 0 })

const out = {
  description: 'Hand-made Identify bodies (no length prefix) with the value each decodes to, or the WireError it throws. ' +
    'Bytes as lowercase hex; decoded.unknownFields as [field, wireType, hex of the raw value after the tag]. ' +
    'options are DecodeIdentifyOptions. Built by identify-handmade.gen.mjs from the protobuf encoding rules and the WHATWG UTF-8 decoder.',
  cases
}
writeFileSync(new URL('identify-handmade.json', import.meta.url), JSON.stringify(out, null, 1) + '\n')
console.log(`${cases.length} cases`)
