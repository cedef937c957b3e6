// The report job's history through the real @actions/artifact and octokit against the loopback results service
// and GitHub REST API: the last successful default-branch pushes of the same workflow, each artifact validated.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Results } from '../src/types.js'
import { creepingRuns, sha } from './fixtures/history-runs.js'
import { applyEnv, startServices, type Services } from './servers/index.js'

const TOKEN = 'ghs_history'
const REPORT_RUN = 900

describe('history from the default branch runs', () => {
  let svc: Services
  let tmp = ''
  let restoreEnv: () => void = () => {}

  /** Uploads `content` as the results artifact of run `runId`, as its measuring job would. */
  async function uploadAs(runId: number, content: string, job: Parameters<Services['jobEnv']>[0] = {}): Promise<void> {
    const dir = fs.mkdtempSync(path.join(tmp, 'up-'))
    fs.writeFileSync(path.join(dir, 'results-linux-x64.json'), content)
    const restore = applyEnv(svc.jobEnv({ runId, job: 'measure', event: 'push', headSha: sha(runId % 256), ...job }))
    try {
      const { uploadResults } = await import('../src/publish/artifacts.js')
      const done = await uploadResults('wasm-ffi-bench-linux-x64', [path.join(dir, 'results-linux-x64.json')], dir)
      assert.equal(done.warning, undefined)
    } finally {
      restore()
    }
  }
  const asRun = (runs: Results[], i: number, runId: number) => JSON.stringify({ ...runs[i]!, commit: sha(runId % 256) })

  before(async () => {
    svc = await startServices({ token: TOKEN, runId: REPORT_RUN })
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-history-'))
    restoreEnv = applyEnv(svc.env)
    const runs = creepingRuns()
    await uploadAs(101, asRun(runs, 0, 101))
    await uploadAs(102, asRun(runs, 1, 102).replace('"hosts":[', '"hosts":7,"x":[')) // malformed
    await uploadAs(103, asRun(runs, 2, 103))
    await uploadAs(104, asRun(runs, 3, 104)) // expires below
    await uploadAs(105, JSON.stringify({ ...runs[4]!, commit: sha(0x77) })) // another commit's results
    await uploadAs(106, asRun(runs, 4, 106))
    await uploadAs(107, asRun(runs, 4, 107), { workflowId: 2 }) // another workflow: never listed
    await uploadAs(108, asRun(runs, 4, 108), { conclusion: 'failure' })
    await uploadAs(109, asRun(runs, 4, 109), { event: 'pull_request' })
    await uploadAs(110, asRun(runs, 4, 110), { branch: 'feature' })
    svc.store.artifacts.find(a => a.runId === 104)!.expired = true
    svc.store.registerRun({ runId: 111, owner: 'acme', repo: 'bench', headSha: sha(111), event: 'push' }) // no artifact
    svc.store.registerRun({ runId: REPORT_RUN, owner: 'acme', repo: 'bench', event: 'pull_request' })
  })
  after(async () => {
    restoreEnv()
    await svc.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  async function read(count: number) {
    const { readActionsHistory } = await import('../src/history/actions-source.js')
    const { githubClient } = await import('../src/publish/github-client.js')
    const warnings: string[] = []
    const got = await readActionsHistory({
      client: githubClient(TOKEN, { apiUrl: svc.github.url, retries: 0 }),
      token: TOKEN,
      owner: 'acme',
      repo: 'bench',
      runId: REPORT_RUN,
      defaultBranch: 'main',
      count,
      workDir: fs.mkdtempSync(path.join(tmp, 'work-')),
      warn: m => warnings.push(m)
    })
    return { ...got, warnings }
  }

  it('reads the successful pushes of this workflow, newest first, and skips what it cannot trust with a warning', async () => {
    const { results, runs, warnings } = await read(20)
    assert.equal(runs, 7, 'runs 101-106 and 111: not another workflow, a failure, a pull request or another branch')
    assert.deepEqual(
      results.map(r => r.commit.slice(0, 2)),
      ['6a', '67', '65'],
      'runs 106, 103, 101'
    )
    assert.equal(warnings.length, 4, warnings.join('\n'))
    assert.match(warnings[0]!, /^history: run 111 \(6f6f6f6\): no results artifact \(expired, removed or never uploaded\); skipped$/)
    assert.match(
      warnings[1]!,
      /^history: run 105 \(6969696\): wasm-ffi-bench-linux-x64\/results-linux-x64\.json was measured on 7777777, not on the run's head; skipped$/
    )
    assert.match(warnings[2]!, /^history: run 104 \(6868686\): artifact wasm-ffi-bench-linux-x64 not downloaded: Artifact has expired/)
    assert.match(
      warnings[3]!,
      /^history: run 102 \(6666666\): wasm-ffi-bench-linux-x64\/results-linux-x64\.json is malformed at config\.hosts: expected a list, got a number; skipped$/
    )
  })

  it('reads only the newest N runs', async () => {
    const { runs } = await read(2)
    assert.equal(runs, 2)
  })
})
