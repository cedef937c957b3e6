import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { compareSamples, compareWithBaseline } from '../src/analyse/compare.js'
import { NOTE_OTHER_CPU, runVerdict as overallVerdict } from '../src/gate.js'
import { analyse, applyBaseline } from '../src/analyse/index.js'
import { notCounted, OS_COUNTER } from '../src/instructions/os-counts.js'
import type { Results } from '../src/types.js'
import { syntheticRaw, GATE } from './fixtures/synthetic-raw.js'

const OPTS = { threshold: 0.1, alpha: 0.05 }
const gateRegressions = (r: Results): string[] =>
  r.comparisons.filter(c => c.verdict !== '~').map(c => `${c.host}/${c.metric}/${c.verdict}/${c.gating}`)

describe('compareWithBaseline', () => {
  it('finds no change between identical results', () => {
    const r = analyse(syntheticRaw(), GATE)
    const { comparisons, note } = compareWithBaseline(r, r, OPTS)
    assert.equal(note, null)
    assert.ok(comparisons.length > 20)
    for (const c of comparisons) {
      assert.equal(c.verdict, '~', `${c.host}/${c.metric}`)
      assert.equal(c.change, 0)
      assert.equal(c.p, 1)
    }
    // overhead for every non-native host, never for native itself
    const overhead = comparisons.filter(c => c.metric === 'overhead').map(c => c.host)
    assert.deepEqual(overhead.sort(), ['go', 'python', 'rust'])
    assert.ok(
      comparisons.every(
        c => c.gating === (c.metric === 'overhead' || c.metric === 'wall_ms' || c.metric.endsWith('_ns') || c.metric.endsWith('_kib'))
      )
    )
  })

  it('flags a 25% slower host as a regression of its overhead and wall time only', () => {
    const baseline = analyse(syntheticRaw({ seed: 1 }), GATE)
    const current = analyse(syntheticRaw({ seed: 2, scale: { go: 1.25 } }), GATE)
    const { comparisons } = compareWithBaseline(current, baseline, OPTS)
    const flagged = comparisons.filter(c => c.verdict !== '~')
    assert.deepEqual(flagged.map(c => `${c.host}/${c.metric}/${c.verdict}`).sort(), ['go/overhead/regression', 'go/wall_ms/regression'])
    const wall = flagged.find(c => c.metric === 'wall_ms')!
    assert.ok(Math.abs(wall.change - 0.25) < 0.03, `change ${wall.change}`)
    assert.ok(wall.ci95[0] > 0.1 && wall.ci95[1] < 0.4 && wall.ci95[0] < wall.change && wall.change < wall.ci95[1])
    assert.ok(wall.p < 1e-6)
    assert.equal(wall.gating, true)
  })

  it('reports an improvement symmetrically', () => {
    const baseline = analyse(syntheticRaw({ seed: 1 }), GATE)
    const current = analyse(syntheticRaw({ seed: 3, scale: { python: 0.7 } }), GATE)
    assert.deepEqual(gateRegressions(applyBaseline(current, baseline, { ...OPTS, source: 'test' })).sort(), [
      'python/overhead/improvement/true',
      'python/wall_ms/improvement/true'
    ])
  })

  it('shows absolute times from another CPU model without gating them', () => {
    const baseline = analyse(syntheticRaw({ seed: 1, cpu: 'Intel Xeon Platinum 8370C' }), GATE)
    const current = analyse(syntheticRaw({ seed: 2, scale: { go: 1.25 } }), GATE)
    const { comparisons, note } = compareWithBaseline(current, baseline, OPTS)
    assert.match(note ?? '', /another CPU model/)
    const wall = comparisons.find(c => c.host === 'go' && c.metric === 'wall_ms')!
    assert.equal(wall.verdict, 'regression')
    assert.equal(wall.gating, false)
    assert.equal(wall.note, NOTE_OTHER_CPU)
    const overhead = comparisons.find(c => c.host === 'go' && c.metric === 'overhead')!
    assert.equal(overhead.gating, true)
    for (const c of comparisons) if (c.metric !== 'overhead') assert.equal(c.gating, false, c.metric)
  })

  it("gates macOS's own instruction counts against a baseline from the same CPU model only", () => {
    const counted = (cpu: string, count: number): Results => {
      const raw = syntheticRaw({ seed: 1, cpu })
      for (const host of raw.hosts) host.instructions = { workload: [count, count * 1.0005, count * 0.9995], per_call: null }
      return {
        ...analyse(raw, { ...GATE, groups: ['instructions'] }),
        instructions: { ...notCounted(''), counter: OS_COUNTER, note: null }
      }
    }
    const instructionsOf = (r: { comparisons: Results['comparisons'] }) =>
      r.comparisons.find(c => c.host === 'go' && c.metric === 'instructions')!
    const same = instructionsOf(compareWithBaseline(counted('Apple M2', 1.03e9), counted('Apple M2', 1e9), OPTS))
    assert.deepEqual([same.verdict, same.gating], ['regression', true])
    const other = instructionsOf(compareWithBaseline(counted('Apple M2', 1.03e9), counted('Apple M1', 1e9), OPTS))
    assert.deepEqual([other.verdict, other.gating, other.note], ['regression', false, NOTE_OTHER_CPU])
  })

  it('a small change is "~" even when significant', () => {
    const base = Array.from({ length: 40 }, (_, i) => 100 + (i % 5) * 0.1)
    const cur = base.map(x => x * 1.05)
    const m = compareSamples(cur, base, OPTS)
    assert.ok(m.p < 1e-6)
    assert.equal(m.verdict, '~')
    assert.equal(compareSamples(cur, base, { ...OPTS, threshold: 0.02 }).verdict, 'regression')
  })

  it('a large change is "~" when it is not significant', () => {
    const m = compareSamples([120, 95, 170], [100, 150, 90], OPTS)
    assert.ok(Math.abs(m.change - 0.2) < 1e-12)
    assert.ok(m.p > 0.5)
    assert.equal(m.verdict, '~')
  })

  it('compares fitted scaling costs, shown but not gated', () => {
    const sizes = [1e5, 5e5, 1e6]
    const baseline = analyse(syntheticRaw({ seed: 1, sizes }), GATE)
    const current = analyse(syntheticRaw({ seed: 2, sizes, scale: { rust: 1.5 } }), GATE)
    const { comparisons } = compareWithBaseline(current, baseline, OPTS)
    const perItem = comparisons.find(c => c.host === 'rust' && c.metric === 'scaling.per_item_ns')!
    assert.equal(perItem.verdict, 'regression')
    assert.equal(perItem.gating, false)
    // the slope is noisy at 10 samples per size; the true change (+50%) must lie in its CI
    assert.ok(perItem.ci95[0] < 0.5 && 0.5 < perItem.ci95[1], `ci ${perItem.ci95}`)
    const goFixed = comparisons.find(c => c.host === 'go' && c.metric === 'scaling.fixed_ms')!
    assert.equal(goFixed.verdict, '~')
  })

  it('names a host the baseline lacks or had failed instead of skipping its gate silently', () => {
    const current = analyse(syntheticRaw({ seed: 2, scale: { go: 1.5 } }), GATE)
    const full = analyse(syntheticRaw({ seed: 1 }), GATE)
    const baseline: Results = {
      ...full,
      hosts: full.hosts
        .filter(h => h.name !== 'go')
        .map(h => (h.name === 'python' ? { ...h, status: 'failed' as const, error: 'exit code 1' } : h))
    }
    const { comparisons, note } = compareWithBaseline(current, baseline, OPTS)
    assert.ok(!comparisons.some(c => c.host === 'go' || c.host === 'python'))
    assert.match(note ?? '', /the baseline has no results for go, python \(absent or failed there\): they are not compared or gated/)
    const applied = applyBaseline(current, baseline, { ...OPTS, source: 'test' })
    assert.match(applied.baseline_note ?? '', /no results for go, python/)
  })
})

