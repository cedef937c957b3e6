// Sticky PR comment through the real @actions/github client against the loopback GitHub server.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { upsertStickyComment } from '../src/publish/comment.js'
import { HUMAN, startGitHubServer, type GitHubServer } from './servers/github.js'

const MARKER = '<!-- wasm-ffi-bench:comment -->'
const TOKEN = 'ghs_testtoken1234567890'
const fast = { retries: 3, baseDelayMs: 20, maxWaitMs: 5000 }

describe('upsertStickyComment', () => {
  let gh: GitHubServer
  let pr = 0
  const call = (body: string, extra: Partial<Parameters<typeof upsertStickyComment>[0]> = {}) =>
    upsertStickyComment({
      token: TOKEN,
      owner: 'acme',
      repo: 'bench',
      issueNumber: pr,
      body,
      marker: MARKER,
      apiUrl: gh.url,
      retry: fast,
      ...extra
    })
  const comments = () => gh.state.comments.get(`acme/bench#${pr}`) ?? []

  before(async () => {
    gh = await startGitHubServer({ token: TOKEN })
  })
  after(() => gh.close())
  beforeEach(() => {
    pr++
    gh.state.readOnly = false
    gh.state.faults.clear()
    gh.state.requests.length = 0
  })

  it('creates the comment, then updates it in place behind 150 other comments', async () => {
    const first = await call('report v1')
    assert.equal(first.action, 'created')
    assert.equal(comments().length, 1)
    gh.state.seedComments('acme', 'bench', pr, 150, HUMAN)
    // A human quoting the marker elsewhere must not be edited instead of the bot's comment.
    gh.state.seedComments('acme', 'bench', pr, 1, HUMAN, () => `see ${MARKER} above`)
    gh.state.requests.length = 0

    const second = await call('report v2')
    assert.equal(second.action, 'updated')
    assert.ok('url' in second && 'url' in first && second.url === first.url)
    const withMarker = comments().filter(c => c.body.includes(MARKER))
    assert.equal(comments().length, 152, 'no duplicate comment')
    assert.equal(withMarker.find(c => c.user.type === 'Bot')?.body, `${MARKER}\nreport v2`)
    const pages = gh.state.requests.filter(r => r.method === 'GET' && r.path.endsWith(`/issues/${pr}/comments`))
    assert.equal(pages.length, 2, 'listed both pages of 100')
    assert.deepEqual(
      gh.state.requests.map(r => r.method),
      ['GET', 'GET', 'PATCH']
    )
    assert.ok(gh.state.requests.every(r => r.auth))
  })

  it('finds the marker on the last page', async () => {
    gh.state.seedComments('acme', 'bench', pr, 230, HUMAN)
    assert.equal((await call('first')).action, 'created')
    gh.state.requests.length = 0
    assert.equal((await call('second')).action, 'updated')
    assert.equal(comments().length, 231)
    assert.equal(gh.state.requests.filter(r => r.method === 'GET').length, 3)
  })

  it('retries 5xx answers, then succeeds', async () => {
    gh.state.failNext(2, 502)
    const out = await call('after errors')
    assert.equal(out.action, 'created')
    assert.equal(comments().length, 1)
    assert.deepEqual(
      gh.state.requests.map(r => r.status),
      [502, 502, 200, 201]
    )
  })

  it('does not duplicate when a create fails after the server stored it', async () => {
    gh.state.faults.add({
      count: 1,
      afterHandler: true,
      match: r => r.method === 'POST',
      reply: { status: 502, body: { message: 'Server Error' } }
    })
    const out = await call('once')
    assert.equal(out.action, 'updated')
    assert.equal(comments().length, 1)
  })

  it('gives up after persistent 5xx with a reason, without throwing', async () => {
    gh.state.failNext(100, 500)
    const out = await call('never')
    assert.equal(out.action, 'skipped')
    assert.match('reason' in out ? out.reason : '', /500/)
    assert.equal(gh.state.requests.length, 4, 'first try plus 3 retries')
  })

  it('skips with a reason on a read-only token (fork PR), never leaking the token', async () => {
    gh.state.readOnly = true
    const out = await call('forbidden')
    assert.equal(out.action, 'skipped')
    assert.ok('reason' in out)
    assert.match(out.reason, /Resource not accessible by integration/)
    assert.doesNotMatch(out.reason, new RegExp(TOKEN))
    assert.equal(comments().length, 0)
  })

  it('waits out a primary rate limit (403, x-ratelimit-remaining: 0)', async () => {
    gh.state.rateLimitNext('primary', 1)
    const t0 = Date.now()
    const out = await call('limited')
    assert.equal(out.action, 'created')
    assert.ok(Date.now() - t0 >= 400, 'waited for the reset')
    assert.deepEqual(
      gh.state.requests.map(r => r.status),
      [403, 200, 201]
    )
  })

  it('honours retry-after on a secondary rate limit (429)', async () => {
    gh.state.rateLimitNext('secondary', 1)
    const t0 = Date.now()
    assert.equal((await call('limited')).action, 'created')
    assert.ok(Date.now() - t0 >= 900)
  })

  it('skips instead of waiting for a reset that is too far away', async () => {
    gh.state.rateLimitNext('primary', 3600)
    const out = await call('later')
    assert.equal(out.action, 'skipped')
    assert.match('reason' in out ? out.reason : '', /rate limit/i)
    assert.equal(comments().length, 0)
  })

  it('reports a wrong token as skipped, not as a crash', async () => {
    const out = await call('x', { token: 'ghs_wrong' })
    assert.equal(out.action, 'skipped')
    assert.match('reason' in out ? out.reason : '', /401/)
  })
})
