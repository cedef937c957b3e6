// The action's own checkout (guest/ and hosts/ live there), whether running from src/ or the bundled dist/.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export function findRepoRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start
  while (!existsSync(path.join(dir, 'hosts')) || !existsSync(path.join(dir, 'guest'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`cannot find the wasm-ffi-bench checkout (guest/ and hosts/) above ${start}`)
    dir = parent
  }
  return dir
}
