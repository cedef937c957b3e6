// Comparison with the baseline (SPEC "Analysis"): relative change of the median, its bootstrap CI, a
// Mann-Whitney p-value, and a benchstat-like verdict that needs both significance and size.
import { median, sampleWithReplacement } from 'simple-statistics'
import type { Comparison, FfiStats, HostResult, PhaseStats, Results, RunVerdict, Stats, Verdict } from '../types.js'
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrapChangeCi, bootstrapP, mulberry32, percentileInterval } from './bootstrap.js'
import { mannWhitneyU } from './mannwhitney.js'
import { fitScaling, type ScalingPoint } from './scaling.js'
import { pairedRatios } from './stats.js'

export interface CompareOptions {
  /** smallest relative change that counts, as a fraction (0.1 = 10%) */
  threshold: number
  /** significance level for the p-value */
  alpha: number
}

export const NOTE_OTHER_CPU = 'baseline from another CPU model: shown, not gated'
export const NOTE_PHASES = 'in-process phase times: shown, not gated'
export const NOTE_SCALING = 'fitted scaling cost: shown, not gated'
export const NOTE_OTHER_CONFIG = 'baseline measured with a different configuration'

export const FFI_METRICS: Array<keyof FfiStats> = ['export_noop_ns', 'export_add_ns', 'import_noop_ns', 'memory_ns_per_kib']
export const PHASE_METRICS: Array<keyof PhaseStats> = ['setup', 'compile', 'instantiate', 'execute']

export function verdictFor(change: number, p: number, opts: CompareOptions): Verdict {
  if (p < opts.alpha && change > opts.threshold) return 'regression'
  if (p < opts.alpha && change < -opts.threshold) return 'improvement'
  return '~'
}

type Measured = Omit<Comparison, 'host' | 'metric' | 'gating' | 'note'>

/** Change of the median with bootstrap CI and Mann-Whitney p, for two independent sets of samples. */
export function compareSamples(current: number[], baseline: number[], opts: CompareOptions): Measured {
  const baselineMedian = median(baseline)
  const currentMedian = median(current)
  const change = currentMedian / baselineMedian - 1
  const { p } = mannWhitneyU(current, baseline)
  return {
    baseline_median: baselineMedian,
    current_median: currentMedian,
    change,
    ci95: bootstrapChangeCi(current, baseline),
    p,
    verdict: verdictFor(change, p, opts)
  }
}

/**
 * Scaling compares fitted values, which no rank test sees directly. We bootstrap the fit itself (resample the
 * samples within each size, refit both sides) and take the percentile CI and the dual bootstrap p-value of the
 * ratio current/baseline: CI and p then describe the same quantity as the change.
 */
export function compareScaling(
  current: ScalingPoint[],
  baseline: ScalingPoint[],
  opts: CompareOptions
): { fixed_ms: Measured | null; per_item_ns: Measured | null } {
  const cur = fitScaling(current)
  const base = fitScaling(baseline)
  const random = mulberry32(BOOTSTRAP_SEED)
  const resample = (points: ScalingPoint[]): ScalingPoint[] =>
    points.map(pt => ({ size: pt.size, wall_ms: sampleWithReplacement(pt.wall_ms, pt.wall_ms.length, random) }))
  const fixed: number[] = []
  const perItem: number[] = []
  for (let i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
    const c = fitScaling(resample(current))
    const b = fitScaling(resample(baseline))
    fixed.push(c.fixed_ms / b.fixed_ms)
    perItem.push(c.per_item_ns / b.per_item_ns)
  }
  const measure = (c: number, b: number, ratios: number[]): Measured | null => {
    // A ratio to a fitted value at or below zero (noise around a tiny cost) means nothing.
    if (!(b > 0) || ratios.some(r => !Number.isFinite(r))) return null
    const change = c / b - 1
    const p = bootstrapP(ratios)
    const [lo, hi] = percentileInterval(ratios)
    return { baseline_median: b, current_median: c, change, ci95: [lo - 1, hi - 1], p, verdict: verdictFor(change, p, opts) }
  }
  return {
    fixed_ms: measure(cur.fixed_ms, base.fixed_ms, fixed),
    per_item_ns: measure(cur.per_item_ns, base.per_item_ns, perItem)
  }
}

