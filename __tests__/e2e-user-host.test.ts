// End to end, a user's repository measuring its own host: a throwaway repository holding its own guest crate and a
// host folder copied from the node template (nothing else of this project's tree), run by the bundled action as a
// runner runs it (`uses: acme/wasm-ffi-bench@v1`: the action's checkout is this one, the workspace is the user's).
// A push saves the baseline; a pull request that slows the custom host is a regression for that host alone, with
// one sticky comment from the report job; a pull request that changes nothing is not.
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { MANIFEST_FILE } from '../src/builders/manifest.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'
import { REPO_ROOT, runAction, STACK_LINE, type ActionRun } from './e2e/harness.js'
import { checkoutPullRequest, createOrigin, git, type Origin } from './fixtures/git-repo.js'
import { startServices, type Services } from './servers/index.js'

const HOST = './bench/my-node-host'
const INPUTS = {
  hosts: `native,${HOST}`,
  guest: 'guest',
  iterations: '60',
  warmup: '1',
  'time-budget-minutes': '2',
  'github-token': 'ghs_user-host'
}
const REPOSITORY = { default_branch: 'main', name: 'bench', owner: { login: 'acme' } }

/** The user's own guest: a WASI command whose output every host must print byte for byte. */
const GUEST = {
  'guest/Cargo.toml':
    '[package]\nname = "workload"\nversion = "0.1.0"\nedition = "2021"\n\n[[bin]]\nname = "workload"\npath = "src/main.rs"\n',
  'guest/src/main.rs': `fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(300_000);
    let mut sieve = vec![true; n as usize + 1];
    let mut primes = 0u64;
    for i in 2..=n as usize {
        if sieve[i] {
            primes += 1;
            let mut j = i * i;
            while j <= n as usize { sieve[j] = false; j += i; }
        }
    }
    println!("primes up to {n}: {primes}");
}
`
}

/** The user's repository: its guest, a host copied from the node template and renamed, a README. */
function userRepository(root: string): void {
  for (const [file, content] of Object.entries(GUEST)) writeAt(root, file, content)
  const host = path.join(root, HOST)
  cpSync(path.join(REPO_ROOT, 'hosts', 'node'), host, { recursive: true })
  const manifest = JSON.parse(readFileSync(path.join(host, MANIFEST_FILE), 'utf8')) as object
  writeFileSync(
    path.join(host, MANIFEST_FILE),
    `${JSON.stringify({ ...manifest, name: 'my-node', runtime: 'node:wasi (ours)' }, null, 2)}\n`
  )
  writeAt(root, 'README.md', '# our service\n')
  writeAt(root, '.gitignore', '.wasm-ffi-bench/\n')
}

function writeAt(root: string, file: string, content: string): void {
  const target = path.join(root, file)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, content)
}

/** What the pull request changes: its embedding does more work before it runs the guest (tens of milliseconds of CPU). */
function slowDown(root: string): void {
  const file = path.join(root, HOST, 'host.mjs')
  const slow = 'let spin = 0\nfor (let i = 0; i < 10_000_000; i++) spin = (spin + i) % 65521\nif (spin < 0) process.exit(3)\n'
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(/^(import .*\n)+/m, imports => `${imports}${slow}`)
  )
}

let services: Services
let origin: Origin

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench' })
  origin = createOrigin({ previous: userRepository, base: { 'CHANGELOG.md': 'the base tip\n' }, head: slowDown, pr: 12 })
})
after(() => services.close())

function run(workspace: string, event: 'push' | 'pull_request', payload: object, runId: number, pr = origin.pr): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'run', ...INPUTS },
    event,
    payload: { ...payload, repository: REPOSITORY },
    ref: event === 'push' ? 'refs/heads/main' : `refs/pull/${pr}/merge`,
    serviceEnv: services.jobEnv({
      runId,
      job: 'measure',
      event,
      pullRequests: event === 'push' ? [] : [pr],
      headSha: event === 'push' ? origin.base : git(workspace, 'rev-parse', 'HEAD')
    }),
    workspace,
    env: { GITHUB_WORKSPACE: workspace }
  })
}

function report(runId: number, pr: number): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'report', 'github-token': INPUTS['github-token'] },
    event: 'pull_request',
    payload: { number: pr, pull_request: { number: pr }, repository: REPOSITORY },
    ref: `refs/pull/${pr}/merge`,
    serviceEnv: services.jobEnv({ runId, job: 'report', event: 'pull_request', pullRequests: [pr] })
  })
}

