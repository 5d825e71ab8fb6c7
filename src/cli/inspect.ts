// identify-wire inspect: placeholder while the codec lands.
export async function run (args: string[]): Promise<number> {
  process.stdout.write(`identify-wire ${args.join(' ')}\n`)
  return 0
}
