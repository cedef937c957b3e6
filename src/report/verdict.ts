// The verdict lines of a matrix of runs and the gate's messages; what they say is decided by src/gate.ts.

import { judge, type RunRegression } from '../gate.js'
import type { Comparison, Results } from '../types.js'
import { escapeMarkdown, formatChange, formatCi, formatPInline } from './format.js'
import { isCountMetric, isOverheadMetric, metricLabel, runnerLabel, sortRuns } from './metrics.js'

function regressionsOf(all: readonly Results[]): RunRegression[] {
  return judge(sortRuns(all), false).regressions
}

/** A run's label in markdown. */
const runIn = (run: Results) => escapeMarkdown(runnerLabel(run))

/** Instruction counts are precise to a few in 100,000: their changes are shown to 0.01%. */
const decimalsOf = (comparison: Comparison): number => (isCountMetric(comparison.metric) ? 2 : 1)

/** "p=0.001", or for an instruction count (no p-value) the range of its run ratios. */
function evidence(comparison: Comparison): string {
  return isCountMetric(comparison.metric) ? `every run, range ${formatCi(comparison.ci95, 2)}` : formatPInline(comparison.p)
}

/** "go overhead +25.0% (p=0.001) on Linux x64" */
function describeRegression({ run, comparison }: RunRegression): string {
  const what = escapeMarkdown(`${comparison.host} ${metricLabel(comparison.metric)}`)
  return `${what} ${formatChange(comparison.change, decimalsOf(comparison))} (${evidence(comparison)}) on ${runIn(run)}`
}

/** "python on Linux x64: crashed" for each failed host; optional hosts are marked. */
function describeFailures(all: readonly Results[]): string[] {
  return sortRuns(all).flatMap(run =>
    run.hosts
      .filter(host => host.status === 'failed')
      .map(host => {
        const optional = host.optional ? ' (optional)' : ''
        return `${escapeMarkdown(host.name)}${optional} on ${runIn(run)}: ${escapeMarkdown(host.error ?? 'unknown reason', 160)}`
      })
  )
}

/**
 * The verdict lines at the top of the PR comment: first whether the overhead regressed, then any error
 * (a failed host, or a run whose verdict is "error").
 */
export function verdictLines(all: readonly Results[]): string[] {
  const lines: string[] = []
  const regressions = regressionsOf(all)
  if (regressions.length > 0) {
    const kind = regressions.some(({ comparison }) => isOverheadMetric(comparison.metric) || isCountMetric(comparison.metric))
      ? 'Overhead'
      : 'Performance'
    lines.push(`❌ ${kind} regression: ${regressions.map(describeRegression).join('; ')}`)
  } else {
    lines.push('✅ No overhead regression')
  }
  const failures = describeFailures(all)
  if (failures.length > 0) {
    lines.push(`⚠️ error: ${failures.join('; ')}`)
  } else {
    const errored = sortRuns(all).filter(run => run.verdict === 'error')
    if (errored.length > 0) lines.push(`⚠️ error: the run on ${errored.map(runIn).join(', ')} reported an error`)
  }
  return lines
}

/** One line per gating regression: "Linux x64: go overhead +25.0% (CI [+20.1%, +30.2%], p=0.001)". */
export function renderGateMessage(all: readonly Results[]): string[] {
  return regressionsOf(all).map(
    ({ run, comparison }) =>
      `${runnerLabel(run)}: ${comparison.host} ${metricLabel(comparison.metric)} ${formatChange(comparison.change, decimalsOf(comparison))} ` +
      (isCountMetric(comparison.metric) ? `(${evidence(comparison)})` : `(CI ${formatCi(comparison.ci95)}, ${formatPInline(comparison.p)})`)
  )
}
