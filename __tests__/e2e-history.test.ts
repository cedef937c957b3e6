// End to end, the bundled dist/: a pull request's report job reads the results artifacts of the last successful
// default-branch runs of its workflow (one malformed) from the loopback GitHub and results services with the real
// @actions/* libraries, draws the trend in the sticky comment, warns about drift and the bad artifact, and
// uploads the dashboard page as an artifact.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { applyEnv, startServices, type Services } from './servers/index.js'
import { pullRequestPayload, runAction, STACK_LINE } from './e2e/harness.js'
import { DASHBOARD_ARTIFACT } from '../src/action/constants.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'

const PR = 31
const PR_RUN = 700
const HEAD = '5a'.repeat(20)
const MERGE = '6b'.repeat(20)
const DEFAULT_RUNS = [601, 602, 603, 604, 605]
const MALFORMED = 603
const runSha = (run: number) => run.toString(16).padStart(4, '0').repeat(10)
const INPUTS = { hosts: 'native,rust', iterations: '3', warmup: '0', ffi: 'false', 'github-token': 'ghs_history-token' }
let services: Services

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench' })
})
after(() => services.close())

const prJob = (job: string) => services.jobEnv({ runId: PR_RUN, job, event: 'pull_request', headSha: HEAD, sha: MERGE, pullRequests: [PR] })

async function uploadAs(runId: number, content: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-history-run-'))
  const file = path.join(dir, 'results-linux-x64.json')
  fs.writeFileSync(file, content)
  const restore = applyEnv(services.jobEnv({ runId, job: 'measure-linux-x64', event: 'push', headSha: runSha(runId) }))
  try {
    const { uploadResults } = await import('../src/publish/artifacts.js')
    assert.equal((await uploadResults('wasm-ffi-bench-linux-x64', [file], dir)).warning, undefined)
  } finally {
    restore()
  }
}

/** A default-branch run's results made from a real run's: its commit and time, rust's overhead and counts. */
function defaultBranchResults(template: Results, runId: number, i: number): Results {
  const counted = (n: number) => ({
    workload: {
      ...template.harness.spawn_ms,
      samples: [n],
      n: 1,
      mean: n,
      median: n,
      min: n,
      max: n,
      sd: 0,
      mad: 0,
      ci95: [n, n] as [number, number],
      outliers: 0
    },
    per_call: null
  })
  const rustCounts = [650e6, 651e6, 0, 664e6, 665.5e6][i]!
  return {
    ...template,
    commit: runSha(runId),
    pr: null,
    created_at: new Date(Date.UTC(2026, 10, 20 + i)).toISOString(),
    comparisons: [],
    base: null,
    hosts: template.hosts.map(h => ({
      ...h,
      workload: {
        ...h.workload,
        overhead_vs_native: h.name === 'native' ? null : { median: 0.3 + 0.01 * i, ci95: [0.29 + 0.01 * i, 0.31 + 0.01 * i] }
      },
      instructions: counted(h.name === 'native' ? 600e6 : rustCounts)
    }))
  }
}

test('a pull request: the trend of five default-branch runs (one malformed) in the comment, drift and the bad artifact warned', async () => {
  const measured = await runAction({
    inputs: { mode: 'run', ...INPUTS },
    event: 'pull_request',
    payload: pullRequestPayload(PR),
    ref: `refs/pull/${PR}/merge`,
    serviceEnv: prJob('measure')
  })
  assert.equal(measured.code, 0, measured.stdout)
  const template = JSON.parse(fs.readFileSync(measured.outputs.results!, 'utf8')) as Results
  for (const [i, runId] of DEFAULT_RUNS.entries()) {
    const results = defaultBranchResults(template, runId, i)
    await uploadAs(runId, runId === MALFORMED ? JSON.stringify({ ...results, hosts: 'all of them' }) : JSON.stringify(results))
  }

  const report = await runAction({
    inputs: { mode: 'report', ...INPUTS, 'history-runs': '20', 'drift-threshold': '2' },
    event: 'pull_request',
    payload: pullRequestPayload(PR),
    ref: `refs/pull/${PR}/merge`,
    serviceEnv: prJob('report')
  })
  assert.equal(report.code, 0, report.stdout)
  assert.doesNotMatch(report.stdout, STACK_LINE)
  // as the runner shows them: workflow commands carry % as %25
  const warnings = report.stdout
    .split('\n')
    .filter(line => line.startsWith('::warning::'))
    .map(line => line.replace(/%25/g, '%'))
  assert.deepEqual(warnings, [
    // the services' default run (4242): a successful push to main that uploaded nothing
    '::warning::history: run 4242 (0000000): no results artifact (expired, removed or never uploaded); skipped',
    `::warning::history: run ${MALFORMED} (${runSha(MALFORMED).slice(0, 7)}): wasm-ffi-bench-linux-x64/results-linux-x64.json is malformed at hosts: expected a list, got a string; skipped`,
    `::warning::drift: rust on Linux X64: instructions per workload run +2.38% over 4 commits, beyond the drift threshold of 2%; it moved most at ${runSha(604).slice(0, 7)} (+2.00%), ${runSha(605).slice(0, 7)} (+0.23%), ${runSha(602).slice(0, 7)} (+0.15%) (not gating)`
  ])
  const read = /history: 4 results of 6 default-branch runs read in \d+\.\d s/.exec(report.stdout)
  const added = /history: \d+\.\d s added to this job, the dashboard included/.exec(report.stdout)
  assert.ok(read && added, report.stdout)

  const comments = (services.github.state.comments.get(`acme/bench#${PR}`) ?? []).filter(c => c.body.startsWith(COMMENT_MARKER))
  assert.equal(comments.length, 1)
  const body = comments[0]!.body
  const trend = body.slice(body.indexOf('<details open><summary>⚠️ Trend'), body.indexOf('</details>', body.indexOf('⚠️ Trend')) + 10)
  assert.match(trend, /^<details open><summary>⚠️ Trend: instruction count drift \(rust on Linux X64\)/)
  assert.match(trend, /4 default-branch runs \(`0259025` … `025d025`\), then this head `6b6b6b6`, oldest first\./)
  assert.match(trend, /x-axis \["0259025", "025a025", "025c025", "025d025", "head"\]/)
  assert.match(trend, /🟦 native · 🟧 rust \(left out, a host has no figure there: head\)/)
  assert.ok(body.indexOf('⚠️ Trend') < body.indexOf('<details><summary>Details'))

  const dashboard = services.store.artifacts.filter(a => a.runId === PR_RUN && a.name === DASHBOARD_ARTIFACT)
  assert.equal(dashboard.length, 1)
  const kept = path.join(os.tmpdir(), 'wfb-e2e-history-comment.md')
  fs.writeFileSync(kept, body)
  console.log(`the comment: ${kept}`)
  console.log(`report job warnings:\n${warnings.join('\n')}\n${read![0]}\n${added![0]}\ntrend section of the comment:\n${trend}`)
})
