// End to end, the bundled dist/: a fork PR whose token cannot comment, the workflow_run report that comments
// for it from the default branch on the PR the trusted event names (never on one an artifact claims), forged
// and hostile artifacts, and a cache service that is down or answers garbage. Services run as on GitHub-hosted
// runners (cache service v2 under the results service); the cache service v1 is one extra case.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { JSDOM } from 'jsdom'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { applyEnv, closedPortUrl, startServices, type Services } from './servers/index.js'
import { pullRequestPayload, pushPayload, runAction, STACK_LINE, workflowRunPayload, type ActionRun } from './e2e/harness.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'

const FORK_PR = 12
const FORK_RUN = 300
const OTHER_PR = 99
const HEAD = '1f'.repeat(20)
const MERGE = '2e'.repeat(20)
const BASE = '3d'.repeat(20)
// A small, fast configuration: these scenarios are about the services, not about the numbers.
const INPUTS = { hosts: 'native,rust,node', iterations: '3', warmup: '0', ffi: 'false', 'github-token': 'ghs_fork-token' }
let services: Services
let honest: Results

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench', readOnly: true })
  const gh = services.github.state
  gh.addPull('acme', 'bench', { number: FORK_PR, state: 'open', headSha: HEAD, headRef: 'feature', headOwner: 'someone' })
  gh.addPull('acme', 'bench', { number: OTHER_PR, state: 'open', headSha: '4c'.repeat(20), headRef: 'main', headOwner: 'victim' })
  // The test merge commit a pull_request run checks out (GITHUB_SHA): its parents are the base and the head.
  gh.commits.set(MERGE, [BASE, HEAD])
})
after(() => services.close())

const stickyOn = (pr: number) =>
  (services.github.state.comments.get(`acme/bench#${pr}`) ?? []).filter(c => c.body.startsWith(COMMENT_MARKER))

const forkJob = (job: string) =>
  services.jobEnv({ runId: FORK_RUN, job, event: 'pull_request', headSha: HEAD, sha: MERGE, pullRequests: [FORK_PR] })

function reportFromDefaultBranch(triggeringRun: number, headSha: string): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'report', ...INPUTS, 'fail-on-regression': 'false' },
    event: 'workflow_run',
    payload: workflowRunPayload({ id: triggeringRun, headSha }),
    ref: 'refs/heads/main',
    serviceEnv: services.jobEnv({ runId: triggeringRun + 1000, job: 'comment', event: 'workflow_run' })
  })
}

/** Uploads results as a matrix job of `runId` would, with the real @actions/artifact client. */
async function uploadAs(runId: number, tag: string, content: string, job = { headSha: HEAD, sha: MERGE }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-forged-'))
  const file = path.join(dir, `results-${tag}.json`)
  fs.writeFileSync(file, content)
  const restore = applyEnv(services.jobEnv({ runId, job: `measure-${tag}`, event: 'pull_request', ...job }))
  try {
    const { uploadResults } = await import('../src/publish/artifacts.js')
    const uploaded = await uploadResults(`wasm-ffi-bench-${tag}`, [file], dir)
    assert.equal(uploaded.warning, undefined)
  } finally {
    restore()
  }
}

const warnings = (run: ActionRun) => run.stdout.split('\n').filter(line => line.startsWith('::warning::'))

test('a fork PR: the comment is refused (403), the job passes with a warning and the summary holds the report', async () => {
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(FORK_PR, true),
    ref: `refs/pull/${FORK_PR}/merge`,
    serviceEnv: forkJob('measure')
  })
  assert.equal(run.code, 0, run.stdout)
  honest = JSON.parse(fs.readFileSync(run.outputs.results!, 'utf8')) as Results
  assert.equal(honest.commit, MERGE)
  assert.equal(honest.pr, FORK_PR)

  const report = await runAction({
    inputs: { mode: 'report', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(FORK_PR, true),
    ref: `refs/pull/${FORK_PR}/merge`,
    serviceEnv: forkJob('report')
  })
  assert.equal(report.code, 0, report.stdout)
  assert.match(report.stdout, /::warning::PR comment not written \(.*Resource not accessible by integration/)
  assert.match(report.summary, /rust/)
  assert.equal(stickyOn(FORK_PR).length, 0)
  assert.doesNotMatch(report.stdout, STACK_LINE)
})

