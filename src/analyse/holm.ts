// Holm's step-down adjustment (Holm 1979): family-wise error control over several comparisons under any
// dependence between them, uniformly more powerful than Bonferroni.

/**
 * Holm-adjusted p-values in input order, as statsmodels' multipletests(p, method='holm'): the i-th smallest p
 * (0-based) times (m - i), made monotone by a running maximum, capped at 1. Reject where adjusted p < alpha.
 */
export function holm(pValues: number[]): number[] {
  if (pValues.some(p => Number.isNaN(p) || p < 0 || p > 1)) throw new Error('holm: p-values must be in [0, 1]')
  const m = pValues.length
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b])
  const adjusted = new Array<number>(m)
  let running = 0
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, pValues[index] * (m - rank)))
    adjusted[index] = running
  })
  return adjusted
}
