// Results for the neighbours: github-action-benchmark's `customSmallerIsBetter` JSON and Bencher's BMF JSON.
// Both carry the same benchmarks, named "<os>-<arch> <host> <metric>", e.g. "linux-x64 go workload wall".
// Failed hosts and figures a host cannot give (null) are left out, never made up.

import type { HostResult, Results, Stats } from '../types.js'
import { FFI_LOOP_NAMES, FFI_LOOPS, FFI_METRICS, METRICS, PER_CALL_COUNTS, PHASES } from '../vocabulary.js'
import { okHosts, runnerSlug, runtimeLabel } from './metrics.js'

/** One entry of github-action-benchmark's custom JSON: name, unit and value required; range and extra optional. */
export interface CustomBenchmarkEntry {
  name: string
  unit: string
  value: number
  range?: string
  extra?: string
}

/** Bencher Metric Format: benchmark name -> measure slug -> metric. */
export interface BencherMetric {
  value: number
  lower_value?: number
  upper_value?: number
}
export type BencherMetricFormat = Record<string, Record<string, BencherMetric>>

interface ExportedFigure {
  name: string
  unit: string
  value: number
  ci95?: [number, number]
  extra: string
  /** Bencher measure slug; `latency` is Bencher's built-in measure, in nanoseconds */
  measure: string
  /** factor from `unit` to the measure's unit */
  toMeasure: number
}

const MS_TO_NS = 1e6

/** Six significant digits: enough for any timing, short enough to read. */
function short(value: number): number {
  return Number(value.toPrecision(6))
}

function statsFigure(name: string, unit: string, stats: Stats, context: string): ExportedFigure {
  const summary =
    `median of ${stats.n}; mean ${short(stats.mean)}, sd ${short(stats.sd)}, ` + `min ${short(stats.min)}, max ${short(stats.max)}`
  return {
    name,
    unit,
    value: stats.median,
    ci95: stats.ci95,
    extra: `${summary}\n${context}`,
    measure: 'latency',
    toMeasure: unit === 'ms' ? MS_TO_NS : 1
  }
}

/** An instruction count (valgrind's cachegrind, or macOS's): Bencher's `instructions` measure, as its Iai adapters name it. */
function countFigure(name: string, unit: string, stats: Stats, context: string): ExportedFigure {
  return { ...statsFigure(name, unit, stats, context), measure: 'instructions', toMeasure: 1 }
}

/** Per-call figures as exported: "ffi export noop" in ns/call, "ffi memory copy" in ns/KiB (from the vocabulary). */
const FFI_FIGURES = FFI_METRICS.map(key => {
  const { label, unit } = METRICS[key]
  return { key, metric: `ffi ${label}`, unit: unit === 'ns' ? 'ns/call' : unit }
})

