// Per host and revision, from the counted runs' profiles: where the workload's instructions went, and for the head
// the functions behind its change against the base, for the workload and for each per-call figure (its ffi set).
import type { FunctionChanges, FunctionCounts, FunctionDiff } from '../types.js'
import { FFI_METRIC_LOOPS, FFI_METRICS, PER_CALL_COUNTS, type CodeLayer, type FfiMetric, type PerCallCount } from '../vocabulary.js'
import { countNoise, diffFunctions, functionCounts, single, spread, type NoiseOf } from './function-diff.js'
import type { CountedJob } from './plan.js'
import { mergeProfiles, perCallProfile, type Profile } from './profile.js'
import { pythonLayerOf } from './python-lines.js'

/** Per-call figures of one set vary by up to ~1.5% from run to run (docs/design.md, "Per call"). */
export const PER_CALL_NOISE = 0.015
/** Layers whose work is the same in every run of a program: the host, the binding, the engine, the JIT code. The
 *  language runtime (Go's garbage collector and scheduler, the allocator) works on its own schedule. */
const REPEATABLE: ReadonlySet<CodeLayer> = new Set(['host', 'binding', 'engine', 'jit'])
/** A repeatable function's per-call move must still reach this fraction of the figure (and one instruction). */
export const REPEATABLE_FLOOR = 0.002

export interface HostFunctions {
  functions: FunctionCounts | null
  function_changes: FunctionChanges | null
}

interface Collected {
  workload: Profile[]
  sets: Map<FfiMetric | null, Profile>
  calls: Extract<CountedJob, { kind: 'ffi' }>['calls'] | null
}

function collect(jobs: readonly CountedJob[], results: ReadonlyArray<Profile | Error>, revision: number): Map<string, Collected> {
  const hosts = new Map<string, Collected>()
  jobs.forEach((job, i) => {
    const result = results[i]
    if (job.revision !== revision || result instanceof Error || result === undefined) return
    const entry: Collected = hosts.get(job.host) ?? { workload: [], sets: new Map(), calls: null }
    hosts.set(job.host, entry)
    if (job.kind === 'workload') entry.workload.push(result)
    else {
      entry.sets.set(job.doubled, result)
      entry.calls = job.calls
    }
  })
  return hosts
}

/** Instructions per call of each function, per figure, from a complete set of runs. */
function perCallProfiles(host: Collected): Map<FfiMetric, Profile> {
  const profiles = new Map<FfiMetric, Profile>()
  const base = host.sets.get(null)
  if (!base || !host.calls) return profiles
  for (const metric of FFI_METRICS) {
    const doubled = host.sets.get(metric)
    const { loop, kib } = FFI_METRIC_LOOPS[metric]
    if (doubled) profiles.set(metric, perCallProfile(base, doubled, host.calls[loop] * kib))
  }
  return profiles
}

/** A Python host's functions by lines executed: the counts repeat, so the floor of the noise and their spread. */
function pythonLinesChange(head: readonly Profile[] | undefined, base: readonly Profile[] | undefined): FunctionDiff | null {
  if (!head?.length || !base?.length) return null
  const headMerged = mergeProfiles(head)
  const baseMerged = mergeProfiles(base)
  const noise = countNoise(headMerged.totals, baseMerged.totals)
  return diffFunctions(headMerged, baseMerged, noise, () => noise, pythonLayerOf)
}

function changesOf(head: Collected, base: Collected, pythonLines: FunctionDiff | null): FunctionChanges | null {
  if (head.workload.length === 0 || base.workload.length === 0) return null
  const headMerged = mergeProfiles(head.workload)
  const baseMerged = mergeProfiles(base.workload)
  const noise = countNoise(headMerged.totals, baseMerged.totals)
  const workload = diffFunctions(headMerged, baseMerged, noise)
  // A function's own spread over the workload runs (per process) says how much it moves by itself.
  const jitter = (name: string): number =>
    Math.max(spread(headMerged.functions.get(name)?.runs ?? []), spread(baseMerged.functions.get(name)?.runs ?? []))
  const headSets = perCallProfiles(head)
  const baseSets = perCallProfiles(base)
  const perCall: Partial<Record<PerCallCount, FunctionDiff>> = {}
  for (const [metric, h] of headSets) {
    const b = baseSets.get(metric)
    if (!b || !head.calls) continue
    const { loop, kib } = FFI_METRIC_LOOPS[metric]
    // Two processes on each side of the difference, each off by up to the count's noise, spread over the calls.
    const calls = head.calls[loop] * kib
    const figure = Math.max(Math.abs(h.total), Math.abs(b.total))
    const perCallNoise = Math.max((2 * noise) / calls, PER_CALL_NOISE * figure)
    // The runtime's functions must beat the whole count's noise (Go's collector and scheduler move it); the
    // repeatable layers only their own spread, so a few instructions more per call in the binding show.
    const noiseOf: NoiseOf = (name, layer) =>
      REPEATABLE.has(layer) ? Math.max((2 * jitter(name)) / calls, REPEATABLE_FLOOR * figure, 1) : perCallNoise
    perCall[PER_CALL_COUNTS[metric]] = diffFunctions(single(h), single(b), perCallNoise, noiseOf)
  }
  return { workload, per_call: headSets.size > 0 ? perCall : null, ...(pythonLines ? { python_lines: pythonLines } : {}) }
}

/**
 * Each revision's hosts (index 0 the head, 1 the base): their function counts, and the head's changes against
 * the base where both revisions counted the host. `pythonLines`: per revision, the Python hosts' line counts.
 */
export function hostFunctions(
  jobs: readonly CountedJob[],
  results: ReadonlyArray<Profile | Error>,
  pythonLines: ReadonlyArray<ReadonlyMap<string, Profile[]>>
): Array<Map<string, HostFunctions>> {
  const collected = pythonLines.map((_, revision) => collect(jobs, results, revision))
  return collected.map((hosts, revision) => {
    const out = new Map<string, HostFunctions>()
    for (const [name, host] of hosts) {
      const base = revision === 0 ? collected[1]?.get(name) : undefined
      out.set(name, {
        functions: host.workload.length > 0 ? functionCounts(mergeProfiles(host.workload)) : null,
        function_changes: base ? changesOf(host, base, pythonLinesChange(pythonLines[0].get(name), pythonLines[1]?.get(name))) : null
      })
    }
    return out
  })
}
