// Instruction counts are decided by the range of every head/base ratio (src/analyse/counts.ts): the verdicts at the
// edges of the threshold, and the comparisons built from two revisions' host results.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compareCounts, countRange, countVerdict } from '../src/analyse/counts.js'
import type { HostResult } from '../src/types.js'
import { countedHost, host } from './fixtures/report-results.js'

const T = 0.005

test('the range spans every head/base ratio, the change is the ratio of the medians', () => {
  const r = countRange([101, 102, 103], [100, 100.5, 101])
  assert.ok(Math.abs(r.change - (102 / 100.5 - 1)) < 1e-12)
  assert.ok(Math.abs(r.range[0] - (101 / 101 - 1)) < 1e-12)
  assert.ok(Math.abs(r.range[1] - (103 / 100 - 1)) < 1e-12)
})

test('a regression needs every head run above every base run by more than the threshold', () => {
  assert.equal(countVerdict(countRange([1010, 1011], [1000, 1001]), T), 'regression')
  // One head run within the threshold of one base run: not decided.
  assert.equal(countVerdict(countRange([1004, 1011], [1000, 1001]), T), 'inconclusive')
  assert.equal(countVerdict(countRange([990, 991], [1000, 1001]), T), 'improvement')
})

test('"~" needs every ratio within the threshold; identical counts are "~"', () => {
  assert.equal(countVerdict(countRange([1000, 1000], [1000, 1000]), T), '~')
  assert.equal(countVerdict(countRange([1004, 1001], [1000, 1002]), T), '~')
  assert.equal(countVerdict(countRange([1006, 1001], [1000, 1002]), T), 'inconclusive')
})

const counted = (name: string, workload: number[], perCall?: number[]): HostResult =>
  countedHost(name, workload, perCall ? { export_noop_ns: perCall, import_noop_ns: perCall } : null)

test('compareCounts compares the workload and each per-call figure both sides counted, with no p-value', () => {
  const head = [counted('native', [1000, 1000]), counted('go', [1012, 1012], [300, 300]), counted('rust', [500, 500])]
  const base = [counted('native', [1000, 1000]), counted('go', [1000, 1000], [300, 301])]
  const comparisons = compareCounts(head, base, T, (_h, metric) => ({ gating: metric === 'instructions' }))
  assert.deepEqual(
    comparisons.map(c => [c.host, c.metric, c.verdict, c.gating]),
    [
      ['native', 'instructions', '~', true],
      ['go', 'instructions', 'regression', true],
      ['go', 'instructions.export_noop', '~', false],
      ['go', 'instructions.import_noop', '~', false]
    ]
  )
  const go = comparisons[1]
  assert.ok(Number.isNaN(go.p))
  assert.equal(go.unit, 'instructions')
  assert.equal(go.n, 2)
  assert.equal(go.ci_level, 1)
})

test('a host without counts on either side, or failed, is not compared', () => {
  const head = [counted('go', [1000]), host('rust', 50), { ...counted('node', [10]), status: 'failed' as const }]
  const base = [host('go', 50), counted('rust', [1000]), counted('node', [10])]
  assert.deepEqual(
    compareCounts(head, base, T, () => ({ gating: true })),
    []
  )
})
