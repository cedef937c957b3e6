// The tables of a run report, built with markdown-table. Each returns null when it would have no rows.

import { markdownTable } from 'markdown-table'
import { NOTE_SAME_BUILD } from '../gate.js'
import type { Comparison, HostResult, Results, Stats, Verdict } from '../types.js'
import { FFI_LOOP_NAMES, FFI_LOOPS, FFI_METRICS, PHASES, ROLES, type FfiMetric } from '../vocabulary.js'
import {
  DASH,
  formatChange,
  formatChangeWithCi,
  formatCi,
  formatMs,
  formatNs,
  formatNumber,
  formatP,
  formatRatio,
  formatVerdict,
  showText,
  terminalWidth,
  type TextTarget
} from './format.js'
import { comparisonOf, comparisonsOf, formatMetricValue, metricLabel, okHosts, runtimeLabel, timedComparisons } from './metrics.js'
import { asRecord, formatToolchain } from '../toolchains/record.js'

/** Where a table is shown: a terminal pads by display width, markdown by string length. */
export type TableTarget = TextTarget

export function table(rows: string[][], target: TableTarget): string {
  return markdownTable(rows, target === 'terminal' ? { stringLength: terminalWidth } : {})
}

function changeCell(comparison: Comparison | undefined, compared: boolean): string {
  if (!compared) return 'no baseline'
  if (comparison?.note?.includes(NOTE_SAME_BUILD)) return 'same build'
  return comparison ? formatChangeWithCi(comparison.change, comparison.ci95) : DASH
}

const VERDICT_RANK: Record<Verdict, number> = { regression: 3, inconclusive: 2, improvement: 1, '~': 0 }

function worstVerdict(comparisons: Comparison[]): Verdict {
  return comparisons.reduce<Verdict>(
    (worst, comparison) => (VERDICT_RANK[comparison.verdict] > VERDICT_RANK[worst] ? comparison.verdict : worst),
    '~'
  )
}

/** A host's verdict: gating comparisons decide; shown-only ones are marked as such. */
export function hostVerdict(results: Results, host: HostResult): string {
  if (host.status === 'failed') return host.optional ? '⚠️ failed (optional)' : '❌ failed'
  const comparisons = comparisonsOf(results, host.name)
  const gating = comparisons.filter(comparison => comparison.gating)
  if (gating.length > 0) return formatVerdict(worstVerdict(gating))
  if (comparisons.length > 0) {
    const verdict = worstVerdict(comparisons)
    return verdict === '~' ? '~' : `${formatVerdict(verdict)} (not gating)`
  }
  return DASH
}

function perCallCell(host: HostResult): string {
  const exportNoop = host.ffi.export_noop_ns?.median
  const importNoop = host.ffi.import_noop_ns?.median
  if (exportNoop == null && importNoop == null) return DASH
  return `${formatNs(exportNoop)} / ${formatNs(importNoop)}`
}

function overheadCell(host: HostResult): string {
  if (host.name === ROLES.overheadReference || !host.workload.overhead_vs_native) return DASH
  const overhead = host.workload.overhead_vs_native
  return formatChangeWithCi(overhead.median, overhead.ci95)
}

function overheadChangeCell(results: Results, host: HostResult, compared: boolean): string {
  if (host.name === ROLES.overheadReference) return DASH
  return changeCell(comparisonOf(results, host.name, 'overhead'), compared)
}

