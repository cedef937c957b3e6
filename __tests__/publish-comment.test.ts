// Sticky PR comment through the real @actions/github client against the loopback GitHub server.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { upsertStickyComment } from '../src/publish/comment.js'
import { BOT, HUMAN, OTHER_BOT, startGitHubServer, type GitHubServer } from './servers/github.js'

const MARKER = '<!-- wasm-ffi-bench:comment -->'
const TOKEN = 'ghs_testtoken1234567890'
const fast = { retries: 3, baseDelayMs: 20, maxWaitMs: 5000, timeoutMs: 5000 }

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
      ...extra,
      api: { apiUrl: gh.url, ...fast, ...extra.api }
    })
  const comments = () => gh.state.comments.get(`acme/bench#${pr}`) ?? []

  before(async () => {
    gh = await startGitHubServer({ token: TOKEN })
  })
  after(() => gh.close())
  beforeEach(() => {
    pr++
    gh.state.readOnly = false
    gh.state.tokenUser = null
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
      gh.state.requests.map(r => `${r.method} ${r.status}`),
      ['GET 403', 'GET 200', 'GET 200', 'PATCH 200'],
      'GET /user (403 for an installation token), two pages, the update'
    )
    assert.ok(gh.state.requests.every(r => r.auth))
  })

  it('finds the marker on the last page', async () => {
    gh.state.seedComments('acme', 'bench', pr, 230, HUMAN)
    assert.equal((await call('first')).action, 'created')
    gh.state.requests.length = 0
    assert.equal((await call('second')).action, 'updated')
    assert.equal(comments().length, 231)
    assert.equal(gh.state.requests.filter(r => r.method === 'GET' && r.path.endsWith('/comments')).length, 3)
  })

  it('retries 5xx answers, then succeeds', async () => {
    gh.state.failNext(2, 502)
    const out = await call('after errors')
    assert.equal(out.action, 'created')
    assert.equal(comments().length, 1)
    assert.deepEqual(
      gh.state.requests.map(r => r.status),
      [502, 502, 403, 200, 201]
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
    assert.equal(gh.state.requests.length, 4, 'first try plus 3 retries (of GET /user)')
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
      [403, 403, 200, 201],
      'the limit, then GET /user, the listing and the create'
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

  it("ignores a marker planted by anyone but the token's own identity", async () => {
    gh.state.seedComments('acme', 'bench', pr, 1, HUMAN, () => `${MARKER}\nplanted by a user`)
    gh.state.seedComments('acme', 'bench', pr, 1, OTHER_BOT, () => `${MARKER}\nplanted by another app`)
    gh.state.seedComments('acme', 'bench', pr, 1, BOT, () => `quoting ${MARKER} mid-text`)
    const out = await call('ours')
    assert.equal(out.action, 'created')
    const ours = comments().filter(c => c.body === `${MARKER}\nours`)
    assert.equal(ours.length, 1)
    assert.equal(ours[0]!.user.login, BOT.login)
    assert.deepEqual(
      comments().map(c => c.body.split('\n').pop()),
      ['planted by a user', 'planted by another app', `quoting ${MARKER} mid-text`, 'ours'],
      "nobody else's comment was edited"
    )
    assert.equal((await call('ours again')).action, 'updated')
    assert.equal(comments().length, 4)
  })

  it("with a personal token, the sticky comment is the token user's (GET /user), not the bot's", async () => {
    gh.state.tokenUser = HUMAN
    gh.state.seedComments('acme', 'bench', pr, 1, BOT, () => `${MARKER}\nthe bot's`)
    assert.equal((await call('first')).action, 'created')
    assert.equal(comments().at(-1)!.user.login, HUMAN.login)
    assert.equal((await call('second')).action, 'updated')
    assert.deepEqual(
      comments().map(c => c.body),
      [`${MARKER}\nthe bot's`, `${MARKER}\nsecond`]
    )
  })

  it('waits at least the given time after a 403 secondary rate limit without retry-after', async () => {
    gh.state.rateLimitNext('secondary-no-retry-after', 0)
    const t0 = Date.now()
    const out = await call('later', { api: { secondaryWaitMs: 400 } })
    const waited = Date.now() - t0
    assert.equal(out.action, 'created')
    assert.ok(waited >= 400, `waited ${waited} ms`)
    assert.deepEqual(
      gh.state.requests.map(r => r.status),
      [403, 403, 200, 201]
    )
  })

  it('gives up at once when the secondary limit asks for a longer wait than allowed (a minute by default)', async () => {
    gh.state.rateLimitNext('secondary-no-retry-after', 0)
    const t0 = Date.now()
    const out = await call('later', { api: { maxWaitMs: 5000 } })
    assert.equal(out.action, 'skipped')
    assert.match('reason' in out ? out.reason : '', /rate limit.*HTTP 403: You have exceeded a secondary rate limit/)
    assert.ok(Date.now() - t0 < 2000, 'no minute spent waiting')
    assert.equal(comments().length, 0)
  })

  it('reads retry-after given as an HTTP date', async () => {
    gh.state.rateLimitNext('secondary-retry-after-date', 2)
    const t0 = Date.now()
    const out = await call('dated')
    const waited = Date.now() - t0
    assert.equal(out.action, 'created')
    // The date has whole seconds: 2 s from now is between 1 and 2 s away.
    assert.ok(waited >= 900 && waited < 4000, `waited ${waited} ms`)
  })

  it('abandons a request that never answers after the timeout and retries it', async () => {
    gh.state.hangNext(1, r => r.path.endsWith('/comments') && r.method === 'GET')
    const t0 = Date.now()
    const out = await call('after a hang', { api: { timeoutMs: 500 } })
    const took = Date.now() - t0
    assert.equal(out.action, 'created')
    assert.ok(took >= 500 && took < 3000, `took ${took} ms`)
    assert.deepEqual(
      gh.state.requests.map(r => `${r.method} ${r.status}`),
      ['GET 403', 'GET 0', 'GET 200', 'POST 201'],
      'the hung listing (0: no answer), then its retry'
    )
  })

  it('a create that never answers is not blindly repeated: the listing decides', async () => {
    gh.state.hangNext(1, r => r.method === 'POST')
    const out = await call('once', { api: { timeoutMs: 500 } })
    assert.equal(out.action, 'created')
    assert.equal(comments().length, 1)
  })

  it('skips with the reason when the API never answers at all', async () => {
    gh.state.hangNext(100)
    const t0 = Date.now()
    const out = await call('never', { api: { timeoutMs: 300 } })
    const took = Date.now() - t0
    assert.equal(out.action, 'skipped')
    assert.match('reason' in out ? out.reason : '', /no answer from GET .*\/user within 300 ms/)
    assert.ok(took < 3000, `took ${took} ms: 4 attempts of 300 ms plus backoff`)
    assert.equal(gh.state.requests.length, 4)
  })
})
