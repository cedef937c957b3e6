import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { findDrift } from '../src/history/drift.js'
import { trendOf } from '../src/history/index.js'
import { buildHistory, seriesOf } from '../src/history/series.js'
import { sparkline } from '../src/history/trend-chart.js'
import { DETAILS_OPEN, MAX_COMMENT_LENGTH, renderCombinedReport } from '../src/report/markdown.js'
import { creepingRuns, historyRun, sha } from './fixtures/history-runs.js'
import { mermaidBlocks, mermaidParser } from './fixtures/report-tables.js'
import { ALL_OSES, largestRun } from './fixtures/report-sizes.js'

let parse: (text: string) => Promise<unknown>

before(async () => {
  parse = await mermaidParser()
})

const SETTINGS = { runs: 20, driftThreshold: 0.02 }
const head = () =>
  historyRun(sha(0xee), 999, { go: { overhead: 0.36, instructions: 519.3e6 }, rust: { overhead: 0.33, instructions: 450e6 } }, { pr: 7 })

describe('history series', () => {
  it('orders the runs oldest first, keeps the last N and puts the head last', () => {
    const runs = creepingRuns().reverse()
    const [linux] = buildHistory(runs, [head()], 3)
    assert.deepEqual(
      linux!.points.map(p => [p.commit.slice(0, 2), p.head]),
      [
        ['03', false],
        ['04', false],
        ['05', false],
        ['ee', true]
      ]
    )
    assert.deepEqual(linux!.hosts, ['native', 'go', 'rust'])
    assert.deepEqual(seriesOf(linux!, 'go', 'instructions'), [506e6, 518.65e6, 519.2e6, 519.3e6])
  })

  it('counts the same run once, and the head replaces its own copy in the history', () => {
    const runs = creepingRuns()
    const current = runs[4]!
    const [linux] = buildHistory([...runs, runs[0]!], [current], 20)
    assert.equal(linux!.points.length, 5)
    assert.equal(linux!.points.at(-1)!.head, true)
  })

  it('keeps each OS apart', () => {
    const mac = historyRun(
      sha(9),
      5,
      { go: { overhead: 0.5, instructions: null } },
      { runner: { os: 'macOS', arch: 'ARM64', cpu: 'M1', node: 'v20' } }
    )
    const histories = buildHistory([...creepingRuns(), mac], [head()], 20)
    assert.deepEqual(
      histories.map(h => [h.os, h.points.length]),
      [
        ['Linux x64', 6],
        ['macOS ARM64', 1]
      ]
    )
  })
})

describe('drift', () => {
  it('flags a count that crept beyond the threshold and names the commits where it moved most', () => {
    const drifts = findDrift(buildHistory(creepingRuns(), [head()], 20), 0.02)
    assert.equal(drifts.length, 1)
    const [go] = drifts
    assert.equal(go!.host, 'go')
    assert.ok(Math.abs(go!.change - (519.3 / 500 - 1)) < 1e-9)
    assert.deepEqual(
      go!.moves.map(m => m.commit.slice(0, 2)),
      ['04', '02', '03']
    )
  })

  it('is silent under the threshold, and on fewer than three counts', () => {
    assert.deepEqual(findDrift(buildHistory(creepingRuns(), [head()], 20), 0.05), [])
    assert.deepEqual(findDrift(buildHistory(creepingRuns().slice(0, 1), [head()], 20), 0.001), [])
  })
})

