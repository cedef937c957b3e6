// Checks a WebAssembly module before any host sees it, so that a bad file fails with a clear message.
import { readFile } from 'node:fs/promises'

const MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d])

/** Compiles the module (V8 validates it) and returns its exports; throws "<label>: ..." messages. */
export async function inspectWasm(file: string, label = 'wasm'): Promise<Array<{ name: string; kind: string }>> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`${label}: file not found: ${file}`)
    if (code === 'EISDIR') throw new Error(`${label}: ${file} is a directory, not a .wasm file`)
    throw new Error(`${label}: cannot read ${file}: ${(error as Error).message}`)
  }
  if (bytes.length < 8 || !bytes.subarray(0, 4).equals(MAGIC)) throw new Error(`${label}: ${file} is not a WebAssembly module`)
  let module: WebAssembly.Module
  try {
    module = await WebAssembly.compile(new Uint8Array(bytes))
  } catch (error) {
    throw new Error(`${label}: ${file} is not a WebAssembly module (${(error as Error).message})`)
  }
  return WebAssembly.Module.exports(module)
}

/** A WASI command module: valid, with a `_start` function export. */
export async function validateWorkload(file: string, label = 'wasm'): Promise<void> {
  const exports = await inspectWasm(file, label)
  if (!exports.some(e => e.name === '_start' && e.kind === 'function')) {
    throw new Error(`${label}: ${file} has no _start export (it must be a WASI command module)`)
  }
}
