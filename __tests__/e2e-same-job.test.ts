// End to end, the same-job comparison as a runner does it: this repository pushed to a bare `origin` (file://),
// a push to main measured against its previous tip, a pull request's shallow merge checkout measured against its
// base (fetched, materialised outside the workspace, built through the build cache), and a base that cannot be
// fetched falling back to the stored baseline. The workspace runs its own bundled dist/ (`uses: ./`).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import type { Results } from '../src/types.js'
import { findOnPath } from '../src/process/exec.js'
import { REPO_ROOT, runAction, STACK_LINE, type ActionRun } from './e2e/harness.js'
import { checkoutPullRequest, createOrigin, git, hasObject, strayCommit, worktrees, type Origin } from './fixtures/git-repo.js'
import { startServices, type Services } from './servers/index.js'

const INPUTS = {
  hosts: 'native,node',
  iterations: '6',
  warmup: '0',
  ffi: 'false',
  'time-budget-minutes': '2',
  instructions: 'auto',
  'instruction-runs': '2',
  'github-token': 'ghs_same-job'
}
/** The instruction gate runs where valgrind is installed (scripts/setup.sh installs it on Linux). */
const COUNTED = process.platform === 'linux' && findOnPath('valgrind', process.env) !== null
const REPOSITORY = { default_branch: 'main', name: 'bench', owner: { login: 'acme' } }
let services: Services
let origin: Origin

/** This checkout's committed tree, as the first commit of origin's main. */
function copyOfThisRepository(root: string): void {
  const archive = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: REPO_ROOT, maxBuffer: 1 << 30 })
  execFileSync('tar', ['-x', '-C', root], { input: archive })
}

/** The workspace runs the bundled action as built now, whatever its commit holds. */
function withCurrentDist(workspace: string): string {
  cpSync(path.join(REPO_ROOT, 'dist'), path.join(workspace, 'dist'), { recursive: true })
  return path.join(workspace, 'dist', 'index.js')
}

function run(
  workspace: string,
  event: 'push' | 'pull_request',
  payload: object,
  runId: number,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'run', ...INPUTS, ...inputs },
    event,
    payload: { ...payload, repository: REPOSITORY },
    ref: event === 'push' ? 'refs/heads/main' : `refs/pull/${origin.pr}/merge`,
    // GITHUB_SHA as a runner sets it: the pushed tip, or the pull request's merge commit (a run never compares with
    // a baseline its own commit saved).
    serviceEnv: services.jobEnv({
      runId,
      job: 'measure',
      event,
      pullRequests: event === 'push' ? [] : [origin.pr],
      headSha: event === 'push' ? origin.base : origin.merge
    }),
    workspace,
    dist: withCurrentDist(workspace),
    env: { GITHUB_WORKSPACE: workspace }
  })
}

function results(action: ActionRun): Results {
  return JSON.parse(readFileSync(action.outputs.results, 'utf8')) as Results
}

function assertClean(action: ActionRun): void {
  assert.doesNotMatch(action.stdout + action.stderr, STACK_LINE)
  assert.equal(action.code, 0, action.stdout.slice(-4000))
}

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench' })
  origin = createOrigin({
    previous: copyOfThisRepository,
    base: { 'CHANGELOG.txt': 'the base tip\n' },
    // The pull request changes the node host; native runs the same build in both revisions.
    head: root => appendFileSync(path.join(root, 'hosts/node/host.mjs'), '// what the pull request changes\n')
  })
})
after(() => services.close())

test('a push to main is measured against its previous tip, in the same job, and saves the baseline', async () => {
  const workspace = path.join(path.dirname(origin.dir), 'main-checkout')
  git(path.dirname(origin.dir), 'clone', '--quiet', '--depth=1', '--branch', 'main', origin.url, workspace)
  const action = await run(workspace, 'push', { ref: 'refs/heads/main', before: origin.previous, after: origin.base }, 300)
  assertClean(action)
  const measured = results(action)
  assert.equal(measured.compared_with.kind, 'revision')
  assert.equal(measured.compared_with.commit, origin.previous)
  assert.ok(measured.base?.hosts.some(host => host.name === 'node' && host.status === 'ok'))
  assert.match(action.stdout, /baseline saved: wasm-ffi-bench-/)
  if (COUNTED) {
    // The results become the baseline: every host is counted, native (the same build) once for both revisions.
    assert.equal(measured.instructions?.note, null)
    for (const hosts of [measured.hosts, measured.base?.hosts])
      assert.ok(hosts?.find(host => host.name === 'native')?.instructions?.workload)
  }
  assert.deepEqual(worktrees(workspace), [workspace], 'the previous tip is checked out outside the workspace and removed after')
})

