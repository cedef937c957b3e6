import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { fitScaling } from '../src/analyse/scaling.js'
import { mulberry32 } from '../src/analyse/bootstrap.js'

describe('fitScaling', () => {
  it('recovers an exact line: fixed 40 ms, 20 ns per item, r² = 1', () => {
    const points = [1e5, 5e5, 1e6].map(size => ({ size, wall_ms: [40 + size * 2e-5, 40 + size * 2e-5] }))
    const fit = fitScaling(points)
    assert.ok(Math.abs(fit.fixed_ms - 40) < 1e-9, `fixed ${fit.fixed_ms}`)
    assert.ok(Math.abs(fit.per_item_ns - 20) < 1e-9, `per item ${fit.per_item_ns}`)
    assert.ok(Math.abs(fit.r2 - 1) < 1e-12)
  })

  it('recovers a known line from noisy samples, with r² below 1', () => {
    const random = mulberry32(7)
    const points = [2e5, 4e5, 6e5, 8e5, 1e6].map(size => ({
      size,
      wall_ms: Array.from({ length: 30 }, () => 50 + size * 3e-5 + (random() - 0.5) * 2)
    }))
    const fit = fitScaling(points)
    assert.ok(Math.abs(fit.fixed_ms - 50) < 0.5, `fixed ${fit.fixed_ms}`)
    assert.ok(Math.abs(fit.per_item_ns - 30) < 1, `per item ${fit.per_item_ns}`)
    assert.ok(fit.r2 > 0.95 && fit.r2 < 1, `r2 ${fit.r2}`)
  })

  it('needs two distinct sizes', () => {
    assert.throws(() => fitScaling([{ size: 10, wall_ms: [1, 2, 3] }]), /two or more distinct sizes/)
  })
})
