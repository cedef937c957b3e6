// Upper tail of the standard normal distribution, accurate to ~1e-14 relative.
// simple-statistics has only a 4-digit table (cumulativeStdNormalProbability) and an erf approximation
// good to ~1e-7, which is too coarse to match SciPy's p-values or to resolve small tail probabilities.

import { probit } from 'simple-statistics'

const SQRT_PI = Math.sqrt(Math.PI)

/** erfc(x) for x >= 0: Maclaurin series of erf below 2 (little cancellation there), continued fraction above. */
function erfcNonNegative(x: number): number {
  if (x < 2) {
    // erf(x) = 2/√π · Σ (-1)^k x^(2k+1) / (k! (2k+1))
    const x2 = x * x
    let term = x
    let sum = x
    for (let k = 1; k < 200; k++) {
      term *= -x2 / k
      const add = term / (2 * k + 1)
      sum += add
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break
    }
    return 1 - (2 / SQRT_PI) * sum
  }
  // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by the modified Lentz method.
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let k = 1; k < 5000; k++) {
    const a = k / 2
    d = x + a * d
    d = d === 0 ? tiny : 1 / d
    c = x + a / c
    if (c === 0) c = tiny
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return Math.exp(-x * x) / SQRT_PI / f
}

/** Complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x === Infinity) return 0
  if (x === -Infinity) return 2
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x)
}

/** P(Z > z) for a standard normal Z (SciPy's norm.sf / ndtr(-z)). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2)
}

/** The z with P(Z > z) = p (SciPy's norm.isf): simple-statistics' probit as a start (~1e-3), then Newton steps. */
export function normalIsf(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalIsf: p must be in (0, 1), got ${p}`)
  let z = probit(1 - p)
  for (let i = 0; i < 8; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)
    const step = (normalSf(z) - p) / density
    z += step
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break
  }
  return z
}