test("a pull request's shallow merge checkout fetches its base, builds it through the cache and names it in the report", async () => {
  const workspace = checkoutPullRequest(origin)
  assert.ok(!hasObject(workspace, origin.base), 'actions/checkout fetched only the merge commit')
  const payload = { number: origin.pr, pull_request: { number: origin.pr, base: { sha: origin.base, ref: 'main' } } }
  const action = await run(workspace, 'pull_request', payload, 301)
  assertClean(action)
  assert.ok(hasObject(workspace, origin.base), 'the base was fetched')
  const measured = results(action)
  assert.equal(measured.compared_with.kind, 'revision')
  assert.equal(measured.compared_with.commit, origin.base)
  assert.ok(measured.compared_with.rounds >= 1)
  assert.ok(measured.comparisons.some(c => c.host === 'node' && c.metric === 'overhead' && c.n === measured.compared_with.rounds))
  // node changed, so each revision ran its own; native did not, so it ran once per round for both.
  const wall = (hosts: Results['hosts'] | undefined, name: string) => hosts?.find(host => host.name === name)?.workload.wall_ms?.samples
  assert.notDeepEqual(wall(measured.base?.hosts, 'node'), wall(measured.hosts, 'node'))
  assert.deepEqual(wall(measured.base?.hosts, 'native'), wall(measured.hosts, 'native'))
  assert.match(measured.compared_with.note ?? '', /the same build in both revisions, run once per round until round \d+: native/)
  const nativeWall = measured.comparisons.find(c => c.host === 'native' && c.metric === 'wall_ms')
  assert.match(nativeWall?.note ?? '', /unchanged by construction/)
  assert.equal(measured.comparisons.find(c => c.host === 'node' && c.metric === 'overhead')?.note, undefined)
  assert.match(action.summary, new RegExp(`Compared with base \\(main\\) \`${origin.base.slice(0, 7)}\``))
  assert.match(action.stdout, /guest: cached/, 'the base guest comes from the build cache')
  assert.ok(measured.baseline_comparisons.length > 0, "the push's stored baseline is shown as context")
  if (COUNTED) {
    // node's new build runs the same program: its counts agree, and that gates. native, the same build, is not
    // counted: a pull request's results never become the baseline.
    assert.match(measured.instructions?.counter ?? '', /^valgrind-\d/)
    const count = measured.comparisons.find(c => c.host === 'node' && c.metric === 'instructions')
    assert.equal(count?.verdict, '~', JSON.stringify(count))
    assert.equal(count?.gating, true)
    assert.equal(count?.n, 2)
    assert.equal(
      measured.comparisons.find(c => c.host === 'native' && c.metric === 'instructions'),
      undefined
    )
    assert.match(action.summary, /\| host +\| instructions +\| change vs base \(range\)/)
    assert.match(action.summary, /Not counted: native: the same build in both revisions, unchanged by construction/)
  }
})

test('a base that cannot be fetched is a warning, and the stored baseline is compared instead', async () => {
  const workspace = checkoutPullRequest(origin)
  const stray = strayCommit()
  const payload = { number: origin.pr, pull_request: { number: origin.pr, base: { sha: stray, ref: 'main' } } }
  // Six rounds against another run's baseline can differ by more than baseline-threshold on a busy machine: this
  // test is about the fallback, so a noisy verdict must not fail the step.
  const action = await run(workspace, 'pull_request', payload, 302, { 'fail-on-regression': 'false' })
  assertClean(action)
  assert.match(action.stdout, /::warning::.*compared with the stored baseline instead/)
  const measured = results(action)
  assert.equal(measured.compared_with.kind, 'baseline')
  assert.match(measured.compared_with.note ?? '', /compared with the stored baseline instead/)
  assert.ok(measured.comparisons.some(c => c.metric === 'overhead'))
  // The stored baseline's instruction counts came from the same toolchains and valgrind: they gate.
  if (COUNTED) assert.ok(measured.comparisons.some(c => c.metric === 'instructions' && c.gating && c.verdict === '~'))
})
