// time = fixed + per_item · size, fitted per host over the `sizes` runs (docs/design.md, "Measurement").
import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics'

export interface ScalingPoint {
  size: number
  wall_ms: number[]
}

export interface ScalingFitValues {
  fixed_ms: number
  per_item_ns: number
  r2: number
}

/**
 * Ordinary least squares over every (size, sample) pair rather than over per-size medians, so sizes with more
 * samples weigh more and r² reflects the real scatter. Needs at least two distinct sizes.
 */
export function fitScaling(points: ScalingPoint[]): ScalingFitValues {
  const pairs: Array<[number, number]> = []
  for (const p of points) for (const w of p.wall_ms) pairs.push([p.size, w])
  const sizes = new Set(pairs.map(([s]) => s))
  if (sizes.size < 2) throw new Error('fitScaling: need samples at two or more distinct sizes')
  const line = linearRegression(pairs)
  return {
    fixed_ms: line.b,
    // slope is ms per item; 1 ms = 1e6 ns
    per_item_ns: line.m * 1e6,
    r2: rSquared(pairs, linearRegressionLine(line))
  }
}
