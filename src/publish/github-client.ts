// The GitHub REST client of the report job: @actions/github's octokit with every request bounded in time, rate
// limits waited out the way GitHub's docs ask (retry-after, x-ratelimit-reset, else at least a minute for a
// secondary limit) and transient failures retried. Callers turn what still fails into a warning.
import { getOctokit } from '@actions/github'

export type GitHubClient = ReturnType<typeof getOctokit>

export interface ApiOptions {
  /** API base URL (default GITHUB_API_URL, else api.github.com) */
  apiUrl?: string
  /** attempts after the first, for 5xx, network errors, timeouts and rate limits (default 3) */
  retries?: number
  /** first backoff delay, doubled per attempt (default 1000 ms) */
  baseDelayMs?: number
  /** longest wait for a rate limit before giving up (default 60 s) */
  maxWaitMs?: number
  /** wait after a secondary rate limit that names no time: GitHub asks for at least a minute (default 60 s) */
  secondaryWaitMs?: number
  /** how long one request may take before it is abandoned (default 30 s) */
  timeoutMs?: number
}

export interface HttpError {
  status?: number
  message?: string
  request?: { method?: string }
  response?: { headers?: Record<string, string | number | undefined> }
}

/** A rate limit that lasts longer than the caller is willing to wait. */
export class RateLimited extends Error {}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

function header(e: HttpError, name: string): string | undefined {
  const v = e.response?.headers?.[name]
  return v === undefined ? undefined : String(v)
}

/** retry-after is either delay-seconds or an HTTP date (RFC 9110, 10.2.3). */
function retryAfterMs(value: string): number | null {
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now())
}

/** How long to wait before retrying a rate-limited request, or null when it is not a rate limit. */
export function rateLimitWait(e: HttpError, secondaryWaitMs: number): number | null {
  if (e.status !== 403 && e.status !== 429) return null
  const retryAfter = header(e, 'retry-after')
  const after = retryAfter === undefined ? null : retryAfterMs(retryAfter)
  if (after !== null) return after
  if (header(e, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(e, 'x-ratelimit-reset') ?? 0) * 1000
    return Math.max(0, reset - Date.now()) + 500
  }
  const secondary = e.status === 429 || /secondary rate limit/i.test(e.message ?? '') || retryAfter !== undefined
  return secondary ? secondaryWaitMs : null
}

export const isTransient = (e: HttpError) => e.status === undefined || e.status >= 500

/** One line for a log: status and message, with the token cut out even if a library echoed it. */
export function describeApiError(error: unknown, token: string): string {
  const e = error as HttpError
  const msg = `${e.status ? `HTTP ${e.status}: ` : ''}${(e.message ?? String(error)).split('\n')[0]}`
  return token ? msg.split(token).join('***') : msg
}

/** A request that got no answer in time; carries the method so that a POST is not blindly repeated. */
class TimedOut extends Error implements HttpError {
  readonly status = undefined
  constructor(
    readonly request: { method?: string },
    url: string,
    timeoutMs: number
  ) {
    super(`no answer from ${request.method ?? 'GET'} ${url} within ${timeoutMs} ms`)
  }
}

export function githubClient(token: string, opts: ApiOptions = {}): GitHubClient {
  const retries = opts.retries ?? 3
  const baseDelay = opts.baseDelayMs ?? 1000
  const maxWait = opts.maxWaitMs ?? 60_000
  const secondaryWait = opts.secondaryWaitMs ?? 60_000
  const timeoutMs = opts.timeoutMs ?? 30_000
  const octokit = getOctokit(token, { baseUrl: opts.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com' })

  // POST is not retried here: a create that failed after the server stored it would be duplicated. Callers
  // that create re-read first (see comment.ts).
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      const signal = AbortSignal.timeout(timeoutMs)
      // Inner hooks (auth) were bound to this very options object: set the signal on it, not on a copy.
      options.request = { ...options.request, signal }
      try {
        return await request(options)
      } catch (error) {
        const e: HttpError = signal.aborted
          ? new TimedOut({ method: options.method }, String(options.url), timeoutMs)
          : (error as HttpError)
        const wait = rateLimitWait(e, secondaryWait)
        if (wait !== null) {
          if (wait > maxWait || attempt >= retries) throw new RateLimited(`GitHub API rate limit exceeded (${describeApiError(e, token)})`)
          await sleep(wait)
          continue
        }
        if (!isTransient(e) || options.method === 'POST' || attempt >= retries) throw e
        await sleep(baseDelay * 2 ** attempt)
      }
    }
  })
  return octokit
}
