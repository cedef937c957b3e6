// End to end, the bundled dist/ with the real hosts against loopback GitHub, cache and artifact services:
// a push saves the baseline, PR runs restore it, the report job keeps one sticky comment, a slowed host (in a
// copy of the checkout) gates.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { copyCheckout } from './fixtures/checkout-copy.js'
import { startServices, type Services, BOT } from './servers/index.js'
import { pullRequestPayload, pushPayload, runAction, STACK_LINE, type ActionRun } from './e2e/harness.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'

// The machine's Go and Python, as a workflow that set them up itself (e2e-toolchains.test.ts: the action sets them up).
const BENCH_INPUTS = {
  iterations: '8',
  warmup: '1',
  threshold: '25',
  // These runs compare across runs with the stored baseline, 8 rounds each on a shared 2-core machine, where an
  // unchanged host's overhead moved by up to +34% (node, once): the slowed go host moves by +1000% and more.
  'baseline-threshold': '100',
  alpha: '0.01',
  ffi: 'true',
  'github-token': 'ghs_e2e-secret-token',
  'go-version': 'path',
  'python-version': 'path'
}
const PR = 7
let services: Services

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench' })
  // A busy PR: the sticky comment must be found past the first page of 100.
  services.github.state.seedComments('acme', 'bench', PR, 130)
})
after(() => services.close())

/** Every run measures its own commit, as pushes and PR merge commits do (a run never compares with itself). */
const commitOf = (runId: number): string => runId.toString(16).padStart(40, 'c')

function benchRun(
  runId: number,
  event: 'push' | 'pull_request',
  extra: { inputs?: Record<string, string>; dist?: string } = {}
): Promise<ActionRun> {
  return runAction({
    dist: extra.dist,
    inputs: { mode: 'run', ...BENCH_INPUTS, ...extra.inputs },
    event,
    payload: event === 'push' ? pushPayload() : pullRequestPayload(PR),
    ref: event === 'push' ? 'refs/heads/main' : `refs/pull/${PR}/merge`,
    serviceEnv: services.jobEnv({ runId, job: 'measure', event, pullRequests: event === 'push' ? [] : [PR], headSha: commitOf(runId) })
  })
}

function reportRun(runId: number): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'report', ...BENCH_INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(PR),
    ref: `refs/pull/${PR}/merge`,
    serviceEnv: services.jobEnv({ runId, job: 'report', event: 'pull_request', pullRequests: [PR] })
  })
}

/** Baselines only: the same cache also holds the built hosts. */
function baselineEntries(): number {
  return services.cache.state.entries.filter(e => e.committed && e.key.startsWith('wasm-ffi-bench-results-')).length
}

/** The built hosts, guest modules and wasmtime CLI, saved once and restored by later runs. */
function buildEntries(): number {
  return services.cache.state.entries.filter(e => e.committed && e.key.startsWith('wasm-ffi-bench-build-')).length
}

function stickyComments() {
  return (services.github.state.comments.get(`acme/bench#${PR}`) ?? []).filter(c => c.body.includes(COMMENT_MARKER))
}

function assertClean(run: ActionRun): void {
  assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
  // ::add-mask:: is the runner command that hides the token; nothing else may carry it.
  const printed = (run.stdout + run.stderr).split('\n').filter(line => !line.startsWith('::add-mask::'))
  assert.ok(!printed.some(line => line.includes('ghs_e2e-secret-token')), 'the token is never printed')
}

test('a push to main measures every host and saves the baseline', async () => {
  const run = await benchRun(100, 'push')
  assertClean(run)
  assert.equal(run.code, 0, run.stdout)
  assert.equal(run.outputs.verdict, 'baseline', 'a first run records the baseline')
  assert.match(run.summary, /^## 📝 wasm-ffi-bench: baseline recorded$/m)
  for (const host of ['native', 'go', 'python', 'rust', 'node']) assert.match(run.summary, new RegExp(`\\b${host}\\b`))
  assert.match(run.stdout, /baseline saved: wasm-ffi-bench-/)
  assert.equal(baselineEntries(), 1)
  assert.equal(buildEntries(), 1, 'the first run saves the build cache')
})

test('a pull_request run restores the baseline and uploads its results', async () => {
  const run = await benchRun(101, 'pull_request')
  assertClean(run)
  assert.equal(run.code, 0, run.stdout)
  assert.doesNotMatch(run.summary, /no baseline/)
  assert.doesNotMatch(run.stdout, /baseline saved/, 'pull requests never save a baseline')
  assert.equal(baselineEntries(), 1)
  // A miss would try to save the same key again and warn about it: an exact hit saves nothing.
  assert.doesNotMatch(run.stdout, /build cache not (restored|saved)/)
  assert.equal(buildEntries(), 1, 'an exact build-cache hit is not saved again')
})

test('the report job writes one sticky comment on a PR with 130 other comments', async () => {
  const run = await reportRun(101)
  assertClean(run)
  assert.equal(run.code, 0, run.stdout)
  const sticky = stickyComments()
  assert.equal(sticky.length, 1)
  assert.equal(sticky[0].user.login, BOT.login)
  assert.equal(run.outputs['comment-url'], sticky[0].html_url)
  assert.match(sticky[0].body, /Linux/)
})

test('a second PR run updates the comment instead of adding one', async () => {
  const before = { ...stickyComments()[0] } // a copy: the server updates its comment object in place
  const second = await benchRun(102, 'pull_request')
  assert.equal(second.code, 0, second.summary)
  const run = await reportRun(102)
  assert.equal(run.code, 0, run.stdout)
  const sticky = stickyComments()
  assert.equal(sticky.length, 1)
  assert.equal(sticky[0].id, before.id)
  assert.notEqual(sticky[0].body, before.body)
  assert.match(sticky[0].body, /actions\/runs\/102/)
})

/**
 * The go host of a copy of this checkout, slowed by a second per run (Go runs init before main) and writing down the
 * environment it was given: a real regression, made by changing a host, not by a hook in the action.
 */
const SLOW_GO = `package main

import (
	"os"
	"strings"
	"time"
)

func init() {
	_ = os.WriteFile("go-host-env.txt", []byte(strings.Join(os.Environ(), "\\n")), 0o644)
	time.Sleep(time.Second)
}
`

test('a slowed-down host is a regression for that host alone, and the gate fails', async () => {
  const copy = copyCheckout({ 'hosts/go/slowdown.go': SLOW_GO })
  const run = await benchRun(103, 'pull_request', { dist: copy.dist })
  const hostEnv = readFileSync(path.join(copy.root, 'go-host-env.txt'), 'utf8')
  assert.match(hostEnv, /^PATH=/m)
  assert.doesNotMatch(hostEnv, /ghs_e2e-secret-token|^(INPUT_|ACTIONS_|GITHUB_TOKEN|GITHUB_ENV)/m, 'the measured host got no token')
  assertClean(run)
  assert.equal(run.code, 1, run.summary)
  assert.equal(run.outputs.verdict, 'regression')
  const regressions = JSON.parse(run.outputs.regressions) as string[]
  assert.ok(regressions.length > 0)
  for (const line of regressions) assert.match(line, /\bgo\b/, `only go regresses: ${line}`)
  assert.match(run.stdout, /::error::Overhead regression:.*%0A.*go overhead/)

  const report = await reportRun(103)
  assert.equal(report.code, 1)
  const body = stickyComments()[0].body
  assert.match(body, /^- ❌ \*\*\S+ \S+\*\* regression: go overhead vs wasmtime CLI \+\d/m)
  assert.equal(stickyComments().length, 1)
})
