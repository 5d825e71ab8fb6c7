// bundles from the TS sources directly (no tsup): decode+encode
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const names = (process.argv[2] ?? 'decodeIdentify,encodeIdentify').split(',')
const r = await build({ stdin: { contents: `import { ${names} } from './src/identify/index.ts'; globalThis.x = [${names}]`, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, treeShaking: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', target: 'es2022' })
const code = r.outputFiles[0].contents
console.log(code.length, gzipSync(code, { level: 9 }).length)
