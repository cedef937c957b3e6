// Descriptive statistics of one metric (docs/design.md, "Analysis"): location, spread, a distribution-free CI of the median.
import {
  binomialDistribution,
  max,
  mean,
  median,
  medianAbsoluteDeviation,
  min,
  numericSort,
  sampleStandardDeviation
} from 'simple-statistics'
import type { RatioEstimate, Stats } from '../types.js'

/** Scale that makes the MAD a consistent estimator of σ for normal data. */
export const MAD_TO_SD = 1.4826
/** Samples further than this many (scaled) MADs from the median count as outliers. */
export const OUTLIER_MADS = 3

/**
 * 1-based rank l of the order statistics [x_(l), x_(n+1-l)] that cover the median with at least 95% probability.
 * The number of samples below the true median is Binomial(n, 1/2), so coverage = 1 - 2·P(B ≤ l-1); we take
 * the largest l that keeps coverage ≥ 95%. For n < 6 even [min, max] covers less than 95%, and l = 1 is returned.
 */
export function medianCiRank(n: number, level = 0.95): number {
  if (n < 2) return 1
  const pmf = binomialDistribution(n, 0.5)
  if (!pmf) throw new Error(`binomial distribution unavailable for n=${n}`)
  const alphaHalf = (1 - level) / 2
  let cdf = 0
  let l = 1
  // cdf = P(B ≤ k); rank l = k + 1 is valid while that tail stays within α/2.
  for (let k = 0; k < n; k++) {
    cdf += pmf[k] ?? 0
    if (cdf > alphaHalf) break
    l = k + 1
  }
  return Math.min(l, Math.ceil(n / 2))
}

/** 95% CI of the median of `samples` by order statistics; [min, max] when n is too small for 95%. */
export function medianCi(samples: number[]): [number, number] {
  const sorted = numericSort(samples.slice())
  const l = medianCiRank(sorted.length)
  return [sorted[l - 1], sorted[sorted.length - l]]
}

/** Full descriptive statistics, keeping the raw samples. Throws on an empty sample (no made-up numbers). */
export function describe(samples: number[]): Stats {
  if (samples.length === 0) throw new Error('describe: no samples')
  if (samples.some(x => !Number.isFinite(x))) throw new Error('describe: non-finite sample')
  const n = samples.length
  const med = median(samples)
  const mad = medianAbsoluteDeviation(samples)
  const fence = OUTLIER_MADS * MAD_TO_SD * mad
  return {
    samples: samples.slice(),
    n,
    mean: mean(samples),
    median: med,
    min: min(samples),
    max: max(samples),
    sd: n < 2 ? 0 : sampleStandardDeviation(samples),
    mad,
    ci95: medianCi(samples),
    outliers: samples.filter(x => Math.abs(x - med) > fence).length
  }
}

/** `describe`, or null when there is nothing to describe (a figure a host cannot give). */
export function describeOrNull(samples: number[] | null | undefined): Stats | null {
  return samples && samples.length > 0 ? describe(samples) : null
}

/**
 * Per-round ratios host/reference over the rounds both ran. Every host runs from the first measured round, and a
 * same build leaves the rounds after the first look (measure/runner.ts), so the shorter series holds the first rounds.
 */
export function pairedRatios(host: number[], reference: number[]): number[] {
  const rounds = Math.min(host.length, reference.length)
  if (rounds === 0) throw new Error('paired samples are empty')
  return host.slice(0, rounds).map((h, i) => h / reference[i])
}

/**
 * Paired overhead: per round host/reference (same round, so machine drift cancels), reported as
 * median ratio - 1 with the order-statistics CI of that median, also minus one.
 */
export function pairedRatio(host: number[], reference: number[]): RatioEstimate {
  const ratios = pairedRatios(host, reference)
  const [lo, hi] = medianCi(ratios)
  return { median: median(ratios) - 1, ci95: [lo - 1, hi - 1] }
}

/** value/reference - 1, or null when either is missing or the reference is not positive. */
export function relativeTo(value: number | null | undefined, reference: number | null | undefined): number | null {
  if (value == null || reference == null || !(reference > 0)) return null
  return value / reference - 1
}
