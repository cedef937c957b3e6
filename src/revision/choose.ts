// What a run compares against: another revision measured in the same job, the cached baseline, or nothing.
import type { CompareMode } from '../config.js'
import { isFullSha, type GitOptions } from './git.js'
import { resolveRef } from './resolve.js'

export type Comparison =
  /** build and measure the revision sha in this job; label names it in the progress line and the report */
  | { kind: 'revision'; sha: string; label: string; why: string }
  /** the cached baseline (the action) or the local baseline file (the CLI) */
  | { kind: 'baseline'; why: string }
  | { kind: 'none'; why: string }

/** The parts of a workflow event that decide the comparison (github.context.eventName and .payload). */
export interface EventSource {
  eventName: string
  payload: Record<string, unknown>
}

const NO_COMMIT = /^0+$/

/** The action: the setting of the `compare` input and the event that started the run. */
export function chooseComparison(setting: CompareMode, event: EventSource): Comparison {
  if (setting === 'none') return { kind: 'none', why: 'compare: none' }
  if (setting === 'baseline') return { kind: 'baseline', why: 'compare: baseline' }
  switch (event.eventName) {
    case 'pull_request':
      return pullRequestBase(event.payload)
    case 'push':
      return previousTip(event.payload)
    case 'pull_request_target':
      // It runs the base branch's workflow on the base's checkout: there is no head to put against the base.
      return { kind: 'baseline', why: 'pull_request_target event: same-job comparisons run on pull_request only' }
    default:
      return { kind: 'baseline', why: `${event.eventName} event: no other revision to compare with` }
  }
}

function pullRequestBase(payload: Record<string, unknown>): Comparison {
  const pr = record(payload.pull_request)
  const base = record(pr.base)
  const number = typeof pr.number === 'number' ? ` #${pr.number}` : ''
  if (!isFullSha(base.sha)) {
    return { kind: 'baseline', why: `pull request${number}: the event has no pull_request.base.sha` }
  }
  const branch = typeof base.ref === 'string' && base.ref ? base.ref : 'base'
  return {
    kind: 'revision',
    sha: base.sha,
    label: `base (${branch})`,
    why: `pull request${number}: its base, ${branch} at ${base.sha.slice(0, 12)}`
  }
}

function previousTip(payload: Record<string, unknown>): Comparison {
  const branch = typeof payload.ref === 'string' ? payload.ref.replace(/^refs\/(heads|tags)\//, '') : ''
  const where = branch ? ` to ${branch}` : ''
  if (payload.deleted === true) return { kind: 'baseline', why: `push${where}: the ref was deleted` }
  const before = payload.before
  if (typeof before === 'string' && NO_COMMIT.test(before)) {
    return { kind: 'baseline', why: `push${where}: a new ref, no previous tip` }
  }
  if (!isFullSha(before)) return { kind: 'baseline', why: `push${where}: the event has no "before" commit` }
  return {
    kind: 'revision',
    sha: before,
    label: `before (${branch || 'previous tip'})`,
    why: `push${where}: the previous tip ${before.slice(0, 12)}`
  }
}

/**
 * The CLI: with `--compare-with REF`, the working tree against REF (resolved here; a ref that is not a commit
 * throws CompareRefError); without it, the local baseline file.
 */
export async function chooseCliComparison(repoDir: string, compareWith: string | undefined, git: GitOptions = {}): Promise<Comparison> {
  if (compareWith === undefined) return { kind: 'baseline', why: 'no --compare-with: the local baseline file' }
  const sha = await resolveRef(repoDir, compareWith, git)
  return { kind: 'revision', sha, label: compareWith, why: `--compare-with ${compareWith}: ${sha.slice(0, 12)}` }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