test('workflow_run: an artifact claiming another PR never steers the comment; the PR of the head SHA gets it', async () => {
  services.github.state.readOnly = false // the default branch's token can write
  // The fork's run also uploads a forged artifact that claims the other PR.
  await uploadAs(FORK_RUN, 'windows-x64', JSON.stringify({ ...honest, runner: { ...honest.runner, os: 'Windows' }, pr: OTHER_PR }))
  const report = await reportFromDefaultBranch(FORK_RUN, HEAD)
  assert.equal(report.code, 0, report.stdout)
  assert.equal(stickyOn(OTHER_PR).length, 0, 'nothing on the claimed PR')
  assert.equal(stickyOn(FORK_PR).length, 1)
  const body = stickyOn(FORK_PR)[0]!.body
  assert.match(body, /### Linux X64/)
  assert.doesNotMatch(body, /### Windows/, 'the forged results are not reported')
  assert.match(body, new RegExp(`https://github.com/acme/bench/actions/runs/${FORK_RUN}\\)`))
  assert.equal(report.outputs['comment-url'], stickyOn(FORK_PR)[0]!.html_url)
  assert.deepEqual(warnings(report), [
    `::warning::wasm-ffi-bench-windows-x64/results-windows-x64.json: not reported: it claims pull request #${OTHER_PR}, but the run belongs to #${FORK_PR}`
  ])
  const pulls = services.github.state.requests.filter(r => r.path === '/repos/acme/bench/pulls')
  assert.deepEqual(
    pulls.map(r => r.query),
    ['?head=someone%3Afeature&state=open&per_page=100']
  )
  console.log(`observed warnings:\n${warnings(report).join('\n')}\ncomment on #${FORK_PR}: ${report.outputs['comment-url']}`)
})

test("workflow_run: with no open PR whose head is the run's head SHA, it comments nowhere and says why", async () => {
  const before = stickyOn(FORK_PR).map(c => ({ ...c }))
  // The fork pushed again: PR 12's head is no longer the head the run measured.
  services.github.state.addPull('acme', 'bench', {
    number: FORK_PR,
    state: 'open',
    headSha: '5b'.repeat(20),
    headRef: 'feature',
    headOwner: 'someone'
  })
  const report = await reportFromDefaultBranch(FORK_RUN, HEAD)
  assert.equal(report.code, 0, report.stdout)
  assert.deepEqual(stickyOn(FORK_PR), before, 'the comment is untouched')
  assert.equal(stickyOn(OTHER_PR).length, 0)
  assert.equal(report.outputs['comment-url'], '')
  const why = warnings(report).filter(line => /No PR comment/.test(line))
  assert.deepEqual(why, [
    '::warning::No PR comment: no open pull request of someone:feature with head 1f1f1f1f1f1f; the job summary holds the report.'
  ])
  assert.match(report.summary, /### Linux X64/)
  services.github.state.addPull('acme', 'bench', {
    number: FORK_PR,
    state: 'open',
    headSha: HEAD,
    headRef: 'feature',
    headOwner: 'someone'
  })
  console.log(`observed: ${why[0]}`)
})

// Every free-text field gets this; the fields with a strict pattern (host names, commits, OS) would refuse the file.
const HOSTILE = '# x\n<img src=x onerror=alert(1)>[a](https://evil.example)@octocat #1<!--```<details>| c |'

function hostileResults(commit: string, pr: number): Results {
  const h = HOSTILE
  return {
    ...honest,
    runner: { os: 'macOS', arch: 'ARM64', cpu: h, node: h.slice(0, 40) },
    commit,
    pr,
    hosts: honest.hosts.map((host, i) => ({
      ...host,
      runtime: h,
      version: h,
      argv: [h],
      cwd: h,
      ...(i === honest.hosts.length - 1 ? { status: 'failed' as const, optional: true, error: h } : {})
    })),
    comparisons: [
      {
        host: 'rust',
        metric: 'overhead',
        unit: 'ratio',
        baseline_median: 1.2,
        current_median: 1.21,
        change: 0.01,
        ci95: [0, 0.02],
        p: 0.5,
        verdict: '~',
        gating: false,
        note: h
      }
    ],
    baseline: { source: h, commit: BASE, cpu: h },
    baseline_note: h
  }
}

test('workflow_run: hostile strings in every text field and one malformed file; the comment holds the other OSes, escaped', async () => {
  const run = 310
  const head = '6a'.repeat(20)
  const merge = '7b'.repeat(20)
  const pr = 13
  services.github.state.addPull('acme', 'bench', { number: pr, state: 'open', headSha: head, headRef: 'evil', headOwner: 'mallory' })
  services.github.state.commits.set(merge, [BASE, head])
  const job = { headSha: head, sha: merge }
  await uploadAs(run, 'linux-x64', JSON.stringify({ ...honest, commit: merge, pr }), job)
  await uploadAs(run, 'macos-arm64', JSON.stringify(hostileResults(merge, pr)), job)
  const noRunner: Record<string, unknown> = { ...honest, commit: merge, pr }
  delete noRunner.runner // schema-tagged, but without the runner: once enough to lose the whole report
  await uploadAs(run, 'windows-x64', JSON.stringify(noRunner), job)

  const report = await runAction({
    inputs: { mode: 'report', ...INPUTS, 'fail-on-regression': 'false' },
    event: 'workflow_run',
    payload: workflowRunPayload({ id: run, headSha: head, headBranch: 'evil', headOwner: 'mallory' }),
    ref: 'refs/heads/main',
    serviceEnv: services.jobEnv({ runId: 1310, job: 'comment', event: 'workflow_run' })
  })
  assert.equal(report.code, 0, report.stdout)
  assert.deepEqual(warnings(report), [
    '::warning::wasm-ffi-bench-windows-x64/results-windows-x64.json is malformed at runner: expected an object, got missing; skipped'
  ])
  assert.equal(stickyOn(pr).length, 1)
  const body = stickyOn(pr)[0]!.body
  assert.equal(report.summary.trim(), body.trim(), 'the job summary holds the same report')
  assert.match(body, /### Linux X64 — /)
  assert.doesNotMatch(body, /### Windows/)
  const document = new JSDOM(micromark(body, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })).window
    .document
  // The report's own links, under the event's repository; a commit from data is linked only as plain hex.
  const links = [...document.querySelectorAll('a')].map(a => a.getAttribute('href')!)
  assert.equal(links[0], `https://github.com/acme/bench/actions/runs/${run}`)
  assert.equal(links.at(-1), `https://github.com/acme/bench/actions/runs/${run}#artifacts`)
  for (const link of links.slice(1, -1))
    assert.match(link, /^https:\/\/github\.com\/acme\/bench\/(commit\/[0-9a-f]+|compare\/[0-9a-f]+\.\.\.[0-9a-f]+)$/)
  assert.equal(document.querySelectorAll('img, script, h1').length, 0)
  assert.deepEqual(
    [...document.querySelectorAll('h3')].map(h => h.textContent!.split(' — ')[0]),
    ['Linux X64', 'macOS ARM64', 'How to read this']
  )
  assert.equal(document.querySelectorAll('details').length, 1, 'one collapsed section holds both OSes')
  const macos = [...document.querySelectorAll('h3')][1]!
  // Shown as the text it is, on one line; mentions and references broken by a zero-width space.
  assert.equal(
    macos.textContent,
    `macOS ARM64 — #\u200b x <img src=x onerror=alert(1)>[a](https://evil.example)@\u200boctocat #\u200b1<!--\`\`\`<details>| c |`
  )
  for (const host of honest.hosts.map(h => h.name)) assert.match(body, new RegExp(`\\| ${host} +\\|`), `${host} rows are shown`)
  console.log(`observed macOS heading in the comment: ${JSON.stringify(body.split('\n').find(l => l.startsWith('### macOS')))}`)
  console.log(`observed warnings:\n${warnings(report).join('\n')}`)
})

test('the cache service v1 (the extra case): a push saves the baseline and a PR run restores it', async () => {
  const push = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'push',
    payload: pushPayload(),
    serviceEnv: services.jobEnv({ runId: 402, job: 'measure', event: 'push', cacheService: 'v1', headSha: '40'.repeat(20) })
  })
  assert.equal(push.code, 0, push.stdout)
  assert.match(push.stdout, /baseline saved: wasm-ffi-bench-/)
  const pr = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(14),
    ref: 'refs/pull/14/merge',
    serviceEnv: services.jobEnv({
      runId: 403,
      job: 'measure',
      event: 'pull_request',
      pullRequests: [14],
      cacheService: 'v1',
      headSha: '41'.repeat(20)
    })
  })
  assert.equal(pr.code, 0, pr.stdout)
  assert.doesNotMatch(pr.summary, /no baseline/)
  const v1 = services.cache.state.requests.filter(r => r.path.startsWith('/_apis/artifactcache/'))
  assert.ok(
    v1.some(r => r.method === 'GET' && r.path.endsWith('/cache') && r.status === 200),
    'restored through v1'
  )
})

