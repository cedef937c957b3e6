import { before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { renderCombinedReport, renderRunReport } from '../src/report/markdown.js'
import { medianChart, scalingChart } from '../src/report/mermaid.js'
import type { Results } from '../src/types.js'
import { failedHost, host, regressedResults, results, scaling, scalingResults } from './fixtures/report-results.js'
import { mermaidBlocks, mermaidParser } from './fixtures/report-tables.js'

let parse: (text: string) => Promise<unknown>

before(async () => {
  parse = await mermaidParser()
})

/** Parses with the real mermaid parser and checks what it cannot: one bar per x-axis label. */
async function assertValidChart(block: string): Promise<void> {
  assert.deepEqual(await parse(block), { diagramType: 'xychart', config: {} })
  const labels = block.match(/x-axis \[(.*)\]/)![1]!.split(', ')
  const bars = block.match(/bar \[(.*)\]/)![1]!.split(', ')
  assert.equal(bars.length, labels.length, block)
  for (const value of bars) assert.match(value, /^-?\d+(\.\d+)?$/)
}

function onlyBlock(chart: string): string {
  const blocks = mermaidBlocks(chart)
  assert.equal(blocks.length, 1, chart)
  return blocks[0]!
}

describe('mermaid charts', () => {
  it('a deliberately broken chart fails to parse, so these tests can fail', async () => {
    const good = onlyBlock(medianChart(results()))
    await assertValidChart(good)
    await assert.rejects(parse(good.replace(/bar \[/, 'bar [,')))
    await assert.rejects(parse(good.replace(/x-axis \[(.*)\]/, 'x-axis [$1')))
  })

  it('charts the median wall time of every host that ran', async () => {
    const block = onlyBlock(medianChart(regressedResults()))
    await assertValidChart(block)
    assert.match(block, /title "Median workload wall time, Linux x64"/)
    assert.match(block, /x-axis \["native", "go", "rust"\]/)
    assert.match(block, /y-axis "ms" 0 --> 72/)
    assert.match(block, /bar \[48\.9, 64\.9, 65\.4\]/)
  })

  it('keeps awkward host names and CPU names parseable', async () => {
    const run = results({
      runner: { os: 'Windows', arch: 'x64', cpu: 'Intel "Xeon" | 8 cores\nv2', node: 'v20' },
      hosts: [host('native', 0.0004), host('go "fast"', 123456.789), host('py-3.12 (venv)', 1e-7)]
    })
    for (const block of mermaidBlocks(renderRunReport(run))) await assertValidChart(block)
  })

  it('draws nothing when no host ran', () => {
    const none: Results = results({ hosts: [failedHost('native', 'not found'), failedHost('go', 'build failed')] })
    assert.equal(medianChart(none), '')
    assert.equal(scalingChart(none), '')
    assert.equal(mermaidBlocks(renderRunReport(none)).length, 0)
  })

  it('charts the fixed and per-item costs of the scaling fit', async () => {
    const blocks = mermaidBlocks(scalingChart(scalingResults()))
    assert.equal(blocks.length, 2)
    for (const block of blocks) await assertValidChart(block)
    assert.match(blocks[0]!, /y-axis "ms" 0 --> 77\n {4}bar \[40, 50, 60, 70\]/)
    assert.match(blocks[1]!, /y-axis "ns" 0 --> 14\n {4}bar \[9\.5, 10\.5, 11\.5, 12\.5\]/)
    assert.equal(scalingChart(results()), '')
  })

  it('gives a negative fitted fixed cost an axis that reaches below zero', async () => {
    const run = results({
      hosts: [host('native', 48.9, { scaling: scaling(-2.5, 9, null) }), host('go', 60, { scaling: scaling(30, 10, 0.1) })]
    })
    const [fixed] = mermaidBlocks(scalingChart(run))
    await assertValidChart(fixed!)
    assert.match(fixed!, /y-axis "ms" -2\.8 --> 33\n {4}bar \[-2\.5, 30\]/)
  })

  it('every chart in a combined report parses', async () => {
    const text = renderCombinedReport([regressedResults(), scalingResults()])
    const blocks = mermaidBlocks(text)
    assert.equal(blocks.length, 4)
    for (const block of blocks) await assertValidChart(block)
  })
})
