// analyse stage: raw samples -> Results (stats, overheads, scaling fits), then the baseline comparison.
import { createHash } from 'node:crypto'
import { median } from 'simple-statistics'
import {
  RESULTS_SCHEMA,
  type CpuStats,
  type GateSettings,
  type HostName,
  type HostResult,
  type InstructionCounts,
  type MeasureConfig,
  type RawHostRun,
  type RawInstructionCounts,
  type RawMeasurements,
  type Results,
  type ScalingFit,
  type Stats
} from '../types.js'
import { compareWithBaseline, type CompareOptions } from './compare.js'
import { NOTE_CONTEXT, runVerdict } from '../gate.js'
import { FFI_LOOP_NAMES, FFI_METRICS, PER_CALL_COUNT_NAMES, PHASES, ROLES } from '../vocabulary.js'
import { fitScaling } from './scaling.js'
import { describe, describeOrNull, pairedRatio, relativeTo } from './stats.js'

export { describe, pairedRatio, relativeTo } from './stats.js'
export { mannWhitneyU } from './mannwhitney.js'
export { compareWithBaseline } from './compare.js'
export { fitScaling } from './scaling.js'

/** JSON with object keys sorted at every level, so equal configs hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Hash of the measurement config, whole (gate settings live apart, in GateSettings); it keys the baseline. */
export function configHash(config: MeasureConfig): string {
  const shaping = {
    hosts: [...config.hosts].sort(),
    iterations: config.iterations,
    warmup: config.warmup,
    guest: config.guest,
    wasm: config.wasm,
    guest_args: config.guest_args,
    ffi: config.ffi,
    sizes: [...config.sizes].sort((a, b) => a - b)
  }
  return createHash('sha256').update(canonicalJson(shaping)).digest('hex').slice(0, 16)
}

const nsToMs = (xs: number[]): number[] => xs.map(x => x / 1e6)

/** Stats per key of a named series (phases, per-call figures, loop costs); all null when the host has no series. */
function statsOf<K extends string>(keys: readonly K[], series: Record<K, number[]> | null | undefined, convert = (xs: number[]) => xs) {
  return Object.fromEntries(keys.map(key => [key, describeOrNull(series ? convert(series[key]) : null)])) as Record<K, Stats | null>
}

function cpu(raw: RawHostRun): CpuStats | null {
  const user = describeOrNull(raw.cpu_ms?.user ?? null)
  const system = describeOrNull(raw.cpu_ms?.system ?? null)
  return user && system ? { user, system } : null
}

function scaling(raw: RawHostRun, native: RawHostRun | undefined): ScalingFit | null {
  const points = raw.scaling?.filter(p => p.wall_ms.length > 0)
  if (!points || new Set(points.map(p => p.size)).size < 2) return null
  const fit = fitScaling(points)
  const nativePoints = native && native !== raw ? native.scaling?.filter(p => p.wall_ms.length > 0) : undefined
  const nativeFit = nativePoints && new Set(nativePoints.map(p => p.size)).size >= 2 ? fitScaling(nativePoints) : null
  return {
    ...fit,
    points: points.map(p => ({ size: p.size, wall_ms: p.wall_ms.slice() })),
    overhead_vs_native: {
      fixed: nativeFit ? relativeTo(fit.fixed_ms, nativeFit.fixed_ms) : null,
      per_item: nativeFit ? relativeTo(fit.per_item_ns, nativeFit.per_item_ns) : null
    }
  }
}

function failedHost(raw: RawHostRun, optional: boolean): HostResult {
  const nulls = <K extends string>(keys: readonly K[]): Record<K, null> => Object.fromEntries(keys.map(k => [k, null])) as Record<K, null>
  return {
    ...identity(raw, optional),
    workload: { wall_ms: null, phases_ms: nulls(PHASES), overhead_vs_native: null, cpu_ms: null },
    ffi: nulls(FFI_METRICS),
    ffi_vs_rust: {},
    scaling: null
  }
}

function identity(raw: RawHostRun, optional: boolean): Omit<HostResult, 'workload' | 'ffi' | 'ffi_vs_rust' | 'scaling'> {
  return {
    name: raw.name,
    runtime: raw.runtime,
    version: raw.version,
    argv: raw.argv.slice(),
    cwd: raw.cwd,
    ...(raw.env ? { env: { ...raw.env } } : {}),
    status: raw.status,
    optional,
    ...(raw.error !== undefined ? { error: raw.error } : {}),
    output_sha256: raw.output_sha256,
    ...(raw.toolchains ? { toolchains: { ...raw.toolchains } } : {})
  }
}

