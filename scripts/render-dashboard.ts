// The README's picture of the history dashboard, from real runs: `npm run dashboard-picture -- --import DIR` keeps
// the results files of a CLI history folder (.wasm-ffi-bench/history/) in docs/dashboard-sample/ (raw samples and
// local paths left out); `npm run dashboard-picture` renders the dashboard they give and screenshots it with
// Debian's headless chromium, driven by playwright-core (docs/dashboard.png). openDashboard is also the test's.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { renderDashboard, trendOf } from '../src/history/index.js'
import { validateResultsFile } from '../src/publish/validate-results.js'
import { hidePaths } from '../src/report/format.js'
import type { HostResult, Results } from '../src/types.js'
import { QUIET_CHROMIUM_FLAGS, slim } from './render-sample.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DASHBOARD_SAMPLE_DIR = path.join(ROOT, 'docs', 'dashboard-sample')
const DASHBOARD_PNG = path.join(ROOT, 'docs', 'dashboard.png')
const CHROMIUM = '/usr/bin/chromium'

export interface OpenedDashboard {
  page: Page
  /** console errors, uncaught exceptions, and any request that left the page's own file */
  problems: string[]
  close(): Promise<void>
}

/** The page in headless chromium with a fresh profile that fetches nothing on its own. */
export async function openDashboard(file: string, width = 1180): Promise<OpenedDashboard> {
  const profile = mkdtempSync(path.join(tmpdir(), 'wfb-chromium-'))
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height: 900 },
    args: QUIET_CHROMIUM_FLAGS
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const problems: string[] = []
  const own = pathToFileURL(file).href
  page.on('console', message => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', error => problems.push(`page error: ${error.message}`))
  page.on('request', request => {
    if (request.url() !== own) problems.push(`request: ${request.url()}`)
  })
  await page.goto(own, { waitUntil: 'load' })
  return {
    page,
    problems,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

function importHistory(dir: string): void {
  rmSync(DASHBOARD_SAMPLE_DIR, { recursive: true, force: true })
  mkdirSync(DASHBOARD_SAMPLE_DIR, { recursive: true })
  for (const name of readdirSync(dir)
    .filter(n => n.endsWith('.json'))
    .sort()) {
    const results = slim(JSON.parse(readFileSync(path.join(dir, name), 'utf8'))) as Results
    const local = (h: HostResult): HostResult => ({ ...h, argv: h.argv.map(arg => path.basename(arg)), cwd: path.basename(h.cwd) })
    const cleaned = { ...results, hosts: results.hosts.map(local), base: null, config: { ...results.config, guest: 'guest' } }
    // no local paths anywhere (the baseline file's, in its source and notes)
    const text = JSON.stringify(cleaned, (_, v: unknown) => (typeof v === 'string' ? hidePaths(v) : v), 2)
    writeFileSync(path.join(DASHBOARD_SAMPLE_DIR, name), `${text}\n`)
    process.stderr.write(`imported ${name}\n`)
  }
}

/** The sample's dashboard: its runs as the CLI shows them, the newest as this run's head. */
export function sampleDashboard(): string {
  const runs = readdirSync(DASHBOARD_SAMPLE_DIR)
    .filter(n => n.endsWith('.json'))
    .sort()
    .map(name => validateResultsFile(path.join(DASHBOARD_SAMPLE_DIR, name)).results!)
  const trend = trendOf(runs.slice(0, -1), runs.slice(-1), { runs: 20, driftThreshold: 0.02 })
  return renderDashboard(trend.histories, {
    repoUrl: 'https://github.com/your-org/your-app',
    generatedAt: runs.at(-1)!.created_at,
    origin: 'saved-baseline'
  })
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--import') importHistory(argv[1]!)
  const dir = mkdtempSync(path.join(tmpdir(), 'wfb-dashboard-'))
  const file = path.join(dir, 'dashboard.html')
  writeFileSync(file, sampleDashboard())
  const opened = await openDashboard(file)
  try {
    if (opened.problems.length > 0) throw new Error(opened.problems.join('\n'))
    // A tooltip in the picture: the cursor on the second commit of the first chart.
    const over = opened.page.locator('.chart .u-over').first()
    const box = (await over.boundingBox())!
    await opened.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await opened.page.screenshot({ path: DASHBOARD_PNG, fullPage: true })
    process.stderr.write(`wrote docs/dashboard.png\n`)
  } finally {
    await opened.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2))
