// The report job's history: read the default branch's results artifacts, build the trend, warn about drift and
// upload the dashboard as an artifact. Every failure here is a warning: the trend never fails a report.
import * as core from '@actions/core'
import path from 'node:path'
import { DASHBOARD_ARTIFACT } from '../action/constants.js'
import type { EventInfo } from '../action/github-event.js'
import { writeText } from '../outputs.js'
import { uploadResults } from '../publish/artifacts.js'
import type { GitHubClient } from '../publish/github-client.js'
import type { Results } from '../types.js'
import { readActionsHistory, renderDashboard, trendOf, type HistorySettings } from './index.js'

export interface ReportHistoryOptions {
  client: GitHubClient | null
  token: string
  event: EventInfo
  /** the run reported: this run, or the one a workflow_run event names */
  runId: number
  repoUrl: string
  workDir: string
  settings: HistorySettings
}

/** The comment's trend section ('' without history). */
export async function reportHistory(all: readonly Results[], opts: ReportHistoryOptions): Promise<string> {
  if (opts.settings.runs === 0) return ''
  if (!opts.client) {
    core.warning('history: no github-token to read the default branch runs; no trend')
    return ''
  }
  const started = performance.now()
  const { results, runs } = await readActionsHistory({
    client: opts.client,
    token: opts.token,
    owner: opts.event.owner,
    repo: opts.event.repo,
    runId: opts.runId,
    defaultBranch: opts.event.defaultBranch,
    count: opts.settings.runs,
    workDir: path.join(opts.workDir, 'history'),
    warn: message => core.warning(message)
  })
  const trend = trendOf(results, all, opts.settings)
  const seconds = (performance.now() - started) / 1000
  core.info(`history: ${results.length} results of ${runs} default-branch runs read in ${seconds.toFixed(1)} s`)
  for (const line of trend.warnings) core.warning(line)

  const dashboard = path.join(opts.workDir, 'dashboard.html')
  writeText(dashboard, renderDashboard(trend.histories, { repoUrl: opts.repoUrl }))
  const upload = await uploadResults(DASHBOARD_ARTIFACT, [dashboard], opts.workDir)
  if (upload.warning) core.warning(`dashboard not uploaded: ${upload.warning}`)
  else core.info(`history: the dashboard is the artifact ${DASHBOARD_ARTIFACT}`)
  core.info(`history: ${((performance.now() - started) / 1000).toFixed(1)} s added to this job, the dashboard included`)
  return trend.section
}
