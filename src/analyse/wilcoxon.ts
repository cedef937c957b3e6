// Two-sided Wilcoxon signed-rank test of paired differences, as scipy.stats.wilcoxon(d) with its defaults
// (zero_method='wilcox', correction=False, method='auto'); simple-statistics has no signed-rank test.
import { normalSf } from './normal.js'

/** How the p-value was found; the names are SciPy's. 'permutation' enumerates every sign flip, so it is exact too. */
export type WilcoxonMethod = 'exact' | 'permutation' | 'asymptotic'

export interface WilcoxonResult {
  /** min(R+, R-), SciPy's two-sided `statistic` */
  statistic: number
  /** two-sided p-value */
  p: number
  method: WilcoxonMethod
}

/** SciPy's method='auto' uses the normal approximation above 50 differences. */
const EXACT_MAX_N = 50
/** With ties or zeros SciPy enumerates the 2^n sign flips while that is at most its 9999 resamples. */
const PERMUTATION_MAX_N = 13

interface SignedRanks {
  /** ranks of |d| among the non-zero differences, averaged over ties (multiples of 1/2) */
  ranks: number[]
  /** sum of the ranks of the positive differences */
  rPlus: number
  /** Σ (t³ - t) over the groups of tied magnitudes */
  tieTerm: number
}

/** Zeros are dropped ("wilcox"), the magnitudes of the rest ranked with ties averaged. */
function signedRanks(d: number[]): SignedRanks {
  const nonZero = d.filter(v => v !== 0)
  const order = nonZero.map((_, i) => i).sort((a, b) => Math.abs(nonZero[a]) - Math.abs(nonZero[b]))
  const ranks: number[] = new Array<number>(nonZero.length)
  let tieTerm = 0
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && Math.abs(nonZero[order[end]]) === Math.abs(nonZero[order[start]])) end++
    const t = end - start
    for (let i = start; i < end; i++) ranks[order[i]] = (start + 1 + end) / 2
    tieTerm += t * t * t - t
    start = end
  }
  const rPlus = ranks.reduce((sum, r, i) => (nonZero[i] > 0 ? sum + r : sum), 0)
  return { ranks, rPlus, tieTerm }
}

/**
 * Null distribution of R+ over the 2^n equally likely sign assignments of the given ranks: entry s counts the
 * assignments whose positive ranks sum to s/2. Ranks are doubled so that averaged ranks index it exactly;
 * counts stay below 2^53 (exact in floating point) up to n = 52.
 */
export function signedRankSumCounts(ranks: number[]): number[] {
  const doubled = ranks.map(r => Math.round(2 * r))
  let counts = [1]
  for (const r of doubled) {
    const next = new Array<number>(counts.length + r).fill(0)
    for (let s = 0; s < counts.length; s++) {
      next[s] += counts[s]
      next[s + r] += counts[s]
    }
    counts = next
  }
  return counts
}

/** Null distributions of untied ranks 1..n, shared by every exact test of n differences (each look asks again). */
const untiedCounts = new Map<number, number[]>()

/** Twice the smaller tail of the enumerated null distribution at the observed R+, capped at 1 (SciPy's rule). */
function enumeratedP(ranks: number[], rPlus: number, untied: boolean): number {
  let counts = untied ? untiedCounts.get(ranks.length) : undefined
  if (!counts) {
    counts = signedRankSumCounts(ranks)
    if (untied) untiedCounts.set(ranks.length, counts)
  }
  const observed = Math.round(2 * rPlus)
  let below = 0
  let above = 0
  counts.forEach((c, s) => {
    if (s <= observed) below += c
    if (s >= observed) above += c
  })
  // Counts over 2^n: both are dyadic rationals, so this division is exact, as SciPy's sums of halved pmfs are.
  return Math.min(1, (2 * Math.min(below, above)) / 2 ** ranks.length)
}

/** Normal approximation with the tie correction of the variance and no continuity correction. */
function asymptoticP(count: number, rPlus: number, tieTerm: number): number {
  const mean = (count * (count + 1)) / 4
  const se = Math.sqrt((count * (count + 1) * (2 * count + 1) - tieTerm / 2) / 24)
  // se = 0 only when every difference is zero; SciPy then answers NaN, we say "no evidence of a change".
  if (se === 0) return 1
  return 2 * normalSf(Math.abs((rPlus - mean) / se))
}

/**
 * Two-sided Wilcoxon signed-rank test of H0 "the differences are symmetric about 0". Agrees with
 * scipy.stats.wilcoxon(d), except that all-zero differences give p = 1 where SciPy gives NaN or an error.
 */
export function wilcoxon(d: number[]): WilcoxonResult {
  if (d.length === 0) throw new Error('wilcoxon: no differences')
  if (d.some(v => Number.isNaN(v))) throw new Error('wilcoxon: NaN in differences')
  const { ranks, rPlus, tieTerm } = signedRanks(d)
  const count = ranks.length
  const statistic = Math.min(rPlus, (count * (count + 1)) / 2 - rPlus)
  const tiesOrZeros = tieTerm > 0 || count < d.length
  let method: WilcoxonMethod
  if (d.length > EXACT_MAX_N) method = 'asymptotic'
  else if (!tiesOrZeros) method = 'exact'
  else method = d.length <= PERMUTATION_MAX_N ? 'permutation' : 'asymptotic'
  const p = method === 'asymptotic' ? asymptoticP(count, rPlus, tieTerm) : enumeratedP(ranks, rPlus, method === 'exact')
  return { statistic, p, method }
}
