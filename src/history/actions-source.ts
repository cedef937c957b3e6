// The action's history, without new infrastructure: the results artifacts of the last successful default-branch
// runs of the same workflow, read through the Actions API with `actions: read`. Each artifact is untrusted data:
// downloaded size-capped, validated whole, and kept only when it was measured on its run's own head commit.
import path from 'node:path'
import { ARTIFACT_PREFIX } from '../action/constants.js'
import { isResultsFile } from '../outputs.js'
import { downloadAllResults } from '../publish/artifacts.js'
import { describeApiError, type GitHubClient } from '../publish/github-client.js'
import { validateResultsFile } from '../publish/validate-results.js'
import type { Results } from '../types.js'

export interface ActionsHistoryOptions {
  client: GitHubClient
  token: string
  owner: string
  repo: string
  /** the run being reported: its workflow's history is read, the run itself left out */
  runId: number
  defaultBranch: string
  /** default-branch runs to read at most */
  count: number
  workDir: string
  warn: (message: string) => void
}

interface ListedRun {
  id: number
  head_sha: string
  head_branch: string | null
  workflow_id: number
  conclusion: string | null
}

const short = (sha: string) => sha.slice(0, 7)

/** Runs downloaded at once. */
const CONCURRENT_RUNS = 4

async function workflowOf(opts: ActionsHistoryOptions): Promise<number | null> {
  try {
    const { data } = await opts.client.rest.actions.getWorkflowRun({ owner: opts.owner, repo: opts.repo, run_id: opts.runId })
    return data.workflow_id
  } catch (error) {
    const hint = (error as { status?: number }).status === 403 ? ' (the report job needs the permission actions: read)' : ''
    opts.warn(`history: cannot read run ${opts.runId} to find its workflow: ${describeApiError(error, opts.token)}${hint}`)
    return null
  }
}

/** The newest successful pushes to the default branch of the workflow, newest first (the API's order). */
async function listRuns(opts: ActionsHistoryOptions, workflowId: number): Promise<ListedRun[]> {
  try {
    const { data } = await opts.client.rest.actions.listWorkflowRuns({
      owner: opts.owner,
      repo: opts.repo,
      workflow_id: workflowId,
      branch: opts.defaultBranch,
      event: 'push',
      status: 'success',
      per_page: Math.min(100, opts.count + 1)
    })
    return data.workflow_runs as ListedRun[]
  } catch (error) {
    opts.warn(`history: cannot list the runs of workflow ${workflowId}: ${describeApiError(error, opts.token)}`)
    return []
  }
}

/** A listed run that is not what was asked for is skipped: the listing is the API's, but the check is cheap. */
function foreign(run: ListedRun, workflowId: number, opts: ActionsHistoryOptions): string | null {
  if (run.workflow_id !== workflowId) return `it belongs to workflow ${run.workflow_id}, not to this one (${workflowId})`
  if (run.head_branch !== opts.defaultBranch) return `it ran on ${String(run.head_branch).slice(0, 60)}, not on ${opts.defaultBranch}`
  if (run.conclusion !== 'success') return `it concluded ${String(run.conclusion)}`
  return null
}

async function resultsOfRun(run: ListedRun, opts: ActionsHistoryOptions): Promise<Results[]> {
  const where = `history: run ${run.id} (${short(run.head_sha)})`
  const dir = path.join(opts.workDir, `run-${run.id}`)
  let warned = false
  const files = await downloadAllResults(dir, {
    runId: run.id,
    owner: opts.owner,
    repo: opts.repo,
    token: opts.token,
    namePrefix: ARTIFACT_PREFIX,
    onWarning: message => {
      warned = true
      opts.warn(`${where}: ${message}`)
    }
  })
  const resultsFiles = files.filter(isResultsFile)
  if (resultsFiles.length === 0) {
    // A download that failed said why already.
    if (!warned) opts.warn(`${where}: no results artifact (expired, removed or never uploaded); skipped`)
    return []
  }
  return resultsFiles.flatMap(file => {
    const name = path.relative(dir, file)
    const checked = validateResultsFile(file)
    if (!checked.results) {
      opts.warn(`${where}: ${name} ${checked.refused.what}; skipped`)
      return []
    }
    const { commit, pr } = checked.results
    if (commit !== run.head_sha || pr !== null) {
      const what = pr !== null ? `claims pull request #${pr}` : `was measured on ${short(commit)}, not on the run's head`
      opts.warn(`${where}: ${name} ${what}; skipped`)
      return []
    }
    return [checked.results]
  })
}

/** The validated results of the last `count` successful default-branch runs, and how many runs were read. */
export async function readActionsHistory(opts: ActionsHistoryOptions): Promise<{ results: Results[]; runs: number }> {
  const workflowId = await workflowOf(opts)
  if (workflowId === null) return { results: [], runs: 0 }
  const listed = (await listRuns(opts, workflowId)).filter(run => run.id !== opts.runId).slice(0, opts.count)
  // A few runs at a time: each is a listing and a download or two, mostly waiting on the network.
  // Warnings are held per run and said in the listing's order, whatever order the downloads finish in.
  const perRun: Array<{ results: Results[]; warnings: string[] }> = listed.map(() => ({ results: [], warnings: [] }))
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < listed.length; i = next++) {
      const run = listed[i]!
      const own = { ...opts, warn: (message: string) => perRun[i]!.warnings.push(message) }
      const why = foreign(run, workflowId, opts)
      if (why) own.warn(`history: run ${run.id} skipped: ${why}`)
      else perRun[i]!.results = await resultsOfRun(run, own)
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_RUNS, listed.length) }, worker))
  for (const run of perRun) run.warnings.forEach(message => opts.warn(message))
  return { results: perRun.flatMap(run => run.results), runs: listed.length }
}
