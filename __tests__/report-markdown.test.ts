import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  COMMENT_MARKER,
  MAX_COMMENT_LENGTH,
  renderCombinedReport,
  renderGateMessage,
  renderRunReport,
  renderTerminal
} from '../src/report/markdown.js'
import { terminalWidth } from '../src/report/format.js'
import { NOTE_SAME_BUILD } from '../src/gate.js'
import type { Results } from '../src/types.js'
import { comparison, failedHost, host, regressedResults, results, scalingResults, stats } from './fixtures/report-results.js'
import { header, row } from './fixtures/report-tables.js'

const SUMMARY_COLUMNS = [
  'host',
  'runtime',
  'median wall',
  'change vs baseline [95% CI]',
  'overhead vs native [95% CI]',
  'overhead change',
  'per call: export / import noop',
  'verdict'
]

function macResults(overrides: Partial<Results> = {}): Results {
  return results({ runner: { os: 'macOS', arch: 'arm64', cpu: 'Apple M1', node: 'v20.19.0' }, ...overrides })
}

describe('renderRunReport', () => {
  it('labels the intervals with the level they were computed at (same job: 1 - alpha / looks)', () => {
    const sameJob = (level: number) => comparison('go', 'overhead', 0.03, { ci_level: level })
    const run = regressedResults({ comparisons: [sameJob(1 - 0.05 / 6), { ...sameJob(1 - 0.05 / 6), metric: 'wall_ms' }] })
    assert.equal(header(renderRunReport(run))[3], 'change vs baseline [99.2% CI]')
    assert.match(renderRunReport(run), /\| change +\| 99\.2% CI +\| p +\|/)
    const mixed = regressedResults({ comparisons: [sameJob(0.99), comparison('go', 'wall_ms', 0.01)] })
    assert.equal(header(renderRunReport(mixed))[3], 'change vs baseline [CI]')
  })

  it('heads the section with the runner and has one summary row per host', () => {
    const text = renderRunReport(results())
    assert.match(text, /^### Linux x64 — AMD EPYC 7763 64-Core Processor\n/)
    assert.deepEqual(header(text), SUMMARY_COLUMNS)
    assert.deepEqual(row(text, 'go'), [
      'go',
      'wasmtime-go 44.0.0',
      '64.9 ms',
      'no baseline',
      '+32.7% [+31.1%, +34.4%]',
      'no baseline',
      '12.3 ns / 45.6 ns',
      '—'
    ])
  })

  it('says "same build" where a host ran the same program in both revisions, and the change where it did not', () => {
    const same = { ci95: [0, 0] as [number, number], note: NOTE_SAME_BUILD }
    const run = regressedResults({
      comparisons: [
        comparison('go', 'overhead', 0, same),
        comparison('go', 'wall_ms', 0, same),
        comparison('rust', 'overhead', 0.01),
        comparison('rust', 'wall_ms', 0.01)
      ]
    })
    const text = renderRunReport(run)
    assert.deepEqual([row(text, 'go')[3], row(text, 'go')[5]], ['same build', 'same build'])
    assert.deepEqual([row(text, 'rust')[3], row(text, 'rust')[5]], ['+1.0% [-1.0%, +3.0%]', '+1.0% [-1.0%, +3.0%]'])
  })

  it('shows dashes for native, which has no overhead against itself and no per-call costs', () => {
    const native = row(renderRunReport(results()), 'native')
    assert.equal(native[4], '—')
    assert.equal(native[5], '—')
    assert.equal(native[6], '—')
  })

  it('says why a host failed, in one cell, and keeps the other hosts', () => {
    const text = renderRunReport(regressedResults())
    const python = row(text, 'python')
    assert.equal(python[2], 'failed: exit code 1 \\| ModuleNotFoundError wasmtime')
    assert.equal(python[7], '❌ failed')
    assert.equal(row(text, 'go')[2], '64.9 ms')
    const optional = renderRunReport(results({ hosts: [host('native', 48.9), failedHost('node', 'timed out', true)] }))
    assert.equal(row(optional, 'node')[7], '⚠️ failed (optional)')
  })

  it('shows changes against the baseline with their intervals and a verdict from the gating comparisons', () => {
    const text = renderRunReport(regressedResults())
    const go = row(text, 'go')
    assert.equal(go[3], '+8.0% [+6.0%, +10.0%]')
    assert.equal(go[5], '+25.0% [+23.0%, +27.0%]')
    assert.equal(go[7], '🔴 regression')
    assert.equal(row(text, 'rust')[7], '~')
    assert.match(text, /Baseline note: The baseline ran on another CPU model/)
  })

  it('marks a change that is shown but does not gate', () => {
    const run = results({
      baseline: { source: 'file', commit: 'abc', cpu: 'other' },
      comparisons: [comparison('go', 'wall_ms', 0.2, { gating: false })]
    })
    assert.equal(row(renderRunReport(run), 'go')[7], '🔴 regression (not gating)')
  })

  it('puts phases, per-call costs, comparisons, spawn cost, config and a chart in the details', () => {
    const text = renderRunReport(regressedResults())
    const details = text.slice(text.indexOf('<details><summary>Details</summary>'))
    assert.ok(details.endsWith('</details>\n'))
    assert.deepEqual(row(details, 'go', 'Phase medians'), ['go', '1.20 ms', '20.5 ms', '0.400 ms', '34.9 ms'])
    assert.deepEqual(row(details, 'go', 'Per-call costs'), [
      'go',
      '12.3 ns (1.10× rust)',
      '14.1 ns',
      '45.6 ns (0.95× rust)',
      '88.0 ns/KiB (1.00× rust)',
      '1.50 ns',
      '0.800 ns'
    ])
    assert.match(details, /host loop \(subtracted\) \| guest loop \(subtracted\)/)
    assert.match(details, /node's figures are V8's JIT best case/)
    assert.deepEqual(row(details, 'go', 'Comparisons'), [
      'go',
      'overhead',
      '1.062×',
      '1.327×',
      '+25.0%',
      '[+23.0%, +27.0%]',
      '0.001',
      '🔴 regression',
      'gating'
    ])
    assert.equal(row(details, 'rust', 'Comparisons').length, 9)
    assert.match(details, /shown only: baseline ran on another CPU/)
    assert.match(details, /setup phase \| 1\.18 ms/)
    assert.match(details, /Spawn cost of an empty process: median 1\.10 ms/)
    assert.match(details, /iterations 30, warm-up 3, threshold 10\.0%, alpha 0\.01/)
    assert.match(details, /```mermaid\nxychart-beta/)
    assert.doesNotMatch(details, /Scaling/)
  })

  it('adds the scaling table when the scaling fit ran', () => {
    const text = renderRunReport(scalingResults())
    assert.deepEqual(row(text, 'go', 'Scaling'), ['go', '50.0 ms', '10.5 ns', '0.9988', '+10.0%', '+10.0%'])
    assert.deepEqual(row(text, 'native', 'Scaling'), ['native', '40.0 ms', '9.50 ns', '0.9988', '—', '—'])
  })

  it('shows CPU time per workload run and the clock that timed the runs', () => {
    const text = renderRunReport(results())
    assert.deepEqual(header(text, 'CPU time per workload run'), ['host', 'wall', 'user CPU', 'system CPU', 'CPU / wall'])
    assert.deepEqual(row(text, 'python', 'CPU time per workload run'), ['python', '107.4 ms', '85.9 ms', '10.7 ms', '0.90×'])
    assert.match(text, /Wall times from the native launcher \(spawn to wait, monotonic clock, as hyperfine -N\)\. Spawn cost/)
  })

  it('says when Node timed the runs, and why, and shows no CPU table without CPU times', () => {
    const nodeClock = results({
      harness: { spawn_ms: stats(2.1), clock: { source: 'node', note: 'launcher not built: cargo not found on PATH' } }
    })
    nodeClock.hosts = nodeClock.hosts.map(h => ({ ...h, workload: { ...h.workload, cpu_ms: null } }))
    const text = renderRunReport(nodeClock)
    assert.match(
      text,
      /Wall times from Node \(spawn to 'exit' event\): launcher not built: cargo not found on PATH\. Spawn cost of an empty process: median 2\.10 ms/
    )
    assert.doesNotMatch(text, /CPU time per workload run/)
  })

  it('is deterministic', () => {
    assert.equal(renderRunReport(regressedResults()), renderRunReport(regressedResults()))
  })
})

describe('renderCombinedReport', () => {
  it('starts with the marker and says there is no regression when there is none', () => {
    const text = renderCombinedReport([results()], { title: 'Benchmarks' })
    assert.equal(text.split('\n')[0], COMMENT_MARKER)
    assert.match(text, /## Benchmarks/)
    assert.match(text, /✅ No overhead regression/)
    assert.doesNotMatch(text, /⚠️|❌/)
  })

  it('names each regressed host and metric, and every failed host', () => {
    const text = renderCombinedReport([regressedResults()], {})
    assert.match(text, /❌ Overhead regression: go overhead \+25\.0% \(p=0\.001\) on Linux x64\n/)
    assert.match(text, /⚠️ error: python on Linux x64: exit code 1/)
  })

  it('reports an error run even without a failed host', () => {
    assert.match(renderCombinedReport([results({ verdict: 'error' })]), /⚠️ error: the run on Linux x64/)
  })

  it('orders the OS sections the same way whatever the input order', () => {
    const runs = [macResults(), regressedResults()]
    const text = renderCombinedReport(runs, { runUrl: 'https://example.com/run/1' })
    assert.ok(text.indexOf('### Linux x64') < text.indexOf('### macOS arm64'))
    assert.equal(text, renderCombinedReport([...runs].reverse(), { runUrl: 'https://example.com/run/1' }))
    assert.match(text, /\[Workflow run\]\(https:\/\/example\.com\/run\/1\)/)
    assert.equal(runs[0]!.runner.os, 'macOS', 'the input is not reordered')
  })

  it('drops the details before going over the comment limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => host(`host-${String(i).padStart(2, '0')}`, 60 + i))
    const hosts = [host('native', 48.9), ...many]
    const runs = ['Linux', 'Windows', 'macOS'].map(os => results({ runner: { os, arch: 'x64', cpu: 'cpu', node: 'v20' }, hosts }))
    assert.ok(runs.map(renderRunReport).join('').length > MAX_COMMENT_LENGTH, 'the fixture is big enough')
    const text = renderCombinedReport(runs)
    assert.ok(text.length <= MAX_COMMENT_LENGTH)
    assert.doesNotMatch(text, /<details>/)
    assert.match(text, /### macOS x64[\s\S]*\| host-59 /)
  })

  it('truncates with a note and a link to the run when even the summaries are too long', () => {
    const many = Array.from({ length: 400 }, (_, i) => host(`host-${String(i).padStart(3, '0')}`, 60 + i))
    const runs = ['Linux', 'Windows', 'macOS'].map(os => results({ runner: { os, arch: 'x64', cpu: 'cpu', node: 'v20' }, hosts: many }))
    const text = renderCombinedReport(runs, { runUrl: 'https://example.com/run/2' })
    assert.ok(text.length <= MAX_COMMENT_LENGTH, `${text.length} characters`)
    assert.equal(text.split('\n')[0], COMMENT_MARKER)
    assert.match(text, /✅ No overhead regression/)
    assert.match(text, /truncated.*\[workflow run\]\(https:\/\/example\.com\/run\/2\)\.\n$/)
  })
})

describe('renderGateMessage', () => {
  it('gives one line per gating regression, with interval and p-value', () => {
    const windows = results({
      runner: { os: 'Windows', arch: 'x64', cpu: 'Xeon', node: 'v20' },
      comparisons: [comparison('python', 'overhead', 0.3, { p: 0.00001 }), comparison('go', 'wall_ms', 0.3, { gating: false })]
    })
    assert.deepEqual(renderGateMessage([windows, regressedResults()]), [
      'Linux x64: go overhead +25.0% (CI [+23.0%, +27.0%], p=0.001)',
      'Windows x64: python overhead +30.0% (CI [+28.0%, +32.0%], p<0.001)'
    ])
    assert.deepEqual(renderGateMessage([results()]), [])
  })
})

describe('renderTerminal', () => {
  it('prints the same tables without HTML or charts', () => {
    const text = renderTerminal(regressedResults())
    assert.match(text, /^Linux x64 — AMD EPYC 7763 64-Core Processor\n=+\n/)
    assert.deepEqual(header(text), SUMMARY_COLUMNS)
    assert.equal(row(text, 'go')[7], '🔴 regression')
    assert.deepEqual(row(text, 'go', 'Phase medians'), ['go', '1.20 ms', '20.5 ms', '0.400 ms', '34.9 ms'])
    assert.match(text, /Comparisons with the baseline\n-+\n\|/)
    assert.doesNotMatch(text, /<details|<\/|```|mermaid|<!--/)
  })

  it('aligns columns by display width, so emoji do not shift them', () => {
    const text = renderTerminal(regressedResults())
    const summary = text.split('\n\n').find(block => block.startsWith('| host '))!
    const widths = new Set(summary.split('\n').map(terminalWidth))
    assert.equal(widths.size, 1, summary)
    assert.notEqual(new Set(summary.split('\n').map(line => line.length)).size, 1, 'emoji make string lengths differ')
  })
})
