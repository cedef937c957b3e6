// A subset of GitHub REST v3 on loopback: the authenticated user, issue comments (paginated with real Link
// headers), pull requests listed by head, commits, the Actions run/artifact endpoints @actions/artifact uses
// with `findBy` (expired artifacts answer 410), and a workflow's runs by branch, event and conclusion. Faults cover 5xx, rate limits (primary, secondary with and without retry-after), requests that
// never answer and read-only tokens.
import { Faults, json, parseJson, serve, type RecordedRequest, type Reply, type Req } from './http.js'
import { Store } from './store.js'

export interface GhUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface GhComment {
  id: number
  node_id: string
  url: string
  html_url: string
  issue_url: string
  body: string
  user: GhUser
  created_at: string
  updated_at: string
}

export interface GhPull {
  number: number
  state: 'open' | 'closed'
  headSha: string
  headRef: string
  /** owner of the head repository (a fork's owner for a fork PR) */
  headOwner: string
}

export const BOT: GhUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
export const HUMAN: GhUser = { login: 'octocat', id: 583231, type: 'User' }
/** another app's bot: its comments must not pass for ours */
export const OTHER_BOT: GhUser = { login: 'renovate[bot]', id: 29139614, type: 'Bot' }

export type RateLimitKind = 'primary' | 'secondary' | 'secondary-no-retry-after' | 'secondary-retry-after-date'

export interface GitHubState {
  /** comments per `owner/repo#number` */
  comments: Map<string, GhComment[]>
  requests: RecordedRequest[]
  faults: Faults
  /** POST/PATCH answer 403 "Resource not accessible by integration", as a fork PR's token does */
  readOnly: boolean
  /** the user of a personal token (GET /user answers it); null for an installation token, which writes as BOT */
  tokenUser: GhUser | null
  pulls: Map<string, GhPull[]>
  /** parents per commit SHA, for GET /repos/{owner}/{repo}/commits/{sha} */
  commits: Map<string, string[]>
  store: Store
  seedComments(owner: string, repo: string, issue: number, count: number, user?: GhUser, body?: (i: number) => string): void
  addPull(owner: string, repo: string, pull: GhPull): void
  /** the next `count` requests answer 500 (or the given status) */
  failNext(count: number, status?: number, match?: (req: Req) => boolean): void
  /**
   * The next request hits a rate limit: primary (403, x-ratelimit-remaining: 0, reset in `seconds`), secondary
   * (429, retry-after: seconds), secondary without retry-after (403 and only the message says so), or
   * secondary with retry-after as an HTTP date `seconds` from now.
   */
  rateLimitNext(kind: RateLimitKind, seconds: number): void
  /** the next `count` matching requests never get an answer */
  hangNext(count: number, match?: (req: Req) => boolean): void
}

export interface GitHubServer {
  url: string
  state: GitHubState
  close(): Promise<void>
}

const ROUTES = {
  comments: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
  comment: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
  pulls: /^\/repos\/([^/]+)\/([^/]+)\/pulls$/,
  commit: /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{4,40})$/,
  run: /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/,
  workflowRuns: /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/(\d+)\/runs$/,
  runArtifacts: /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/artifacts$/,
  zip: /^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)\/zip$/
}

function rateHeaders(remaining = 4999): Record<string, string> {
  return {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-github-request-id': Math.random().toString(16).slice(2)
  }
}

function err(status: number, message: string, extra: Record<string, string> = {}): Reply {
  return json(status, { message, documentation_url: 'https://docs.github.com/rest' }, { ...rateHeaders(), ...extra })
}

/** page/per_page slicing with the Link header GitHub sends (next, last, first, prev). */
function paginate<T>(req: Req, items: T[]): { page: T[]; link: string | null } {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30))
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const at = (p: number) => {
    const q = new URLSearchParams(req.query)
    q.set('per_page', String(perPage))
    q.set('page', String(p))
    return `<${req.baseUrl}${req.path}?${q.toString()}>`
  }
  const links: string[] = []
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`)
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`)
  if (page > 1) links.push(`${at(1)}; rel="first"`)
  return { page: items.slice((page - 1) * perPage, page * perPage), link: links.length ? links.join(', ') : null }
}

