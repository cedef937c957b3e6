// The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core. It loads without a
// console error or a single request, draws every series of every chart, filters hosts, and shows a tooltip.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { renderDashboard, trendOf } from '../src/history/index.js'
import { scriptJson } from '../src/history/dashboard.js'
import { LINE_COLOURS } from '../src/history/trend-chart.js'
import { openDashboard, sampleDashboard, type OpenedDashboard } from '../scripts/render-dashboard.js'
import { creepingRuns, historyRun, sha } from './fixtures/history-runs.js'

const MAC = { os: 'macOS', arch: 'ARM64', cpu: 'Apple M1', node: 'v20' }
let opened: OpenedDashboard
let dir: string

before(async () => {
  const head = historyRun(
    sha(0xee),
    999,
    { go: { overhead: 0.36, instructions: 519.3e6 }, rust: { overhead: 0.33, instructions: 450e6 } },
    { pr: 7 }
  )
  const mac = historyRun(sha(0x0a), 3, { go: { overhead: 0.5, instructions: null } }, { runner: MAC })
  const trend = trendOf([...creepingRuns(), mac], [head], { runs: 20, driftThreshold: 0.02 })
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-dashboard-test-'))
  const file = path.join(dir, 'dashboard.html')
  fs.writeFileSync(file, renderDashboard(trend.histories, { repoUrl: 'https://github.com/acme/bench' }))
  opened = await openDashboard(file)
})
after(async () => {
  await opened?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Which of the line colours a chart's canvas holds (anti-aliasing aside: exact pixels of a 2-px line). */
async function coloursDrawn(metric: string, os = 'Linux x64'): Promise<string[]> {
  return opened.page.evaluate(
    ({ metric, os, colours }) => {
      const chart = document.querySelector(`section[data-os="${os}"] .chart[data-metric="${metric}"]`)!
      const canvas = chart.querySelector('canvas')!
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      const seen = new Set<string>()
      for (let i = 0; i < pixels.length; i += 4) {
        const hex = `#${[pixels[i]!, pixels[i + 1]!, pixels[i + 2]!].map(v => v.toString(16).padStart(2, '0')).join('')}`
        if (colours.includes(hex)) seen.add(hex)
      }
      return colours.filter(c => seen.has(c))
    },
    { metric, os, colours: LINE_COLOURS.map(c => c.hex as string) }
  )
}

describe('the dashboard in headless chromium', () => {
  it('loads with no console error and fetches nothing', () => {
    assert.deepEqual(opened.problems, [])
  })

  it('draws every series of every chart, in its host colour', async () => {
    const charts = await opened.page
      .locator('section[data-os="Linux x64"] .chart')
      .evaluateAll(els => els.map(e => e.getAttribute('data-metric')))
    assert.deepEqual(charts, [
      'overhead',
      'wall_ms',
      'export_noop_ns',
      'export_add_ns',
      'import_noop_ns',
      'memory_copy_ns_per_kib',
      'instructions'
    ])
    const [native, go, rust] = LINE_COLOURS.map(c => c.hex)
    assert.deepEqual(await coloursDrawn('overhead'), [go, rust], 'native is the reference, not a line')
    assert.deepEqual(await coloursDrawn('wall_ms'), [native, go, rust])
    assert.deepEqual(await coloursDrawn('export_noop_ns'), [go, rust], 'native has no per-call figures')
    assert.deepEqual(await coloursDrawn('instructions'), [native, go, rust])
    const legend = await opened.page
      .locator('section[data-os="Linux x64"] .chart[data-metric="instructions"] .u-legend .u-series')
      .allTextContents()
    assert.deepEqual(
      legend.map(t => t.trim()),
      ['native', 'go', 'rust']
    )
  })

  it('says so instead of drawing a line for an OS with fewer than three points', async () => {
    const mac = opened.page.locator('section[data-os="macOS ARM64"]')
    assert.equal(await mac.locator('.chart').count(), 0)
    assert.equal(await mac.locator('.few').textContent(), 'Only 1 point: a trend needs 3, so no line is drawn yet.')
  })

  it('links every commit, the head last', async () => {
    const links = await opened.page
      .locator('section[data-os="Linux x64"] table.commits a')
      .evaluateAll(as => as.map(a => (a as HTMLAnchorElement).href))
    assert.equal(links.length, 6)
    assert.equal(links[0], `https://github.com/acme/bench/commit/${sha(1)}`)
    assert.equal(links[5], `https://github.com/acme/bench/commit/${sha(0xee)}`)
  })

  it("shows a tooltip with the point's commit and every host's value", async () => {
    const over = opened.page.locator('section[data-os="Linux x64"] .chart[data-metric="overhead"] .u-over')
    const box = (await over.boundingBox())!
    // the x scale runs from point 0 to point 5: the middle of the plot is between points 2 and 3
    await opened.page.mouse.move(box.x + box.width * 0.02, box.y + box.height / 2)
    const tip = opened.page.locator('.tip')
    assert.equal(await tip.isVisible(), true)
    assert.deepEqual(await tip.locator('div').allTextContents(), ['0101010 · 2026-12-01 00:00', 'go: +30.0%', 'rust: +33.0%'])
    await opened.page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2)
    assert.equal(await tip.locator('.tip-title').textContent(), 'head (eeeeeee) · 2026-12-01 16:39')
  })

  it('hides a host everywhere when it is unticked, and its tooltip row with it', async () => {
    await opened.page.getByLabel('go').uncheck()
    const [, , rust] = LINE_COLOURS.map(c => c.hex)
    assert.deepEqual(await coloursDrawn('overhead'), [rust])
    const over = opened.page.locator('section[data-os="Linux x64"] .chart[data-metric="overhead"] .u-over')
    const box = (await over.boundingBox())!
    await opened.page.mouse.move(box.x + box.width * 0.02, box.y + box.height / 2)
    assert.deepEqual(await opened.page.locator('.tip div').allTextContents(), ['0101010 · 2026-12-01 00:00', 'rust: +33.0%'])
    await opened.page.getByLabel('go').check()
    assert.equal((await coloursDrawn('overhead')).length, 2)
  })
})

describe('the page text', () => {
  it('embeds data that cannot end its script element', () => {
    assert.equal(
      scriptJson({ a: '</script><script>alert(1)</script>\u2028' }),
      '{"a":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u2028"}'
    )
  })

  it("the docs picture's runs (docs/dashboard-sample/) are valid results and render", () => {
    assert.match(sampleDashboard(), /^<!doctype html>[\s\S]*"past":\{"one":"run that saved the baseline"/)
  })
})
