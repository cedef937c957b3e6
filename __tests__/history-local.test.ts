import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cliHistory, githubRepoUrl } from '../src/history/cli-history.js'
import { historyFileName, readLocalHistory, saveLocalHistory } from '../src/history/local.js'
import { creepingRuns, historyRun, sha } from './fixtures/history-runs.js'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-history-'))

describe('the CLI history files', () => {
  it('keeps each run in a file named by its time, and reads them back validated', () => {
    const dir = path.join(tmp(), 'history')
    for (const run of creepingRuns()) assert.ok('file' in saveLocalHistory(dir, run))
    assert.equal(historyFileName(creepingRuns()[0]!), '2026-12-01T00-00-00-000Z-linux-x64-0101010.json')
    const warnings: string[] = []
    const read = readLocalHistory(dir, 20, m => warnings.push(m))
    assert.deepEqual(
      read.map(r => r.commit.slice(0, 2)),
      ['01', '02', '03', '04', '05']
    )
    assert.deepEqual(warnings, [])
  })

  it('skips a malformed, a foreign-schema and a truncated file with a warning each, and keeps the rest', () => {
    const dir = tmp()
    for (const run of creepingRuns().slice(0, 2)) saveLocalHistory(dir, run)
    const good = creepingRuns()[2]!
    fs.writeFileSync(path.join(dir, 'a-malformed.json'), JSON.stringify({ ...good, hosts: [{ name: '<script>' }] }))
    fs.writeFileSync(path.join(dir, 'b-foreign.json'), JSON.stringify({ ...good, schema: 'someone-else/results@1' }))
    fs.writeFileSync(path.join(dir, 'c-truncated.json'), JSON.stringify(good).slice(0, 500))
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not read')
    const warnings: string[] = []
    const read = readLocalHistory(dir, 20, m => warnings.push(m))
    assert.equal(read.length, 2)
    assert.equal(warnings.length, 3)
    assert.match(warnings[0]!, /^history file a-malformed\.json is malformed at hosts\[0\]\.name: .*; skipped$/)
    assert.match(warnings[1]!, /^history file b-foreign\.json has schema "someone-else\/results@1", expected .*; skipped$/)
    assert.match(warnings[2]!, /^history file c-truncated\.json is not valid JSON .*; skipped$/)
  })

  it('has no history where the folder does not exist', () => {
    const warnings: string[] = []
    assert.deepEqual(
      readLocalHistory(path.join(tmp(), 'none'), 20, m => warnings.push(m)),
      []
    )
    assert.deepEqual(warnings, [])
  })

  it('links commits only under a GitHub remote', () => {
    assert.equal(githubRepoUrl('git@github.com:acme/bench.git\n'), 'https://github.com/acme/bench')
    assert.equal(githubRepoUrl('https://github.com/acme/bench'), 'https://github.com/acme/bench')
    assert.equal(githubRepoUrl('https://gitlab.com/acme/bench.git'), undefined)
    assert.equal(githubRepoUrl('https://github.com/acme/bench"><script>'), undefined)
  })

  it('the CLI: a baseline-saving run joins the history after its report, drift is warned, the dashboard written', async () => {
    const state = tmp()
    for (const run of creepingRuns()) saveLocalHistory(path.join(state, 'history'), run)
    const lines: string[] = []
    const log = {
      info: (m: string) => lines.push(`info: ${m}`),
      warning: (m: string) => lines.push(`warning: ${m}`),
      group: <T>(_: string, fn: () => Promise<T>) => fn()
    }
    const history = cliHistory(state, state, { runs: 20, driftThreshold: 0.02 }, log)
    const head = {
      ...historyRun(sha(0xee), 999, { go: { overhead: 0.36, instructions: 519.3e6 }, rust: { overhead: 0.33, instructions: 450e6 } }),
      baseline_saved: true
    }
    assert.match(history.section(head), /5 runs that saved the baseline/)
    const dashboard = path.join(state, 'out', 'dashboard.html')
    await history.finish(head, dashboard)
    assert.equal(fs.readdirSync(path.join(state, 'history')).length, 6)
    assert.match(lines[0]!, /^info: history: kept .*-linux-x64-eeeeeee\.json$/)
    assert.match(lines[1]!, /^warning: drift: go on Linux x64: instructions per workload run \+3\.86% over 6 commits/)
    assert.equal(lines[2], `info: dashboard: ${dashboard}`)
    assert.match(fs.readFileSync(dashboard, 'utf8'), /^<!doctype html>/)
  })
})
