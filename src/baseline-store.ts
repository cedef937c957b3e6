// Where baselines live: a file for the CLI, the Actions cache for the action (src/publish/baseline.ts). The
// pipeline loads through this interface and the finishing step saves through it, so both entries share them.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { readBaselineText } from './baseline-file.js'
import type { Results } from './types.js'

export type Loaded = { text: string; source: string } | { warning: string }
export type Saved = { saved: string } | { warning: string }

export interface BaselineStore {
  /** the baseline to compare `current` with; whether it can be compared is checkBaseline's call */
  load(current: Results): Promise<Loaded>
  save(results: Results): Promise<Saved>
}

/** A results file on disk (`.wasm-ffi-bench/baseline.json` by default). */
export function fileBaselineStore(file: string): BaselineStore {
  return {
    async load() {
      const read = readBaselineText(file)
      return read.text === null ? { warning: read.warning } : { text: read.text, source: file }
    },
    async save(results) {
      try {
        mkdirSync(path.dirname(file), { recursive: true })
        writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`)
        return { saved: file }
      } catch (error) {
        return { warning: `baseline not saved to ${file}: ${(error as Error).message}` }
      }
    }
  }
}
