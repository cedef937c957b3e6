// The gate's messages, one line per gating regression; what regressed is decided by src/gate.ts.

import { judge, type RunRegression } from '../gate.js'
import type { Comparison, Results } from '../types.js'
import { formatChange, formatCi, formatPInline } from './format.js'
import { isCountMetric, metricLabel, runnerLabel, sortRuns } from './metrics.js'

function regressionsOf(all: readonly Results[]): RunRegression[] {
  return judge(sortRuns(all), false).regressions
}

/** Instruction counts are precise to a few in 100,000: their changes are shown to 0.01%. */
const decimalsOf = (comparison: Comparison): number => (isCountMetric(comparison.metric) ? 2 : 1)

/** "p=0.001", or for an instruction count (no p-value) the range of its run ratios. */
function evidence(comparison: Comparison): string {
  return isCountMetric(comparison.metric) ? `every run, range ${formatCi(comparison.ci95, 2)}` : formatPInline(comparison.p)
}

/** One line per gating regression: "Linux x64: go overhead +25.0% (CI [+20.1%, +30.2%], p=0.001)". */
export function renderGateMessage(all: readonly Results[]): string[] {
  return regressionsOf(all).map(
    ({ run, comparison }) =>
      `${runnerLabel(run)}: ${comparison.host} ${metricLabel(comparison.metric)} ${formatChange(comparison.change, decimalsOf(comparison))} ` +
      (isCountMetric(comparison.metric) ? `(${evidence(comparison)})` : `(CI ${formatCi(comparison.ci95)}, ${formatPInline(comparison.p)})`)
  )
}
