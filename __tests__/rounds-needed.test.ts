import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { roundsToDecide } from '../src/analyse/rounds-needed.js'

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
