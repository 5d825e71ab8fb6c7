// Tags (field number bounds, every wire type) and skipping values of every wire type.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  decodeTag, consumeTag, fieldNumberOf, wireTypeOf, tagLength, writeTag, consumeFieldValue,
  VARINT, I64, LEN, SGROUP, EGROUP, I32, MAX_FIELD_NUMBER, ERR_FIELD_NUMBER, ERR_WIRE_TYPE, ERR_GROUP, ERR_LENGTH, ERR_TRUNCATED, ERR_OVERFLOW
} from './tag.js'
import { writeVarint } from './varint.js'
import { hex } from '../testing/vectors.js'

describe('tags', () => {
  it('field numbers 1 and 2^29-1 are valid, 0 and 2^29 are not', () => {
    const buf = new Uint8Array(10)
    for (const [field, n] of [[1, 1], [15, 1], [16, 2], [2047, 2], [2048, 3], [MAX_FIELD_NUMBER, 5]] as const) {
      for (const wt of [VARINT, I64, LEN, SGROUP, EGROUP, I32]) {
        expect(writeTag(buf, 0, field, wt)).toBe(n)
        expect(tagLength(field)).toBe(n)
        expect(consumeTag(buf, 0, n)).toBe(n)
        expect(fieldNumberOf(decodeTag(buf, 0, n))).toBe(field)
        expect(wireTypeOf(decodeTag(buf, 0, n))).toBe(wt)
      }
    }
    expect(consumeTag(hex('00'), 0, 1)).toBe(ERR_FIELD_NUMBER)
    expect(consumeTag(hex('02'), 0, 1)).toBe(ERR_FIELD_NUMBER)
    expect(consumeTag(hex('8080808010'), 0, 5)).toBe(ERR_FIELD_NUMBER) // 2^29 << 3
    expect(consumeTag(hex('8080808080808080 10'), 0, 9)).toBe(ERR_OVERFLOW)
    for (const h of ['00', '02', '8080808010', '8080808080808080 10', '0e', '82']) expect(decodeTag(hex(h), 0, hex(h).length)).toBe(consumeTag(hex(h), 0, hex(h).length))
  })
  it('wire types 6 and 7 do not exist; truncated tags are ERR_TRUNCATED', () => {
    expect(consumeTag(hex('0e'), 0, 1)).toBe(ERR_WIRE_TYPE)
    expect(consumeTag(hex('0f'), 0, 1)).toBe(ERR_WIRE_TYPE)
    expect(consumeTag(hex('82'), 0, 1)).toBe(ERR_TRUNCATED)
    expect(consumeTag(hex(''), 0, 0)).toBe(ERR_TRUNCATED)
  })
  it('property: writeTag / consumeTag round trip', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_FIELD_NUMBER }), fc.constantFrom(0, 1, 2, 3, 4, 5), (f, wt) => {
      const buf = new Uint8Array(5)
      const n = writeTag(buf, 0, f, wt)
      expect(n).toBe(tagLength(f))
      expect(consumeTag(buf, 0, n)).toBe(n)
      const t = decodeTag(buf, 0, n)
      expect([fieldNumberOf(t), wireTypeOf(t)]).toEqual([f, wt])
    }), { numRuns: 300 })
  })
})

describe('consumeFieldValue: each wire type skipped', () => {
  it('VARINT: 1..10 bytes, any 64-bit value (a 10th byte of at most 1), truncation and overflow', () => {
    expect(consumeFieldValue(hex('00'), 0, 1, VARINT)).toBe(1)
    expect(consumeFieldValue(hex('9601 ff'), 0, 3, VARINT)).toBe(2)
    expect(consumeFieldValue(hex('ffffffffffffffffff01'), 0, 10, VARINT)).toBe(10) // 2^64-1, above 2^53: still skipped
    expect(consumeFieldValue(hex('ffffffffffffffffff02'), 0, 10, VARINT)).toBe(ERR_OVERFLOW)
    expect(consumeFieldValue(hex('ffffffffffffffffffff01'), 0, 11, VARINT)).toBe(ERR_OVERFLOW)
    expect(consumeFieldValue(hex('ff'), 0, 1, VARINT)).toBe(ERR_TRUNCATED)
  })
  it('I64 needs 8 bytes, I32 needs 4', () => {
    expect(consumeFieldValue(new Uint8Array(8), 0, 8, I64)).toBe(8)
    expect(consumeFieldValue(new Uint8Array(8), 1, 8, I64)).toBe(ERR_TRUNCATED)
    expect(consumeFieldValue(new Uint8Array(4), 0, 4, I32)).toBe(4)
    expect(consumeFieldValue(new Uint8Array(4), 0, 3, I32)).toBe(ERR_TRUNCATED)
  })
  it('LEN: prefix + payload; the declared length is checked against end', () => {
    expect(consumeFieldValue(hex('00'), 0, 1, LEN)).toBe(1)
    expect(consumeFieldValue(hex('03 616263'), 0, 4, LEN)).toBe(4)
    expect(consumeFieldValue(hex('03 616263'), 0, 3, LEN)).toBe(ERR_LENGTH)
    expect(consumeFieldValue(hex('ffffffffffffff0f'), 0, 8, LEN)).toBe(ERR_LENGTH) // 2^53-1 declared: no allocation, no overflow
    expect(consumeFieldValue(hex('80'), 0, 1, LEN)).toBe(ERR_TRUNCATED)
    const b = new Uint8Array(300)
    writeVarint(b, 0, 298)
    expect(consumeFieldValue(b, 0, 300, LEN)).toBe(300)
  })
  it('groups and invalid wire types are refused', () => {
    expect(consumeFieldValue(hex('00'), 0, 1, SGROUP)).toBe(ERR_GROUP)
    expect(consumeFieldValue(hex('00'), 0, 1, EGROUP)).toBe(ERR_GROUP)
    expect(consumeFieldValue(hex('00'), 0, 1, 6)).toBe(ERR_WIRE_TYPE)
    expect(consumeFieldValue(hex('00'), 0, 1, 7)).toBe(ERR_WIRE_TYPE)
  })
  it('property: any bytes and wire type give a count within the input or a negative status', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 20 }), fc.nat(7), (b, wt) => {
      const n = consumeFieldValue(b, 0, b.length, wt)
      expect(n < 0 || (n >= 1 && n <= b.length)).toBe(true)
    }), { numRuns: 500 })
  })
})
