// mode: report — gather every OS's results of the run, write one sticky PR comment, and gate.
// From a workflow_run workflow it reports the triggering run, so fork PRs get their comment too.
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { isResultsFile, writeText } from '../outputs.js'
import { downloadAllResults } from '../publish/artifacts.js'
import { upsertStickyComment } from '../publish/comment.js'
import { COMMENT_MARKER, renderCombinedReport, renderGateMessage } from '../report/markdown.js'
import { RESULTS_SCHEMA, type Results } from '../types.js'
import type { EventInfo } from './github-event.js'
import { publishOutcome, writeJobSummary } from './outcome.js'
import { ARTIFACT_PREFIX } from './constants.js'

export async function reportMode(config: Config, event: EventInfo): Promise<void> {
  const workDir = path.join(process.env.RUNNER_TEMP ?? '.wasm-ffi-bench', 'wasm-ffi-bench-report')
  const runId = event.triggeringRunId ?? event.runId
  const files = await downloadAllResults(workDir, {
    namePrefix: ARTIFACT_PREFIX,
    ...(event.triggeringRunId ? { runId, owner: event.owner, repo: event.repo, token: config.githubToken } : {})
  })
  const all = files.filter(isResultsFile).flatMap(readResults)
  if (all.length === 0) {
    core.setFailed(
      `No wasm-ffi-bench results found in the artifacts of run ${runId}: did the run jobs (mode: run) succeed in uploading them?`
    )
    return
  }
  all.sort((a, b) => `${a.runner.os}-${a.runner.arch}`.localeCompare(`${b.runner.os}-${b.runner.arch}`))

  const runUrl = `${event.serverUrl}/${event.owner}/${event.repo}/actions/runs/${runId}`
  const markdown = renderCombinedReport(all, { runUrl })
  const markdownFile = path.join(workDir, 'report.md')
  const resultsFile = path.join(workDir, 'results-all.json')
  writeText(markdownFile, markdown)
  writeText(resultsFile, `${JSON.stringify(all, null, 2)}\n`)
  await writeJobSummary(markdown)

  const commentUrl = await comment(config, event, all, markdown)
  publishOutcome(all, config.gate.fail_on_regression, { resultsFile, markdownFile, commentUrl })
}

async function comment(config: Config, event: EventInfo, all: Results[], body: string): Promise<string> {
  const pr = event.pr ?? all.find(r => r.pr)?.pr ?? null
  const regressed = renderGateMessage(all).length > 0
  if (config.comment === 'never' || (config.comment === 'on-regression' && !regressed)) return ''
  if (pr === null) {
    core.info('Not a pull request: no comment; the job summary holds the report.')
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
    issueNumber: pr,
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

/** Results from artifacts are data from possibly untrusted runs: parse, check the schema, never execute. */
function readResults(file: string): Results[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Results
    if (parsed.schema === RESULTS_SCHEMA && Array.isArray(parsed.hosts)) return [parsed]
    core.warning(`${path.basename(file)}: not a ${RESULTS_SCHEMA} file; skipped`)
  } catch (error) {
    core.warning(`${path.basename(file)}: unreadable (${(error as Error).message}); skipped`)
  }
  return []
}
