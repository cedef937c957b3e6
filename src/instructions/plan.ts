// What runs under the instruction counter, per host and revision: `runs` workload runs, and for the per-call
// figures one set of ffi runs with fixed call counts: one with every loop at its count (the set's base), and one
// per figure with that figure's loop run twice as often. A figure's instructions per call are the difference of
// the two counts over the calls added, so the set-up (compiling, instantiating) cancels out. One set: the figures
// are shown, not gated (their jitter, ~1%, is far above the workload count's), and a set is 5 slow processes.
import { median } from 'simple-statistics'
import {
  FFI_METRIC_LOOPS,
  FFI_METRICS,
  HOST_LOOPS,
  PER_CALL_COUNTS,
  type FfiMetric,
  type HostLoop,
  type PerCallCount
} from '../vocabulary.js'
import type { RawHostRun, RawInstructionCounts } from '../types.js'

/** Each counted loop gets about this much of its native time: millions of instructions, far above the jitter of
 *  a process's count (docs/design.md, "Instruction counts"). */
export const LOOP_TARGET_NS = 5e6
export const MIN_CALLS = 16
export const MAX_CALLS = 10_000_000
/** The empty loops are not counted apart (their iterations stay in the figures), so they run once. */
const UNCOUNTED_CALLS = 1

export type Calls = Record<HostLoop, number>

interface JobBase {
  revision: number
  host: string
  run: number
}
export type CountedJob = JobBase & ({ kind: 'workload' } | { kind: 'ffi'; doubled: FfiMetric | null; calls: Calls })

const medianOf = (xs: number[]): number => (xs.length > 0 ? median(xs) : Number.NaN)

/**
 * Call counts from a host's timed per-call figures: each loop gets about LOOP_TARGET_NS, so slow calls (python)
 * run hundreds of times and fast ones (rust) tens of thousands. Null without timed figures.
 */
export function callsFor(run: RawHostRun | undefined): Calls | null {
  if (!run?.ffi || !run.ffi_loops || run.status !== 'ok') return null
  const calls = Object.fromEntries(HOST_LOOPS.map(loop => [loop, UNCOUNTED_CALLS])) as Calls
  for (const metric of FFI_METRICS) {
    const { loop, empty, kib } = FFI_METRIC_LOOPS[metric]
    const ns = medianOf(run.ffi[metric]) * kib + medianOf(run.ffi_loops[empty])
    if (!Number.isFinite(ns)) return null
    calls[loop] = Math.min(MAX_CALLS, Math.max(MIN_CALLS, Math.round(LOOP_TARGET_NS / Math.max(ns, 1))))
  }
  return calls
}

/** The host's `--calls` value: every loop named, the doubled figure's loop twice. */
export function callsArg(calls: Calls, doubled: FfiMetric | null): string {
  const twice = doubled ? FFI_METRIC_LOOPS[doubled].loop : null
  return HOST_LOOPS.map(loop => `${loop}=${calls[loop] * (loop === twice ? 2 : 1)}`).join(',')
}

/** The workload runs of a count: `runs` per host and revision. They need no timed figure, so they run first. */
export function workloadJobs(revisions: Array<{ hosts: string[] }>, runs: number): CountedJob[] {
  return revisions.flatMap(({ hosts }, revision) =>
    hosts.flatMap(host => Array.from({ length: runs }, (_, run): CountedJob => ({ revision, host, run, kind: 'workload' })))
  )
}

/** One ffi set per host and revision with call counts: the set's base run, then one run per doubled figure. */
export function ffiSetJobs(revisions: Array<{ hosts: string[] }>, calls: ReadonlyMap<string, Calls>): CountedJob[] {
  return revisions.flatMap(({ hosts }, revision) =>
    hosts.flatMap(host => {
      const hostCalls = calls.get(host)
      if (!hostCalls) return []
      return [null, ...FFI_METRICS].map((doubled): CountedJob => ({ revision, host, run: 0, kind: 'ffi', doubled, calls: hostCalls }))
    })
  )
}

/** Processes in one ffi set. */
export const FFI_SET_SIZE = 1 + FFI_METRICS.length

/** One revision's counts per host from the jobs' results (a count, or why the process failed). */
export function collectCounts(
  jobs: readonly CountedJob[],
  results: ReadonlyArray<number | Error>,
  revision: number
): Map<string, RawInstructionCounts> {
  const counts = new Map<string, RawInstructionCounts>()
  const sets = new Map<string, { calls: Calls; counts: Map<FfiMetric | null, number> }>()
  jobs.forEach((job, i) => {
    if (job.revision !== revision) return
    const entry = counts.get(job.host) ?? { workload: [], per_call: null }
    counts.set(job.host, entry)
    const result = results[i]
    if (result instanceof Error) {
      entry.error ??= `${job.kind} run under valgrind: ${result.message}`
    } else if (job.kind === 'workload') {
      entry.workload.push(result)
    } else {
      const set = sets.get(job.host) ?? { calls: job.calls, counts: new Map() }
      sets.set(job.host, set)
      set.counts.set(job.doubled, result)
    }
  })
  for (const [host, set] of sets) counts.get(host)!.per_call = perCallOf(set.calls, set.counts)
  return counts
}

/** Instructions per call of each figure from a complete set: the doubled run less the base, over the calls added. */
function perCallOf(calls: Calls, counts: Map<FfiMetric | null, number>): Record<PerCallCount, number[]> | null {
  const base = counts.get(null)
  if (base === undefined || FFI_METRICS.some(metric => !counts.has(metric))) return null
  return Object.fromEntries(
    FFI_METRICS.map(metric => {
      const { loop, kib } = FFI_METRIC_LOOPS[metric]
      return [PER_CALL_COUNTS[metric], [(counts.get(metric)! - base) / calls[loop] / kib]]
    })
  ) as Record<PerCallCount, number[]>
}
