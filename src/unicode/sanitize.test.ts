// Tests of sanitize / sanitizeDetailed against spec identify r2 "Unicode Sanitization", category by category, plus
// Kubo's CleanAndTrim cases (minus its trim), invalid UTF-8, truncation and fast-check properties.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { sanitize, sanitizeDetailed } from './sanitize.js'
import { vectorFiles, vectorJson } from '../testing/vectors.js'

const R = '\uFFFD'

// Cf in UnicodeData.txt (field 2), Unicode 15.0-17.0: written out here independently of tables.ts.
const CF: ReadonlyArray<readonly [number, number]> = [
  [0xAD, 0xAD], [0x600, 0x605], [0x61C, 0x61C], [0x6DD, 0x6DD], [0x70F, 0x70F], [0x890, 0x891], [0x8E2, 0x8E2],
  [0x180E, 0x180E], [0x200B, 0x200F], [0x202A, 0x202E], [0x2060, 0x2064], [0x2066, 0x206F], [0xFEFF, 0xFEFF],
  [0xFFF9, 0xFFFB], [0x110BD, 0x110BD], [0x110CD, 0x110CD], [0x13430, 0x1343F], [0x1BCA0, 0x1BCA3],
  [0x1D173, 0x1D17A], [0xE0001, 0xE0001], [0xE0020, 0xE007F],
]
const isCf = (c: number): boolean => CF.some(([a, b]) => c >= a && c <= b)
const isCc = (c: number): boolean => c <= 0x1f || (c >= 0x7f && c <= 0x9f)
const isCs = (c: number): boolean => c >= 0xd800 && c <= 0xdfff
const isBad = (c: number): boolean => isCc(c) || isCf(c) || isCs(c)

/** Straightforward reference: per code point (Array.from yields lone surrogates alone), replace, then cut. */
function reference (s: string, max = 128): string {
  return Array.from(s).slice(0, max).map((ch) => isBad(ch.codePointAt(0)!) ? R : ch).join('')
}
const codePoints = (s: string): number => Array.from(s).length
const cp = (c: number): string => String.fromCodePoint(c)
const whatwg = (b: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b)
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('sanitize: Cc (spec step 1)', () => {
  it('replaces every Cc code point, U+0000..U+001F and U+007F..U+009F, alone and inside text', () => {
    let count = 0
    for (let c = 0; c <= 0x9f; c++) {
      if (c === 0x20) c = 0x7f
      expect(sanitize(cp(c))).toBe(R)
      expect(sanitize('a' + cp(c) + 'b')).toBe('a' + R + 'b')
      expect(sanitize(utf8('a' + cp(c) + 'b'))).toBe('a' + R + 'b')
      count++
    }
    expect(count).toBe(65)
  })
  it('keeps the neighbours of the Cc ranges', () => {
    expect(sanitize(' ~\u00a0')).toBe(' ~\u00a0')
  })
  it('replaces ESC but leaves the rest of an ANSI sequence printable (documented)', () => {
    expect(sanitize('evil\u001b[2J\u001b[31mred')).toBe(`evil${R}[2J${R}[31mred`)
  })
})

describe('sanitize: Cf (spec step 2)', () => {
  it('replaces the first and last code point of every Cf range and keeps the ones just outside', () => {
    for (const [a, b] of CF) {
      for (const c of [a, b]) {
        expect(sanitize('x' + cp(c) + 'y')).toBe('x' + R + 'y')
        expect(sanitize(utf8('x' + cp(c) + 'y'))).toBe('x' + R + 'y')
      }
      for (const c of [a - 1, b + 1]) {
        const want = isBad(c) ? R : cp(c)
        expect(sanitize('x' + cp(c) + 'y')).toBe('x' + want + 'y')
        expect(sanitize(utf8('x' + cp(c) + 'y'))).toBe('x' + want + 'y')
      }
    }
  })
  it('replaces bidi overrides and isolates (Trojan Source), zero-width characters and the BOM', () => {
    expect(sanitize('a\u202egnp.exe')).toBe(`a${R}gnp.exe`)
    expect(sanitize('\u2066\u2067\u2068\u2069')).toBe(R.repeat(4))
    expect(sanitize('\ufeffstart')).toBe(`${R}start`)
  })
  it('visibly breaks emoji ZWJ sequences and tag-sequence flags, as the spec rule implies (documented)', () => {
    expect(sanitize('👨\u200d👩\u200d👧 family')).toBe(`👨${R}👩${R}👧 family`)
    // England: U+1F3F4 then the tags g b e n g and CANCEL TAG, each Cf: one U+FFFD per tag (a pair each in UTF-16).
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'
    expect(sanitize(england)).toBe('\u{1F3F4}' + R.repeat(6))
    expect(sanitize(utf8(england))).toBe('\u{1F3F4}' + R.repeat(6))
  })
})

