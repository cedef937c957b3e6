// Comparison with the baseline (docs/design.md, "Analysis"): relative change of the median, its bootstrap CI, a
// Mann-Whitney p-value, and a benchstat-like verdict that needs both significance and size.
import { median, sampleWithReplacement } from 'simple-statistics'
import { gateOf, NOTE_OTHER_CPU } from '../gate.js'
import type { Comparison, HostResult, Results, Stats, Verdict } from '../types.js'
import { FFI_METRICS, METRICS, PHASES, phaseMetric, ROLES, type InstructionMetric, type MetricName } from '../vocabulary.js'
import { compareCounts } from './counts.js'
import { OS_COUNTER } from '../instructions/os-counts.js'
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrapChangeCi, bootstrapP, mulberry32, percentileInterval } from './bootstrap.js'
import { mannWhitneyU } from './mannwhitney.js'
import { fitScaling, type ScalingPoint } from './scaling.js'
import { pairedRatios } from './stats.js'
import { hostToolchainNote, runToolchainNote, toolchainDifferences } from '../toolchains/record.js'

export interface CompareOptions {
  /** smallest relative change that counts, as a fraction (0.1 = 10%) */
  threshold: number
  /** significance level for the p-value */
  alpha: number
}

export const NOTE_OTHER_CONFIG = 'baseline measured with a different configuration'

/** A host measured now that the baseline lacks (absent there, or failed) is named, never skipped silently. */
export function noteMissingHosts(names: string[]): string | null {
  if (names.length === 0) return null
  const list = names.join(', ')
  return `the baseline has no results for ${list} (absent or failed there): ${names.length === 1 ? 'it is' : 'they are'} not compared or gated against it`
}

export function verdictFor(change: number, p: number, opts: CompareOptions): Verdict {
  if (p < opts.alpha && change > opts.threshold) return 'regression'
  if (p < opts.alpha && change < -opts.threshold) return 'improvement'
  return '~'
}

type Measured = Omit<Comparison, 'host' | 'metric' | 'unit' | 'gating' | 'note'>

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
  const native = okHost(r, ROLES.overheadReference)?.workload.wall_ms
  const wall = host.workload.wall_ms
  if (!native || !wall) return null
  return pairedRatios(wall.samples, native.samples)
}

export const NOTE_OTHER_COUNTER = 'counted by another valgrind: shown, not gated'
export const NOTE_OTHER_TOOLCHAIN = 'another toolchain: shown, not gated'

/**
 * valgrind's counts survive a change of machine, not of toolchain or counter: those are shown only. The CPU's own
 * counts (macOS) survive no change of CPU model: code paths (a libc copy, the JIT's choices) follow its features.
 */
function countGate(current: Results, baseline: Results, toolchains: Map<string, unknown>) {
  return (host: HostResult, metric: InstructionMetric): { gating: boolean; note?: string } => {
    const gate = gateOf(metric, current.gate, true)
    if (!gate.gating) return gate
    if (toolchains.has(host.name)) return { gating: false, note: NOTE_OTHER_TOOLCHAIN }
    if (current.instructions?.counter !== baseline.instructions?.counter) return { gating: false, note: NOTE_OTHER_COUNTER }
    if (current.instructions?.counter === OS_COUNTER && current.runner.cpu !== baseline.runner.cpu)
      return { gating: false, note: NOTE_OTHER_CPU }
    return gate
  }
}

export function compareWithBaseline(
  current: Results,
  baseline: Results,
  opts: CompareOptions
): { comparisons: Comparison[]; note: string | null } {
  const sameCpu = current.runner.cpu === baseline.runner.cpu
  // Compared all the same, but every comparison of a host whose toolchain changed says so.
  const toolchains = toolchainDifferences(
    current.hosts.filter(h => h.status === 'ok'),
    baseline.hosts.filter(h => h.status === 'ok')
  )
  const comparisons: Comparison[] = []
  const push = (host: string, metric: MetricName, m: Measured | null): void => {
    if (!m) return
    const gate = gateOf(metric, current.gate, sameCpu)
    const changes = toolchains.get(host)
    const note = [gate.note, changes && hostToolchainNote(changes)].filter(Boolean).join('; ')
    comparisons.push({ host, metric, unit: METRICS[metric].unit, ...m, ...gate, ...(note ? { note } : {}) })
  }
  const pushStats = (host: string, metric: MetricName, c: Stats | null, b: Stats | null): void => {
    if (c && b) push(host, metric, compareSamples(c.samples, b.samples, opts))
  }

  for (const cur of current.hosts) {
    if (cur.status !== 'ok') continue
    const base = okHost(baseline, cur.name)
    if (!base) continue
    if (cur.name !== ROLES.overheadReference) {
      const c = overheadSamples(current, cur)
      const b = overheadSamples(baseline, base)
      if (c && b) push(cur.name, 'overhead', compareSamples(c, b, opts))
    }
    pushStats(cur.name, 'wall_ms', cur.workload.wall_ms, base.workload.wall_ms)
    for (const m of FFI_METRICS) pushStats(cur.name, m, cur.ffi[m], base.ffi[m])
    for (const m of PHASES) pushStats(cur.name, phaseMetric(m), cur.workload.phases_ms[m], base.workload.phases_ms[m])
    if (cur.scaling && base.scaling) {
      const s = compareScaling(cur.scaling.points, base.scaling.points, opts)
      push(cur.name, 'scaling.fixed_ms', s.fixed_ms)
      push(cur.name, 'scaling.per_item_ns', s.per_item_ns)
    }
  }

  comparisons.push(
    ...compareCounts(current.hosts, baseline.hosts, current.gate.instructions_threshold, countGate(current, baseline, toolchains))
  )

  const missing = current.hosts.filter(h => h.status === 'ok' && !okHost(baseline, h.name)).map(h => h.name)
  const notes = [noteMissingHosts(missing)].filter((n): n is string => n !== null)
  if (!sameCpu) notes.push(`${NOTE_OTHER_CPU} (baseline: ${baseline.runner.cpu}; current: ${current.runner.cpu})`)
  if (current.config_hash !== baseline.config_hash) notes.push(NOTE_OTHER_CONFIG)
  const toolchainNote = runToolchainNote(toolchains)
  if (toolchainNote) notes.push(toolchainNote)
  return { comparisons, note: notes.length > 0 ? notes.join('; ') : null }
}