test('the results service down (cache v2 and artifacts): the run passes with warnings and "no baseline"', async () => {
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS, 'save-baseline': 'never' },
    event: 'pull_request',
    payload: pullRequestPayload(13),
    serviceEnv: {
      ...services.jobEnv({ runId: 400, job: 'measure', event: 'pull_request', pullRequests: [13] }),
      ACTIONS_RESULTS_URL: `${await closedPortUrl()}/`
    }
  })
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /::warning::.*no baseline/)
  assert.match(run.stdout, /::warning::results artifact not uploaded/)
  assert.match(run.summary, /no baseline/)
})

test('the cache service answering garbage: the run passes with a warning and "no baseline"', async () => {
  const requestsBefore = services.results.requests.length
  // Lookups only: the v2 client retries a body it cannot parse 5 times over ~24 s per call.
  services.cache.state.garbageNext(50, req => /GetCacheEntryDownloadURL|\/cache$/.test(req.path))
  const run = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'push',
    payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
    serviceEnv: services.jobEnv({ runId: 401, job: 'measure', event: 'push' })
  })
  services.cache.state.faults.clear()
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /::warning::/)
  assert.match(run.summary, /no baseline/)
  const twirp = services.results.requests.slice(requestsBefore).filter(r => r.path.includes('.CacheService/'))
  assert.ok(twirp.length > 0, 'the cache service v2 was asked, under the results service')
})
