// The end of every mode: outputs, and the gate that turns the verdict into the job's red or green.
import * as core from '@actions/core'
import { judge } from '../gate.js'
import type { Logger } from '../pipeline.js'
import { inertText } from '../process/relay.js'
import { renderGateMessage } from '../report/markdown.js'
import { runnerLabel } from '../report/metrics.js'
import { inconclusiveLines, statusLines } from '../report/headline.js'
import type { GateSettings, Results } from '../types.js'
import { Outputs } from './constants.js'

/** Info lines carry build output, so they are made inert; warnings are one escaped command line already. */
export const actionLogger: Logger = {
  info: message => core.info(inertText(message)),
  warning: message => core.warning(message),
  group: (name, fn) => core.group(name, fn)
}

/**
 * The job summary is the report of last resort (fork PRs). A runner without one gets a warning; a summary file that
 * cannot be written (a full disk) is an error naming the file. Neither stops the outputs and the gate.
 */
export async function writeJobSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.warning('job summary not written: this runner has no GITHUB_STEP_SUMMARY')
    return
  }
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.error(`job summary not written to ${file}: ${(error as Error).message}`)
  }
}

export function publishOutcome(
  all: Results[],
  gate: Pick<GateSettings, 'fail_on_regression' | 'fail_on_inconclusive'>,
  files: { resultsFile: string; markdownFile: string; commentUrl: string }
): void {
  const judgement = judge(all, gate.fail_on_regression, gate.fail_on_inconclusive)
  const regressions = renderGateMessage(all)
  core.setOutput(Outputs.Results, files.resultsFile)
  core.setOutput(Outputs.Markdown, files.markdownFile)
  core.setOutput(Outputs.Verdict, judgement.status)
  core.setOutput(Outputs.Regressions, JSON.stringify(regressions))
  core.setOutput(Outputs.CommentUrl, files.commentUrl)

  for (const { run, host } of judgement.failedHosts) core.error(`${runnerLabel(run)}: ${host.name} failed: ${host.error}`)
  if (judgement.failedHosts.length) {
    core.setFailed(`${judgement.failedHosts.length} required host(s) failed; mark a host in optional-hosts to tolerate its failure`)
  } else if (regressions.length && gate.fail_on_regression) {
    core.setFailed(`Overhead regression:\n${regressions.join('\n')}`)
  } else if (judgement.verdict === 'error') {
    core.setFailed('A run reported an error (see its report)')
  } else if (judgement.fails) {
    core.setFailed(inertText(`Inconclusive (fail-on-inconclusive is on): ${inconclusiveLines(all).join('; ')}`))
  } else if (regressions.length) {
    core.warning(`Overhead regression (fail-on-regression is off):\n${regressions.join('\n')}`)
  } else {
    // host errors are data: a line of theirs must not read as a workflow command
    core.info(inertText(statusLines(all, 'terminal').join('\n')))
  }
}