describe('sanitize: Cs (spec step 3)', () => {
  it('replaces lone high and low surrogates anywhere', () => {
    for (const u of ['\ud800', '\udbff', '\udc00', '\udfff']) {
      expect(sanitize(u)).toBe(R)
      expect(sanitize('a' + u)).toBe('a' + R)
      expect(sanitize(u + 'b')).toBe(R + 'b')
      expect(sanitize('a' + u + 'b')).toBe('a' + R + 'b')
    }
    expect(sanitize('\udc00\ud800')).toBe(R + R) // reversed pair
    expect(sanitize('\ud800\ud800\udc00')).toBe(R + '\u{10000}')
    expect(sanitize('\ud83d\ude80\ude80')).toBe('🚀' + R)
  })
  it('keeps valid pairs, from U+10000 to U+10FFFF', () => {
    for (const s of ['\u{10000}', '\u{1F680}', '\u{10FFFD}', '\u{20000}']) expect(sanitize(s)).toBe(s)
  })
})

describe('sanitize: everything else kept (spec step 4)', () => {
  it('keeps private use (Co), combining marks, emoji, letters of all scripts', () => {
    const kept = ['test\ue000\uf8ff', '\u{F0000}\u{10FFFD}', 'e\u0301\u0302\u0303', '👍🏽', '🚀🎉', 'Hello-你好-مرحبا-Здравствуйте',
      'ünïcødé ✓', '\u2028\u2029', '\ufdd0\uffff\u{1FFFE}', '\ufffd', ' ', '']
    for (const s of kept) {
      expect(sanitize(s)).toBe(s)
      expect(sanitizeDetailed(s)).toEqual({ text: s, changed: false, truncated: false })
    }
  })
  it('keeps every string of the recorded vectors unchanged, from a string and from its UTF-8 bytes', () => {
    let n = 0
    for (const f of vectorFiles().filter((x) => x.endsWith('.json'))) {
      for (const m of vectorJson<{ messages?: Array<{ decoded?: { protocolVersion?: string, agentVersion?: string, protocols?: string[] } }> }>(f).messages ?? []) {
        const d = m.decoded
        if (d === undefined) continue
        for (const s of [d.protocolVersion, d.agentVersion, ...(d.protocols ?? [])]) {
          if (s === undefined) continue
          expect(sanitize(s)).toBe(reference(s))
          expect(sanitize(utf8(s))).toBe(reference(s))
          n++
        }
      }
    }
    expect(n).toBeGreaterThan(50)
  })
})

describe('sanitize: 128 code points (spec step 5)', () => {
  it('cuts at 128 code points, never inside a surrogate pair', () => {
    const a = 'a'.repeat(127)
    expect(sanitize(a + '🚀')).toBe(a + '🚀') // 128 code points in 129 units: kept whole
    expect(sanitize(a + '🚀🚀')).toBe(a + '🚀')
    expect(sanitize(a + 'b🚀')).toBe(a + 'b')
    expect(sanitize(a + '\ud800🚀')).toBe(a + R)
    expect(sanitize(a + '\u200b\u200b')).toBe(a + R)
    expect(sanitize('🚀'.repeat(150))).toBe('🚀'.repeat(128))
    expect(sanitize('x'.repeat(10000))).toBe('x'.repeat(128))
    expect(sanitizeDetailed('\u200b'.repeat(10000))).toEqual({ text: R.repeat(128), changed: true, truncated: true })
    expect(sanitizeDetailed('x'.repeat(129))).toEqual({ text: 'x'.repeat(128), changed: false, truncated: true })
    expect(sanitizeDetailed('x'.repeat(128))).toEqual({ text: 'x'.repeat(128), changed: false, truncated: false })
  })
  it('cuts bytes input at 128 code points too, invalid sequences counting one each', () => {
    expect(sanitize(utf8('🚀'.repeat(200)))).toBe('🚀'.repeat(128))
    expect(sanitize(utf8('a'.repeat(127) + '🚀🚀'))).toBe('a'.repeat(127) + '🚀')
    expect(sanitizeDetailed(new Uint8Array(300).fill(0xff))).toEqual({ text: R.repeat(128), changed: true, truncated: true })
    expect(sanitizeDetailed(new Uint8Array(128).fill(0x41))).toEqual({ text: 'A'.repeat(128), changed: false, truncated: false })
  })
  it('takes maxCodePoints: 0, 1, a large number, Infinity', () => {
    expect(sanitizeDetailed('ab', { maxCodePoints: 0 })).toEqual({ text: '', changed: false, truncated: true })
    expect(sanitizeDetailed('', { maxCodePoints: 0 })).toEqual({ text: '', changed: false, truncated: false })
    expect(sanitize('🚀🚀', { maxCodePoints: 1 })).toBe('🚀')
    expect(sanitize(utf8('🚀🚀'), { maxCodePoints: 1 })).toBe('🚀')
    expect(sanitize('x'.repeat(5000), { maxCodePoints: 4096 })).toBe('x'.repeat(4096))
    expect(sanitize('x\u0000'.repeat(5000), { maxCodePoints: Infinity })).toBe(('x' + R).repeat(5000))
  })
  it('throws TypeError for a bad maxCodePoints', () => {
    for (const m of [-1, 1.5, NaN, -Infinity, '5' as unknown as number]) {
      expect(() => sanitize('a', { maxCodePoints: m })).toThrow(TypeError)
    }
  })
})

