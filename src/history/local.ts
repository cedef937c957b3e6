// The CLI's history: every run that saves the baseline also keeps its results in .wasm-ffi-bench/history/, one
// file per run; the trend reads them back validated, as the action reads artifacts. A bad file is skipped with a
// warning, never trusted.
import fs from 'node:fs'
import path from 'node:path'
import { tryWriteText } from '../outputs.js'
import { LIMITS, validateResultsFile } from '../publish/validate-results.js'
import { runnerSlug } from '../report/metrics.js'
import type { Results } from '../types.js'

/** Files read at most: the newest, by name (which starts with the run's time). */
const MAX_FILES = 500

/** "2026-12-03T08-16-06-123Z-linux-x64-ab12cd3.json": sorts by time. */
export function historyFileName(results: Results): string {
  const time = results.created_at.replace(/[^0-9A-Za-z]/g, '-')
  return `${time}-${runnerSlug(results)}-${results.commit.slice(0, 7) || 'nocommit'}.json`
}

/** Keeps this run's results; returns the file, or a warning when it could not be written. */
export function saveLocalHistory(dir: string, results: Results): { file: string } | { warning: string } {
  const file = path.join(dir, historyFileName(results))
  const failure = tryWriteText(file, `${JSON.stringify(results)}\n`)
  return failure ? { warning: `history not kept: ${failure.file}: ${failure.message}` } : { file }
}

/** The newest `limit` runs per OS are what the trend needs; older files are left unread. */
export function readLocalHistory(dir: string, limit: number, warn: (message: string) => void): Results[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir).filter(name => name.endsWith('.json'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`history ${dir} is unreadable: ${(error as Error).message}`)
    return []
  }
  const newest = names.sort().slice(-Math.min(MAX_FILES, Math.max(limit, 1) * LIMITS.files))
  return newest.flatMap(name => {
    const checked = validateResultsFile(path.join(dir, name))
    if (checked.results) return [checked.results]
    warn(`history file ${name} ${checked.refused.what}; skipped`)
    return []
  })
}