const results = (action: ActionRun): Results => JSON.parse(readFileSync(action.outputs.results, 'utf8')) as Results
const sticky = (pr: number) => (services.github.state.comments.get(`acme/bench#${pr}`) ?? []).filter(c => c.body.includes(COMMENT_MARKER))

function assertClean(action: ActionRun): void {
  assert.doesNotMatch(action.stdout + action.stderr, STACK_LINE)
  assert.doesNotMatch(action.stdout, /my-node.*failed/, action.stdout.slice(-3000))
}

test('the user repository holds its guest and its host, nothing else of this project', () => {
  const files = git(origin.dir, 'ls-tree', '-r', '--name-only', origin.base).split('\n')
  assert.ok(
    files.every(file => /^(guest|bench\/my-node-host)\/|^(README|CHANGELOG)\.md$|^\.gitignore$/.test(file)),
    files.join('\n')
  )
  process.stdout.write(`# the user's repository:\n# ${files.join('\n# ')}\n`)
})

test('a push to main measures the custom host against the previous tip and saves the baseline', async () => {
  const workspace = path.join(path.dirname(origin.dir), 'main-checkout')
  git(path.dirname(origin.dir), 'clone', '--quiet', '--depth=1', '--branch', 'main', origin.url, workspace)
  const action = await run(workspace, 'push', { ref: 'refs/heads/main', before: origin.previous, after: origin.base }, 500)
  assertClean(action)
  assert.equal(action.code, 0, action.stdout.slice(-4000))
  assert.match(action.stdout, /baseline saved: wasm-ffi-bench-/)
  const measured = results(action)
  const host = measured.hosts.find(h => h.name === 'my-node')
  assert.equal(host?.status, 'ok')
  assert.equal(host?.runtime, 'node:wasi (ours)')
  assert.ok(host?.workload.overhead_vs_native, 'its overhead against the wasmtime CLI')
  assert.deepEqual(measured.config.hosts, ['native', HOST])
  assert.equal(measured.compared_with.kind, 'revision')
  // The folder did not change between the two tips: the same build, unchanged by construction.
  assert.match(measured.compared_with.note ?? '', /the same build in both revisions.*my-node/)
  assert.match(action.summary, /my-node/)
})

test('a pull request that slows the custom host is a regression for that host alone', async () => {
  const workspace = checkoutPullRequest(origin)
  const payload = { number: origin.pr, pull_request: { number: origin.pr, base: { sha: origin.base, ref: 'main' } } }
  const action = await run(workspace, 'pull_request', payload, 501)
  assertClean(action)
  assert.equal(action.outputs.verdict, 'regression', action.stdout.slice(-6000))
  assert.equal(action.code, 1)
  const regressions = JSON.parse(action.outputs.regressions) as string[]
  assert.ok(regressions.length > 0)
  for (const line of regressions) assert.match(line, /\bmy-node\b/)
  const measured = results(action)
  assert.equal(measured.compared_with.commit, origin.base)
  assert.ok(measured.comparisons.some(c => c.host === 'my-node' && c.metric === 'overhead' && c.verdict === 'regression'))
  assert.ok(!measured.comparisons.some(c => c.host === 'native' && c.verdict === 'regression'))

  const reported = await report(501, origin.pr)
  assert.equal(reported.code, 1, reported.stdout.slice(-3000))
  const comments = sticky(origin.pr)
  assert.equal(comments.length, 1)
  assert.match(comments[0].body, /my-node/)
  process.stdout.write(
    `# the slowed pull request's comment, first 15 lines:\n# ${comments[0].body.split('\n').slice(0, 15).join('\n# ')}\n`
  )
})

test('a pull request that changes nothing of the host is not a regression', async () => {
  const workspace = path.join(path.dirname(origin.dir), 'unchanged-checkout')
  git(path.dirname(origin.dir), 'clone', '--quiet', '--depth=1', '--branch', 'main', origin.url, workspace)
  const pr = 13
  const payload = { number: pr, pull_request: { number: pr, base: { sha: origin.previous, ref: 'main' } } }
  const action = await run(workspace, 'pull_request', payload, 502, pr)
  assertClean(action)
  assert.equal(action.code, 0, action.stdout.slice(-4000))
  assert.equal(action.outputs.verdict, 'pass')
  const overhead = results(action).comparisons.find(c => c.host === 'my-node' && c.metric === 'overhead')
  assert.equal(overhead?.verdict, '~')
  const reported = await report(502, pr)
  assert.equal(reported.code, 0, reported.stdout.slice(-3000))
  assert.match(sticky(pr)[0]?.body ?? '', /^<!-- wasm-ffi-bench:comment -->\n\n## ✅ wasm-ffi-bench: no regression\n/)
})
