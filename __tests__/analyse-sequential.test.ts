import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mulberry32 } from '../src/analyse/bootstrap.js'
import { alphaAtLook, decideLook, LAST_LOOK_SHARE, planLooks, type PairedSamples } from '../src/analyse/sequential.js'

/** Seeded normal draws (Box-Muller). */
function gaussianSource(seed: number): () => number {
  const random = mulberry32(seed)
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

const draws = (next: () => number, n: number, centre: number, sd: number): number[] => Array.from({ length: n }, () => centre + sd * next())

describe('planLooks', () => {
  it('spaces the looks geometrically from minRounds to maxRounds', () => {
    assert.deepEqual(planLooks({ minRounds: 20, maxRounds: 160, looks: 4 }), [20, 40, 80, 160])
    assert.deepEqual(planLooks({ minRounds: 10, maxRounds: 90, looks: 3 }), [10, 30, 90])
    assert.deepEqual(planLooks({ minRounds: 10, maxRounds: 100, looks: 1 }), [100])
  })

  it('merges looks that round to the same count, so alpha is split over the looks that happen', () => {
    assert.deepEqual(planLooks({ minRounds: 12, maxRounds: 12, looks: 3 }), [12])
    assert.deepEqual(planLooks({ minRounds: 2, maxRounds: 3, looks: 4 }), [2, 3])
  })

  it('rejects plans that cannot be followed', () => {
    assert.throws(() => planLooks({ minRounds: 30, maxRounds: 20, looks: 2 }), /minRounds <= maxRounds/)
    assert.throws(() => planLooks({ minRounds: 0, maxRounds: 20, looks: 2 }), /whole numbers/)
    assert.throws(() => planLooks({ minRounds: 10, maxRounds: 20, looks: 1.5 }), /whole numbers/)
  })
})

describe('alphaAtLook', () => {
  it('splits what the last look does not keep evenly over the earlier looks', () => {
    const early = (0.05 * (1 - LAST_LOOK_SHARE)) / 3
    assert.equal(alphaAtLook(0.05, 4, { index: 0, last: false }), early)
    assert.equal(alphaAtLook(0.05, 4, { index: 2, last: false }), early)
    assert.equal(alphaAtLook(0.05, 4, { index: 3, last: true }), 0.05 * LAST_LOOK_SHARE)
    assert.equal(alphaAtLook(0.05, 1, { index: 0, last: true }), 0.05)
  })

  it('a look forced early by the time budget spends what the looks before it left: never more than alpha', () => {
    for (const index of [0, 1, 2, 3]) {
      const spent = Array.from({ length: index }, (_, i) => alphaAtLook(0.05, 4, { index: i, last: false }))
      const total = spent.reduce((a, b) => a + b, 0) + alphaAtLook(0.05, 4, { index, last: true })
      assert.ok(Math.abs(total - 0.05) < 1e-15, `forced at look ${index}: ${total}`)
    }
    assert.throws(() => alphaAtLook(0.05, 4, { index: 4, last: true }), /look 4 of 4/)
  })
})

describe('decideLook', () => {
  const options = { alpha: 0.05, looks: 4, threshold: 0.01 }
  /** an early look: alpha × (1 - LAST_LOOK_SHARE) / 3 = 0.00833 */
  const early = { index: 1, last: false }
  const earlyAlpha = alphaAtLook(0.05, 4, early)

  it('classifies clear regressions, improvements, no change and noise', () => {
    const next = gaussianSource(1)
    const look = decideLook(
      [
        { d: draws(next, 30, Math.log(1.1), 0.01), gating: true },
        { d: draws(next, 30, Math.log(0.9), 0.01), gating: true },
        { d: draws(next, 30, 0, 0.002), gating: true },
        { d: draws(next, 20, 0.005, 0.05), gating: true }
      ],
      options,
      early
    )
    assert.deepEqual(
      look.comparisons.map(c => [c.decision, c.verdict]),
      [
        ['regression', 'regression'],
        ['no-regression', 'improvement'],
        ['no-regression', '~'],
        ['undecided', 'inconclusive']
      ]
    )
    assert.equal(look.done, false)
    assert.equal(look.regression, true)
    assert.equal(look.alpha, earlyAlpha)
    for (const c of look.comparisons) {
      assert.equal(c.level, 1 - earlyAlpha)
      assert.ok(c.ci[0] <= c.change && c.change <= c.ci[1])
    }
  })

  it('is done when every gating comparison is decided; shown-only comparisons neither block nor gate', () => {
    const next = gaussianSource(2)
    const look = decideLook(
      [
        { d: draws(next, 30, 0, 0.002), gating: true },
        { d: draws(next, 30, Math.log(1.2), 0.01), gating: false },
        { d: draws(next, 20, 0.005, 0.05), gating: false }
      ],
      options,
      early
    )
    assert.equal(look.done, true)
    assert.equal(look.regression, false)
    assert.deepEqual(
      look.comparisons.map(c => c.verdict),
      ['~', 'regression', '~']
    )
  })

  it("needs the Holm-adjusted p below the look's alpha, not only an interval beyond the threshold", () => {
    // Ten rounds all slower: exact p = 2/1024, and the 99.17% interval is wholly above 1%.
    const slower: PairedSamples = { d: [0.03, 0.05, 0.04, 0.06, 0.035, 0.045, 0.055, 0.04, 0.05, 0.065], gating: true }
    const alone = decideLook([slower], options, early).comparisons[0]
    assert.equal(alone.p, 2 / 1024)
    assert.ok(alone.ci[0] > 0.01)
    assert.equal(alone.verdict, 'regression')
    // Among ten gating comparisons Holm multiplies its p by 10: 0.0195 is not below 0.0083.
    const next = gaussianSource(3)
    const noise = Array.from({ length: 9 }, () => ({ d: draws(next, 10, 0, 0.05), gating: true }))
    const crowded = decideLook([slower, ...noise], options, early).comparisons[0]
    assert.equal(crowded.p_holm, 10 * crowded.p)
    assert.equal(crowded.decision, 'undecided')
    // Shown-only comparisons are another family: they do not dilute the gate.
    const shown = noise.map(c => ({ ...c, gating: false }))
    assert.equal(decideLook([slower, ...shown], options, early).comparisons[0].p_holm, alone.p)
  })

  it('keeps the family-wise rate of false regressions below alpha across 25 comparisons and 3 looks', () => {
    const next = gaussianSource(4)
    const plan = planLooks({ minRounds: 10, maxRounds: 40, looks: 3 })
    let runsWithFalseRegression = 0
    const runs = 300
    for (let run = 0; run < runs; run++) {
      const data = Array.from({ length: 25 }, () => draws(next, 40, 0, 0.05))
      for (const [index, rounds] of plan.entries()) {
        const look = decideLook(
          data.map(d => ({ d: d.slice(0, rounds), gating: true })),
          { alpha: 0.05, looks: plan.length, threshold: 0 },
          { index, last: index === plan.length - 1 }
        )
        if (look.regression) {
          runsWithFalseRegression++
          break
        }
      }
    }
    // Bounded by alpha / 2 = 2.5% (one side); 300 runs: 7.5 expected at the bound, 15 is 3 standard errors above.
    assert.ok(runsWithFalseRegression <= 15, `${runsWithFalseRegression} of ${runs} runs`)
  })
})
