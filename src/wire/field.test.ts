import { describe, it, expect } from 'vitest'
import { readField, FieldCursor } from './field.js'
import { LEN, VARINT } from './tag.js'
import { hex } from '../testing/vectors.js'
import { expectWireError } from '../testing/expect-error.js'

describe('readField', () => {
  it('reads a LEN field: payload start after the prefix, end of field returned', () => {
    const buf = hex('12 02 68 69 08 96 01')
    const c = new FieldCursor()
    expect(readField(buf, 0, buf.length, 'm', c)).toBe(4)
    expect(c.field).toBe(2)
    expect(c.wireType).toBe(LEN)
    expect(c.value).toBe(2)
    expect(readField(buf, 4, buf.length, 'm', c)).toBe(7)
    expect(c.field).toBe(1)
    expect(c.wireType).toBe(VARINT)
    expect(c.value).toBe(5)
  })
  it('throws at the tag for bad tags, groups, and values cut right after the tag', () => {
    expectWireError(() => readField(hex('00'), 0, 1, 'm', new FieldCursor()), 'FIELD_NUMBER_INVALID', 0, 'm')
    expectWireError(() => readField(hex('0b 00'), 0, 2, 'm', new FieldCursor()), 'WIRE_TYPE_GROUP', 0, 'm')
    expectWireError(() => readField(hex('0f'), 0, 1, 'm', new FieldCursor()), 'WIRE_TYPE_INVALID', 0, 'm')
    expectWireError(() => readField(hex('12'), 0, 1, 'm', new FieldCursor()), 'TRUNCATED', 0, 'm')
  })
  it('throws at the value for values that overrun the input', () => {
    expectWireError(() => readField(hex('aa 12 05 61'), 1, 4, 'm', new FieldCursor()), 'LENGTH_OUT_OF_BOUNDS', 2, 'm')
    expectWireError(() => readField(hex('08 ff'), 0, 2, 'm', new FieldCursor()), 'TRUNCATED', 1, 'm')
    expectWireError(() => readField(hex('09 00 00'), 0, 3, 'm', new FieldCursor()), 'TRUNCATED', 1, 'm')
  })
})
