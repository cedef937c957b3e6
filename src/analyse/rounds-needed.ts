// What an undecided comparison would need (the report's headline says it): its interval narrows like 1/√n, so the rounds grow with the
// square of how much narrower the interval must get to clear the threshold on the side of its estimate.
import type { PairedChange } from './paired.js'

/** Rounds after which the interval would clear `threshold`, or null when no number of rounds is likely to. */
export function roundsToDecide({ n, change, ci }: Pick<PairedChange, 'n' | 'change' | 'ci'>, threshold: number): number | null {
  const [low, high, estimate, bound] = [ci[0], ci[1], change, threshold].map(Math.log1p)
  if (![low, high, estimate].every(Number.isFinite)) return null
  const [have, need] = estimate > bound ? [estimate - low, estimate - bound] : [high - estimate, bound - estimate]
  if (need <= 0) return null
  return Math.max(n, Math.ceil(n * (have / need) ** 2))
}
