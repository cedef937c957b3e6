// The report's PR and the results it accepts come from the event and GitHub's API, never from an artifact:
// the real @actions/github client against the loopback GitHub server.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { eventInfo, type EventInfo, type TriggeringRun } from '../src/action/github-event.js'
import { provenanceCheck, targetPullRequest } from '../src/action/report-target.js'
import { githubClient } from '../src/publish/github-client.js'
import { results } from './fixtures/report-results.js'
import { startGitHubServer, type GitHubServer } from './servers/github.js'

const TOKEN = 'ghs_report-target'
const HEAD = 'a'.repeat(40)
const MERGE = 'b'.repeat(40)
const BASE = 'c'.repeat(40)

function run(overrides: Partial<TriggeringRun> = {}): TriggeringRun {
  return { id: 300, event: 'pull_request', headSha: HEAD, headBranch: 'feature', headOwner: 'someone', pullRequests: [], ...overrides }
}

function event(overrides: Partial<EventInfo> = {}): EventInfo {
  return {
    name: 'workflow_run',
    owner: 'acme',
    repo: 'bench',
    runId: 301,
    sha: 'd'.repeat(40),
    pr: null,
    isPushToDefaultBranch: false,
    defaultBranch: 'main',
    triggeringRun: run(),
    serverUrl: 'https://github.com',
    ...overrides
  }
}

describe('eventInfo of a workflow_run event', () => {
  it("reads the triggering run, keeping only this repository's PRs whose head is the run's head", () => {
    const pr = (number: number, sha: string, repoUrl: string) => ({
      number,
      head: { sha, ref: 'feature', repo: { url: 'https://api.github.com/repos/acme/bench' } },
      base: { ref: 'main', repo: { url: repoUrl } }
    })
    const context = {
      eventName: 'workflow_run',
      runId: 301,
      sha: 'd'.repeat(40),
      ref: 'refs/heads/main',
      serverUrl: 'https://github.com',
      payload: {
        repository: { default_branch: 'main', name: 'bench', owner: { login: 'acme' } },
        workflow_run: {
          id: 300,
          event: 'pull_request',
          head_sha: HEAD,
          head_branch: 'feature',
          head_repository: { full_name: 'acme/bench', owner: { login: 'acme' } },
          pull_requests: [
            pr(5, HEAD, 'https://api.github.com/repos/acme/bench'),
            pr(6, HEAD, 'https://api.github.com/repos/other/bench'),
            pr(7, 'e'.repeat(40), 'https://api.github.com/repos/acme/bench')
          ]
        }
      }
    } as unknown as Parameters<typeof eventInfo>[0]
    const info = eventInfo(context)
    assert.deepEqual(info.triggeringRun, { ...run({ headOwner: 'acme' }), pullRequests: [5] })
    assert.equal(info.pr, null)
  })
})

