// Writes the files a run leaves behind: results JSON, markdown, and the exports for neighbouring tools.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { toBencherMetricFormat, toCustomSmallerIsBetter } from './report/exports.js'
import type { Results } from './types.js'

export interface ResultFiles {
  results: string
  benchmark: string
  bmf: string
}

/** Exports sit next to the results JSON: `<name>.benchmark.json` (github-action-benchmark) and `<name>.bmf.json` (Bencher). */
export function writeResultFiles(results: Results, resultsFile: string): ResultFiles {
  mkdirSync(path.dirname(resultsFile), { recursive: true })
  const stem = resultsFile.replace(/\.json$/i, '')
  const files = { results: resultsFile, benchmark: `${stem}.benchmark.json`, bmf: `${stem}.bmf.json` }
  writeFileSync(files.results, `${JSON.stringify(results, null, 2)}\n`)
  writeFileSync(files.benchmark, `${JSON.stringify(toCustomSmallerIsBetter(results), null, 2)}\n`)
  writeFileSync(files.bmf, `${JSON.stringify(toBencherMetricFormat(results), null, 2)}\n`)
  return files
}

export function writeText(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}
