// Reads a baseline results file and decides whether it can be compared with the current run.
import { readFileSync } from 'node:fs'
import { validateResultsText } from './publish/validate-results.js'
import type { Results } from './types.js'

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

/** A cached baseline is another run's results (possibly restored from a poisoned cache): validated whole. */
export function checkBaseline(text: string, source: string, current: Results): BaselineRead {
  const checked = validateResultsText(text)
  if (checked.results === null) {
    const { kind, what } = checked.refused
    if (kind === 'json') return { baseline: null, warning: `baseline ${source} is not valid JSON; ignored` }
    if (kind === 'field') return { baseline: null, warning: `baseline ${source} is incomplete; ignored (it ${what})` }
    return { baseline: null, warning: `baseline ${source} ${what}; ignored` }
  }
  const baseline = checked.results
  if (baseline.config_hash !== current.config_hash) {
    return {
      baseline: null,
      warning: `baseline ${source} was measured with another configuration (${baseline.config_hash} vs ${current.config_hash}); ignored`
    }
  }
  return { baseline, warning: null }
}