describe('trend section', () => {
  it('opens on drift, warns without gating, and draws Mermaid line charts that parse', async () => {
    const trend = trendOf(creepingRuns(), [head()], SETTINGS)
    assert.match(trend.section, /^<details open><summary>⚠️ Trend: instruction count drift \(go on Linux x64\)/)
    assert.match(
      trend.section,
      /> ⚠️ \*\*go\*\* on Linux x64: instructions per workload run \+3\.86% over 6 commits, beyond the drift threshold of 2%; it moved most at `0404040` \(\+2\.50%\), `0202020` \(\+1\.00%\), `0303030` \(\+0\.20%\)\. Not gating\./
    )
    assert.deepEqual(trend.warnings, [
      'drift: go on Linux x64: instructions per workload run +3.86% over 6 commits, beyond the drift threshold of 2%; it moved most at 0404040 (+2.50%), 0202020 (+1.00%), 0303030 (+0.20%) (not gating)'
    ])
    const blocks = mermaidBlocks(trend.section)
    assert.equal(blocks.length, 2)
    for (const block of blocks) {
      // The palette the caption's squares name reaches the chart: one colour per line.
      const parsed = (await parse(block)) as { diagramType: string; config: { themeVariables: { xyChart: { plotColorPalette: string } } } }
      assert.equal(parsed.diagramType, 'xychart')
      const colours = parsed.config.themeVariables.xyChart.plotColorPalette.split(', ')
      assert.equal(colours.length, block.match(/^ {4}line \[/gm)!.length)
      assert.match(block, /x-axis \["0101010", "0202020", "0303030", "0404040", "0505050", "head"\]/)
    }
    assert.equal(blocks[0]!.match(/^ {4}line \[/gm)!.length, 2, 'go and rust overhead, not native')
    assert.equal(blocks[1]!.match(/^ {4}line \[/gm)!.length, 3, 'every counted host')
    assert.match(trend.section, /🟧 go · 🟩 rust\n/, 'a host keeps its colour: native is blue where it is drawn')
    assert.match(trend.section, /🟦 native · 🟧 go · 🟩 rust\n/)
    assert.match(trend.section, /\| go \| `▁▂▃▄▆█` \| \+30\.0% → \+36\.0% \| `▁▃▃███` \| 500\.00 M → 519\.30 M \(\+3\.86%\) \|/)
  })

  it('is collapsed without drift', () => {
    const trend = trendOf(creepingRuns(), [head()], { ...SETTINGS, driftThreshold: 0.1 })
    assert.match(
      trend.section,
      /^<details><summary>Trend: each host's overhead and instruction count over the last 5 default-branch runs \(at most 20\), this head last<\/summary>/
    )
    assert.doesNotMatch(trend.section, /⚠️/)
  })

  it('says so instead of drawing a line below three points, and is empty without history', () => {
    const trend = trendOf(creepingRuns().slice(0, 1), [head()], SETTINGS)
    assert.match(
      trend.section,
      /Only 2 points \(1 default-branch run \(`0101010` … `0101010`\), then this head `eeeeeee`\): a trend needs 3, so none is drawn yet\./
    )
    assert.equal(mermaidBlocks(trend.section).length, 0)
    assert.equal(trendOf([], [head()], SETTINGS).section, '')
  })

  it('goes after what changed and before the details, and survives the size budget', () => {
    const trend = trendOf(creepingRuns(), [head()], SETTINGS)
    const body = renderCombinedReport([head()], { trend: trend.section })
    const at = body.indexOf('⚠️ Trend')
    assert.ok(at > 0 && at < body.indexOf('<details><summary>Details'), body)
  })

  it('charts the commits where every host has a count, naming those left out; the CLI names its own runs', async () => {
    const partial = historyRun(
      sha(0xee),
      999,
      { go: { overhead: 0.36, instructions: 530e6 }, rust: { overhead: 0.33, instructions: null } },
      { pr: 7 }
    )
    const trend = trendOf(creepingRuns(), [partial], SETTINGS, 'saved-baseline')
    const [, counts] = mermaidBlocks(trend.section)
    assert.match(counts!, /x-axis \["0101010", "0202020", "0303030", "0404040", "0505050"\]/)
    assert.match(trend.section, /🟦 native · 🟧 go · 🟩 rust \(left out, a host has no figure there: head\)/)
    assert.match(trend.section, /\| rust \| .* \| `▄▄▄▄▄·` \|/)
    assert.match(trend.section, /5 runs that saved the baseline \(`0101010` … `0505050`\), then this head `eeeeeee`/)
    assert.match(
      trend.warnings[0]!,
      /it moved most at eeeeeee \(this head, \+2\.08%\), 0404040 \(\+2\.50%\)|it moved most at 0404040 \(\+2\.50%\), eeeeeee \(this head, \+2\.08%\)/
    )
  })

  it('fits the largest realistic comment: three OSes, four hosts, 20 runs each, every host drifting', () => {
    const hosts = ['go', 'python', 'rust', 'node']
    const figures = (i: number) =>
      Object.fromEntries(hosts.map((h, k) => [h, { overhead: 0.3 + k / 10 + i / 1000, instructions: 5e8 + i * 1e6 + k * 1e7 }]))
    const heads = ALL_OSES.map(os => largestRun(os))
    const runs = heads.flatMap(head => Array.from({ length: 20 }, (_, i) => historyRun(sha(i + 1), i, figures(i), { runner: head.runner })))
    const trend = trendOf(runs, heads, SETTINGS)
    assert.ok(trend.drifts.length >= 3 * 4, `${trend.drifts.length} drifts`)
    assert.ok(trend.section.length < 14_000, `${trend.section.length} characters`)
    const body = renderCombinedReport(heads, { trend: trend.section })
    assert.ok(body.includes(DETAILS_OPEN) && body.length < MAX_COMMENT_LENGTH, `${body.length} characters`)
  })

  it('sparklines scale from the lowest to the highest value and mark a missing figure', () => {
    assert.equal(sparkline([1, 2, null, 8]), '▁▂·█')
    assert.equal(sparkline([5, 5, 5]), '▄▄▄')
    assert.equal(sparkline([null]), '')
  })
})
