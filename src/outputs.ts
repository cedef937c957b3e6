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

const EXPORT_SUFFIXES = ['.benchmark.json', '.bmf.json']

/** The results file of one runner, as the run jobs upload it and the report job looks for it. */
export function resultsFileName(runnerTag: string): string {
  return `results-${runnerTag}.json`
}

/** A results file among the downloaded artifacts (not one of its exports). */
export function isResultsFile(file: string): boolean {
  const name = path.basename(file)
  return /^results-.+\.json$/.test(name) && !EXPORT_SUFFIXES.some(suffix => name.endsWith(suffix))
}

/** A file that could not be written (a full disk, a file where a folder should be): the caller says so. */
export interface WriteFailure {
  file: string
  message: string
}

/** Writes `text` to `file`, creating its folder; a failure comes back instead of ending the run. */
export function tryWriteText(file: string, text: string): WriteFailure | null {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
    return null
  } catch (error) {
    return { file, message: (error as Error).message }
  }
}

/**
 * Exports sit next to the results JSON: `<name>.benchmark.json` (github-action-benchmark) and `<name>.bmf.json`
 * (Bencher). Each file is tried on its own; those that could not be written are listed in `failures`.
 */
export function writeResultFiles(results: Results, resultsFile: string): ResultFiles & { failures: WriteFailure[] } {
  const stem = resultsFile.replace(/\.json$/i, '')
  const files = { results: resultsFile, benchmark: `${stem}${EXPORT_SUFFIXES[0]}`, bmf: `${stem}${EXPORT_SUFFIXES[1]}` }
  const failures = [
    tryWriteText(files.results, `${JSON.stringify(results, null, 2)}\n`),
    tryWriteText(files.benchmark, `${JSON.stringify(toCustomSmallerIsBetter(results), null, 2)}\n`),
    tryWriteText(files.bmf, `${JSON.stringify(toBencherMetricFormat(results), null, 2)}\n`)
  ].filter((failure): failure is WriteFailure => failure !== null)
  return { ...files, failures }
}

export function writeText(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
}
