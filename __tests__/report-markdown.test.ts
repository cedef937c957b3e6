import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  COMMENT_MARKER,
  DETAILS_OPEN,
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
  'wall time',
  'overhead vs wasmtime CLI',
  'wall change',
  'overhead change',
  'per call: export / import noop',
  'verdict'
]

/** The collapsed part of a report. */
const detailsOf = (text: string): string => text.slice(text.indexOf(DETAILS_OPEN))

function macResults(overrides: Partial<Results> = {}): Results {
  return results({ runner: { os: 'macOS', arch: 'arm64', cpu: 'Apple M1', node: 'v20.19.0' }, ...overrides })
}

describe('renderRunReport', () => {
  it('says the level of the intervals once, in the legend, and heads the columns "change" and "range"', () => {
    const sameJob = (level: number) => comparison('go', 'overhead', 0.3, { ci_level: level })
    const run = regressedResults({ comparisons: [sameJob(1 - 0.05 / 6), { ...sameJob(1 - 0.05 / 6), metric: 'wall_ms' }] })
    const text = renderRunReport(run)
    assert.match(detailsOf(text), /at 99\.2% confidence/)
    assert.deepEqual(header(text), ['host', 'change', 'range', 'verdict', 'also'])
    assert.doesNotMatch(text, /CI\]/)
  })

  it('lists every host in the details, without change columns when nothing was compared', () => {
    const text = renderRunReport(results())
    assert.match(detailsOf(text), /### Linux x64 — AMD EPYC 7763 64-Core Processor\n/)
    assert.deepEqual(header(text, DETAILS_OPEN), [
      'host',
      'runtime',
      'wall time',
      'overhead vs wasmtime CLI',
      'per call: export / import noop'
    ])
    assert.deepEqual(row(text, 'go', DETAILS_OPEN), [
      'go',
      'wasmtime-go 44.0.0',
      '64.9 ms',
      '+32.7% (+31.1% to +34.4%)',
      '12.3 ns / 45.6 ns'
    ])
    assert.doesNotMatch(text, /no baseline \|/)
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
    const text = detailsOf(renderRunReport(run))
    assert.deepEqual([row(text, 'go')[4], row(text, 'go')[5]], ['same build', 'same build'])
    assert.deepEqual([row(text, 'rust')[4], row(text, 'rust')[5]], ['+1.0%', '+1.0%'])
    assert.match(text, /Unchanged by construction \(the same build in both revisions\): go\./)
  })

  it('names native as the wasmtime CLI, the reference of the overhead', () => {
    const text = renderRunReport(results())
    const native = row(text, 'native', DETAILS_OPEN)
    assert.equal(native[3], 'reference')
    assert.equal(native[4], '—')
    assert.match(detailsOf(text), /\*\*native\*\* is the wasmtime CLI running the same module, not native code/)
  })

  it('says why a host failed, in one cell, and keeps the other hosts', () => {
    const text = detailsOf(renderRunReport(regressedResults()))
    const python = row(text, 'python')
    assert.equal(python[2], 'failed: exit code 1 \\| ModuleNotFoundError wasmtime')
    assert.equal(python[7], '⚠️ failed')
    assert.equal(row(text, 'go')[2], '64.9 ms')
    const optional = renderRunReport(results({ hosts: [host('native', 48.9), failedHost('node', 'timed out', true)] }))
    assert.equal(row(optional, 'node', DETAILS_OPEN)[2], 'failed: timed out')
    assert.match(optional, /failed: node \(optional\): timed out/)
  })

  it('shows changes against the baseline and a verdict from the gating comparisons', () => {
    const text = renderRunReport(regressedResults())
    const go = row(text, 'go', DETAILS_OPEN)
    assert.equal(go[4], '+8.0%')
    assert.equal(go[5], '+25.0%')
    assert.equal(go[7], '❌ regression')
    assert.equal(row(text, 'rust', DETAILS_OPEN)[7], '~')
    assert.match(text, /Stored baseline: The baseline ran on another CPU model: absolute times are shown, not gated\.\n/)
  })

  it('marks a change that is shown but does not gate', () => {
    const run = results({
      compared_with: { ...results().compared_with, kind: 'baseline', commit: 'abc' },
      baseline: { source: 'file', commit: 'abc', cpu: 'other' },
      comparisons: [comparison('go', 'wall_ms', 0.2, { gating: false })]
    })
    assert.equal(row(renderRunReport(run), 'go', DETAILS_OPEN)[7], '❌ regression (not gating)')
  })

  it('puts phases, per-call costs, comparisons, spawn cost, config and a chart in the details, each note once', () => {
    const text = renderRunReport(regressedResults())
    const details = detailsOf(text)
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
    assert.deepEqual(row(details, 'go', 'Gating comparisons'), [
      'go',
      'overhead vs wasmtime CLI',
      '1.062×',
      '1.327×',
      '+25.0%',
      '+23.0% to +27.0%',
      '0.001',
      '❌ regression'
    ])
    assert.deepEqual(row(details, 'go', 'Shown only')[1], 'wall time')
    assert.equal(details.match(/baseline ran on another CPU \(/g)?.length, 1, 'a note shared by rows is said once')
    assert.match(details, /Notes: baseline ran on another CPU \(go, rust\)\./)
    assert.doesNotMatch(details, /shown only:/)
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
  it('starts with the marker and the headline, and never says "no regression" for a run that compared nothing', () => {
    const text = renderCombinedReport([results()], { title: 'Benchmarks' })
    assert.equal(text.split('\n')[0], COMMENT_MARKER)
    assert.equal(text.split('\n')[2], '## ⏳ Benchmarks: inconclusive')
    assert.match(text, /^- ⏳ \*\*Linux x64\*\* inconclusive: nothing was compared/m)
    assert.doesNotMatch(text.split(DETAILS_OPEN)[0]!, /✅|❌/)
    const first = renderCombinedReport([results({ baseline_saved: true })])
    assert.match(first, /^## 📝 wasm-ffi-bench: baseline recorded$/m)
    assert.match(
      first,
      /^- 📝 \*\*Linux x64\*\* baseline recorded: no baseline to compare with yet; 4 hosts measured, the next run compares with them; overhead vs wasmtime CLI: go \+32\.7%/m
    )
  })

  it('names each regressed host and metric, and every failed host', () => {
    const text = renderCombinedReport([regressedResults()], {})
    assert.match(text, /^## ⚠️ wasm-ffi-bench: failed$/m)
    assert.match(
      text,
      /⚠️ \*\*Linux x64\*\* failed: python: exit code 1 .*; go overhead vs wasmtime CLI \+25\.0% \(\+23\.0% to \+27\.0%\)\n/
    )
  })

  it('reports an error run even without a failed host', () => {
    assert.match(renderCombinedReport([results({ verdict: 'error' })]), /⚠️ \*\*Linux x64\*\* failed: the run reported an error/)
  })

  it('orders the OS sections the same way whatever the input order, and links the run', () => {
    const runs = [macResults(), regressedResults()]
    const text = renderCombinedReport(runs, { runUrl: 'https://example.com/run/1' })
    assert.ok(text.indexOf('### Linux x64') < text.indexOf('### macOS arm64'))
    assert.ok(text.indexOf('**Linux x64**') < text.indexOf('**macOS arm64**'))
    assert.equal(text, renderCombinedReport([...runs].reverse(), { runUrl: 'https://example.com/run/1' }))
    assert.match(text, /\[workflow run\]\(https:\/\/example\.com\/run\/1\)/)
    assert.equal(runs[0]!.runner.os, 'macOS', 'the input is not reordered')
  })

  it('drops the details before going over the comment limit', () => {
    const many = Array.from({ length: 60 }, (_, i) => host(`host-${String(i).padStart(2, '0')}`, 60 + i))
    const hosts = [host('native', 48.9), ...many]
    const comparisons = many.map(h => comparison(h.name, 'overhead', 0.2))
    const runs = ['Linux', 'Windows', 'macOS'].map(os =>
      results({
        runner: { os, arch: 'x64', cpu: 'cpu', node: 'v20' },
        hosts,
        comparisons,
        compared_with: { ...results().compared_with, kind: 'baseline', commit: 'abc' }
      })
    )
    assert.ok(runs.map(run => renderRunReport(run)).join('').length > MAX_COMMENT_LENGTH, 'the fixture is big enough')
    const text = renderCombinedReport(runs)
    assert.ok(text.length <= MAX_COMMENT_LENGTH)
    assert.doesNotMatch(text, /<details>/)
    assert.match(text, /\*\*macOS x64\*\*[\s\S]*\| host-59 /)
  })

  it('truncates with a note and a link to the run when even the tables of changes are too long', () => {
    const many = Array.from({ length: 400 }, (_, i) => host(`host-${String(i).padStart(3, '0')}`, 60 + i))
    const comparisons = many.map(h => comparison(h.name, 'overhead', 0.2))
    const runs = ['Linux', 'Windows', 'macOS'].map(os =>
      results({
        runner: { os, arch: 'x64', cpu: 'cpu', node: 'v20' },
        hosts: many,
        comparisons,
        compared_with: { ...results().compared_with, kind: 'baseline', commit: 'abc' }
      })
    )
    const text = renderCombinedReport(runs, { runUrl: 'https://example.com/run/2' })
    assert.ok(text.length <= MAX_COMMENT_LENGTH, `${text.length} characters`)
    assert.equal(text.split('\n')[0], COMMENT_MARKER)
    assert.match(text, /^## ❌ wasm-ffi-bench: regression$/m)
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
    assert.match(text, /^⚠️ wasm-ffi-bench: failed\n=+\n\n⚠️ Linux x64 failed: python: exit code 1/)
    assert.deepEqual(header(text, 'Every host'), SUMMARY_COLUMNS)
    assert.equal(row(text, 'go', 'Every host')[7], '❌ regression')
    assert.deepEqual(row(text, 'go', 'Phase medians'), ['go', '1.20 ms', '20.5 ms', '0.400 ms', '34.9 ms'])
    assert.match(text, /Gating comparisons with the baseline\n-+\n\|/)
    assert.doesNotMatch(text, /<details|<\/|```|mermaid|<!--/)
  })

  it('aligns columns by display width, so emoji do not shift them', () => {
    const text = renderTerminal(regressedResults())
    const summary = text.split('\n\n').find(block => block.startsWith('| host   | runtime'))!
    const widths = new Set(summary.split('\n').map(terminalWidth))
    assert.equal(widths.size, 1, summary)
    assert.notEqual(new Set(summary.split('\n').map(line => line.length)).size, 1, 'emoji make string lengths differ')
  })
})
