// Content hashes that key the build cache: file names and bytes, never timestamps.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** Folders that hold build output or local state, never sources. */
const SKIP_DIRS = new Set(['target', 'node_modules', '__pycache__', '.venv', 'venv', 'dist', 'build'])

/** Every source file under `dir` (relative paths with `/`, sorted), without build output and hidden files. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = []
  const walk = (rel: string) => {
    const entries = readdirSync(path.join(dir, rel), { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(child)
      } else if (entry.isFile() && !entry.name.endsWith('.pyc')) {
        files.push(child)
      }
    }
  }
  walk('')
  return files.sort()
}

/** sha256 (hex) of the files under `dir` plus extra strings (toolchain versions, targets). */
export function hashTree(dir: string, extra: string[] = []): string {
  const hash = createHash('sha256')
  for (const file of sourceFiles(dir)) {
    hash.update(`file\0${file}\0`)
    hash.update(readFileSync(path.join(dir, file)))
    hash.update('\0')
  }
  for (const item of extra) hash.update(`extra\0${item}\0`)
  return hash.digest('hex')
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}
