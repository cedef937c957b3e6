// The sampler's looks with hosts that ran the same build in both revisions: their comparisons are known without
// statistics (unchanged, and said so), stay out of the Holm family, and never keep the sampling going.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Sampler } from '../src/analyse/sampler.js'
import type { RawHostRun } from '../src/types.js'
import { CONFIG, GATE, syntheticRaw } from './fixtures/synthetic-raw.js'

const ROUNDS = 20

/** Head and base runs: go 30% slower in the head, native and rust the same build (the same samples in both). */
function runs(): Array<{ label: string; hosts: RawHostRun[] }> {
  const base = syntheticRaw({ seed: 2, rounds: ROUNDS }).hosts
  const head = syntheticRaw({ seed: 1, rounds: ROUNDS, scale: { go: 1.3 } }).hosts.map(run =>
    ['native', 'rust'].includes(run.name) ? base.find(other => other.name === run.name)! : run
  )
  return [
    { label: 'head', hosts: head },
    { label: 'base', hosts: base }
  ]
}

test('the same builds are decided at the first look, unchanged by construction; the others by their samples', () => {
  const sampler = new Sampler(GATE, { ...CONFIG, iterations: ROUNDS }, 10, { paired: true, sameBuild: new Set(['native', 'rust']) })
  assert.equal(sampler.enough(ROUNDS, runs()), true)
  const { comparisons, decided, note } = sampler.final(ROUNDS, runs())
  assert.equal(decided, true)
  assert.match(note ?? '', /the same build in both revisions, run once per round until round 20: native, rust/)
  const find = (host: string, metric: string) => comparisons.find(c => c.host === host && c.metric === metric)!
  for (const [host, metric] of [
    ['rust', 'overhead'],
    ['rust', 'wall_ms'],
    ['native', 'wall_ms']
  ]) {
    const c = find(host, metric)
    assert.deepEqual([c.change, c.ci95, c.p, c.p_adjusted, c.verdict], [0, [0, 0], 1, 1, '~'], `${host} ${metric}`)
    assert.match(c.note ?? '', /unchanged by construction/)
  }
  // python changed, so its overhead is measured even though native did not
  assert.doesNotMatch(find('python', 'overhead').note ?? '', /unchanged/)
  assert.equal(find('go', 'overhead').verdict, 'regression')
  // Holm over the measured gating comparisons only: the smallest p times their number
  const measured = comparisons.filter(c => c.gating && !/unchanged/.test(c.note ?? ''))
  const smallest = Math.min(...measured.map(c => c.p))
  assert.equal(find('go', 'wall_ms').p_adjusted, Math.min(1, smallest * measured.length))
})

test('a changed host that ran on after native left the rounds: its overhead change is its own paired change', () => {
  const [head, base] = runs()
  const rounds = 2 * ROUNDS
  const longer = (seed: number, scale: number) => syntheticRaw({ seed, rounds, scale: { go: scale } }).hosts.find(h => h.name === 'go')!
  const withGo = (hosts: RawHostRun[], go: RawHostRun) => hosts.map(run => (run.name === 'go' ? go : run))
  const [goHead, goBase] = [longer(3, 1.3), longer(4, 1)]
  const revisions = [
    { label: 'head', hosts: withGo(head.hosts, goHead) },
    { label: 'base', hosts: withGo(base.hosts, goBase) }
  ]
  const sampler = new Sampler(GATE, { ...CONFIG, iterations: rounds }, 10, { paired: true, sameBuild: new Set(['native', 'rust']) })
  const overhead = sampler.final(rounds, revisions).comparisons.find(c => c.host === 'go' && c.metric === 'overhead')!
  const wall = sampler.final(rounds, revisions).comparisons.find(c => c.host === 'go' && c.metric === 'wall_ms')!
  assert.equal(overhead.n, rounds)
  assert.deepEqual([overhead.change, overhead.ci95, overhead.p], [wall.change, wall.ci95, wall.p])
})

test('without same builds every comparison is measured', () => {
  const sampler = new Sampler(GATE, { ...CONFIG, iterations: ROUNDS }, 10, { paired: true, sameBuild: new Set() })
  sampler.enough(ROUNDS, runs())
  const { comparisons } = sampler.final(ROUNDS, runs())
  assert.ok(comparisons.every(c => !/unchanged/.test(c.note ?? '')))
  assert.ok(comparisons.find(c => c.host === 'rust' && c.metric === 'wall_ms')!.n === ROUNDS)
})

test('when the rounds run out, the note gives each undecided gate group its own needs', () => {
  const base = syntheticRaw({ seed: 2, rounds: ROUNDS }).hosts
  // go 10% slower: on the threshold of the analyse tests, so its overhead stays undecided
  const head = syntheticRaw({ seed: 1, rounds: ROUNDS, scale: { go: 1.1 } }).hosts
  const revisions = [
    { label: 'head', hosts: head },
    { label: 'base', hosts: base }
  ]
  const sampler = new Sampler(GATE, { ...CONFIG, iterations: ROUNDS }, 10, { paired: true, sameBuild: new Set() })
  assert.equal(sampler.enough(ROUNDS, revisions), false)
  const { decided, note } = sampler.final(ROUNDS, revisions)
  assert.equal(decided, false)
  assert.equal(note, 'the rounds ran out before every gating comparison was decided')
})