/** A pull request as GET /repos/{owner}/{repo}/pulls lists it (the fields clients read). */
function pullJson(base: string, owner: string, repo: string, p: GhPull): object {
  const headRepo = `${p.headOwner}/${repo}`
  return {
    number: p.number,
    state: p.state,
    url: `${base}/repos/${owner}/${repo}/pulls/${p.number}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${p.number}`,
    head: {
      label: `${p.headOwner}:${p.headRef}`,
      ref: p.headRef,
      sha: p.headSha,
      repo: { full_name: headRepo, name: repo, owner: { login: p.headOwner }, fork: p.headOwner !== owner }
    },
    base: { label: `${owner}:main`, ref: 'main', repo: { full_name: `${owner}/${repo}`, name: repo, owner: { login: owner } } }
  }
}

function rateLimitReply(kind: RateLimitKind, seconds: number): Reply {
  const secondary = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
  switch (kind) {
    case 'primary':
      return err(403, 'API rate limit exceeded for installation ID 1.', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + seconds)
      })
    case 'secondary':
      return err(429, secondary, { 'retry-after': String(seconds) })
    case 'secondary-no-retry-after':
      return err(403, secondary)
    case 'secondary-retry-after-date':
      return err(403, secondary, { 'retry-after': new Date(Date.now() + seconds * 1000).toUTCString() })
  }
}