function hostFigures(host: HostResult, prefix: string, counter: string | null): ExportedFigure[] {
  const figures: ExportedFigure[] = []
  const name = `${prefix} ${host.name}`
  const context = runtimeLabel(host)
  const { wall_ms, phases_ms, overhead_vs_native, cpu_ms } = host.workload
  if (wall_ms) figures.push(statsFigure(`${name} workload wall`, 'ms', wall_ms, context))
  if (cpu_ms) {
    figures.push(statsFigure(`${name} workload user CPU`, 'ms', cpu_ms.user, context))
    figures.push(statsFigure(`${name} workload system CPU`, 'ms', cpu_ms.system, context))
  }
  if (overhead_vs_native) {
    figures.push({
      name: `${name} overhead vs native`,
      unit: '%',
      value: overhead_vs_native.median * 100,
      ci95: [overhead_vs_native.ci95[0] * 100, overhead_vs_native.ci95[1] * 100],
      extra: `host wall time / native wall time - 1, paired per round\n${context}`,
      measure: 'overhead-vs-native',
      toMeasure: 1
    })
  }
  for (const phase of PHASES) {
    const stats = phases_ms[phase]
    if (stats) figures.push(statsFigure(`${name} phase ${phase}`, 'ms', stats, context))
  }
  for (const { key, metric, unit } of FFI_FIGURES) {
    const stats = host.ffi[key]
    if (stats) figures.push(statsFigure(`${name} ${metric}`, unit, stats, context))
  }
  for (const loop of FFI_LOOP_NAMES) {
    const stats = host.ffi_loops?.[loop]
    if (stats)
      figures.push(statsFigure(`${name} ffi ${FFI_LOOPS[loop]}`, 'ns/iteration', stats, `${context}; subtracted from the per-call figures`))
  }
  const counts = host.instructions
  const counted = `${context}; counted by ${counter ?? 'valgrind'}`
  if (counts?.workload) figures.push(countFigure(`${name} workload instructions`, 'instructions', counts.workload, counted))
  for (const { key, metric, unit } of FFI_FIGURES) {
    const stats = counts?.per_call?.[PER_CALL_COUNTS[key]]
    if (stats) figures.push(countFigure(`${name} ${metric} instructions`, unit.replace(/^ns/, 'instructions'), stats, counted))
  }
  if (host.scaling) {
    const fit = host.scaling
    const extra = `least-squares fit, R² ${short(fit.r2)}\n${context}`
    const latency = { extra, measure: 'latency' }
    figures.push({ ...latency, name: `${name} scaling fixed`, unit: 'ms', value: fit.fixed_ms, toMeasure: MS_TO_NS })
    figures.push({ ...latency, name: `${name} scaling per item`, unit: 'ns', value: fit.per_item_ns, toMeasure: 1 })
  }
  return figures.filter(figure => Number.isFinite(figure.value))
}

function figures(results: Results): ExportedFigure[] {
  const prefix = runnerSlug(results)
  const all = okHosts(results).flatMap(host => hostFigures(host, prefix, results.instructions?.counter ?? null))
  const spawn = results.harness.spawn_ms
  if (Number.isFinite(spawn.median)) {
    all.push(statsFigure(`${prefix} harness spawn`, 'ms', spawn, 'spawn of an empty process'))
  }
  return all
}

function finiteCi(ci: [number, number] | undefined): ci is [number, number] {
  return ci !== undefined && Number.isFinite(ci[0]) && Number.isFinite(ci[1])
}

/**
 * github-action-benchmark `tool: customSmallerIsBetter`: a JSON array of { name, unit, value, range?, extra? }
 * (README "customBiggerIsBetter and customSmallerIsBetter"; src/extract.ts BenchmarkResult).
 */
export function toCustomSmallerIsBetter(results: Results): CustomBenchmarkEntry[] {
  return figures(results).map(figure => {
    const entry: CustomBenchmarkEntry = { name: figure.name, unit: figure.unit, value: figure.value }
    if (finiteCi(figure.ci95)) entry.range = `95% CI ${short(figure.ci95[0])} to ${short(figure.ci95[1])}`
    entry.extra = figure.extra
    return entry
  })
}

/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format): benchmark name -> measure
 * slug -> { value, lower_value?, upper_value? }. Times use the built-in `latency` measure, whose unit is the
 * nanosecond, so milliseconds are converted; the overhead uses a custom `overhead-vs-native` measure in percent.
 * value is the median, lower and upper the 95% confidence interval of the median.
 */
export function toBencherMetricFormat(results: Results): BencherMetricFormat {
  const bmf: BencherMetricFormat = {}
  for (const figure of figures(results)) {
    // toPrecision(15) drops the float noise of the unit conversion (64.9 ms -> 64900000 ns, not 64900000.00000001)
    const convert = (value: number): number => (figure.toMeasure === 1 ? value : Number((value * figure.toMeasure).toPrecision(15)))
    const metric: BencherMetric = { value: convert(figure.value) }
    if (finiteCi(figure.ci95)) {
      metric.lower_value = convert(Math.min(...figure.ci95))
      metric.upper_value = convert(Math.max(...figure.ci95))
    }
    bmf[figure.name] = { ...bmf[figure.name], [figure.measure]: metric }
  }
  return bmf
}
