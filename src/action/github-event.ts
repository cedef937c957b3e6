// What the action needs to know about the workflow event, read from the runner's event payload (written by
// GitHub, so trusted; artifact content never is).
import * as github from '@actions/github'
import type { ReportLinks } from '../report/links.js'

/** The run a `workflow_run` report job reports on, as the event describes it. */
export interface TriggeringRun {
  id: number
  /** the event that started it: only a `pull_request` run has a PR to comment on */
  event: string
  headSha: string
  headBranch: string
  /** login of the head repository's owner: a fork's owner for a fork PR */
  headOwner: string
  /** PRs of this repository that GitHub lists for the run with the run's head SHA (empty for forks) */
  pullRequests: number[]
}

export interface EventInfo {
  name: string
  owner: string
  repo: string
  runId: number
  sha: string
  pr: number | null
  isPushToDefaultBranch: boolean
  /** the repository's default branch, as the event names it: the trend reads its runs */
  defaultBranch: string
  /** set when the report runs from a workflow_run event: the run whose results it reports */
  triggeringRun: TriggeringRun | null
  serverUrl: string
}

type Payload = Record<string, unknown>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Payload)[key] : undefined)

/**
 * GitHub's `workflow_run.pull_requests` can name PRs of other repositories that share the head branch: keep
 * this repository's, and only those whose head is the run's head SHA.
 */
function ownPullRequests(list: unknown, owner: string, repo: string, headSha: string): number[] {
  if (!Array.isArray(list)) return []
  const apiPath = `/repos/${owner}/${repo}`.toLowerCase()
  return list
    .filter(pr => text(field(field(pr, 'head'), 'sha')) === headSha && headSha !== '')
    .filter(pr =>
      text(field(field(field(pr, 'base'), 'repo'), 'url'))
        .toLowerCase()
        .endsWith(apiPath)
    )
    .map(pr => field(pr, 'number'))
    .filter((n): n is number => Number.isInteger(n) && (n as number) > 0)
}

function triggeringRun(context: typeof github.context, owner: string, repo: string): TriggeringRun | null {
  const run = context.payload.workflow_run as Payload | undefined
  const id = run?.id
  if (context.eventName !== 'workflow_run' || typeof id !== 'number') return null
  const headSha = text(run!.head_sha)
  return {
    id,
    event: text(run!.event),
    headSha,
    headBranch: text(run!.head_branch),
    headOwner: text(field(field(run!.head_repository, 'owner'), 'login')),
    pullRequests: ownPullRequests(run!.pull_requests, owner, repo, headSha)
  }
}

export function eventInfo(context = github.context): EventInfo {
  const payload = context.payload
  const defaultBranch = (payload.repository?.default_branch as string | undefined) ?? 'main'
  const [envOwner, envRepo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/')
  const owner = envOwner || payload.repository?.owner?.login || ''
  const repo = envRepo || payload.repository?.name || ''
  return {
    name: context.eventName,
    owner,
    repo,
    runId: context.runId,
    sha: context.sha,
    pr: payload.pull_request?.number ?? null,
    isPushToDefaultBranch: context.eventName === 'push' && context.ref === `refs/heads/${defaultBranch}`,
    defaultBranch,
    triggeringRun: triggeringRun(context, owner, repo),
    serverUrl: context.serverUrl
  }
}

/** The links a report carries: the workflow run, the repository (for the base commit and the compare view), the results. */
export function runLinks(event: Pick<EventInfo, 'serverUrl' | 'owner' | 'repo' | 'runId'>, runId = event.runId): ReportLinks {
  const repoUrl = `${event.serverUrl}/${event.owner}/${event.repo}`
  const runUrl = `${repoUrl}/actions/runs/${runId}`
  return { runUrl, repoUrl, artifactsUrl: `${runUrl}#artifacts` }
}
