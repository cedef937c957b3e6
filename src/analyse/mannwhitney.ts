// Two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
// method='asymptotic', use_continuity=True): normal approximation with tie and continuity correction.
import { numericSort, wilcoxonRankSum } from 'simple-statistics'
import { normalSf } from './normal.js'

export interface MannWhitneyResult {
  /** U statistic of x (SciPy's `statistic`) */
  u: number
  /** two-sided p-value */
  p: number
}

/** Σ (t³ - t) over the groups of tied values in the pooled sample. */
function tieTerm(pooled: number[]): number {
  const sorted = numericSort(pooled.slice())
  let term = 0
  let run = 1
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++
    } else {
      term += run * run * run - run
      run = 1
    }
  }
  return term
}

export function mannWhitneyU(x: number[], y: number[]): MannWhitneyResult {
  if (x.length === 0 || y.length === 0) throw new Error('mannWhitneyU: both samples must be non-empty')
  if ([...x, ...y].some(v => Number.isNaN(v))) throw new Error('mannWhitneyU: NaN in samples')
  const n1 = x.length
  const n2 = y.length
  const n = n1 + n2
  // Ranks are averaged over ties, so the rank sum is a multiple of 1/2 and exact in floating point.
  const r1 = wilcoxonRankSum(x, y)
  const u1 = r1 - (n1 * (n1 + 1)) / 2
  const u2 = n1 * n2 - u1
  const u = Math.max(u1, u2)
  const mu = (n1 * n2) / 2
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm([...x, ...y]) / (n * (n - 1))))
  // The continuity correction always subtracts 1/2 because the larger U goes into the upper tail.
  const numerator = u - mu - 0.5
  // s = 0 only when every value is tied: no evidence of a difference (SciPy gets z = -inf, p = 1).
  const z = s > 0 ? numerator / s : numerator < 0 ? -Infinity : Infinity
  const p = Math.min(1, Math.max(0, 2 * normalSf(z)))
  return { u: u1, p }
}
