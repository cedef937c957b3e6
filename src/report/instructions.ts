// The instruction-count table of a run report: per host the workload's count and instructions per call, their
// change against the base or baseline; the legend that says what a count is and is not is shown once per report.
import type { Comparison, HostResult, Results, Stats } from '../types.js'
import { OS_COUNTER } from '../instructions/os-counts.js'
import { FFI_METRICS, instructionMetric, PER_CALL_COUNTS, type FfiMetric } from '../vocabulary.js'
import { DASH, formatChange, formatCount, formatRange, formatVerdict, showText, type TextTarget } from './format.js'
import { comparisonOf, formatMetricValue, metricLabel } from './metrics.js'
import { table } from './tables.js'

export const INSTRUCTIONS_LEGEND =
  "Instructions counted by valgrind's cachegrind: the work the CPU did in the host, the runtime, the compiler and the " +
  'JIT-compiled guest, on one compiler thread (node with --predictable, python with a fixed hash seed) so that a count ' +
  'repeats to a few in 100,000. They are not time: cache misses, system-call latency, waiting, and the parallel ' +
  'compile threads that shorten wall time are not in them. The change is decided by the range of every head/base ratio, ' +
  'not by a p-value: a regression needs every head run beyond every base run by more than the threshold. Per call: the ' +
  "difference between a run with the loop at N calls and one at 2N, over N, the host's own loop iteration included " +
  "(not for node: V8's optimisation of a loop and its GC still vary from run to run); " +
  'from one pair of runs, they vary by up to about 1.5% from run to run, so they are shown and gate only when the gate ' +
  'input has per-call-instructions.'

export const OS_INSTRUCTIONS_LEGEND =
  'Instructions as macOS counts them for each timed workload run (proc_pid_rusage, read before the process is reaped): ' +
  "the CPU's own count of every thread, the kernel's work for the process included, so they vary more than valgrind's " +
  '(compile threads share out work differently each run). The change is decided by the range of every head/base ratio: ' +
  'a regression needs every head run beyond every base run by more than the threshold. No per-call counts.'

/** The legend of each counter the reports used, once each. */
export function instructionsLegends(counters: ReadonlyArray<string | null | undefined>): string[] {
  const legends = counters.filter(Boolean).map(counter => (counter === OS_COUNTER ? OS_INSTRUCTIONS_LEGEND : INSTRUCTIONS_LEGEND))
  return [...new Set(legends)]
}

/** "655.14 M ±0.01%": the median and the spread of the runs around it. */
function countCell(stats: Stats | null | undefined): string {
  if (!stats) return DASH
  const spread = (stats.max - stats.min) / 2 / stats.median
  return Number.isFinite(spread) ? `${formatCount(stats.median)} ±${(spread * 100).toFixed(3)}%` : formatCount(stats.median)
}

function changeCell(comparison: Comparison | undefined): string {
  return comparison
    ? `${formatChange(comparison.change, 2)} (${formatRange(comparison.ci95, 2)}) ${formatVerdict(comparison.verdict)}`
    : DASH
}

function perCallCell(results: Results, host: HostResult, metric: FfiMetric): string {
  const stats = host.instructions?.per_call?.[PER_CALL_COUNTS[metric]]
  if (!stats) return DASH
  const comparison = comparisonOf(results, host.name, instructionMetric(metric))
  const value = formatMetricValue(instructionMetric(metric), stats.median)
  if (!comparison) return value
  return `${value} (${formatChange(comparison.change, 2)}${comparison.gating ? ` ${formatVerdict(comparison.verdict)}` : ''})`
}

/** One line when nothing was counted (why), else the table; null for results from before instruction counts. */
export function instructionsSection(results: Results, target: TextTarget): string | null {
  const run = results.instructions
  if (!run) return null
  if (run.counter === null) return `Instruction counts: ${showText(run.note ?? 'not counted', target, 300)}.`
  const hosts = results.hosts.filter(host => host.status === 'ok' && host.instructions)
  if (hosts.length === 0) return null
  const against = results.compared_with.kind === 'revision' ? 'base' : 'baseline'
  // No per-call columns where nothing was counted per call (macOS's counts come from the workload runs only).
  const perCall = hosts.some(host => host.instructions!.per_call) ? FFI_METRICS : []
  const header = ['host', 'instructions', `change vs ${against} (range)`, ...perCall.map(m => `${metricLabel(m)} per call`)]
  const rows = hosts.map(host => [
    showText(host.name, target),
    host.instructions!.workload ? countCell(host.instructions!.workload) : DASH,
    changeCell(comparisonOf(results, host.name, 'instructions')),
    ...perCall.map(metric => perCallCell(results, host, metric))
  ])
  // A host that failed under the counter keeps what did count; the failure is named under the table.
  const failures = hosts
    .filter(host => host.instructions!.error)
    .map(host => `${showText(host.name, target)}: ${showText(host.instructions!.error!, target, 300)}`)
  const tableText = table([header, ...rows], target)
  const how =
    run.counter === OS_COUNTER
      ? `${showText(OS_COUNTER, target)}, read from the timed workload runs (at least ${run.runs} per host and revision): no extra runs`
      : `${showText(run.counter, target)}, ${run.runs} workload runs per host and revision; ${run.processes} processes, ` +
        `${run.parallel} at a time, in ${run.seconds.toFixed(0)} s (${run.process_seconds.toFixed(0)} s one after another)`
  const notCounted = [...(run.note ? [showText(run.note, target, 300)] : []), ...failures]
  const failed = notCounted.length > 0 ? `\n\nNot counted: ${notCounted.join('; ')}.` : ''
  return `${tableText}${failed}\n\n${how}.`
}
