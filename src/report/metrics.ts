// What the reports know about metric names: labels, units, and which comparison answers which column.

import { NOTE_SAME_BUILD } from '../gate.js'
import type { Comparison, HostResult, Results } from '../types.js'
import { FFI_METRICS, METRICS, ROLE_LABELS, type MetricName } from '../vocabulary.js'
import { DASH, formatCount, formatMs, formatNs, formatNumber } from './format.js'

/** A metric name as people read it: "export_noop_ns" -> "export noop". */
export function metricLabel(metric: MetricName): string {
  return METRICS[metric]?.label ?? String(metric).replace(/[._]/g, ' ')
}

/** A compared metric as a reviewer reads it: "overhead vs wasmtime CLI", "export noop per call". */
export function readableMetric(metric: MetricName): string {
  if (metric === 'overhead') return `overhead vs ${ROLE_LABELS.overheadReference}`
  if ((FFI_METRICS as readonly string[]).includes(metric)) return `${metricLabel(metric)} per call`
  return metricLabel(metric)
}

/** A same-job comparison of a program that did not change: zero by construction. */
export const isSameBuild = (comparison: Comparison): boolean => comparison.note?.includes(NOTE_SAME_BUILD) ?? false

export function isOverheadMetric(metric: MetricName): boolean {
  return METRICS[metric]?.group === 'overhead'
}

/** Instruction counts are decided by the range of their run ratios, not by an interval at a confidence level. */
export function isCountMetric(metric: MetricName): boolean {
  const group = METRICS[metric]?.group
  return group === 'instructions' || group === 'per-call-instructions'
}

/** The comparisons shown in the timing tables: instruction counts have their own. */
export const timedComparisons = (comparisons: Comparison[]): Comparison[] => comparisons.filter(c => !isCountMetric(c.metric))

/** A compared value in its unit; an overhead is compared as the ratio host / native: "1.327×". */
export function formatMetricValue(metric: MetricName, value: number): string {
  switch (METRICS[metric]?.unit) {
    case 'ratio':
      return Number.isFinite(value) ? `${value.toFixed(3)}×` : DASH
    case 'ms':
      return formatMs(value)
    case 'ns/KiB':
      return `${formatNs(value)}/KiB`
    case 'ns':
      return formatNs(value)
    case 'instructions':
      return formatCount(value)
    case 'instructions/KiB':
      return `${formatCount(value)}/KiB`
    default:
      return formatNumber(value)
  }
}

export function comparisonsOf(results: Results, host: string): Comparison[] {
  return results.comparisons.filter(comparison => comparison.host === host)
}

/** A host's comparison of one metric, if the analysis made one. */
export function comparisonOf(results: Results, host: string, metric: MetricName): Comparison | undefined {
  return comparisonsOf(results, host).find(comparison => comparison.metric === metric)
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
