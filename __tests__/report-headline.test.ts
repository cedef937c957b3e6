// The headline is true: one status per OS from src/gate.ts, the worst on top, never ✅ for a run that decided
// nothing; what stayed open and what would decide it in one line; the gate fails on ⏳ only when asked to.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { judge, NOTE_SAME_BUILD, runStatus, worstStatus } from '../src/gate.js'
import { statusLines, titleLine } from '../src/report/headline.js'
import { DETAILS_OPEN, renderCombinedReport, renderTerminal } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'
import { comparison, failedHost, host, results } from './fixtures/report-results.js'

const BASE = 'fedcba9876543210fedcba9876543210fedcba98'
const sameJob = (overrides: Partial<Results>): Results =>
  results({
    compared_with: {
      kind: 'revision',
      commit: BASE,
      source: 'the base of the pull request',
      note: null,
      rounds: 200,
      seconds: 120,
      decided: false
    },
    gate: { ...results().gate, threshold: 0.01, groups: ['overhead', 'per-call'] },
    ...overrides
  })
const decided = (h: string, change = 0.002) =>
  comparison(h, 'overhead', change, { ci95: [change - 0.004, change + 0.004], verdict: '~', n: 200 })
const open = (h: string, metric: 'overhead' | 'export_add_ns' = 'overhead') =>
  comparison(h, metric, 0.004, { ci95: [-0.006, 0.014], verdict: 'inconclusive', n: metric === 'overhead' ? 200 : 25 })
const same = (h: string) => comparison(h, 'overhead', 0, { ci95: [0, 0], verdict: '~', note: NOTE_SAME_BUILD })

describe('runStatus', () => {
  it('is pass only when every gating comparison was decided "no regression"', () => {
    assert.equal(runStatus(sameJob({ comparisons: [decided('go'), same('rust')] })), 'pass')
    assert.equal(runStatus(sameJob({ comparisons: [decided('go'), open('rust')] })), 'inconclusive')
    assert.equal(runStatus(sameJob({ comparisons: [open('go'), open('rust')] })), 'inconclusive')
  })

  it('is never pass for a run that compared nothing: baseline recorded when it saved one, inconclusive otherwise', () => {
    assert.equal(runStatus(results()), 'inconclusive')
    assert.equal(runStatus(results({ baseline_saved: true })), 'baseline')
    const shownOnly = sameJob({ comparisons: [comparison('go', 'wall_ms', 0, { gating: false, verdict: '~' })] })
    assert.equal(runStatus(shownOnly), 'inconclusive', 'no gating comparison decided nothing')
  })

  it('is regression over inconclusive, and error over everything', () => {
    const regressed = comparison('go', 'overhead', 0.03, { verdict: 'regression' })
    assert.equal(runStatus(sameJob({ comparisons: [regressed, open('rust')] })), 'regression')
    assert.equal(runStatus(sameJob({ comparisons: [regressed], hosts: [host('native', 48), failedHost('go', 'crashed')] })), 'error')
    assert.equal(runStatus(sameJob({ comparisons: [decided('go')], hosts: [host('native', 48), failedHost('node', 'x', true)] })), 'pass')
  })

  it('takes the worst of the OSes for the overall line', () => {
    assert.equal(worstStatus(['pass', 'baseline']), 'baseline')
    assert.equal(worstStatus(['pass', 'inconclusive', 'baseline']), 'inconclusive')
    assert.equal(worstStatus(['inconclusive', 'regression']), 'regression')
    assert.equal(worstStatus(['regression', 'error']), 'error')
    assert.equal(worstStatus([]), 'error')
  })
})

