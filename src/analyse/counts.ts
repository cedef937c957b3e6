// Instruction counts, head against base (docs/design.md, "Instruction counts"). A count is a deterministic quantity
// with a small jitter (valgrind counts every instruction; the hosts run with their repeatable settings), not a
// random sample from a noisy distribution, so no p-value: the change is decided by the range of every head/base
// ratio. A regression needs every head run above every base run by more than the threshold; "~" needs every
// ratio within it. Measured on 10 A/A runs here, the jitter stayed far below the threshold (docs/noise-study.md, "Instruction
// counts"), so a false regression needs a jitter never seen.
import { median } from 'simple-statistics'
import type { Comparison, HostResult, Stats, Verdict } from '../types.js'
import { FFI_METRICS, instructionMetric, METRICS, PER_CALL_COUNTS, type InstructionMetric } from '../vocabulary.js'

export interface CountRange {
  change: number
  /** the smallest and largest head/base ratio, less one */
  range: [number, number]
}

export function countRange(head: readonly number[], base: readonly number[]): CountRange {
  return {
    change: median([...head]) / median([...base]) - 1,
    range: [Math.min(...head) / Math.max(...base) - 1, Math.max(...head) / Math.min(...base) - 1]
  }
}

export function countVerdict({ range: [lo, hi] }: CountRange, threshold: number): Verdict {
  if (lo > threshold) return 'regression'
  if (hi < -threshold) return 'improvement'
  if (lo >= -threshold && hi <= threshold) return '~'
  return 'inconclusive'
}

/** Each compared count of a host: the workload's, then instructions per call of each ffi figure. */
function countPairs(head: HostResult, base: HostResult): Array<[InstructionMetric, Stats, Stats]> {
  const h = head.instructions
  const b = base.instructions
  if (!h || !b) return []
  const pairs: Array<[InstructionMetric, Stats | null | undefined, Stats | null | undefined]> = [
    ['instructions', h.workload, b.workload],
    ...FFI_METRICS.map(
      m =>
        [instructionMetric(m), h.per_call?.[PER_CALL_COUNTS[m]], b.per_call?.[PER_CALL_COUNTS[m]]] as [
          InstructionMetric,
          Stats | null,
          Stats | null
        ]
    )
  ]
  return pairs.filter((p): p is [InstructionMetric, Stats, Stats] => !!p[1] && !!p[2] && p[2].min > 0)
}

/** The instruction comparisons of the hosts both sides counted; `gateOf` says which gate. */
export function compareCounts(
  head: readonly HostResult[],
  base: readonly HostResult[],
  threshold: number,
  gateOf: (host: HostResult, metric: InstructionMetric) => { gating: boolean; note?: string }
): Comparison[] {
  const comparisons: Comparison[] = []
  for (const h of head) {
    const b = base.find(other => other.name === h.name && other.status === 'ok')
    if (h.status !== 'ok' || !b) continue
    for (const [metric, cur, was] of countPairs(h, b)) {
      const measured = countRange(cur.samples, was.samples)
      comparisons.push({
        host: h.name,
        metric,
        unit: METRICS[metric].unit,
        baseline_median: was.median,
        current_median: cur.median,
        change: measured.change,
        ci95: measured.range,
        ci_level: 1,
        p: Number.NaN,
        n: Math.min(cur.n, was.n),
        verdict: countVerdict(measured, threshold),
        ...gateOf(h, metric)
      })
    }
  }
  return comparisons
}
