// Byte-array helpers shared by every layer: equality and owned copies. An owned copy is a plain Uint8Array on its own
// ArrayBuffer, also when the input is a Node Buffer (whose slice() is a view) or a view of a SharedArrayBuffer.

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
