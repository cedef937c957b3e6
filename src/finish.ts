// The end of a measuring run, shared by the action and the CLI: results files, the markdown report, the baseline.
import type { BaselineStore } from './baseline-store.js'
import { tryWriteText, writeResultFiles, type ResultFiles, type WriteFailure } from './outputs.js'
import type { Logger } from './pipeline.js'
import type { Results } from './types.js'

export interface FinishOptions {
  resultsFile: string
  markdownFile: string
  /** the markdown report of the results as saved: it says whether this run recorded the baseline */
  render: (results: Results) => string
  store: BaselineStore
  /** whether this run becomes the baseline (never a run whose required host failed) */
  saveBaseline: boolean
  /** said after "baseline saved: <where>", e.g. why this run became the baseline */
  saveNote?: string
  log: Logger
}

/**
 * Saves the baseline first, so that the results and the report say whether it was recorded, then writes them.
 * Returns the results as written, the files, and those that could not be written (a full disk): the caller
 * reports them and still gates.
 */
export async function finishRun(
  measured: Results,
  opts: FinishOptions
): Promise<ResultFiles & { markdown: string; failures: WriteFailure[]; final: Results }> {
  let results = measured
  if (opts.saveBaseline && measured.verdict !== 'error') {
    const saved = await opts.store.save(measured)
    if ('warning' in saved) opts.log.warning(`baseline not saved: ${saved.warning}`)
    else {
      opts.log.info(`baseline saved: ${saved.saved}${opts.saveNote ? ` (${opts.saveNote})` : ''}`)
      results = { ...measured, baseline_saved: true }
    }
  }
  const files = writeResultFiles(results, opts.resultsFile)
  const markdownFailure = tryWriteText(opts.markdownFile, opts.render(results))
  const failures = markdownFailure ? [...files.failures, markdownFailure] : files.failures
  return { ...files, markdown: opts.markdownFile, failures, final: results }
}