describe('overallVerdict', () => {
  it('passes a clean run, fails a gating regression, not a shown-only one', () => {
    const baseline = analyse(syntheticRaw({ seed: 1 }), GATE)
    assert.equal(applyBaseline(analyse(syntheticRaw({ seed: 2 }), GATE), baseline, { ...OPTS, source: 's' }).verdict, 'pass')
    const slower = analyse(syntheticRaw({ seed: 2, scale: { go: 1.25 } }), GATE)
    const gated = applyBaseline(slower, baseline, { ...OPTS, source: 's' })
    assert.equal(gated.verdict, 'regression')
    assert.deepEqual(gated.baseline, { source: 's', commit: 'c0ffee', cpu: baseline.runner.cpu })
    // only phases regress: shown, not gated
    const phasesOnly: Results = {
      ...gated,
      comparisons: gated.comparisons.map(c => ({ ...c, gating: c.metric.startsWith('phases_ms.') }))
    }
    assert.equal(overallVerdict(phasesOnly), 'pass')
  })

  it('is an error when a required host failed, unless it is optional', () => {
    const failed = analyse(syntheticRaw({ failed: ['python'] }), GATE)
    assert.equal(failed.verdict, 'error')
    const optional: Results = {
      ...failed,
      hosts: failed.hosts.map(h => (h.name === 'python' ? { ...h, optional: true } : h))
    }
    assert.equal(overallVerdict(optional), 'pass')
  })
})
