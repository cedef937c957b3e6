// Deterministic bootstrap helpers: the same inputs always give the same interval, so reports and tests are stable.
import { median, numericSort, quantileSorted, sampleWithReplacement } from 'simple-statistics'

export const BOOTSTRAP_RESAMPLES = 2000
export const BOOTSTRAP_SEED = 0x5eed

/** mulberry32: a tiny seeded PRNG in [0, 1); Math.random cannot be seeded. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Equal-tailed percentile interval of bootstrap replicates. */
export function percentileInterval(replicates: number[], level = 0.95): [number, number] {
  const sorted = numericSort(replicates.slice())
  const tail = (1 - level) / 2
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)]
}

/**
 * Two-sided bootstrap p-value of H0 "ratio = 1", the test dual to the percentile interval:
 * twice the smaller share of replicates on either side of 1, with the +1 correction so it is never 0.
 */
export function bootstrapP(ratios: number[]): number {
  const below = ratios.filter(r => r <= 1).length
  const above = ratios.filter(r => r >= 1).length
  return Math.min(1, (2 * (Math.min(below, above) + 1)) / (ratios.length + 1))
}

/**
 * 95% CI of median(current)/median(baseline) - 1: both sides resampled independently with replacement
 * (they come from different runs), percentile interval of the replicate ratios.
 */
export function bootstrapChangeCi(
  current: number[],
  baseline: number[],
  resamples = BOOTSTRAP_RESAMPLES,
  seed = BOOTSTRAP_SEED
): [number, number] {
  const random = mulberry32(seed)
  const changes: number[] = []
  for (let i = 0; i < resamples; i++) {
    const c = median(sampleWithReplacement(current, current.length, random))
    const b = median(sampleWithReplacement(baseline, baseline.length, random))
    changes.push(c / b - 1)
  }
  return percentileInterval(changes)
}
