// The round schedule: every job of both revisions in every round, except the ffi jobs, which run in every
// FFI_SCHEDULE.everyRounds-th measured round (and every warm-up round) with FFI_SCHEDULE.targetMs windows; a host
// with the same build in both revisions runs once per round, and leaves the rounds at the first look when native
// is a same build too.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { FFI_SCHEDULE, ffiRound } from '../src/measure/jobs.js'
import { measure } from '../src/measure/runner.js'
import { sameBuildHosts } from '../src/measure/same-build.js'
import type { RunnableHost } from '../src/types.js'
import { standInConfig, standInHost } from './fixtures/stand-in-host.js'
import { FFI_LOOP_NAMES, FFI_METRICS } from '../src/vocabulary.js'

test('the ffi jobs run in the first measured round and every few rounds after it', () => {
  const rounds = Array.from({ length: 3 * FFI_SCHEDULE.everyRounds }, (_, round) => round).filter(ffiRound)
  assert.deepEqual(rounds, [0, FFI_SCHEDULE.everyRounds, 2 * FFI_SCHEDULE.everyRounds])
})

/** A stand-in host that logs its arguments, prints the guest's output and writes an ffi report when asked for one. */
function standInWithLog() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-schedule-'))
  const calls = path.join(dir, 'calls.log')
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
  const host = (key: string, name = 'stand-in') =>
    standInHost(dir, (wasm, report) => [process.execPath, script, 'workload', wasm, '--report', report], {
      name,
      key,
      ffiArgv: (wasm, report) => [process.execPath, script, 'ffi', wasm, '--report', report]
    })
  const measureBoth = (
    head: RunnableHost | RunnableHost[],
    base: RunnableHost | RunnableHost[],
    iterations: number,
    sameBuildRounds?: number
  ) => {
    const builds = [head, base].map(hosts => ({
      guest: { workload: 'workload.wasm', ffi: 'ffi.wasm' },
      hosts: [hosts].flat(),
      failures: []
    }))
    const sameBuild = sameBuildHosts(builds[0], builds[1])
    return measure(
      [
        { label: 'head', build: builds[0] },
        { label: 'base', build: builds[1] }
      ],
      standInConfig(builds[0].hosts[0], { iterations, warmup: 1 }, true),
      {
        workDir: path.join(dir, 'work'),
        progress: { round: () => {} },
        timeoutMs: 60_000,
        env: process.env,
        launcher: { path: null, error: 'not needed here' },
        sameBuild,
        sameBuildRounds
      }
    ).then(measured => ({ ...measured, sameBuild: [...sameBuild] }))
  }
  const commands = () =>
    readFileSync(calls, 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as string[])
  return { host, measureBoth, commands }
}

test('both revisions run the ffi jobs in the same rounds, with the short windows; workloads run every round', async () => {
  const { host, measureBoth, commands } = standInWithLog()
  const iterations = 2 * FFI_SCHEDULE.everyRounds + 1
  const measured = await measureBoth(host('head build'), host('base build'), iterations)
  assert.deepEqual(measured.sameBuild, [])
  for (const revision of measured.revisions) {
    const run = revision.hosts[0]
    assert.equal(run.status, 'ok', run.error)
    assert.equal(run.wall_ms.length, iterations)
    // measured rounds 0, everyRounds and 2 × everyRounds
    for (const metric of FFI_METRICS) assert.equal(run.ffi![metric].length, 3, metric)
  }
  const lines = commands()
  const ffiCalls = lines.filter(([command]) => command === 'ffi')
  // the warm-up round and three measured rounds, in each revision
  assert.equal(ffiCalls.length, 2 * 4)
  for (const call of ffiCalls) assert.deepEqual(call.slice(1), ['--target-ms', String(FFI_SCHEDULE.targetMs)])
  assert.equal(lines.filter(([command]) => command === 'workload').length, 2 * (iterations + 1))
})

test('a host with the same build in both revisions runs once per round, and both revisions keep the samples', async () => {
  const { host, measureBoth, commands } = standInWithLog()
  const iterations = FFI_SCHEDULE.everyRounds + 1
  const measured = await measureBoth(host('one build'), host('one build'), iterations)
  assert.deepEqual(measured.sameBuild, ['stand-in'])
  const [head, base] = measured.revisions.map(revision => revision.hosts[0])
  assert.equal(head.status, 'ok', head.error)
  assert.equal(head.wall_ms.length, iterations)
  assert.deepEqual(base.wall_ms, head.wall_ms)
  assert.deepEqual(base.ffi, head.ffi)
  const lines = commands()
  assert.equal(lines.filter(([command]) => command === 'workload').length, iterations + 1)
  assert.equal(lines.filter(([command]) => command === 'ffi').length, 1 + 2)
})

test('when native is a same build, the same builds leave the rounds at the first look; the hosts that changed run on', async () => {
  const { host, measureBoth } = standInWithLog()
  const iterations = 2 * FFI_SCHEDULE.everyRounds + 1
  const firstLook = FFI_SCHEDULE.everyRounds - 1
  const measured = await measureBoth([host('one', 'native'), host('head')], [host('one', 'native'), host('base')], iterations, firstLook)
  assert.deepEqual(measured.sameBuild, ['native'])
  for (const revision of measured.revisions) {
    const [native, changed] = revision.hosts
    assert.deepEqual([native.wall_ms.length, native.ffi!.export_noop_ns.length], [firstLook, 1])
    assert.deepEqual([changed.wall_ms.length, changed.ffi!.export_noop_ns.length], [iterations, 3])
  }
})

test('when native changed, the same builds run in every round: their overhead needs its samples', async () => {
  const { host, measureBoth } = standInWithLog()
  const iterations = FFI_SCHEDULE.everyRounds + 1
  const measured = await measureBoth([host('head', 'native'), host('one')], [host('base', 'native'), host('one')], iterations, 2)
  assert.deepEqual(measured.sameBuild, ['stand-in'])
  for (const revision of measured.revisions) for (const run of revision.hosts) assert.equal(run.wall_ms.length, iterations, run.name)
})

test('same build: the same host key and guest modules with the same bytes, wherever they lie', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-same-build-'))
  const module = (name: string, bytes: string) => {
    writeFileSync(path.join(dir, name), bytes)
    return path.join(dir, name)
  }
  const host = (name: string, key: string) => standInHost(dir, () => [], { name, key })
  const build = (workload: string, hosts: RunnableHost[]) => ({ guest: { workload, ffi: null }, hosts, failures: [] })
  const head = build(module('head.wasm', 'guest'), [host('go', 'go-2'), host('rust', 'rust-1')])
  assert.deepEqual([...sameBuildHosts(head, build(module('base.wasm', 'guest'), [host('go', 'go-1'), host('rust', 'rust-1')]))], ['rust'])
  assert.deepEqual([...sameBuildHosts(head, build(module('other.wasm', 'changed guest'), [host('rust', 'rust-1')]))], [])
  assert.deepEqual([...sameBuildHosts(head, build(head.guest.workload, [host('node', 'rust-1')]))], [])
})
