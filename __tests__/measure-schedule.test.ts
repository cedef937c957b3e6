// The round schedule: every job of both revisions in every round, except the ffi jobs, which run in every
// FFI_SCHEDULE.everyRounds-th measured round (and every warm-up round) with FFI_SCHEDULE.targetMs windows.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { FFI_SCHEDULE, ffiRound } from '../src/measure/jobs.js'
import { measure } from '../src/measure/runner.js'
import { standInConfig, standInHost } from './fixtures/stand-in-host.js'
import { FFI_LOOP_NAMES, FFI_METRICS } from '../src/vocabulary.js'

test('the ffi jobs run in the first measured round and every few rounds after it', () => {
  const rounds = Array.from({ length: 3 * FFI_SCHEDULE.everyRounds }, (_, round) => round).filter(ffiRound)
  assert.deepEqual(rounds, [0, FFI_SCHEDULE.everyRounds, 2 * FFI_SCHEDULE.everyRounds])
})

test('both revisions run the ffi jobs in the same rounds, with the short windows; workloads run every round', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-schedule-'))
  const calls = path.join(dir, 'calls.log')
  // A stand-in host: logs its arguments, prints the guest's output, writes an ffi report when asked for one.
  const script = path.join(dir, 'host.mjs')
  const ffi = Object.fromEntries(FFI_METRICS.map(metric => [metric, 10]))
  const loops = Object.fromEntries(FFI_LOOP_NAMES.map(loop => [loop, 1]))
  writeFileSync(
    script,
    `import { appendFileSync, writeFileSync } from 'node:fs'
const [command, , , report, ...rest] = process.argv.slice(2)
appendFileSync(${JSON.stringify(calls)}, JSON.stringify([command, ...rest]) + '\\n')
if (command === 'ffi') writeFileSync(report, JSON.stringify({ ffi: ${JSON.stringify(ffi)}, ...${JSON.stringify(loops)} }) + '\\n')
else console.log('Vector length: 3')
`
  )
  const host = standInHost(dir, (wasm, report) => [process.execPath, script, 'workload', wasm, '--report', report], {
    name: 'stand-in',
    ffiArgv: (wasm, report) => [process.execPath, script, 'ffi', wasm, '--report', report]
  })
  const iterations = 2 * FFI_SCHEDULE.everyRounds + 1
  const config = standInConfig(host, { iterations, warmup: 1 }, true)
  const build = { guest: { workload: 'workload.wasm', ffi: 'ffi.wasm' }, hosts: [host], failures: [] }
  const measured = await measure(
    [
      { label: 'head', build },
      { label: 'base', build }
    ],
    config,
    {
      workDir: path.join(dir, 'work'),
      progress: { round: () => {} },
      timeoutMs: 60_000,
      env: process.env,
      launcher: { path: null, error: 'not needed here' }
    }
  )
  for (const revision of measured.revisions) {
    const run = revision.hosts[0]
    assert.equal(run.status, 'ok', run.error)
    assert.equal(run.wall_ms.length, iterations)
    // measured rounds 0, everyRounds and 2 × everyRounds
    for (const metric of FFI_METRICS) assert.equal(run.ffi![metric].length, 3, metric)
  }
  const lines = readFileSync(calls, 'utf8')
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as string[])
  const ffiCalls = lines.filter(([command]) => command === 'ffi')
  // the warm-up round and three measured rounds, in each revision
  assert.equal(ffiCalls.length, 2 * 4)
  for (const call of ffiCalls) assert.deepEqual(call.slice(1), ['--target-ms', String(FFI_SCHEDULE.targetMs)])
  assert.equal(lines.filter(([command]) => command === 'workload').length, 2 * (iterations + 1))
})
