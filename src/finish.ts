// The end of a measuring run, shared by the action and the CLI: results files, the markdown report, the baseline.
import type { BaselineStore } from './baseline-store.js'
import { tryWriteText, writeResultFiles, type ResultFiles, type WriteFailure } from './outputs.js'
import type { Logger } from './pipeline.js'
import type { Results } from './types.js'

export interface FinishOptions {
  resultsFile: string
  markdownFile: string
  markdown: string
  store: BaselineStore
  /** whether this run becomes the baseline (never a run whose required host failed) */
  saveBaseline: boolean
  /** said after "baseline saved: <where>", e.g. why this run became the baseline */
  saveNote?: string
  log: Logger
}

/** The files written, and those that could not be (a full disk): the caller reports them and still gates. */
export async function finishRun(
  results: Results,
  opts: FinishOptions
): Promise<ResultFiles & { markdown: string; failures: WriteFailure[] }> {
  const files = writeResultFiles(results, opts.resultsFile)
  const markdownFailure = tryWriteText(opts.markdownFile, opts.markdown)
  const failures = markdownFailure ? [...files.failures, markdownFailure] : files.failures
  if (opts.saveBaseline && results.verdict !== 'error') {
    const saved = await opts.store.save(results)
    if ('warning' in saved) opts.log.warning(`baseline not saved: ${saved.warning}`)
    else opts.log.info(`baseline saved: ${saved.saved}${opts.saveNote ? ` (${opts.saveNote})` : ''}`)
  }
  return { ...files, markdown: opts.markdownFile, failures }
}