describe('the headline', () => {
  const linux = sameJob({ comparisons: [decided('go', -0.05), same('rust')] })
  linux.comparisons[0] = { ...linux.comparisons[0]!, verdict: 'improvement', ci95: [-0.06, -0.04] }
  const mac = sameJob({
    runner: { os: 'macOS', arch: 'arm64', cpu: 'Apple M1', node: 'v20' },
    comparisons: [decided('go'), open('go', 'export_add_ns'), open('rust')]
  })
  const windows = results({ runner: { os: 'Windows', arch: 'x64', cpu: 'Xeon', node: 'v20' }, baseline_saved: true })

  it('has one line per OS, the worst first in the title, improvements called out', () => {
    const text = renderCombinedReport([windows, mac, linux])
    const lines = text.split('\n')
    assert.equal(lines[2], '## ⏳ wasm-ffi-bench: inconclusive')
    assert.match(
      lines[4]!,
      /^- ✅ \*\*Linux x64\*\* no regression: 1 gating comparison of go decided, none beyond \+1%; 🟢 faster: go overhead vs wasmtime CLI -5\.0% \(-6\.0% to -4\.0%\)$/
    )
    assert.match(
      lines[5]!,
      /^- ⏳ \*\*macOS arm64\*\* inconclusive: 2 of 3 gating comparisons open \(go export add, rust overhead\); what would decide them: per-call about \d+ min of rounds, overhead about \d+ min of rounds \(this run: 2\.0 min; input time-budget-minutes\)$/
    )
    assert.match(lines[6]!, /^- 📝 \*\*Windows x64\*\* baseline recorded: /)
  })

  it('says what would decide an open comparison from its interval, the threshold and the pace', () => {
    // ±1.0% around +0.4% after 200 rounds in 120 s: the upper end must come from +1.4% to +1.0%, so (1.0/0.6)² × 200.
    const [line] = statusLines([sameJob({ comparisons: [open('go')] })], 'markdown')
    const minutes = Number(/about (\d+) min/.exec(line!)![1])
    assert.ok(minutes >= 5 && minutes <= 6, line)
    const onThreshold = comparison('go', 'overhead', 0.01, { ci95: [0.0, 0.02], verdict: 'inconclusive', n: 200 })
    assert.match(statusLines([sameJob({ comparisons: [onThreshold] })], 'markdown')[0]!, /overhead: an estimate on the threshold/)
    const few = comparison('go', 'export_add_ns', 0.1, { ci95: [-1, Infinity], verdict: 'inconclusive', n: 3 })
    assert.match(statusLines([sameJob({ comparisons: [few] })], 'markdown')[0]!, /per-call more than 3 samples/)
  })

  it('reads "no host changed" when every host ran the same build', () => {
    assert.match(
      statusLines([sameJob({ comparisons: [same('go'), same('rust')] })], 'markdown')[0]!,
      /✅ .* no regression: no host changed/
    )
  })

  it('shows a PR that changes nothing as one line per OS above the fold', () => {
    const text = renderCombinedReport([sameJob({ comparisons: [same('go'), same('rust')] })])
    const visible = text.split(DETAILS_OPEN)[0]!
    assert.doesNotMatch(visible, /\|/, 'no table')
    assert.equal(visible.split('\n').filter(line => line.startsWith('- ')).length, 1)
  })

  it('is the same in the terminal', () => {
    assert.equal(titleLine([mac], 'wasm-ffi-bench'), '⏳ wasm-ffi-bench: inconclusive')
    assert.match(renderTerminal(mac), /^⏳ wasm-ffi-bench: inconclusive\n=+\n\n⏳ macOS arm64 inconclusive: 2 of 3/)
  })
})

describe('judge', () => {
  const inconclusive = sameJob({ comparisons: [open('go')] })
  const regressed = sameJob({ comparisons: [comparison('go', 'overhead', 0.03, { verdict: 'regression' })] })

  it('fails on ⏳ only when asked to, and on a regression as fail-on-regression says', () => {
    assert.equal(judge([inconclusive], true).fails, false)
    assert.equal(judge([inconclusive], true, true).fails, true)
    assert.equal(judge([results()], false, true).fails, true, 'nothing compared is inconclusive too')
    assert.equal(judge([results({ baseline_saved: true })], false, true).fails, false, 'a first run recorded the baseline')
    assert.equal(judge([regressed], false).fails, false)
    assert.equal(judge([regressed], true).fails, true)
    assert.equal(judge([regressed, inconclusive], true).status, 'regression')
  })
})

describe('no absolute paths in a report', () => {
  it('cuts the runner’s and the user’s paths to their last part, in every note, error and toolchain', () => {
    const run = sameJob({
      hosts: [
        {
          ...host('native', 48),
          toolchains: { 'wasmtime-cli build': 'cargo install --root /root/.cache/wasm-ffi-bench/wasmtime-cli/39.0.1-linux-x64' }
        },
        failedHost('go', 'exec /home/runner/work/app/app/hosts/go/go-host: no such file'),
        failedHost('python', String.raw`C:\Users\runneradmin\AppData\Local\Temp\venv\Scripts\python.exe exited 1`)
      ],
      baseline_note: 'no baseline at /Users/me/src/app/.wasm-ffi-bench/baseline.json',
      compared_with: { ...sameJob({}).compared_with, note: 'base tree at /tmp/wasm-ffi-bench-base-Xy12/tree' }
    })
    for (const text of [renderCombinedReport([run]), renderTerminal(run)]) {
      assert.doesNotMatch(text, /\/root\/|\/home\/|\/Users\/|\/tmp\/|C:\\|Users\\\\/, text)
      assert.match(text, /…\/baseline\.json/)
    }
  })
})
