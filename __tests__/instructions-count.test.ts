// The counted processes of a run (src/instructions/count.ts): which hosts each revision counts, the workload runs
// before the timed rounds and the ffi sets after them, and the time the ffi sets are expected to take.
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { countedHosts, InstructionCount, NOT_COUNTED_SAME_BUILD, type CountOptions } from '../src/instructions/count.js'
import { findCounter } from '../src/instructions/counter.js'
import { FFI_SET_SIZE } from '../src/instructions/plan.js'
import { findOnPath } from '../src/process/exec.js'
import type { BuildOutput, MeasureConfig, RawHostRun, RunnableHost } from '../src/types.js'

/** A host whose every process is /bin/true: cheap under valgrind, and it ignores the arguments it is given. */
function host(name: string): RunnableHost {
  return {
    name,
    key: name,
    workloadArgv: () => ['/bin/true'],
    ffiArgv: () => ['/bin/true'],
    reportsPhases: false,
    cwd: os.tmpdir(),
    runtime: name,
    version: '1',
    toolchains: {},
    env: {},
    counted: { argv: argv => argv, env: {}, perCall: name !== 'native', pythonLines: false }
  }
}

const build = (names: string[]): BuildOutput => ({ guest: { workload: 'w.wasm', ffi: 'f.wasm' }, hosts: names.map(host), failures: [] })
const BUILDS = [build(['native', 'go']), build(['native', 'go'])]
const CONFIG = { ffi: true, guest_args: [] } as unknown as MeasureConfig

test('a same build is counted once for the baseline, and not at all otherwise', () => {
  const native = new Set(['native'])
  assert.deepEqual(countedHosts(BUILDS, native, true), [{ hosts: ['native', 'go'] }, { hosts: ['go'] }])
  assert.deepEqual(countedHosts(BUILDS, native, false), [{ hosts: ['go'] }, { hosts: ['go'] }])
  assert.deepEqual(countedHosts(BUILDS, new Set(), false), [{ hosts: ['native', 'go'] }, { hosts: ['native', 'go'] }])
})

/** The head's timed figures of a host with per-call costs: they set the ffi set's call counts. */
function timed(name: string): RawHostRun {
  const figures = { export_noop_ns: [100], export_add_ns: [100], import_noop_ns: [100], memory_copy_ns_per_kib: [100] }
  return {
    ...{ name, runtime: name, version: '1', argv: [], cwd: '/', status: 'ok', output_sha256: null },
    ...{ wall_ms: [1], cpu_ms: null, phases_ns: null, scaling: null },
    ffi: figures as RawHostRun['ffi'],
    ffi_loops: { loop_ns: [1], guest_loop_ns: [1] }
  }
}

const valgrind = findOnPath('valgrind', process.env)

test(
  'the workload runs come first, and their pace says what the ffi sets will take',
  { skip: valgrind ? false : 'valgrind is not installed here' },
  async () => {
    const found = await findCounter('auto', { platform: process.platform, env: process.env, onRunner: false, log: () => {} })
    assert.ok('counter' in found, JSON.stringify(found))
    const options = (countSameBuilds: boolean): CountOptions => ({
      counter: found.counter,
      workDir: mkdtempSync(path.join(os.tmpdir(), 'wfb-count-')),
      env: process.env,
      timeoutMs: 60_000,
      runs: 2,
      sameBuild: new Set(['native']),
      countSameBuilds,
      parallel: 2,
      log: () => {}
    })

    const pullRequest = new InstructionCount(BUILDS, CONFIG, options(false))
    await pullRequest.countWorkloads()
    const workloads = pullRequest.result().info
    assert.equal(workloads.processes, 2 * 2, 'go, twice per revision')
    const ahead = Math.ceil((2 * FFI_SET_SIZE) / 2) * (workloads.process_seconds / workloads.processes)
    assert.ok(Math.abs(pullRequest.secondsAhead() - ahead) < 1e-9, `${pullRequest.secondsAhead()} vs ${ahead}`)
    await pullRequest.countFfiSets([timed('native'), timed('go')])
    const { counts, info } = pullRequest.result()
    assert.equal(info.processes, 2 * 2 + 2 * FFI_SET_SIZE)
    assert.equal(info.note, `native: ${NOT_COUNTED_SAME_BUILD}`)
    assert.deepEqual([counts[0].has('native'), counts[1].has('native')], [false, false])
    assert.equal(counts[1].get('go')?.workload.length, 2)
    assert.ok(counts[1].get('go')?.per_call, 'the ffi set gave per-call counts')
    // The same program in both revisions (an A/A run): its functions are listed, and none moved beyond the noise.
    const go = counts[0].get('go')!
    assert.ok(
      go.functions!.top.some(f => f.layer === 'runtime'),
      "the dynamic loader's and libc's functions"
    )
    assert.deepEqual(go.function_changes!.workload.changes, [])
    assert.ok(Object.values(go.function_changes!.per_call!).every(diff => diff.changes.length === 0))
    assert.equal(counts[1].get('go')!.function_changes, null, 'the base has no base of its own')
    assert.ok(info.analysis_seconds! >= 0 && info.analysis_seconds! < 5, `${info.analysis_seconds} s reading the out files`)

    const push = new InstructionCount(BUILDS, CONFIG, options(true))
    await push.countWorkloads()
    const saved = push.result()
    assert.equal(saved.info.processes, 2 + 2 * 2, "native once, the head's")
    assert.equal(saved.info.note, null)
    assert.deepEqual(saved.counts[1].get('native'), saved.counts[0].get('native'))
  }
)