describe('sanitize: options beyond the spec', () => {
  it('replaceNoncharacters replaces the 66 noncharacters, and only them', () => {
    const non: number[] = []
    for (let c = 0xfdd0; c <= 0xfdef; c++) non.push(c)
    for (let p = 0; p <= 0x10; p++) non.push(p * 0x10000 + 0xfffe, p * 0x10000 + 0xffff)
    expect(non).toHaveLength(66)
    for (const c of non) {
      expect(sanitize(cp(c))).toBe(cp(c))
      expect(sanitize(cp(c), { replaceNoncharacters: true })).toBe(R)
      expect(sanitize(utf8(cp(c)), { replaceNoncharacters: true })).toBe(R)
    }
    for (const c of [0xfdcf, 0xfdf0, 0xfffd, 0x1fffd, 0x10fffd, 0xe000]) expect(sanitize(cp(c), { replaceNoncharacters: true })).toBe(cp(c))
  })
  it('replaceLineSeparators replaces U+2028 and U+2029', () => {
    expect(sanitize('a\u2028b\u2029c')).toBe('a\u2028b\u2029c')
    expect(sanitize('a\u2028b\u2029c', { replaceLineSeparators: true })).toBe(`a${R}b${R}c`)
    expect(sanitize(utf8('a\u2028b\u2029c'), { replaceLineSeparators: true })).toBe(`a${R}b${R}c`)
    expect(sanitize('\u2027\u202a', { replaceLineSeparators: true })).toBe('\u2027' + R)
  })
  it('throws TypeError for input that is neither a string nor a Uint8Array', () => {
    for (const x of [1, null, undefined, [], {}, new ArrayBuffer(2), new Uint16Array(2)]) {
      expect(() => sanitize(x as unknown as string)).toThrow(TypeError)
      expect(() => sanitizeDetailed(x as unknown as string)).toThrow(TypeError)
    }
  })
})

