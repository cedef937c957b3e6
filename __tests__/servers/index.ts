// Starts the GitHub REST, cache and results (artifact) servers on loopback, sharing one store, and hands out
// the environment a runner gives a job for them. As on GitHub-hosted runners today, the results service
// (ACTIONS_RESULTS_URL) answers both the artifact and the cache service v2 (Twirp); the cache service v1
// (ACTIONS_CACHE_URL) stays available as the one extra case.
import crypto from 'node:crypto'
import { startArtifactServer, type ArtifactServer } from './artifact.js'
import { CACHE_V2_PREFIX, startCacheServer, type CacheServer } from './cache.js'
import { startGitHubServer, type GitHubServer } from './github.js'
import { Faults, serve, type Listening, type RecordedRequest } from './http.js'
import { Store } from './store.js'

export { closedPortUrl } from './http.js'
export { BOT, HUMAN, OTHER_BOT } from './github.js'

export interface ServicesOptions {
  owner?: string
  repo?: string
  /** the run the default env belongs to */
  runId?: number
  /** GitHub token the REST server accepts (any token when unset) */
  token?: string
  /** answer writes with 403 "Resource not accessible by integration" */
  readOnly?: boolean
  /** the cache service jobs use: v2 (Twirp under ACTIONS_RESULTS_URL, the default, as on hosted runners) or v1 */
  cacheService?: 'v1' | 'v2'
}

export interface JobOptions {
  runId?: number
  job?: string
  event?: string
  /** the head SHA of the run (what workflow_run.head_sha names) */
  headSha?: string
  /** GITHUB_SHA of the job when it is not the head: the test merge commit of a pull_request run */
  sha?: string
  pullRequests?: number[]
  /** the run's workflow (default 1) and head branch (default main), and how it concluded (default success) */
  workflowId?: number
  branch?: string
  conclusion?: 'success' | 'failure'
  /** this job's cache service, when it differs from the services' default */
  cacheService?: 'v1' | 'v2'
}

export interface Services {
  github: GitHubServer
  cache: CacheServer
  artifact: ArtifactServer
  /** the results service: routes the cache service v2 to `cache`, everything else to `artifact` */
  results: Listening & { requests: RecordedRequest[] }
  store: Store
  owner: string
  repo: string
  /** environment of the default job of the default run */
  env: Record<string, string>
  /** environment of another job, possibly of another run (registers the run) */
  jobEnv(o?: JobOptions): Record<string, string>
  close(): Promise<void>
}

/** An unsigned JWT carrying the scope @actions/artifact decodes: `Actions.Results:<runBackendId>:<jobBackendId>`. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const payload = {
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runBackendId}:${jobBackendId}`,
    iat: now,
    exp: now + 3600,
    iss: 'vstoken.actions.githubusercontent.com'
  }
  return `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64(payload)}.${Buffer.from('test-signature').toString('base64url')}`
}

function jobBackendId(runId: number, job: string): string {
  const h = crypto.createHash('sha256').update(`${runId}/${job}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export async function startServices(opts: ServicesOptions = {}): Promise<Services> {
  const owner = opts.owner ?? 'acme'
  const repo = opts.repo ?? 'bench'
  const store = new Store()
  const [github, cache, artifact] = await Promise.all([
    startGitHubServer({ store, readOnly: opts.readOnly, token: opts.token }),
    startCacheServer(),
    startArtifactServer({ store })
  ])
  const resultsRequests: RecordedRequest[] = []
  const results = await serve(
    req => (req.path.startsWith(CACHE_V2_PREFIX) ? cache.answer(req) : artifact.answer(req)),
    new Faults(),
    resultsRequests
  )
  function jobEnv(o: JobOptions = {}): Record<string, string> {
    const runId = o.runId ?? opts.runId ?? 4242
    const run = store.registerRun({
      runId,
      owner,
      repo,
      event: o.event,
      headSha: o.headSha,
      pullRequests: o.pullRequests,
      workflowId: o.workflowId,
      branch: o.branch,
      conclusion: o.conclusion
    })
    const job = o.job ?? 'bench'
    const env: Record<string, string> = {
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${owner}/${repo}`,
      GITHUB_REPOSITORY_OWNER: owner,
      GITHUB_RUN_ID: String(runId),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: job,
      GITHUB_EVENT_NAME: run.event,
      GITHUB_SHA: o.sha ?? run.headSha,
      ACTIONS_CACHE_URL: cache.url,
      ACTIONS_RESULTS_URL: `${results.url}/`,
      ACTIONS_RUNTIME_URL: `${cache.url}`,
      ACTIONS_RUNTIME_TOKEN: runtimeToken(run.backendId, jobBackendId(runId, job))
    }
    if ((o.cacheService ?? opts.cacheService ?? 'v2') === 'v2') env.ACTIONS_CACHE_SERVICE_V2 = 'true'
    return env
  }
  return {
    github,
    cache,
    artifact,
    results: { ...results, requests: resultsRequests },
    store,
    owner,
    repo,
    env: jobEnv(),
    jobEnv,
    close: async () => {
      await Promise.all([github.close(), cache.close(), artifact.close(), results.close()])
    }
  }
}

/** Sets (or, for undefined, deletes) env vars; returns a function that restores the previous values. */
export function applyEnv(vars: Record<string, string | undefined>): () => void {
  const saved = new Map<string, string | undefined>()
  for (const [k, v] of Object.entries(vars)) {
    saved.set(k, process.env[k])
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
