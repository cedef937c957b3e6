// What the action needs to know about the workflow event, read from the runner's event payload.
import * as github from '@actions/github'

export interface EventInfo {
  name: string
  owner: string
  repo: string
  runId: number
  sha: string
  pr: number | null
  isPushToDefaultBranch: boolean
  /** set when the report runs from a workflow_run event: the run whose results it reports */
  triggeringRunId: number | null
  serverUrl: string
}

export function eventInfo(context = github.context): EventInfo {
  const payload = context.payload
  const defaultBranch = (payload.repository?.default_branch as string | undefined) ?? 'main'
  const workflowRun = payload.workflow_run as { id?: number; pull_requests?: Array<{ number: number }> } | undefined
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/')
  return {
    name: context.eventName,
    owner: owner || payload.repository?.owner?.login || '',
    repo: repo || payload.repository?.name || '',
    runId: context.runId,
    sha: context.sha,
    pr: payload.pull_request?.number ?? null,
    isPushToDefaultBranch: context.eventName === 'push' && context.ref === `refs/heads/${defaultBranch}`,
    triggeringRunId: context.eventName === 'workflow_run' && workflowRun?.id ? workflowRun.id : null,
    serverUrl: context.serverUrl
  }
}
