// The counted processes (src/instructions/plan.ts): call counts from the timed figures, the --calls argument,
// the jobs of a run, and instructions per call from a set's counts.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  callsArg,
  callsFor,
  collectCounts,
  ffiSetJobs,
  workloadJobs,
  LOOP_TARGET_NS,
  MAX_CALLS,
  MIN_CALLS,
  type Calls
} from '../src/instructions/plan.js'
import type { RawHostRun } from '../src/types.js'
import { FFI_METRICS, HOST_LOOPS } from '../src/vocabulary.js'

function timed(ffi: Record<string, number[]>, loops = { loop_ns: [0.5], guest_loop_ns: [1] }): RawHostRun {
  return {
    name: 'go',
    runtime: 'wasmtime-go',
    version: '39.0.1',
    argv: [],
    cwd: '/',
    status: 'ok',
    output_sha256: null,
    wall_ms: [1],
    cpu_ms: null,
    phases_ns: null,
    scaling: null,
    ffi: ffi as RawHostRun['ffi'],
    ffi_loops: loops
  }
}

test('each counted loop gets about LOOP_TARGET_NS of its timed cost, within the bounds', () => {
  const calls = callsFor(
    timed({ export_noop_ns: [99.5, 200, 50], export_add_ns: [1e9], import_noop_ns: [0], memory_copy_ns_per_kib: [10] })
  )!
  assert.equal(calls.export_noop, Math.round(LOOP_TARGET_NS / 100)) // median 99.5 + the host loop's 0.5
  assert.equal(calls.export_add, MIN_CALLS)
  assert.equal(calls.import_noop, Math.min(MAX_CALLS, Math.round(LOOP_TARGET_NS / 1))) // 0 + the guest loop's 1
  assert.equal(calls.memory, Math.round(LOOP_TARGET_NS / (10 * 1024 + 0.5)))
  assert.equal(calls.loop, 1)
  assert.equal(calls.guest_loop, 1)
})

test('no call counts without timed per-call figures', () => {
  assert.equal(callsFor(undefined), null)
  assert.equal(callsFor({ ...timed({}), ffi: null }), null)
  assert.equal(
    callsFor({ ...timed({ export_noop_ns: [1], export_add_ns: [1], import_noop_ns: [1], memory_copy_ns_per_kib: [1] }), status: 'failed' }),
    null
  )
})

const CALLS: Calls = { loop: 1, guest_loop: 1, export_noop: 1000, export_add: 500, import_noop: 2000, memory: 10 }

test('--calls names every loop, and doubles the loop of the figure asked for', () => {
  assert.equal(callsArg(CALLS, null), 'loop=1,guest_loop=1,export_noop=1000,export_add=500,import_noop=2000,memory=10')
  assert.equal(callsArg(CALLS, 'memory_copy_ns_per_kib'), 'loop=1,guest_loop=1,export_noop=1000,export_add=500,import_noop=2000,memory=20')
  assert.equal(callsArg(CALLS, 'import_noop_ns').split(',').length, HOST_LOOPS.length)
})

/** Every counted process of a run: the workload runs, then the ffi sets. */
const countedJobs = (revisions: Array<{ hosts: string[] }>, calls: ReadonlyMap<string, Calls>, runs: number) => [
  ...workloadJobs(revisions, runs),
  ...ffiSetJobs(revisions, calls)
]

test('a run counts `runs` workloads per host and revision, and one ffi set where there are call counts', () => {
  const jobs = countedJobs([{ hosts: ['native', 'go'] }, { hosts: ['native', 'go'] }], new Map([['go', CALLS]]), 3)
  assert.equal(jobs.filter(j => j.kind === 'workload').length, 2 * 2 * 3)
  assert.deepEqual(
    jobs.filter(j => j.kind === 'workload' && j.host === 'go').map(j => [j.revision, j.run]),
    [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2]
    ]
  )
  const ffi = jobs.filter(j => j.kind === 'ffi')
  assert.equal(ffi.length, 2 * (1 + FFI_METRICS.length))
  assert.ok(ffi.every(j => j.host === 'go' && j.run === 0))
})

test('instructions per call are the doubled run less the base, over the calls added; memory per KiB', () => {
  const jobs = countedJobs([{ hosts: ['go'] }], new Map([['go', CALLS]]), 2)
  const added = { export_noop_ns: 8_000_000, export_add_ns: 6_000_000, import_noop_ns: 6_000_000, memory_copy_ns_per_kib: 10_240_000 }
  const counts = jobs.map(job => {
    if (job.kind === 'workload') return 600_000_000 + job.run
    return 300_000_000 + (job.doubled ? added[job.doubled] : 0)
  })
  const go = collectCounts(jobs, counts, 0).get('go')!
  assert.deepEqual(go.workload, [600_000_000, 600_000_001])
  assert.deepEqual(
    go.per_call,
    { export_noop: [8000], export_add: [12000], import_noop: [3000], memory_copy_per_kib: [1000] },
    'keyed by what they count'
  )
  assert.equal(go.error, undefined)
})

test('a failed process names the run; the host keeps what did count', () => {
  const jobs = countedJobs([{ hosts: ['go'] }], new Map([['go', CALLS]]), 1)
  const counts = jobs.map(job => (job.kind === 'ffi' && job.doubled === 'export_add_ns' ? new Error('exit code 2: usage') : 1000))
  const go = collectCounts(jobs, counts, 0).get('go')!
  assert.equal(go.error, 'ffi run under valgrind: exit code 2: usage')
  assert.deepEqual(go.workload, [1000])
  assert.equal(go.per_call, null)
})
