import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { budgetNeeded, roundsToDecide } from '../src/analyse/rounds-needed.js'

describe('roundsToDecide', () => {
  it('an estimate below the threshold needs the upper side to shrink to the threshold', () => {
    // log1p(5%) / log1p(1%) = 4.903, squared 24.04, times 20 rounds
    assert.equal(roundsToDecide({ n: 20, change: 0, ci: [-0.05, 0.05] }, 0.01), 481)
  })

  it('an estimate above the threshold needs the lower side to shrink to the threshold', () => {
    const rounds = roundsToDecide({ n: 40, change: 0.03, ci: [0, 0.06] }, 0.01)!
    const factor = (Math.log1p(0.03) - 0) / (Math.log1p(0.03) - Math.log1p(0.01))
    assert.equal(rounds, Math.ceil(40 * factor ** 2))
  })

  it('never fewer rounds than already taken (an interval already clear, only the p-value short)', () => {
    assert.equal(roundsToDecide({ n: 30, change: 0.2, ci: [0.05, 0.3] }, 0.01), 30)
  })

  it('no answer for an interval that is not finite or an estimate on the threshold', () => {
    assert.equal(roundsToDecide({ n: 5, change: 0, ci: [-1, Infinity] }, 0.01), null)
    assert.equal(roundsToDecide({ n: 20, change: 0.01, ci: [-0.02, 0.04] }, 0.01), null)
  })
})

describe('budgetNeeded', () => {
  it('names the slowest comparison in rounds and minutes', () => {
    const text = budgetNeeded(
      [
        { n: 20, change: 0, ci: [-0.05, 0.05] },
        { n: 20, change: 0, ci: [-0.02, 0.02] }
      ],
      0.01,
      { taken: 20, minutesPerRound: 0.15 }
    )
    assert.equal(text, 'about 481 rounds (72 min at this pace)')
  })

  it('a comparison sampled every few rounds needs its rounds per sample', () => {
    // 3 ffi samples in 20 rounds: the interval needs ceil(3 × 24.04) = 73 samples, 73 × 20 / 3 = 486.7 rounds
    const text = budgetNeeded([{ n: 3, change: 0, ci: [-0.05, 0.05] }], 0.01, { taken: 20, minutesPerRound: 0.01 })
    assert.equal(text, 'about 487 rounds (5 min at this pace)')
  })

  it('does not pretend to know a budget a hundred times over', () => {
    assert.equal(
      budgetNeeded([{ n: 22, change: 0.009, ci: [-0.05, 0.06] }], 0.01, { taken: 22, minutesPerRound: 0.14 }),
      'over 100 times the 22 rounds taken'
    )
  })

  it('says so when an estimate sits on the threshold', () => {
    assert.match(
      budgetNeeded([{ n: 20, change: 0.01, ci: [0, 0.02] }], 0.01, { taken: 20, minutesPerRound: 0.1 }),
      /no number of rounds for sure \(an estimate sits on the threshold\)/
    )
  })
})
