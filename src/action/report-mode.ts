// mode: report — gather every OS's results of the run, write one sticky PR comment, and gate.
// From a workflow_run workflow it reports the triggering run, so fork PRs get their comment too. The PR comes
// from the event, never from an artifact; artifacts are untrusted data: validated, checked against the run,
// and escaped wherever they are shown.
import * as core from '@actions/core'
import path from 'node:path'
import type { Config } from '../config.js'
import { isResultsFile, writeText } from '../outputs.js'
import { downloadAllResults } from '../publish/artifacts.js'
import { upsertStickyComment } from '../publish/comment.js'
import { githubClient } from '../publish/github-client.js'
import { LIMITS, validateResultsFile } from '../publish/validate-results.js'
import { COMMENT_MARKER, renderCombinedReport, renderGateMessage } from '../report/markdown.js'
import type { Results } from '../types.js'
import { runLinks, type EventInfo } from './github-event.js'
import { publishOutcome, writeJobSummary } from './outcome.js'
import { ARTIFACT_PREFIX } from './constants.js'
import { reportHistory } from '../history/report-job.js'
import { provenanceCheck, targetPullRequest, type PrTarget } from './report-target.js'

export async function reportMode(config: Config, event: EventInfo): Promise<void> {
  const workDir = path.join(process.env.RUNNER_TEMP ?? '.wasm-ffi-bench', 'wasm-ffi-bench-report')
  const run = event.triggeringRun
  const runId = run?.id ?? event.runId
  const client = config.githubToken ? githubClient(config.githubToken) : null
  const target = await targetPullRequest(event, client, config.githubToken)
  const files = await downloadAllResults(workDir, {
    namePrefix: ARTIFACT_PREFIX,
    ...(run ? { runId, owner: event.owner, repo: event.repo, token: config.githubToken } : {})
  })
  const belongs = provenanceCheck(event, target, client, config.githubToken)
  const all: Results[] = []
  for (const { file, results } of readAll(files.filter(isResultsFile), workDir)) {
    const why = await belongs(results)
    if (why) core.warning(`${file}: not reported: ${why}`)
    else all.push(results)
  }
  if (all.length === 0) {
    core.setFailed(
      `No wasm-ffi-bench results of run ${runId} could be reported: did the run jobs (mode: run) succeed in uploading them? (see the warnings above)`
    )
    return
  }

  const links = runLinks(event, runId)
  const trend = await reportHistory(all, {
    client,
    token: config.githubToken,
    event,
    runId,
    repoUrl: links.repoUrl ?? '',
    workDir,
    settings: config.history
  })
  const markdown = renderCombinedReport(all, { ...links, trend, functionLists: config.functionLists })
  const markdownFile = path.join(workDir, 'report.md')
  const resultsFile = path.join(workDir, 'results-all.json')
  writeText(markdownFile, markdown)
  writeText(resultsFile, `${JSON.stringify(all, null, 2)}\n`)
  await writeJobSummary(markdown)

  const commentUrl = await comment(config, event, target, all, markdown)
  publishOutcome(all, config.gate, { resultsFile, markdownFile, commentUrl })
}

async function comment(config: Config, event: EventInfo, target: PrTarget, all: Results[], body: string): Promise<string> {
  const regressed = renderGateMessage(all).length > 0
  if (config.comment === 'never' || (config.comment === 'on-regression' && !regressed)) return ''
  if (target.pr === null) {
    const message = `No PR comment: ${target.reason}; the job summary holds the report.`
    if (target.notice) core.warning(message)
    else core.info(message)
    return ''
  }
  if (!config.githubToken) {
    core.warning('No github-token: no PR comment; the job summary holds the report.')
    return ''
  }
  const outcome = await upsertStickyComment({
    token: config.githubToken,
    owner: event.owner,
    repo: event.repo,
    issueNumber: target.pr,
    body,
    marker: COMMENT_MARKER
  })
  if (outcome.action === 'skipped') {
    core.warning(`PR comment not written (${outcome.reason}); the job summary holds the report.`)
    return ''
  }
  core.info(`PR comment ${outcome.action}: ${outcome.url}`)
  return outcome.url
}

/** Every results file validated on its own: a bad one is named in a warning and skipped, the others stay. */
function readAll(files: string[], workDir: string): Array<{ file: string; results: Results }> {
  const sorted = [...files].sort()
  if (sorted.length > LIMITS.files) {
    core.warning(`${sorted.length} results files, more than ${LIMITS.files}: only the first ${LIMITS.files} are read`)
  }
  return sorted.slice(0, LIMITS.files).flatMap(file => {
    const checked = validateResultsFile(file)
    const name = path.relative(workDir, file)
    if (checked.results) return [{ file: name, results: checked.results }]
    core.warning(`${name} ${checked.refused.what}; skipped`)
    return []
  })
}
