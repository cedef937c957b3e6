// The instruction counts in a run report (src/report/instructions.ts): one line when nothing was counted, else a
// table with the change and verdict per host, the per-call figures, and the legend; a count regression's line.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { renderCombinedReport, renderGateMessage, renderTerminal } from '../src/report/markdown.js'
import { INSTRUCTIONS_LEGEND, instructionsSection } from '../src/report/instructions.js'
import type { HostResult, InstructionRun } from '../src/types.js'
import { NOT_COUNTED_SAME_BUILD } from '../src/instructions/count.js'
import { comparison, countedHost, INSTRUCTION_RUN, results } from './fixtures/report-results.js'

const RUN = INSTRUCTION_RUN

/** A host with every per-call figure, from one set of runs. */
const counted = (name: string, workload: number[], perCall: number | null): HostResult =>
  countedHost(
    name,
    workload,
    perCall === null
      ? null
      : { export_noop_ns: [perCall], export_add_ns: [perCall * 2], import_noop_ns: [perCall / 4], memory_copy_ns_per_kib: [1024] }
  )

test('nothing counted: the one line that says why', () => {
  const note: InstructionRun = { ...RUN, counter: null, note: 'not counted: valgrind runs on Linux only, this is macOS' }
  const run = results({ instructions: note })
  assert.equal(instructionsSection(run, 'markdown'), 'Instruction counts: not counted: valgrind runs on Linux only, this is macOS.')
  assert.match(renderCombinedReport([run]), /Instruction counts: not counted: valgrind runs on Linux only/)
  // Results from before instruction counts show nothing about them.
  assert.equal(instructionsSection(results(), 'markdown'), null)
})

test('the table: count and spread, change with its range and verdict, per-call figures; the legend once', () => {
  const run = results({
    instructions: RUN,
    hosts: [counted('native', [655_000_000, 655_010_000], null), counted('go', [623_100_000, 623_120_000], 8391)],
    compared_with: { kind: 'revision', commit: 'ab'.repeat(20), source: 'the base', note: null, rounds: 20, seconds: 60, decided: true },
    comparisons: [
      comparison('native', 'instructions', 0, { ci95: [-0.0001, 0.0001], verdict: '~', ci_level: 1, p: Number.NaN }),
      comparison('go', 'instructions', 0.0101, { ci95: [0.0099, 0.0103], verdict: 'regression', ci_level: 1, p: Number.NaN }),
      comparison('go', 'instructions.export_noop', -0.004, { verdict: '~', gating: false, p: Number.NaN })
    ]
  })
  const section = instructionsSection(run, 'markdown')!
  const lines = section.split('\n')
  assert.match(lines[0], /^\| host +\| instructions +\| change vs base \(range\) +\| export noop per call/)
  assert.match(section, /\| native +\| 655\.00 M ±0\.001% +\| \+0\.00% \(-0\.01% to \+0\.01%\) ~ /)
  assert.match(
    section,
    /\| go +\| 623\.11 M ±0\.002% +\| \+1\.01% \(\+0\.99% to \+1\.03%\) ❌ regression +\| 8,391 \(-0\.40%\) +\| 16,782 +\| 2,098 +\| 1,024\/KiB/
  )
  assert.ok(section.includes('70 processes, 2 at a time, in 200 s (390 s one after another)'))
  assert.match(INSTRUCTIONS_LEGEND, /not time: cache misses, system-call latency, waiting/)
  // The timing comparisons table and its interval label leave the counts out.
  const report = renderCombinedReport([run])
  assert.match(report, /❌ \*\*Linux x64\*\* regression: go instructions \+1\.01% \(\+0\.99% to \+1\.03%\)/)
  assert.equal(report.split(INSTRUCTIONS_LEGEND).length, 2, 'the legend once, in the details')
  assert.doesNotMatch(report, /\| go +\| instructions +\| 623/)
  assert.deepEqual(renderGateMessage([run]), ['Linux x64: go instructions +1.01% (every run, range [+0.99%, +1.03%])'])
  assert.match(renderTerminal(run), /go +\| 623\.11 M/)
})

test('a host that failed under the counter says why, escaped', () => {
  const run = results({
    instructions: RUN,
    hosts: [countedHost('go', [1], null, { instructions: { workload: null, per_call: null, error: 'exit 2: <img src=x> [a](b)' } })]
  })
  const section = instructionsSection(run, 'markdown')!
  assert.match(section, /\| go +\| — +\| — +\|/)
  assert.ok(section.includes('Not counted: go: exit 2: \\<img src=x\\> \\[a\\](b).'), section)
})

test('the same builds a pull request did not count are named under the table', () => {
  const run = results({
    instructions: { ...RUN, note: `native, rust: ${NOT_COUNTED_SAME_BUILD}` },
    hosts: [counted('go', [623_100_000], 8391)]
  })
  const section = instructionsSection(run, 'markdown')!
  assert.ok(section.includes(`Not counted: native, rust: ${NOT_COUNTED_SAME_BUILD}.`), section)
  assert.doesNotMatch(section, /\| native /)
})
