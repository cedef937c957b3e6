// The one sticky PR comment, found by a hidden marker across all pages of comments and updated in place.
// GitHub API failures never throw: they are retried where sensible and otherwise returned as 'skipped'.
import { getOctokit } from '@actions/github'

export type CommentOutcome = { url: string; action: 'created' | 'updated' } | { action: 'skipped'; reason: string }

export interface RetryOptions {
  /** attempts after the first, for 5xx and network errors (default 3) */
  retries?: number
  /** first backoff delay, doubled per attempt (default 1000 ms) */
  baseDelayMs?: number
  /** longest wait for a rate limit to reset before giving up (default 60 s) */
  maxWaitMs?: number
}

interface HttpError {
  status?: number
  message?: string
  request?: { method?: string }
  response?: { headers?: Record<string, string | number | undefined> }
}

class RateLimited extends Error {}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

function header(e: HttpError, name: string): string | undefined {
  const v = e.response?.headers?.[name]
  return v === undefined ? undefined : String(v)
}

/** How long to wait before retrying a rate-limited request, or null when it is not a rate limit. */
function rateLimitWait(e: HttpError): number | null {
  if (e.status !== 403 && e.status !== 429) return null
  const retryAfter = header(e, 'retry-after')
  if (retryAfter !== undefined) return Math.max(0, Number(retryAfter) * 1000)
  if (header(e, 'x-ratelimit-remaining') === '0') {
    const reset = Number(header(e, 'x-ratelimit-reset') ?? 0) * 1000
    return Math.max(0, reset - Date.now()) + 500
  }
  return e.status === 429 ? 60_000 : null
}

const transient = (e: HttpError) => e.status === undefined || e.status >= 500

function describe(e: HttpError, token: string): string {
  const msg = `${e.status ? `HTTP ${e.status}: ` : ''}${(e.message ?? String(e)).split('\n')[0]}`
  // The token never belongs in a log line, even if a library echoes it.
  return token ? msg.split(token).join('***') : msg
}

export async function upsertStickyComment(opts: {
  token: string
  owner: string
  repo: string
  issueNumber: number
  body: string
  marker: string
  apiUrl?: string
  retry?: RetryOptions
}): Promise<CommentOutcome> {
  const retries = opts.retry?.retries ?? 3
  const baseDelay = opts.retry?.baseDelayMs ?? 1000
  const maxWait = opts.retry?.maxWaitMs ?? 60_000
  const baseUrl = opts.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com'
  const octokit = getOctokit(opts.token, { baseUrl })

  // Every request (each page of the listing too) waits out rate limits and retries transient failures.
  // POST is not retried here: a create that failed after the server stored it would duplicate the comment;
  // the loop below re-lists and finds it instead.
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options)
      } catch (error) {
        const e = error as HttpError
        const wait = rateLimitWait(e)
        if (wait !== null) {
          if (wait > maxWait || attempt >= retries) throw new RateLimited(`GitHub API rate limit exceeded (${describe(e, opts.token)})`)
          await sleep(wait)
          continue
        }
        if (!transient(e) || options.method === 'POST' || attempt >= retries) throw error
        await sleep(baseDelay * 2 ** attempt)
      }
    }
  })

  const body = opts.body.includes(opts.marker) ? opts.body : `${opts.marker}\n${opts.body}`
  const where = { owner: opts.owner, repo: opts.repo }
  for (let attempt = 0; ; attempt++) {
    try {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: opts.issueNumber, per_page: 100 })
      const ours = comments.filter(c => c.body?.includes(opts.marker))
      // Prefer the bot's own comment: it is the one the token can edit.
      const existing = ours.find(c => c.user?.type === 'Bot') ?? ours[0]
      if (existing) {
        const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
        return { action: 'updated', url: data.html_url }
      }
      const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: opts.issueNumber, body })
      return { action: 'created', url: data.html_url }
    } catch (error) {
      const e = error as HttpError
      if (error instanceof RateLimited) return { action: 'skipped', reason: describe(e, opts.token) }
      if (e.status === 403 && /Resource not accessible by integration/i.test(e.message ?? ''))
        return {
          action: 'skipped',
          reason: `the token cannot write to ${opts.owner}/${opts.repo} (read-only, e.g. a pull request from a fork): ${describe(e, opts.token)}`
        }
      // Other requests were already retried by the hook; a failed create is retried from the listing.
      if (transient(e) && e.request?.method === 'POST' && attempt < retries) {
        await sleep(baseDelay * 2 ** attempt)
        continue
      }
      return { action: 'skipped', reason: `GitHub API request failed: ${describe(e, opts.token)}` }
    }
  }
}
