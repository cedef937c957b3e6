// Sampling until the answer is clear (issue 8, item 5): planned looks, alpha split across them, and at each
// look a decision per gating comparison from its Holm-adjusted Wilcoxon p-value and Hodges-Lehmann interval.
//
// What the error rates are. Let a be the level a look spends (alphaAtLook: the looks' levels sum to alpha). At
// one look:
//  - A regression (improvement) needs the Holm-adjusted p < a over the m gating comparisons and the interval at
//    level 1 - a wholly above +threshold (below -threshold). Holm bounds the probability of flagging any of the
//    comparisons that did not change at all by a, under any dependence between them (strong control).
//  - Each comparison's interval misses its true change on a given side with probability at most a/2: one whose
//    true change is at most +threshold (faster ones included) is flagged as a regression with probability at
//    most a/2, and one that truly regressed beyond +threshold is called "no regression" with at most a/2.
// These bounds hold at every look, so by the union bound over the looks taken they hold with alpha in place of
// a for the whole sequential run, whenever it stops. A look forced by a time budget is the run's last: it spends
// what the looks before it left, so the levels never sum to more than alpha.
import { holm } from './holm.js'
import { changeOfLogRatios, type PairedChange } from './paired.js'

export interface LookPlan {
  /** rounds before the first look */
  minRounds: number
  /** rounds at the last look */
  maxRounds: number
  /** planned looks, the last one at maxRounds */
  looks: number
}

/**
 * Round counts at which to look: geometric from minRounds to maxRounds, so that each look shrinks the intervals
 * (width ~ 1/√n) by the same factor; looks that round to the same count are merged.
 */
export function planLooks({ minRounds, maxRounds, looks }: LookPlan): number[] {
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 1
  if (!whole(minRounds) || !whole(maxRounds) || !whole(looks) || minRounds > maxRounds) {
    throw new Error(`planLooks: need whole numbers 1 <= minRounds <= maxRounds and looks >= 1, got ${minRounds}, ${maxRounds}, ${looks}`)
  }
  if (looks === 1) return [maxRounds]
  const rounds = Array.from({ length: looks }, (_, i) => Math.round(minRounds * (maxRounds / minRounds) ** (i / (looks - 1))))
  return [...new Set(rounds)]
}

/**
 * Share of alpha the last look spends; the looks before it split the rest evenly. Most runs on a busy machine end
 * at their last look (planned, or forced by the time budget), so that is where a wider level decides most, while
 * the early looks still stop runs whose answer is already clear (scripts/simulate-sequential.ts).
 */
export const LAST_LOOK_SHARE = 0.5

/** Where a look stands: how many looks came before it, and whether it is the run's last. */
export interface LookPosition {
  index: number
  last: boolean
}

/** The significance level a look spends (Bonferroni over the looks): the last one spends what the others left. */
export function alphaAtLook(alpha: number, looks: number, { index, last }: LookPosition): number {
  if (!Number.isInteger(index) || index < 0 || index >= looks) throw new Error(`alphaAtLook: look ${index} of ${looks}`)
  if (looks === 1) return alpha
  const early = (alpha * (1 - LAST_LOOK_SHARE)) / (looks - 1)
  return last ? alpha - index * early : early
}

export interface SequentialOptions {
  /** family-wise error rate over all gating comparisons and all looks */
  alpha: number
  /** number of planned looks (planLooks(...).length) */
  looks: number
  /** smallest relative change that matters, e.g. 0.01 = 1% */
  threshold: number
}

/** One comparison's paired data so far. */
export interface PairedSamples {
  /** per-round log ratios head/base (logRatios or doubleLogRatios) */
  d: number[]
  /** whether it decides the gate and the stopping */
  gating: boolean
}

export type Decision = 'regression' | 'no-regression' | 'undecided'
/** What a report shows; 'inconclusive' is a gating comparison still undecided (after the last look: for good). */
export type PairedVerdict = 'regression' | 'improvement' | '~' | 'inconclusive'

export interface PairedComparison extends PairedChange {
  /** confidence level of `ci`: 1 - the look's alpha */
  level: number
  /** Holm-adjusted p within its family (gating or shown-only comparisons) */
  p_holm: number
  gating: boolean
  decision: Decision
  verdict: PairedVerdict
}

export interface Look {
  /** every gating comparison is decided: stop sampling */
  done: boolean
  /** some gating comparison is a regression: the gate fails whatever the others say (a caller may stop here) */
  regression: boolean
  /** significance level spent at this look */
  alpha: number
  /** in input order */
  comparisons: PairedComparison[]
}

function classify(
  c: PairedChange,
  pHolm: number,
  gating: boolean,
  alpha: number,
  threshold: number
): Pick<PairedComparison, 'decision' | 'verdict'> {
  const significant = pHolm < alpha
  if (significant && c.ci[0] > threshold) return { decision: 'regression', verdict: 'regression' }
  const improvement = significant && c.ci[1] < -threshold
  if (c.ci[1] < threshold) return { decision: 'no-regression', verdict: improvement ? 'improvement' : '~' }
  return { decision: 'undecided', verdict: gating ? 'inconclusive' : '~' }
}

/**
 * Decides every comparison at one look. Gating and shown-only comparisons are separate Holm families, so
 * showing more metrics never weakens the gate; only gating comparisons decide `done`.
 */
export function decideLook(comparisons: PairedSamples[], { alpha, looks, threshold }: SequentialOptions, at: LookPosition): Look {
  const alphaLook = alphaAtLook(alpha, looks, at)
  const level = 1 - alphaLook
  const changes = comparisons.map(c => changeOfLogRatios(c.d, level))
  const pHolm = new Array<number>(comparisons.length)
  for (const gating of [true, false]) {
    const family = comparisons.flatMap((c, i) => (c.gating === gating ? [i] : []))
    holm(family.map(i => changes[i].p)).forEach((p, j) => (pHolm[family[j]] = p))
  }
  const decided = changes.map((change, i) => {
    const { gating } = comparisons[i]
    return { ...change, level, p_holm: pHolm[i], gating, ...classify(change, pHolm[i], gating, alphaLook, threshold) }
  })
  const gating = decided.filter(c => c.gating)
  return {
    done: gating.every(c => c.decision !== 'undecided'),
    regression: gating.some(c => c.decision === 'regression'),
    alpha: alphaLook,
    comparisons: decided
  }
}