export async function startGitHubServer(
  opts: { store?: Store; readOnly?: boolean; token?: string; tokenUser?: GhUser } = {}
): Promise<GitHubServer> {
  let nextCommentId = 1_000_000
  const faults = new Faults()
  const state: GitHubState = {
    comments: new Map(),
    requests: [],
    faults,
    readOnly: opts.readOnly ?? false,
    tokenUser: opts.tokenUser ?? null,
    pulls: new Map(),
    commits: new Map(),
    store: opts.store ?? new Store(),
    seedComments(owner, repo, issue, count, user = HUMAN, body = i => `comment ${i}`) {
      for (let i = 0; i < count; i++) add(owner, repo, issue, body(i), user, 'http://seed')
    },
    addPull(owner, repo, pull) {
      const k = `${owner}/${repo}`
      state.pulls.set(k, [...(state.pulls.get(k) ?? []).filter(p => p.number !== pull.number), pull])
    },
    failNext(count, status = 500, match) {
      faults.add({ count, match, reply: err(status, status === 502 ? 'Server Error' : 'Internal Server Error') })
    },
    rateLimitNext(kind, seconds) {
      faults.add({ count: 1, reply: rateLimitReply(kind, seconds) })
    },
    hangNext(count, match) {
      faults.add({ count, match, hang: true, reply: { status: 0 } })
    }
  }

  function add(owner: string, repo: string, issue: number, body: string, user: GhUser, base: string): GhComment {
    const id = nextCommentId++
    const now = new Date().toISOString()
    const c: GhComment = {
      id,
      node_id: `IC_${id}`,
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      user,
      created_at: now,
      updated_at: now
    }
    const k = `${owner}/${repo}#${issue}`
    state.comments.set(k, [...(state.comments.get(k) ?? []), c])
    return c
  }

  function handler(req: Req): Reply {
    const auth = String(req.headers.authorization ?? '')
    if (opts.token && auth !== `token ${opts.token}` && auth !== `Bearer ${opts.token}`) return err(401, 'Bad credentials')
    const writes = req.method === 'POST' || req.method === 'PATCH' || req.method === 'DELETE'
    if (writes && state.readOnly) return err(403, 'Resource not accessible by integration')
    let m: RegExpExecArray | null
    if (req.path === '/user' && req.method === 'GET') {
      // An installation token (GITHUB_TOKEN) has no user: GitHub answers 403 here.
      if (!state.tokenUser) return err(403, 'Resource not accessible by integration')
      return json(200, state.tokenUser, rateHeaders())
    }
    if ((m = ROUTES.pulls.exec(req.path)) && req.method === 'GET') {
      const [, owner, repo] = m
      const wanted = req.query.get('state') ?? 'open'
      const head = req.query.get('head')
      const list = (state.pulls.get(`${owner}/${repo}`) ?? [])
        .filter(p => wanted === 'all' || p.state === wanted)
        .filter(p => !head || `${p.headOwner}:${p.headRef}` === head)
        .sort((a, b) => b.number - a.number)
      const { page, link } = paginate(req, list)
      return json(
        200,
        page.map(p => pullJson(req.baseUrl, owner, repo, p)),
        { ...rateHeaders(), ...(link ? { link } : {}) }
      )
    }
    if ((m = ROUTES.commit.exec(req.path)) && req.method === 'GET') {
      const parents = state.commits.get(m[3])
      if (!parents) return err(422, `No commit found for SHA: ${m[3]}`)
      return json(200, { sha: m[3], parents: parents.map(sha => ({ sha })) }, rateHeaders())
    }
    if ((m = ROUTES.comments.exec(req.path))) {
      const [, owner, repo, num] = m
      const list = state.comments.get(`${owner}/${repo}#${num}`) ?? []
      if (req.method === 'GET') {
        const { page, link } = paginate(req, list)
        return json(200, page, { ...rateHeaders(), ...(link ? { link } : {}) })
      }
      if (req.method === 'POST') {
        const body = parseJson(req).body
        if (typeof body !== 'string') return err(422, 'Validation Failed')
        return json(201, add(owner, repo, Number(num), body, state.tokenUser ?? BOT, req.baseUrl), rateHeaders())
      }
    }
    if ((m = ROUTES.comment.exec(req.path)) && req.method === 'PATCH') {
      const c = [...state.comments.values()].flat().find(x => x.id === Number(m![3]))
      if (!c) return err(404, 'Not Found')
      const body = parseJson(req).body
      if (typeof body !== 'string') return err(422, 'Validation Failed')
      c.body = body
      c.updated_at = new Date().toISOString()
      return json(200, c, rateHeaders())
    }
    if ((m = ROUTES.run.exec(req.path)) && req.method === 'GET') {
      const run = state.store.runById(Number(m[3]))
      if (!run || run.owner !== m[1] || run.repo !== m[2]) return err(404, 'Not Found')
      return json(
        200,
        {
          id: run.runId,
          head_sha: run.headSha,
          event: run.event,
          status: 'completed',
          conclusion: run.conclusion,
          workflow_id: run.workflowId,
          head_branch: run.branch,
          created_at: run.createdAt.toISOString(),
          pull_requests: run.pullRequests.map(n => ({ number: n }))
        },
        rateHeaders()
      )
    }
    if ((m = ROUTES.workflowRuns.exec(req.path)) && req.method === 'GET') {
      // Newest first, filtered as the API filters: branch, event, and status=success meaning the conclusion.
      const [, owner, repo, workflowId] = m
      const q = (name: string) => req.query.get(name)
      const list = [...state.store.runs.values()]
        .filter(r => r.owner === owner && r.repo === repo && r.workflowId === Number(workflowId))
        .filter(r => !q('branch') || r.branch === q('branch'))
        .filter(r => !q('event') || r.event === q('event'))
        .filter(r => !q('status') || r.conclusion === q('status'))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      const { page, link } = paginate(req, list)
      const workflow_runs = page.map(r => ({
        id: r.runId,
        workflow_id: r.workflowId,
        head_sha: r.headSha,
        head_branch: r.branch,
        event: r.event,
        status: 'completed',
        conclusion: r.conclusion,
        created_at: r.createdAt.toISOString()
      }))
      return json(200, { total_count: list.length, workflow_runs }, { ...rateHeaders(), ...(link ? { link } : {}) })
    }
    if ((m = ROUTES.runArtifacts.exec(req.path)) && req.method === 'GET') {
      const [, owner, repo, runId] = m
      const list = state.store.artifacts.filter(a => a.finalized && a.runId === Number(runId) && a.owner === owner && a.repo === repo)
      const { page, link } = paginate(req, list)
      const artifacts = page.map(a => ({
        id: a.id,
        node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
        name: a.name,
        size_in_bytes: a.size,
        digest: a.digest,
        url: `${req.baseUrl}/repos/${owner}/${repo}/actions/artifacts/${a.id}`,
        archive_download_url: `${req.baseUrl}/repos/${owner}/${repo}/actions/artifacts/${a.id}/zip`,
        expired: a.expired ?? false,
        created_at: a.createdAt.toISOString(),
        updated_at: a.createdAt.toISOString(),
        workflow_run: { id: a.runId, head_sha: state.store.runById(a.runId)?.headSha }
      }))
      return json(200, { total_count: list.length, artifacts }, { ...rateHeaders(), ...(link ? { link } : {}) })
    }
    if ((m = ROUTES.zip.exec(req.path)) && req.method === 'GET') {
      const a = state.store.artifacts.find(x => x.id === Number(m![3]) && x.owner === m![1] && x.repo === m![2] && x.finalized)
      if (!a) return err(404, 'Not Found')
      if (a.expired) return err(410, 'Artifact has expired')
      if (!state.store.blobOrigin) return err(500, 'no blob storage attached')
      // GitHub answers with a redirect to a short-lived signed blob URL.
      return { status: 302, headers: { ...rateHeaders(), location: state.store.signBlob(a.blobPath) } }
    }
    return err(404, 'Not Found')
  }

  const l = await serve(handler, faults, state.requests)
  return { url: l.url, state, close: l.close }
}