describe('the PR and the results of a report', () => {
  let gh: GitHubServer
  const client = () => githubClient(TOKEN, { apiUrl: gh.url, retries: 1, baseDelayMs: 10, timeoutMs: 2000 })

  before(async () => {
    gh = await startGitHubServer({ token: TOKEN })
    gh.state.addPull('acme', 'bench', { number: 12, state: 'open', headSha: HEAD, headRef: 'feature', headOwner: 'someone' })
    gh.state.addPull('acme', 'bench', { number: 99, state: 'open', headSha: 'f'.repeat(40), headRef: 'other', headOwner: 'victim' })
    gh.state.addPull('acme', 'bench', { number: 11, state: 'closed', headSha: HEAD, headRef: 'feature', headOwner: 'someone' })
    gh.state.commits.set(MERGE, [BASE, HEAD])
    gh.state.commits.set(BASE, ['9'.repeat(40)])
  })
  after(() => gh.close())
  beforeEach(() => {
    gh.state.requests.length = 0
    gh.state.faults.clear()
  })

  it('takes the PR of the run itself from the pull_request event', async () => {
    assert.deepEqual(await targetPullRequest(event({ name: 'pull_request', pr: 7, triggeringRun: null }), null, ''), { pr: 7 })
    assert.deepEqual(await targetPullRequest(event({ name: 'push', triggeringRun: null }), null, ''), {
      pr: null,
      reason: 'not a pull request',
      notice: false
    })
  })

  it('takes the PR GitHub put in workflow_run.pull_requests, without asking the API', async () => {
    assert.deepEqual(await targetPullRequest(event({ triggeringRun: run({ pullRequests: [5] }) }), client(), TOKEN), { pr: 5 })
    assert.equal(gh.state.requests.length, 0)
  })

  it("for a fork, lists the open PRs of the head and keeps the one whose head SHA is the run's", async () => {
    assert.deepEqual(await targetPullRequest(event(), client(), TOKEN), { pr: 12 })
    assert.deepEqual(
      gh.state.requests.map(r => `${r.method} ${r.path}${r.query} ${r.status}`),
      ['GET /repos/acme/bench/pulls?head=someone%3Afeature&state=open&per_page=100 200']
    )
  })

  it('finds no PR when the head has moved on, or the run was no pull request, and says why', async () => {
    const moved = await targetPullRequest(event({ triggeringRun: run({ headSha: '1'.repeat(40) }) }), client(), TOKEN)
    assert.deepEqual(moved, { pr: null, reason: 'no open pull request of someone:feature with head 111111111111', notice: true })
    const push = await targetPullRequest(event({ triggeringRun: run({ event: 'push' }) }), client(), TOKEN)
    assert.equal(push.pr, null)
    assert.match('reason' in push ? push.reason : '', /run 300 was started by push, not by a pull request/)
    const noToken = await targetPullRequest(event(), null, '')
    assert.match('reason' in noToken ? noToken.reason : '', /no github-token/)
  })

  it('refuses to guess between several matching PRs, and reports an API failure as a reason', async () => {
    const two = await targetPullRequest(event({ triggeringRun: run({ pullRequests: [5, 8] }) }), client(), TOKEN)
    assert.match('reason' in two ? two.reason : '', /several open pull requests with head aaaaaaaaaaaa \(#5, #8\)/)
    gh.state.failNext(10, 502)
    const failed = await targetPullRequest(event(), client(), TOKEN)
    assert.match('reason' in failed ? failed.reason : '', /^cannot list the pull requests of someone:feature: HTTP 502/)
  })

  it("accepts results of the run's head or of its merge commit, and nothing that claims another PR", async () => {
    const check = provenanceCheck(event(), { pr: 12 }, client(), TOKEN)
    assert.equal(await check(results({ commit: HEAD, pr: 12 })), null)
    assert.equal(await check(results({ commit: MERGE, pr: 12 })), null)
    assert.equal(await check(results({ commit: MERGE, pr: null })), null)
    assert.equal(await check(results({ commit: MERGE, pr: 99 })), 'it claims pull request #99, but the run belongs to #12')
    assert.equal(
      await check(results({ commit: BASE, pr: 12 })),
      'it was measured on cccccccccccc, not on aaaaaaaaaaaa (the head of run 300) or a merge of it'
    )
    assert.match(
      (await check(results({ commit: '2'.repeat(40), pr: 12 })))!,
      /cannot be checked against run 300: HTTP 422: No commit found/
    )
    const commitRequests = gh.state.requests.filter(r => r.path.includes('/commits/'))
    assert.equal(commitRequests.length, 3, 'each commit asked once')
  })

  it('in the run itself, accepts only results of its own commit and PR', async () => {
    const same = event({ name: 'pull_request', pr: 7, sha: MERGE, triggeringRun: null })
    const check = provenanceCheck(same, { pr: 7 }, null, '')
    assert.equal(await check(results({ commit: MERGE, pr: 7 })), null)
    assert.equal(await check(results({ commit: MERGE, pr: 8 })), 'it claims pull request #8, but the run belongs to #7')
    assert.equal(await check(results({ commit: HEAD, pr: 7 })), "it was measured on aaaaaaaaaaaa, not on this run's bbbbbbbbbbbb")
  })
})
