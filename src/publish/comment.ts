// The one sticky PR comment: the comment written by the token's own identity whose body starts with the hidden
// marker, found across all pages of comments and updated in place. A marker anyone else planted is ignored.
// GitHub API failures never throw: they are retried by the client and otherwise returned as 'skipped'.
import {
  describeApiError,
  githubClient,
  isTransient,
  RateLimited,
  type ApiOptions,
  type GitHubClient,
  type HttpError
} from './github-client.js'

export type CommentOutcome = { url: string; action: 'created' | 'updated' } | { action: 'skipped'; reason: string }

/** The author of comments made with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/**
 * Who the token writes as. GET /user answers for a personal token; an installation token (the workflow's
 * GITHUB_TOKEN) gets 403 there, and its comments are written by github-actions[bot].
 */
async function tokenLogin(octokit: GitHubClient): Promise<string> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated()
    return data.login
  } catch (error) {
    if ((error as HttpError).status === 403) return ACTIONS_BOT
    throw error
  }
}

export async function upsertStickyComment(opts: {
  token: string
  owner: string
  repo: string
  issueNumber: number
  body: string
  marker: string
  api?: ApiOptions
}): Promise<CommentOutcome> {
  const retries = opts.api?.retries ?? 3
  const baseDelay = opts.api?.baseDelayMs ?? 1000
  const octokit = githubClient(opts.token, opts.api)
  const body = opts.body.startsWith(opts.marker) ? opts.body : `${opts.marker}\n${opts.body}`
  const where = { owner: opts.owner, repo: opts.repo }
  let login: string | undefined
  for (let attempt = 0; ; attempt++) {
    try {
      login ??= await tokenLogin(octokit)
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...where, issue_number: opts.issueNumber, per_page: 100 })
      const existing = comments.find(c => c.user?.login === login && c.body?.startsWith(opts.marker))
      if (existing) {
        const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body })
        return { action: 'updated', url: data.html_url }
      }
      const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: opts.issueNumber, body })
      return { action: 'created', url: data.html_url }
    } catch (error) {
      const e = error as HttpError
      if (error instanceof RateLimited) return { action: 'skipped', reason: describeApiError(e, opts.token) }
      if (e.status === 403 && /Resource not accessible by integration/i.test(e.message ?? ''))
        return {
          action: 'skipped',
          reason: `the token cannot write to ${opts.owner}/${opts.repo} (read-only, e.g. a pull request from a fork): ${describeApiError(e, opts.token)}`
        }
      // Other requests were already retried by the client; a failed create is retried from the listing.
      if (isTransient(e) && e.request?.method === 'POST' && attempt < retries) {
        await sleep(baseDelay * 2 ** attempt)
        continue
      }
      return { action: 'skipped', reason: `GitHub API request failed: ${describeApiError(e, opts.token)}` }
    }
  }
}
