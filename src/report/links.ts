// The links line under the headline: the workflow run, the base commit, the compare view and the results.
// URLs come from the workflow's own event (trusted); commits come from results (data), so they are linked only
// when they are plain hex.
import type { Results } from '../types.js'
import { sortRuns } from './metrics.js'

/** Where the report's links point: set by the action from its event; the CLI has none. */
export interface ReportLinks {
  runUrl?: string
  /** https://github.com/owner/repo: the base commit and the compare view are under it */
  repoUrl?: string
  /** the results artifacts of the run */
  artifactsUrl?: string
}

const isHex = (sha: string | null | undefined): sha is string => typeof sha === 'string' && /^[0-9a-f]{7,64}$/.test(sha)
const isWebUrl = (url: string | undefined): url is string => typeof url === 'string' && /^https?:\/\/[^\s()<>[\]]+$/.test(url)

/** A commit as inline code, short. */
export const shortSha = (sha: string): string => `\`${sha.slice(0, 7)}\``

/** The head and base commits the runs were compared at (a same-job comparison's base), when both are plain hex. */
function commits(all: readonly Results[]): { head: string; base: string | null } | null {
  const run = sortRuns(all).find(r => r.compared_with.kind === 'revision') ?? sortRuns(all)[0]
  if (!run || !isHex(run.commit)) return null
  const base = run.compared_with.kind !== 'none' && isHex(run.compared_with.commit) ? run.compared_with.commit : null
  return { head: run.commit, base }
}

/** "[workflow run](…) · base [`abc1234`](…) · [compare](…) · [results](…)", or null when there is nothing to link. */
export function linksLine(all: readonly Results[], links: ReportLinks): string | null {
  const parts: string[] = []
  if (isWebUrl(links.runUrl)) parts.push(`[workflow run](${links.runUrl})`)
  const at = commits(all)
  const repo = isWebUrl(links.repoUrl) ? links.repoUrl : null
  if (at?.base) {
    parts.push(repo ? `base [${shortSha(at.base)}](${repo}/commit/${at.base})` : `base ${shortSha(at.base)}`)
    if (repo) parts.push(`[changes ${at.base.slice(0, 7)}…${at.head.slice(0, 7)}](${repo}/compare/${at.base}...${at.head})`)
  } else if (at) {
    parts.push(repo ? `commit [${shortSha(at.head)}](${repo}/commit/${at.head})` : `commit ${shortSha(at.head)}`)
  }
  if (isWebUrl(links.artifactsUrl)) parts.push(`[results (JSON)](${links.artifactsUrl})`)
  return parts.length > 0 ? parts.join(' · ') : null
}
