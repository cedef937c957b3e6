// The end of every mode: outputs, and the gate that turns the verdict into the job's red or green.
import * as core from '@actions/core'
import type { Config } from '../config.js'
import type { Logger } from '../pipeline.js'
import { renderGateMessage } from '../report/markdown.js'
import type { Results } from '../types.js'

export const actionLogger: Logger = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  group: (name, fn) => core.group(name, fn)
}

/** The job summary is the report of last resort (fork PRs): a runner without one gets a warning, not a failure. */
export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.warning(`job summary not written: ${(error as Error).message}`)
  }
}

export function publishOutcome(
  all: Results[],
  config: Config,
  files: { resultsFile: string; markdownFile: string; commentUrl: string }
): void {
  const regressions = renderGateMessage(all)
  const failedHosts = all.flatMap(r =>
    r.hosts.filter(h => h.status === 'failed' && !h.optional).map(h => `${r.runner.os}: ${h.name} failed: ${h.error}`)
  )
  // Each OS's verdict was decided by the analysis; the run's is the worst of them.
  const verdict = all.some(r => r.verdict === 'error') ? 'error' : all.some(r => r.verdict === 'regression') ? 'regression' : 'pass'
  core.setOutput('results', files.resultsFile)
  core.setOutput('markdown', files.markdownFile)
  core.setOutput('verdict', verdict)
  core.setOutput('regressions', JSON.stringify(regressions))
  core.setOutput('comment-url', files.commentUrl)

  for (const line of failedHosts) core.error(line)
  if (failedHosts.length) {
    core.setFailed(`${failedHosts.length} required host(s) failed; mark a host in optional-hosts to tolerate its failure`)
  } else if (regressions.length && config.failOnRegression) {
    core.setFailed(`Overhead regression:\n${regressions.join('\n')}`)
  } else if (regressions.length) {
    core.warning(`Overhead regression (fail-on-regression is off):\n${regressions.join('\n')}`)
  } else {
    core.info('No overhead regression.')
  }
}
