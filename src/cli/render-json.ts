// The --json form of `identify-wire inspect`: one document `{ "inputs": [ { ..., "frames": [ ... ], ... } ] }`,
// written in pieces as inputs and frames are inspected, so that no list of frames is held. Builds strings only;
// Output (render-escape.ts) escapes every unsafe code point as \uXXXX and writes them.

import type { FrameInfo, InputInfo } from './model.js'

const stringify = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => typeof x === 'bigint' ? x.toString() : x, 2)

/** `v` as JSON at nesting depth `depth` (its lines after the first indented to match). */
function at (v: unknown, depth: number): string {
  return stringify(v).replace(/\n/g, '\n' + ' '.repeat(depth))
}

/** Members `"key": value` of an object at depth `depth`, undefined ones left out. */
function members (o: Record<string, unknown>, depth: number): string[] {
  const pad = ' '.repeat(depth)
  return Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${at(v, depth)}`)
}

export function jsonOpen (): string {
  return '{\n  "inputs": ['
}

/** The start of an input's object, up to its "frames" list. `first`: no input was written before it. */
export function jsonInputOpen (info: InputInfo, first: boolean): string {
  const head = members({ input: info.input, bytes: info.bytes, raw: info.raw, ok: info.ok, error: info.error, frameCount: info.frameCount }, 6)
  return `${first ? '' : ','}\n    {\n${head.join(',\n')},\n      "frames": [`
}

/** One frame in the "frames" list. `first`: the list's first element. */
export function jsonFrame (f: FrameInfo, first: boolean): string {
  return `${first ? '' : ','}\n        ${at(f, 8)}`
}

/** The end of an input's object: what follows its frames. `frames`: how many were written. */
export function jsonInputClose (info: InputInfo, frames: number): string {
  const tail = members({
    framesNotShown: info.framesNotShown,
    defaultReader: info.defaultReader,
    merged: info.merged,
    mergedNotComputed: info.mergedNotComputed,
    findings: info.findings
  }, 6)
  return `${frames > 0 ? '\n      ' : ''}],\n${tail.join(',\n')}\n    }`
}

/** The end of the document. `inputs`: how many were written. */
export function jsonClose (inputs: number): string {
  return `${inputs > 0 ? '\n  ' : ''}]\n}\n`
}