function hostResult(raw: RawHostRun, native: RawHostRun | undefined, rust: RawHostRun | undefined, optional: boolean): HostResult {
  if (raw.status !== 'ok') return failedHost(raw, optional)
  const ffiStats = statsOf(FFI_METRICS, raw.ffi)
  const ffiVsRust: HostResult['ffi_vs_rust'] = {}
  for (const m of FFI_METRICS) {
    const own = ffiStats[m]
    const ref = rust && rust !== raw && rust.ffi && rust.ffi[m].length > 0 ? median(rust.ffi[m]) : null
    ffiVsRust[m] = own ? relativeTo(own.median, ref) : null
  }
  const pairable = native && native !== raw && native.wall_ms.length > 0 && raw.wall_ms.length > 0
  return {
    ...identity(raw, optional),
    workload: {
      wall_ms: describeOrNull(raw.wall_ms),
      phases_ms: statsOf(PHASES, raw.phases_ns, nsToMs),
      // Paired by round, over the rounds both ran; none for native itself.
      overhead_vs_native: pairable ? pairedRatio(raw.wall_ms, native.wall_ms) : null,
      cpu_ms: cpu(raw)
    },
    ffi: ffiStats,
    ffi_loops: raw.ffi_loops ? statsOf(FFI_LOOP_NAMES, raw.ffi_loops) : null,
    ffi_vs_rust: ffiVsRust,
    scaling: scaling(raw, native),
    ...(raw.instructions !== undefined ? { instructions: instructionCounts(raw.instructions) } : {})
  }
}

function instructionCounts(raw: RawInstructionCounts | null): InstructionCounts | null {
  if (!raw) return null
  return {
    workload: describeOrNull(raw.workload),
    per_call: raw.per_call ? statsOf(PER_CALL_COUNT_NAMES, raw.per_call) : null,
    ...(raw.error ? { error: raw.error } : {}),
    ...(raw.functions !== undefined ? { functions: raw.functions } : {}),
    ...(raw.function_changes !== undefined ? { function_changes: raw.function_changes } : {})
  }
}

/** Raw samples -> Results without a baseline (comparisons empty, verdict from the host statuses). */
export function analyse(raw: RawMeasurements, gate: GateSettings): Results {
  const ok = (name: string): RawHostRun | undefined => raw.hosts.find(h => h.name === name && h.status === 'ok')
  const native = ok(ROLES.overheadReference)
  const rust = ok(ROLES.perCallReference)
  const results: Results = {
    schema: RESULTS_SCHEMA,
    runner: { ...raw.runner },
    commit: raw.commit,
    pr: raw.pr,
    created_at: new Date().toISOString(),
    config: raw.config,
    config_hash: configHash(raw.config),
    gate,
    harness: { spawn_ms: describe(raw.spawn_ms), clock: { ...raw.clock } },
    hosts: raw.hosts.map(h => hostResult(h, native, rust, gate.optional_hosts.includes(h.name as HostName))),
    comparisons: [],
    compared_with: { kind: 'none', commit: null, source: 'none', note: null, rounds: 0, seconds: 0, decided: false },
    base: null,
    baseline: null,
    baseline_note: null,
    baseline_comparisons: [],
    verdict: 'pass'
  }
  results.verdict = runVerdict(results)
  return results
}

export interface BaselineOptions extends CompareOptions {
  /** where the baseline came from, e.g. "cache:<key>" or a file path */
  source: string
  /** shown when there is no baseline, e.g. why it could not be read */
  note?: string
  /** a base revision was measured in the same job: the baseline is context, shown and never gating */
  asContext?: boolean
}

/** Results with the baseline comparison filled in and the verdict recomputed. Does not modify `results`. */
export function applyBaseline(results: Results, baseline: Results | null, opts: BaselineOptions): Results {
  if (!baseline) {
    const out: Results = { ...results, comparisons: [], baseline: null, baseline_note: opts.note ?? null }
    return { ...out, verdict: runVerdict(out) }
  }
  const { comparisons, note } = compareWithBaseline(results, baseline, opts)
  const described = {
    baseline: { source: opts.source, commit: baseline.commit, cpu: baseline.runner.cpu },
    baseline_note: [opts.note, note, clockNote(results, baseline)].filter((s): s is string => !!s).join('; ') || null
  }
  if (opts.asContext) {
    const context = comparisons.map(c => ({
      ...c,
      gating: false,
      note: [NOTE_CONTEXT, c.note].filter(Boolean).join('; ')
    }))
    return { ...results, ...described, baseline_comparisons: context }
  }
  const compared_with = { ...results.compared_with, kind: 'baseline' as const, commit: baseline.commit, source: opts.source }
  const out: Results = { ...results, ...described, comparisons, compared_with }
  return { ...out, verdict: runVerdict(out) }
}

/** Wall times from two clocks differ by about the harness's spawn cost; results from before the launcher lack a clock. */
function clockNote(results: Results, baseline: Results): string | null {
  const current = results.harness.clock?.source ?? 'node'
  const base = baseline.harness?.clock?.source ?? 'node'
  return current === base ? null : `the baseline's wall times come from the ${base} clock, this run's from the ${current} clock`
}
