import { describe as suite, it } from 'node:test'
import assert from 'node:assert/strict'
import { describe, medianCi, medianCiRank, pairedRatio, relativeTo } from '../src/analyse/stats.js'

const close = (actual: number, expected: number, tol = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`)

suite('describe', () => {
  it('computes location, spread and outliers of a hand-checkable sample', () => {
    const s = describe([9, 2, 4, 4, 4, 5, 5, 7])
    assert.equal(s.n, 8)
    assert.equal(s.mean, 5)
    assert.equal(s.median, 4.5)
    assert.equal(s.min, 2)
    assert.equal(s.max, 9)
    close(s.sd, Math.sqrt(32 / 7)) // Σ(x-5)² = 32, sample variance divides by n-1
    assert.equal(s.mad, 0.5) // |x-4.5| = 4.5 2.5 .5 .5 .5 .5 .5 2.5
    // fence 3·1.4826·0.5 = 2.22: 2, 7 and 9 lie outside
    assert.equal(s.outliers, 3)
    assert.deepEqual(s.ci95, [2, 9]) // n=8: only [min, max] reaches 95%
    assert.deepEqual(s.samples, [9, 2, 4, 4, 4, 5, 5, 7])
  })

  it('keeps a copy of the samples and gives sd 0 for a single sample', () => {
    const input = [3]
    const s = describe(input)
    input.push(4)
    assert.deepEqual(s.samples, [3])
    assert.equal(s.sd, 0)
    assert.deepEqual(s.ci95, [3, 3])
    assert.equal(s.outliers, 0)
  })

  it('rejects empty and non-finite samples', () => {
    assert.throws(() => describe([]), /no samples/)
    assert.throws(() => describe([1, NaN]), /non-finite/)
  })
})

suite('median CI by order statistics', () => {
  it('picks the textbook ranks', () => {
    // Binomial(n, 1/2) tables: n=10 -> (2, 9), n=20 -> (6, 15), n=100 -> (40, 61)
    assert.equal(medianCiRank(10), 2)
    assert.equal(medianCiRank(20), 6)
    assert.equal(medianCiRank(100), 40)
  })

  it('falls back to [min, max] when n is too small for 95%', () => {
    assert.equal(medianCiRank(5), 1)
    assert.equal(medianCiRank(6), 1)
    assert.deepEqual(medianCi([5, 1, 3]), [1, 5])
  })

  it('reads the interval from the sorted samples', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i) // 20..1
    assert.deepEqual(medianCi(xs), [6, 15])
  })
})

suite('pairedRatio', () => {
  it('is the median per-round ratio minus one, with its CI', () => {
    const reference = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    const factors = [1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0]
    const host = reference.map((r, i) => r * factors[i])
    const est = pairedRatio(host, reference)
    close(est.median, 0.55)
    close(est.ci95[0], 0.2) // ranks 2 and 9 of n=10
    close(est.ci95[1], 0.9)
  })

  it('pairs by round, so a drift shared by both sides cancels', () => {
    const reference = [10, 100, 1000, 10000, 50, 500, 5000]
    const est = pairedRatio(
      reference.map(r => r * 1.5),
      reference
    )
    close(est.median, 0.5)
    close(est.ci95[0], 0.5)
    close(est.ci95[1], 0.5)
  })

  it('pairs the rounds both ran: a same build that left the rounds holds the first ones', () => {
    assert.deepEqual(pairedRatio([2, 4, 6], [1, 2]), pairedRatio([2, 4], [1, 2]))
    assert.throws(() => pairedRatio([], [1]), /empty/)
  })
})

suite('relativeTo', () => {
  it('is value/reference - 1 and null when it cannot be said', () => {
    close(relativeTo(150, 100) as number, 0.5)
    assert.equal(relativeTo(null, 100), null)
    assert.equal(relativeTo(1, null), null)
    assert.equal(relativeTo(1, 0), null)
  })
})