// Kubo test/cli/agent_version_unicode_test.go (TestCleanAndTrimUnicode, ipfs/kubo at 9f7aa3b5), without its trim:
// expectations are Kubo's except for the two trim cases, where the spaces stay.
describe('sanitize: Kubo CleanAndTrim cases (minus the trim)', () => {
  const same = ['kubo/1.0.0', 'test-ąęćłńóśźż', '版本-中文测试', 'اختبار-العربية', 'version-1.0-🚀-🎉',
    'h̸̢̢̢̢̢̢̢̢̢̢e̵̵̵̵̵̵̵̵̵̵l̷̷̷̷̷̷̷̷̷̷l̶̶̶̶̶̶̶̶̶̶o̴̴̴̴̴̴̴̴̴̴', 'e\u0301\u0302\u0303\u0304\u0305',
    '123456789012345678901234567890123456789012345678901234567890123456789', '🚀'.repeat(70), '', '👍🏽',
    'Hello-你好-مرحبا-Здравствуйте',
    'ț̸̢͙̞̖̏̔ȩ̶̰͓̪͎̱̠̥̳͔̽̀̃̿̌̾̀͗̕̕͜s̵̢̛̖̬͈͉͖͇͈̭̥̃́̓̌̾͊̊̂̄̍̅̂͌́ͅţ̴̯̹̪͖͓̘̊́̑̄̋̈́͐̈́̔̇̄̂́̎̓͛͠ͅ test', 'test\uE000\uF8FF']
  it('keeps what Kubo keeps', () => {
    for (const s of same) expect(sanitize(s)).toBe(s)
  })
  it('replaces what Kubo replaces', () => {
    const cases: Array<[string, string]> = [
      ['test\u200Bzero\u200Cwidth\u200D\uFEFFchars', 'test�zero�width��chars'],
      ['test\u202Drtl\u202Eltr\u202Aoverride', 'test�rtl�ltr�override'],
      ['test\u2066bidi\u2067isolate\u2068text\u2069end', 'test�bidi�isolate�text�end'],
      ['test\x00null\x1Fescape\x7Fdelete', 'test�null�escape�delete'],
      ['kubo/1.0-🚀\u200B h̸̢̏̔ḛ̶̽̀s̵t\u202E-ąęł-中文', 'kubo/1.0-🚀� h̸̢̏̔ḛ̶̽̀s̵t�-ąęł-中文'],
      ['test\u00ADsoft\u2060word\u206Fnom\u200Ebreak', 'test�soft�word�nom�break'],
      ['a\x00b\u200Cc\u202Ed', 'a\uFFFDb\uFFFDc\uFFFDd'],
      ['a'.repeat(150), 'a'.repeat(128)],
      ['🚀'.repeat(150), '🚀'.repeat(128)],
      // Kubo trims these to "\uFFFD\uFFFD" and "test"; the final spec text has no trim step.
      ['   \t\n   ', `   ${R}${R}   `],
      ['  test  ', '  test  '],
    ]
    for (const [input, want] of cases) expect(sanitize(input)).toBe(want)
  })
  it('cuts the long combining-mark text at 128 code points, as Kubo does', () => {
    const unit = 'ẽ̸̢̛̖̬͈͉͖͇͈̭̥́̓̌̾͊̊̂̄̍̅̂͌́'
    expect(codePoints(unit)).toBe(26)
    const out = sanitize(unit.repeat(10))
    expect(codePoints(out)).toBe(128)
    expect(out).toBe(unit.repeat(4) + Array.from(unit).slice(0, 24).join(''))
  })
  it('is idempotent on Kubo\'s idempotence inputs', () => {
    for (const s of ['test-ąęćłńóśźż', '版本-中文测试', 'version-1.0-🚀-🎉', 'h̸e̵l̷l̶o̴ w̸o̵r̷l̶d̴', 'test\u200Bzero\u200Cwidth']) {
      expect(sanitize(sanitize(s))).toBe(sanitize(s))
    }
  })
})

describe('sanitize: UTF-8 bytes (WHATWG decoding, one U+FFFD per maximal subpart)', () => {
  const cases: Array<[number[], string]> = [
    [[0xc0, 0xaf], R + R], // overlong '/'
    [[0xe0, 0x80, 0xaf], R + R + R], // overlong, 3 bytes
    [[0xf0, 0x80, 0x80, 0xaf], R + R + R + R], // overlong, 4 bytes
    [[0xc1, 0xbf], R + R],
    [[0xed, 0xa0, 0x80], R + R + R], // surrogate U+D800 encoded
    [[0xed, 0xbf, 0xbf], R + R + R],
    [[0xed, 0x9f, 0xbf], '\ud7ff'], // last code point before the surrogates
    [[0xe2, 0x82], R], // truncated 3-byte sequence: one maximal subpart
    [[0xe2, 0x82, 0x41], R + 'A'],
    [[0xf0, 0x9f, 0x9a], R], // truncated 4-byte sequence
    [[0xf0, 0x9f, 0x9a, 0x80], '🚀'],
    [[0xf0, 0x9f, 0x41], R + 'A'],
    [[0x80], R], [[0xbf, 0x80], R + R], // lone continuation bytes
    [[0xf8, 0x88, 0x80, 0x80, 0x80], R.repeat(5)], // old 5-byte form
    [[0xfc, 0x84, 0x80, 0x80, 0x80, 0x80], R.repeat(6)], // old 6-byte form
    [[0xf4, 0x90, 0x80, 0x80], R.repeat(4)], // above U+10FFFF
    [[0xf4, 0x8f, 0xbf, 0xbd], '\u{10FFFD}'],
    [[0xf5, 0x80, 0x80, 0x80], R.repeat(4)], [[0xfe], R], [[0xff, 0x41], R + 'A'],
    [[0xc2, 0x80], R], // U+0080 is Cc
    [[0xc2, 0xa0], '\u00a0'],
    [[0xef, 0xbb, 0xbf, 0x41], R + 'A'], // leading BOM: decoded as U+FEFF (kept by WHATWG ignoreBOM), then Cf
    [[0xef, 0xbf, 0xbe], '\ufffe'], // noncharacter, kept by default
    [[], ''],
  ]
  it('decodes each case as the table says, and as TextDecoder does before replacing', () => {
    for (const [bytes, want] of cases) {
      const b = new Uint8Array(bytes)
      expect(sanitize(b)).toBe(want)
      expect(sanitize(b)).toBe(sanitize(whatwg(b)))
    }
  })
  it('reports invalid sequences as changed', () => {
    expect(sanitizeDetailed(new Uint8Array([0x61, 0xc0]))).toEqual({ text: 'a' + R, changed: true, truncated: false })
    expect(sanitizeDetailed(utf8('ünï'))).toEqual({ text: 'ünï', changed: false, truncated: false })
  })
})