const okHost = (r: Results, name: string): HostResult | undefined => r.hosts.find(h => h.name === name && h.status === 'ok')

function overheadSamples(r: Results, host: HostResult): number[] | null {
  const native = okHost(r, 'native')?.workload.wall_ms
  const wall = host.workload.wall_ms
  if (!native || !wall || native.n !== wall.n) return null
  return pairedRatios(wall.samples, native.samples)
}

export function compareWithBaseline(
  current: Results,
  baseline: Results,
  opts: CompareOptions
): { comparisons: Comparison[]; note: string | null } {
  const sameCpu = current.runner.cpu === baseline.runner.cpu
  // Absolute times from another CPU model say nothing about the change; overhead ratios do (SPEC "Analysis").
  const absolute = sameCpu ? { gating: true } : { gating: false, note: NOTE_OTHER_CPU }
  const comparisons: Comparison[] = []
  const push = (host: string, metric: string, m: Measured | null, gate: { gating: boolean; note?: string }): void => {
    if (m) comparisons.push({ host, metric, ...m, ...gate })
  }
  const pushStats = (host: string, metric: string, c: Stats | null, b: Stats | null, gate: { gating: boolean; note?: string }): void => {
    if (c && b) push(host, metric, compareSamples(c.samples, b.samples, opts), gate)
  }

  for (const cur of current.hosts) {
    if (cur.status !== 'ok') continue
    const base = okHost(baseline, cur.name)
    if (!base) continue
    if (cur.name !== 'native') {
      const c = overheadSamples(current, cur)
      const b = overheadSamples(baseline, base)
      if (c && b) push(cur.name, 'overhead', compareSamples(c, b, opts), { gating: true })
    }
    pushStats(cur.name, 'wall_ms', cur.workload.wall_ms, base.workload.wall_ms, absolute)
    for (const m of FFI_METRICS) pushStats(cur.name, m, cur.ffi[m], base.ffi[m], absolute)
    // Phases are shown only: they are in-process timers of a single run each and gating them adds false alarms.
    for (const m of PHASE_METRICS) {
      pushStats(cur.name, `phases_ms.${m}`, cur.workload.phases_ms[m], base.workload.phases_ms[m], {
        gating: false,
        note: sameCpu ? NOTE_PHASES : NOTE_OTHER_CPU
      })
    }
    if (cur.scaling && base.scaling) {
      const s = compareScaling(cur.scaling.points, base.scaling.points, opts)
      const gate = { gating: false, note: sameCpu ? NOTE_SCALING : NOTE_OTHER_CPU }
      push(cur.name, 'scaling.fixed_ms', s.fixed_ms, gate)
      push(cur.name, 'scaling.per_item_ns', s.per_item_ns, gate)
    }
  }

  const notes: string[] = []
  if (!sameCpu) notes.push(`${NOTE_OTHER_CPU} (baseline: ${baseline.runner.cpu}; current: ${current.runner.cpu})`)
  if (current.config_hash !== baseline.config_hash) notes.push(NOTE_OTHER_CONFIG)
  return { comparisons, note: notes.length > 0 ? notes.join('; ') : null }
}

/** 'error' if a required host failed, else 'regression' if a gating comparison regressed, else 'pass'. */
export function overallVerdict(results: Results): RunVerdict {
  if (results.hosts.some(h => h.status === 'failed' && !h.optional)) return 'error'
  if (results.comparisons.some(c => c.gating && c.verdict === 'regression')) return 'regression'
  return 'pass'
}
