// Byte-array helpers shared by every layer: equality and owned copies. An owned copy is a plain Uint8Array on its own
// ArrayBuffer, also when the input is a Node Buffer (whose slice() is a view) or a view of a SharedArrayBuffer.

// A Uint8Array's `length` (or `buffer`, `byteOffset`) may be a lying getter (a subclass, or a property set on the
// object) and instanceof can be fooled by a prototype: these read the internal slots through %TypedArray%.prototype.
export const TA = /* @__PURE__ */ Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array
const slot = (k: PropertyKey): (this: unknown) => unknown => Object.getOwnPropertyDescriptor(TA, k)!.get!
/** `TAG.call(x)`: 'Uint8Array' for a real Uint8Array (or subclass), undefined for anything else. */
export const TAG = /* @__PURE__ */ slot(Symbol.toStringTag)
export const LENGTH = /* @__PURE__ */ slot('length') as (this: unknown) => number
export const BUFFER = /* @__PURE__ */ slot('buffer') as (this: unknown) => ArrayBufferLike
export const OFFSET = /* @__PURE__ */ slot('byteOffset') as (this: unknown) => number

/**
 * Whether `a` and `b` hold the same bytes.
 *
 * @example
 * ```ts
 * bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])) // → true
 * ```
 */
export function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * A copy of `buf[start..end)` that the caller owns: a new Uint8Array on a new ArrayBuffer, whatever `buf`'s class
 * (Node's `Buffer#slice` and a subclass's species would give a view or a subclass).
 *
 * @example
 * ```ts
 * const own = copyBytes(chunk, 2, 6) // later writes to chunk leave own unchanged
 * ```
 */
export function copyBytes (buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start)
  out.set(buf.subarray(start, end))
  return out
}