// Arbitrary strings rich in the interesting units: ASCII, Cc, Cf, lone surrogates, pairs, any BMP or astral code point.
const unit = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }).map(cp),
  fc.integer({ min: 0, max: 0x9f }).map(cp),
  fc.constantFrom(...CF.flatMap(([a, b]) => [a, b])).map(cp),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => isCs(c) ? String.fromCharCode(c) : cp(c)),
)
const text = fc.string({ unit, maxLength: 300 })
// Byte strings mixing valid UTF-8 of such text with arbitrary bytes.
const bytes = fc.array(fc.oneof(text.map(utf8), fc.uint8Array({ maxLength: 8 })), { maxLength: 12 })
  .map((parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let o = 0
    for (const p of parts) { out.set(p, o); o += p.length }
    return out
  })
const noBad = (s: string): boolean => Array.from(s).every((ch) => !isBad(ch.codePointAt(0)!))

describe('sanitize: properties', () => {
  it('equals the reference (replace per code point, then cut), for any limit', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 200 }), (s, max) => {
      expect(sanitize(s, { maxCodePoints: max })).toBe(reference(s, max))
      const d = sanitizeDetailed(s, { maxCodePoints: max })
      expect(d.truncated).toBe(codePoints(s) > max)
      expect(d.changed).toBe(!noBad(Array.from(s).slice(0, max).join('')))
    }), { numRuns: 300 })
  })
  it('output has no Cc, Cf or Cs and at most 128 code points', () => {
    fc.assert(fc.property(text, (s) => {
      const out = sanitize(s)
      expect(noBad(out)).toBe(true)
      expect(codePoints(out)).toBeLessThanOrEqual(128)
    }), { numRuns: 300 })
  })
  it('is idempotent', () => {
    fc.assert(fc.property(text, (s) => {
      const once = sanitize(s)
      expect(sanitize(once)).toBe(once)
      expect(sanitizeDetailed(once).changed).toBe(false)
    }), { numRuns: 300 })
  })
  it('returns input without problem code points and within the limit unchanged', () => {
    fc.assert(fc.property(text, (s) => {
      const clean = Array.from(s).filter((ch) => !isBad(ch.codePointAt(0)!)).slice(0, 128).join('')
      expect(sanitize(clean)).toBe(clean)
    }), { numRuns: 300 })
  })
  it('bytes input equals string input of the WHATWG-decoded bytes', () => {
    fc.assert(fc.property(bytes, fc.integer({ min: 0, max: 200 }), (b, max) => {
      const s = whatwg(b)
      expect(sanitize(b, { maxCodePoints: max })).toBe(sanitize(s, { maxCodePoints: max }))
      const db = sanitizeDetailed(b, { maxCodePoints: max })
      expect(db.truncated).toBe(sanitizeDetailed(s, { maxCodePoints: max }).truncated)
    }), { numRuns: 300 })
  })
  it('with both options the output is also free of noncharacters and line separators', () => {
    fc.assert(fc.property(text, (s) => {
      const out = sanitize(s, { replaceNoncharacters: true, replaceLineSeparators: true })
      for (const ch of out) {
        const c = ch.codePointAt(0)!
        expect(isBad(c) || (c & 0xfffe) === 0xfffe || (c >= 0xfdd0 && c <= 0xfdef) || c === 0x2028 || c === 0x2029).toBe(false)
      }
    }), { numRuns: 200 })
  })
})
