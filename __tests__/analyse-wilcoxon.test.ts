import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { signedRankSumCounts, wilcoxon, type WilcoxonMethod } from '../src/analyse/wilcoxon.js'

interface Case {
  name: string
  d: number[]
  statistic: number
  /** null where SciPy answers NaN */
  p: number | null
  method: WilcoxonMethod
}
const reference = JSON.parse(readFileSync(new URL('./fixtures/wilcoxon-reference.json', import.meta.url), 'utf8')) as { cases: Case[] }

describe('wilcoxon matches scipy.stats.wilcoxon(d) with its defaults', () => {
  it('has reference cases of every method', () => {
    assert.ok(reference.cases.length >= 24)
    for (const method of ['exact', 'permutation', 'asymptotic'])
      assert.ok(
        reference.cases.some(c => c.method === method),
        method
      )
  })
  for (const c of reference.cases) {
    it(`${c.name} (${c.method})`, () => {
      const result = wilcoxon(c.d)
      assert.equal(result.method, c.method)
      assert.equal(result.statistic, c.statistic)
      // SciPy gives NaN for all-zero differences under the normal approximation; no evidence of a change is p = 1.
      const want = c.p ?? 1
      assert.ok(Math.abs(result.p - want) <= 1e-9 * want, `p ${result.p} vs SciPy ${c.p}`)
    })
  }
})

describe('wilcoxon', () => {
  it('gives the same p for d and -d, and the exact smallest p for n all-positive differences', () => {
    const d = [0.3, -0.1, 0.25, 0.4, -0.05, 0.2, 0.15]
    assert.equal(wilcoxon(d).p, wilcoxon(d.map(v => -v)).p)
    assert.equal(wilcoxon([1, 2, 3, 4, 5, 6, 7, 8]).p, 2 / 256)
  })

  it('says p = 1 for a single zero difference, where SciPy raises', () => {
    assert.deepEqual(wilcoxon([0]), { statistic: 0, p: 1, method: 'permutation' })
  })

  it('rejects empty input and NaN', () => {
    assert.throws(() => wilcoxon([]), /no differences/)
    assert.throws(() => wilcoxon([0.1, NaN]), /NaN/)
  })
})

describe('signedRankSumCounts', () => {
  it('counts the 2^n sign assignments by rank sum', () => {
    // ranks 1, 2, 3: sums 0, 1, 2, 3 (twice: 3 and 1+2), 4, 5, 6; indices are doubled sums
    const counts = signedRankSumCounts([1, 2, 3])
    assert.deepEqual(
      counts.flatMap((c, s) => (c > 0 ? [[s / 2, c]] : [])),
      [
        [0, 1],
        [1, 1],
        [2, 1],
        [3, 2],
        [4, 1],
        [5, 1],
        [6, 1]
      ]
    )
    assert.equal(
      signedRankSumCounts([1.5, 1.5, 3]).reduce((a, b) => a + b, 0),
      8
    )
  })
})
