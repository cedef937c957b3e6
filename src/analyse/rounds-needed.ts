// What an undecided comparison would have needed: its interval narrows like 1/√n, so the rounds grow with the
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

/**
 * For the report: the rounds and minutes the slowest of these undecided comparisons would need at this pace. A
 * comparison with fewer samples than rounds (the ffi jobs run every few rounds) needs its rounds per sample.
 */
export function budgetNeeded(
  undecided: Pick<PairedChange, 'n' | 'change' | 'ci'>[],
  threshold: number,
  { taken, minutesPerRound }: { taken: number; minutesPerRound: number }
): string {
  const samples = undecided.map(c => roundsToDecide(c, threshold))
  if (samples.some(s => s === null)) return 'no number of rounds for sure (an estimate sits on the threshold)'
  const most = Math.max(...samples.map((s, i) => Math.ceil((s! * taken) / undecided[i].n)))
  if (most > 100 * taken) return `over 100 times the ${taken} rounds taken`
  return `about ${most} rounds (${(most * minutesPerRound).toFixed(0)} min at this pace)`
}