/** The level the comparisons' intervals share: 95% across runs, 1 - the last look's alpha in the same job ("97.5% CI"). */
export function ciLabel(comparisons: Comparison[]): string {
  const levels = new Set(comparisons.map(c => c.ci_level ?? 0.95))
  if (levels.size === 0) return '95% CI'
  if (levels.size > 1) return 'CI'
  const percent = [...levels][0] * 100
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}% CI`
}

export function summaryTable(results: Results, target: TableTarget): string {
  const compared = results.compared_with.kind !== 'none'
  const against = results.compared_with.kind === 'revision' ? 'base' : 'baseline'
  const header = [
    'host',
    'runtime',
    'median wall',
    `change vs ${against} [${ciLabel(timedComparisons(results.comparisons))}]`,
    `overhead vs ${ROLES.overheadReference} [95% CI]`,
    'overhead change',
    'per call: export / import noop',
    'verdict'
  ]
  const rows = results.hosts.map(host => {
    const name = showText(host.name, target)
    const runtime = showText(runtimeLabel(host), target)
    if (host.status === 'failed') {
      const reason = showText(`failed: ${host.error ?? 'unknown reason'}`, target)
      return [name, runtime, reason, DASH, DASH, DASH, DASH, hostVerdict(results, host)]
    }
    return [
      name,
      runtime,
      formatMs(host.workload.wall_ms?.median),
      changeCell(comparisonOf(results, host.name, 'wall_ms'), compared),
      overheadCell(host),
      overheadChangeCell(results, host, compared),
      perCallCell(host),
      hostVerdict(results, host)
    ]
  })
  return table([header, ...rows], target)
}

export function phaseTable(results: Results, target: TableTarget): string | null {
  const hosts = okHosts(results).filter(host => PHASES.some(phase => host.workload.phases_ms[phase]))
  if (hosts.length === 0) return null
  const rows = hosts.map(host => [showText(host.name, target), ...PHASES.map(phase => formatMs(host.workload.phases_ms[phase]?.median))])
  return table([['host', ...PHASES], ...rows], target)
}

function ffiCell(host: HostResult, metric: FfiMetric): string {
  const stats: Stats | null = host.ffi[metric]
  if (!stats) return DASH
  const value = formatMetricValue(metric, stats.median)
  const vsRust = host.ffi_vs_rust[metric]
  // A ratio reads better than a percentage when hosts differ by orders of magnitude (python: ~100× rust).
  return vsRust == null ? value : `${value} (${formatRatio(vsRust + 1)} ${ROLES.perCallReference})`
}

export function ffiTable(results: Results, target: TableTarget): string | null {
  const hosts = okHosts(results).filter(host => FFI_METRICS.some(metric => host.ffi[metric]))
  if (hosts.length === 0) return null
  const header = ['host', ...FFI_METRICS.map(metricLabel), ...FFI_LOOP_NAMES.map(loop => `${FFI_LOOPS[loop]} (subtracted)`)]
  const rows = hosts.map(host => [
    showText(host.name, target),
    ...FFI_METRICS.map(metric => ffiCell(host, metric)),
    ...FFI_LOOP_NAMES.map(loop => formatNs(host.ffi_loops?.[loop]?.median))
  ])
  return table([header, ...rows], target)
}

/** What the per-call figures are, so that nobody reads node's as the same kind of number as the others. */
export const PER_CALL_LEGEND =
  'Each figure is the cost of one call with the cost of the same loop without the call subtracted (the host loop for ' +
  'export calls, the guest loop for import calls, both calibrated in the same process and shown in ns per iteration); ' +
  "memory copy is 1 MiB written into the guest's memory and one call that touches it, per KiB. node's figures are V8's " +
  'JIT best case: the hot loops are optimised by TurboFan and the JS-to-Wasm wrappers inlined (its flags are in the ' +
  'toolchain table).'

/** CPU time per workload run (the launcher's rusage): CPU / wall above 1 means the host ran threads in parallel. */
export function cpuTable(results: Results, target: TableTarget): string | null {
  const hosts = okHosts(results).filter(host => host.workload.cpu_ms && host.workload.wall_ms)
  if (hosts.length === 0) return null
  const header = ['host', 'wall', 'user CPU', 'system CPU', 'CPU / wall']
  const rows = hosts.map(host => {
    const { user, system } = host.workload.cpu_ms!
    const wall = host.workload.wall_ms!.median
    return [
      showText(host.name, target),
      formatMs(wall),
      formatMs(user.median),
      formatMs(system.median),
      formatRatio((user.median + system.median) / wall)
    ]
  })
  return table([header, ...rows], target)
}

export function scalingTable(results: Results, target: TableTarget): string | null {
  const hosts = okHosts(results).filter(host => host.scaling)
  if (hosts.length === 0) return null
  const header = ['host', 'fixed', 'per item', 'R²', `fixed vs ${ROLES.overheadReference}`, `per item vs ${ROLES.overheadReference}`]
  const rows = hosts.map(host => {
    const fit = host.scaling!
    return [
      showText(host.name, target),
      formatMs(fit.fixed_ms),
      formatNs(fit.per_item_ns),
      Number.isFinite(fit.r2) ? fit.r2.toFixed(4) : DASH,
      host.name === ROLES.overheadReference ? DASH : formatChange(fit.overhead_vs_native.fixed),
      host.name === ROLES.overheadReference ? DASH : formatChange(fit.overhead_vs_native.per_item)
    ]
  })
  return table([header, ...rows], target)
}

function gatingNote(comparison: Comparison, target: TableTarget): string {
  const base = comparison.gating ? 'gating' : 'shown only'
  return showText(comparison.note ? `${base}: ${comparison.note}` : base, target)
}

export function comparisonsTable(comparisons: Comparison[], against: string, target: TableTarget): string | null {
  if (comparisons.length === 0) return null
  const header = ['host', 'metric', against, 'current', 'change', ciLabel(comparisons), 'p', 'verdict', 'gate']
  const rows = comparisons.map(comparison => [
    showText(comparison.host, target),
    showText(metricLabel(comparison.metric), target),
    formatMetricValue(comparison.metric, comparison.baseline_median),
    formatMetricValue(comparison.metric, comparison.current_median),
    formatChange(comparison.change),
    formatCi(comparison.ci95),
    formatP(comparison.p),
    formatVerdict(comparison.verdict),
    gatingNote(comparison, target)
  ])
  return table([header, ...rows], target)
}

/** Every toolchain that shaped a host's figures (a baseline measured with others says so in its note). */
export function toolchainTable(results: Results, target: TableTarget): string | null {
  const rows = results.hosts.flatMap(host => {
    const record = asRecord(host.toolchains)
    return record && Object.keys(record).length > 0 ? [[showText(host.name, target), showText(formatToolchain(record), target, 500)]] : []
  })
  return rows.length > 0 ? table([['host', 'toolchain'], ...rows], target) : null
}

/** "median 1.23 ms (95% CI 1.20 ms – 1.30 ms, n=30)" */
export function describeStats(stats: Stats, format: (value: number) => string = formatMs): string {
  return `median ${format(stats.median)} (95% CI ${format(stats.ci95[0])} – ${format(stats.ci95[1])}, n=${stats.n})`
}

/** Which clock timed the processes, and the harness's own cost of an empty process under it. */
export function harnessLine(results: Results, target: TableTarget): string {
  const clock = results.harness.clock
  const source =
    clock?.source === 'launcher'
      ? 'Wall times from the native launcher (spawn to wait, monotonic clock, as hyperfine -N).'
      : `Wall times from Node (spawn to 'exit' event)${clock?.note ? `: ${showText(clock.note, target, 300)}` : ''}.`
  return `${source} Spawn cost of an empty process: ${describeStats(results.harness.spawn_ms)}.`
}

export function configLine(results: Results, target: TableTarget): string {
  const { iterations, warmup } = results.config
  const { threshold, alpha, groups } = results.gate
  const text = (value: unknown) => showText(String(value), target)
  return (
    `iterations ${text(iterations)}, warm-up ${text(warmup)}, threshold ${formatNumber(threshold * 100)}%, ` +
    `alpha ${text(alpha)}, gate ${text(groups.join(', '))}, commit ${text(results.commit.slice(0, 12)) || DASH}`
  )
}
