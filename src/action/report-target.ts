// The report job's trust decisions, taken from the event GitHub wrote and from GitHub's API, never from artifact
// content: which PR the comment goes to, and which results belong to the run being reported.
import { describeApiError, type GitHubClient } from '../publish/github-client.js'
import type { Results } from '../types.js'
import type { EventInfo, TriggeringRun } from './github-event.js'

/** Where the comment goes, or why it goes nowhere (`notice`: worth a warning, not just a log line). */
export type PrTarget = { pr: number } | { pr: null; reason: string; notice: boolean }

const short = (sha: string) => sha.slice(0, 12)

function single(candidates: number[], what: string): PrTarget {
  if (candidates.length === 1) return { pr: candidates[0]! }
  if (candidates.length === 0) return { pr: null, reason: `no open pull request ${what}`, notice: true }
  return { pr: null, reason: `several open pull requests ${what} (#${candidates.join(', #')}); cannot tell which`, notice: true }
}

/** The open PR whose head is the run's head: from the event where GitHub filled it, else listed by head. */
async function runPullRequest(run: TriggeringRun, event: EventInfo, client: GitHubClient | null, token: string): Promise<PrTarget> {
  if (run.event !== 'pull_request')
    return { pr: null, reason: `run ${run.id} was started by ${run.event || 'an unknown event'}, not by a pull request`, notice: false }
  if (run.pullRequests.length > 0) return single(run.pullRequests, `with head ${short(run.headSha)}`)
  if (!run.headOwner || !run.headBranch || !run.headSha)
    return { pr: null, reason: `the workflow_run event of run ${run.id} names no head`, notice: true }
  if (!client) return { pr: null, reason: 'no github-token to look up the pull request of the run', notice: true }
  const head = `${run.headOwner}:${run.headBranch}`
  try {
    const pulls = await client.paginate(client.rest.pulls.list, {
      owner: event.owner,
      repo: event.repo,
      head,
      state: 'open',
      per_page: 100
    })
    const matching = pulls.filter(pull => pull.head.sha === run.headSha).map(pull => pull.number)
    return single(matching, `of ${head} with head ${short(run.headSha)}`)
  } catch (error) {
    return { pr: null, reason: `cannot list the pull requests of ${head}: ${describeApiError(error, token)}`, notice: true }
  }
}

export async function targetPullRequest(event: EventInfo, client: GitHubClient | null, token: string): Promise<PrTarget> {
  if (event.triggeringRun) return runPullRequest(event.triggeringRun, event, client, token)
  return event.pr === null ? { pr: null, reason: 'not a pull request', notice: false } : { pr: event.pr }
}

/**
 * Says why results do not belong to the reported run, or null when they do. In the run itself the jobs share
 * GITHUB_SHA. From workflow_run, results carry the head SHA or, for a pull_request run, the test merge commit
 * GitHub made of it, whose parents include the head (asked of the API once per commit).
 */
export function provenanceCheck(
  event: EventInfo,
  target: PrTarget,
  client: GitHubClient | null,
  token: string
): (results: Results) => Promise<string | null> {
  const run = event.triggeringRun
  const expectedPr = run ? target.pr : event.pr
  const merges = new Map<string, Promise<string | null>>()
  const mergeOfHead = async (commit: string, head: string): Promise<string | null> => {
    const mismatch = `it was measured on ${short(commit) || 'an unknown commit'}, not on ${short(head)} (the head of run ${run!.id}) or a merge of it`
    if (!client || !/^[0-9a-f]{40}$/.test(commit)) return mismatch
    try {
      const { data } = await client.rest.repos.getCommit({ owner: event.owner, repo: event.repo, ref: commit })
      return data.parents.some(parent => parent.sha === head) ? null : mismatch
    } catch (error) {
      return `its commit ${short(commit)} cannot be checked against run ${run!.id}: ${describeApiError(error, token)}`
    }
  }
  return async results => {
    if (results.pr !== null && expectedPr !== null && results.pr !== expectedPr)
      return `it claims pull request #${results.pr}, but the run belongs to #${expectedPr}`
    if (!run)
      return results.commit === event.sha ? null : `it was measured on ${short(results.commit)}, not on this run's ${short(event.sha)}`
    if (results.commit === run.headSha) return null
    if (!merges.has(results.commit)) merges.set(results.commit, mergeOfHead(results.commit, run.headSha))
    return merges.get(results.commit)!
  }
}
