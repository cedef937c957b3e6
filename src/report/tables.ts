// The tables of a run report, built with markdown-table. Each returns null when it would have no rows.

import { markdownTable } from 'markdown-table'
import type { Comparison, HostResult, Results, Stats, Verdict } from '../types.js'
import { FFI_LOOP_NAMES, FFI_LOOPS, FFI_METRICS, PHASES, ROLE_LABELS, ROLES, type FfiMetric } from '../vocabulary.js'
import {
  DASH,
  formatChange,
  formatMs,
  formatNs,
  formatNumber,
  formatRange,
  formatRatio,
  formatVerdict,
  showText,
  terminalWidth,
  type TextTarget
} from './format.js'
import { comparisonOf, comparisonsOf, formatMetricValue, isSameBuild, metricLabel, okHosts, runtimeLabel } from './metrics.js'
import { asRecord, formatToolchain } from '../toolchains/record.js'

/** Where a table is shown: a terminal pads by display width, markdown by string length. */
export type TableTarget = TextTarget

export function table(rows: string[][], target: TableTarget): string {
  return markdownTable(rows, target === 'terminal' ? { stringLength: terminalWidth } : {})
}

function changeCell(comparison: Comparison | undefined): string {
  if (comparison && isSameBuild(comparison)) return 'same build'
  return comparison ? formatChange(comparison.change) : DASH
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
  if (host.status === 'failed') return host.optional ? '⚠️ failed (optional)' : '⚠️ failed'
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
  if (host.name === ROLES.overheadReference) return 'reference'
  const overhead = host.workload.overhead_vs_native
  return overhead ? `${formatChange(overhead.median)} (${formatRange(overhead.ci95)})` : DASH
}

/** Every host of a run: its figures and, when the run was compared, its changes and verdict. */
export function summaryTable(results: Results, target: TableTarget): string {
  const compared = results.compared_with.kind !== 'none'
  const header = [
    'host',
    'runtime',
    'wall time',
    `overhead vs ${ROLE_LABELS.overheadReference}`,
    ...(compared ? ['wall change', 'overhead change'] : []),
    'per call: export / import noop',
    ...(compared ? ['verdict'] : [])
  ]
  const rows = results.hosts.map(host => {
    const name = showText(host.name, target)
    const runtime = showText(runtimeLabel(host), target)
    const verdict = compared ? [hostVerdict(results, host)] : []
    if (host.status === 'failed') {
      const reason = showText(`failed: ${host.error ?? 'unknown reason'}`, target)
      return [name, runtime, reason, DASH, ...(compared ? [DASH, DASH] : []), DASH, ...verdict]
    }
    const changes = compared
      ? [
          changeCell(comparisonOf(results, host.name, 'wall_ms')),
          host.name === ROLES.overheadReference ? DASH : changeCell(comparisonOf(results, host.name, 'overhead'))
        ]
      : []
    return [name, runtime, formatMs(host.workload.wall_ms?.median), overheadCell(host), ...changes, perCallCell(host), ...verdict]
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
