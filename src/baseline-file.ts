// Reads a baseline results file and decides whether it can be compared with the current run.
import { readFileSync } from 'node:fs'
import { RESULTS_SCHEMA, type Results } from './types.js'

export type BaselineRead = { baseline: Results; warning: null } | { baseline: null; warning: string }

/** The text of a local baseline file; whether it can be compared is checkBaseline's call, in the pipeline. */
export function readBaselineText(file: string): { text: string; warning: null } | { text: null; warning: string } {
  try {
    return { text: readFileSync(file, 'utf8'), warning: null }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { text: null, warning: code === 'ENOENT' ? `no baseline at ${file}` : `baseline ${file} is unreadable (${code})` }
  }
}

export function checkBaseline(text: string, source: string, current: Results): BaselineRead {
  let parsed: Partial<Results>
  try {
    parsed = JSON.parse(text) as Partial<Results>
  } catch {
    return { baseline: null, warning: `baseline ${source} is not valid JSON; ignored` }
  }
  if (parsed?.schema !== RESULTS_SCHEMA) {
    return { baseline: null, warning: `baseline ${source} has schema "${String(parsed?.schema)}", expected "${RESULTS_SCHEMA}"; ignored` }
  }
  if (!Array.isArray(parsed.hosts) || !parsed.runner) {
    return { baseline: null, warning: `baseline ${source} is incomplete; ignored` }
  }
  if (parsed.config_hash !== current.config_hash) {
    return {
      baseline: null,
      warning: `baseline ${source} was measured with another configuration (${parsed.config_hash} vs ${current.config_hash}); ignored`
    }
  }
  return { baseline: parsed as Results, warning: null }
}
