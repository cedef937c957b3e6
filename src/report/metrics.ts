// What the reports know about metric names: labels, units, and which comparison answers which column.

import type { Comparison, HostResult, Results } from '../types.js'
import { DASH, formatMs, formatNs, formatNumber } from './format.js'

export const NATIVE_HOST = 'native'

// Metric names as src/analyse/compare.ts writes them; unknown names are shown with spaces for underscores.
const METRIC_LABELS: Record<string, string> = {
  wall_ms: 'wall time',
  overhead: 'overhead',
  overhead_vs_native: 'overhead',
  export_noop_ns: 'export noop',
  export_add_ns: 'export add',
  import_noop_ns: 'import noop',
  memory_ns_per_kib: 'memory round trip',
  'phases_ms.setup': 'setup phase',
  'phases_ms.compile': 'compile phase',
  'phases_ms.instantiate': 'instantiate phase',
  'phases_ms.execute': 'execute phase',
  'scaling.fixed_ms': 'scaling fixed',
  'scaling.per_item_ns': 'scaling per item'
}

/** The last dotted part of a metric name: "workload.wall_ms" -> "wall_ms". */
function metricKey(metric: string): string {
  const parts = metric.split('.')
  return parts[parts.length - 1]!
}

/** A metric name as people read it: "overhead_vs_native" -> "overhead". */
export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric] ?? METRIC_LABELS[metricKey(metric)] ?? metric.replace(/[._]/g, ' ')
}

export function isOverheadMetric(metric: string): boolean {
  return metric.includes('overhead')
}

export function isWallMetric(metric: string): boolean {
  return metric.includes('wall') && !isOverheadMetric(metric)
}

/** A compared value with the unit its name implies; an overhead is compared as the ratio host / native: "1.327×". */
export function formatMetricValue(metric: string, value: number): string {
  if (isOverheadMetric(metric)) return Number.isFinite(value) ? `${value.toFixed(3)}×` : DASH
  if (/_ms$/.test(metric) || metric.startsWith('phases_ms') || isWallMetric(metric)) return formatMs(value)
  if (/ns_per_kib$/.test(metric)) return `${formatNs(value)}/KiB`
  if (/_ns$/.test(metric)) return formatNs(value)
  return formatNumber(value)
}

export function comparisonsOf(results: Results, host: string): Comparison[] {
  return results.comparisons.filter(comparison => comparison.host === host)
}

/** The comparison of a host's workload wall time, if the analysis made one. */
export function wallComparison(results: Results, host: string): Comparison | undefined {
  const candidates = comparisonsOf(results, host).filter(comparison => isWallMetric(comparison.metric))
  return candidates.find(comparison => metricKey(comparison.metric) === 'wall_ms') ?? candidates[0]
}

/** The comparison of a host's overhead against native, if the analysis made one. */
export function overheadComparison(results: Results, host: string): Comparison | undefined {
  const candidates = comparisonsOf(results, host).filter(comparison => isOverheadMetric(comparison.metric))
  return candidates.find(comparison => comparison.metric === 'overhead') ?? candidates[0]
}

/** Regressions that fail the gate, in a stable order. */
export function gatingRegressions(results: Results): Comparison[] {
  return results.comparisons.filter(comparison => comparison.gating && comparison.verdict === 'regression')
}

/** "Linux x64" */
export function runnerLabel(results: Results): string {
  return `${results.runner.os} ${results.runner.arch}`
}

/** "linux-x64": the prefix of exported benchmark names. */
export function runnerSlug(results: Results): string {
  return `${results.runner.os}-${results.runner.arch}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

export function okHosts(results: Results): HostResult[] {
  return results.hosts.filter(host => host.status === 'ok')
}

export function runtimeLabel(host: HostResult): string {
  return host.version ? `${host.runtime} ${host.version}` : host.runtime || DASH
}

/** Runs in a stable order: by OS, then architecture. */
export function sortRuns(all: readonly Results[]): Results[] {
  return [...all].sort((a, b) => runnerLabel(a).localeCompare(runnerLabel(b), 'en'))
}
