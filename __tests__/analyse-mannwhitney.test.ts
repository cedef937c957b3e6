import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { mannWhitneyU } from '../src/analyse/mannwhitney.js'
import { erfc, normalSf } from '../src/analyse/normal.js'

interface Case {
  name: string
  x: number[]
  y: number[]
  u: number
  p: number
}
const reference = JSON.parse(readFileSync(new URL('./fixtures/mannwhitney-reference.json', import.meta.url), 'utf8')) as { cases: Case[] }

describe('mannWhitneyU matches SciPy (asymptotic, two-sided, continuity)', () => {
  it('has reference cases', () => assert.ok(reference.cases.length >= 15))
  for (const c of reference.cases) {
    it(c.name, () => {
      const { u, p } = mannWhitneyU(c.x, c.y)
      assert.equal(u, c.u)
      assert.ok(Math.abs(p - c.p) <= 1e-9 * c.p, `p ${p} vs SciPy ${c.p}`)
    })
  }

  it('is symmetric: swapping the samples gives U2 and the same p', () => {
    const c = reference.cases.find(k => k.name === 'sizes 5 vs 17') as Case
    const swapped = mannWhitneyU(c.y, c.x)
    assert.equal(swapped.u, c.x.length * c.y.length - c.u)
    assert.ok(Math.abs(swapped.p - c.p) <= 1e-12)
  })

  it('rejects empty samples', () => {
    assert.throws(() => mannWhitneyU([], [1]))
  })
})

describe('normal tail', () => {
  it('matches known values of erfc and the normal survival function', () => {
    // Python math.erfc / scipy.stats.norm.sf
    const cases: Array<[number, number]> = [
      [0.5, 0.4795001221869535],
      [2, 0.004677734981047265],
      [3, 2.2090496998585438e-5],
      [10, 2.088487583762545e-45],
      [-1, 1.842700792949715]
    ]
    for (const [x, want] of cases) assert.ok(Math.abs(erfc(x) - want) <= 1e-14 * want, `erfc(${x})`)
    assert.ok(Math.abs(normalSf(1.959963984540054) - 0.025) < 1e-15)
    assert.equal(normalSf(0), 0.5)
  })
})
