// End to end, the bundled dist/: a fork PR whose token cannot comment, the workflow_run report that comments
// for it from the default branch, and a cache service that is down or answers garbage.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { closedPortUrl, startServices, type Services } from './servers/index.js'
import { pullRequestPayload, runAction, STACK_LINE, workflowRunPayload } from './e2e/harness.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'

const FORK_PR = 12
const FORK_RUN = 300
// A small, fast configuration: these scenarios are about the services, not about the numbers.
const INPUTS = { hosts: 'native,rust,node', iterations: '3', warmup: '0', ffi: 'false', 'github-token': 'ghs_fork-token' }
let services: Services

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench', readOnly: true })
})
after(() => services.close())

const forkComments = () => (services.github.state.comments.get(`acme/bench#${FORK_PR}`) ?? []).filter(c => c.body.includes(COMMENT_MARKER))

test('a fork PR: the comment is refused (403), the job passes with a warning and the summary holds the report', async () => {
  const serviceEnv = services.jobEnv({ runId: FORK_RUN, job: 'measure', event: 'pull_request', pullRequests: [FORK_PR] })
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(FORK_PR, true),
    ref: `refs/pull/${FORK_PR}/merge`,
    serviceEnv
  })
  assert.equal(run.code, 0, run.stdout)

  const report = await runAction({
    inputs: { mode: 'report', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(FORK_PR, true),
    ref: `refs/pull/${FORK_PR}/merge`,
    serviceEnv: services.jobEnv({ runId: FORK_RUN, job: 'report', event: 'pull_request', pullRequests: [FORK_PR] })
  })
  assert.equal(report.code, 0, report.stdout)
  assert.match(report.stdout, /::warning::PR comment not written \(.*Resource not accessible by integration/)
  assert.match(report.summary, /rust/)
  assert.equal(forkComments().length, 0)
  assert.doesNotMatch(report.stdout, STACK_LINE)
})

test('the workflow_run report on the default branch finds the fork PR from its results and comments there', async () => {
  services.github.state.readOnly = false // the default branch's token can write
  const report = await runAction({
    inputs: { mode: 'report', ...INPUTS, 'fail-on-regression': 'false' },
    event: 'workflow_run',
    payload: workflowRunPayload(FORK_RUN),
    ref: 'refs/heads/main',
    serviceEnv: services.jobEnv({ runId: 301, job: 'comment', event: 'workflow_run' })
  })
  assert.equal(report.code, 0, report.stdout)
  assert.equal(forkComments().length, 1)
  assert.match(forkComments()[0].body, new RegExp(`actions/runs/${FORK_RUN}`))
  assert.equal(report.outputs['comment-url'], forkComments()[0].html_url)
})

test('the cache service down: the run passes with a warning and "no baseline"', async () => {
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS, 'save-baseline': 'never' },
    event: 'pull_request',
    payload: pullRequestPayload(13),
    serviceEnv: {
      ...services.jobEnv({ runId: 400, job: 'measure', event: 'pull_request', pullRequests: [13] }),
      ACTIONS_CACHE_URL: await closedPortUrl()
    }
  })
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /::warning::.*no baseline/)
  assert.match(run.summary, /no baseline/)
})

test('the cache service answering garbage: the run passes with a warning and "no baseline"', async () => {
  services.cache.state.garbageNext(50)
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'push',
    payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
    serviceEnv: services.jobEnv({ runId: 401, job: 'measure', event: 'push' })
  })
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /::warning::/)
  assert.match(run.summary, /no baseline/)
})
