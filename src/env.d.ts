// The few host globals the library uses, declared here so that tsconfig can load no Node or DOM types.
// Both exist in every browser, worker, Deno, Bun and Node >= 11 (WHATWG Encoding Standard).

interface TextDecoderOptions { fatal?: boolean, ignoreBOM?: boolean }
interface TextDecodeOptions { stream?: boolean }
declare class TextDecoder {
  constructor (label?: string, options?: TextDecoderOptions)
  decode (input?: Uint8Array, options?: TextDecodeOptions): string
}
declare class TextEncoder {
  encode (input?: string): Uint8Array
  encodeInto (source: string, destination: Uint8Array): { read: number, written: number }
}
