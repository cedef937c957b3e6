// The README's picture of a comment, from a real run: `npm run sample -- --import results.json...` keeps the
// results of real runs in docs/sample/ (raw samples and local paths left out); `npm run sample` writes the comment
// they give (docs/sample-comment.md, checked by __tests__/docs-sample.test.ts), renders it as GitHub does
// (cmark-gfm) and screenshots it with headless chromium (docs/sample-comment.png). Both come from the Debian
// packages `cmark-gfm chromium fonts-noto-color-emoji` (npm run setup).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { validateResults } from '../src/publish/validate-results.js'
import { hidePaths } from '../src/report/format.js'
import { renderCombinedReport } from '../src/report/markdown.js'
import type { HostResult, Results, Stats } from '../src/types.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SAMPLE_DIR = path.join(ROOT, 'docs', 'sample')
export const SAMPLE_MARKDOWN = path.join(ROOT, 'docs', 'sample-comment.md')
const SAMPLE_PNG = path.join(ROOT, 'docs', 'sample-comment.png')

/** Where the sample's links point: a repository as a user's would be (the runs were made locally). */
export const SAMPLE_LINKS = {
  runUrl: 'https://github.com/your-org/your-app/actions/runs/1',
  repoUrl: 'https://github.com/your-org/your-app',
  artifactsUrl: 'https://github.com/your-org/your-app/actions/runs/1#artifacts'
}

/** GitHub's flavour of Markdown: its extensions, and raw HTML passed on (GitHub then sanitises it). */
export function renderGfmHtml(markdown: string): string {
  return execFileSync('cmark-gfm', ['-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '--unsafe'], {
    input: markdown,
    encoding: 'utf8'
  })
}

/** The sample's results, in file name order, read as the report job reads results (older schemas upgraded). */
export function sampleResults(): Results[] {
  return readdirSync(SAMPLE_DIR)
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => {
      const checked = validateResults(JSON.parse(readFileSync(path.join(SAMPLE_DIR, name), 'utf8')))
      if (!checked.results) throw new Error(`docs/sample/${name} ${checked.refused.what}`)
      return checked.results
    })
}

/** The comment the sample's results give: what docs/sample-comment.md holds. */
export function sampleComment(): string {
  return renderCombinedReport(sampleResults(), SAMPLE_LINKS)
}

const isStats = (value: unknown): value is Stats =>
  typeof value === 'object' && value !== null && Array.isArray((value as Stats).samples) && typeof (value as Stats).median === 'number'

/** Results without raw samples (kept in the run's own results file) and without the machine's paths. */
export function slim(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(slim)
  if (isStats(value)) return { ...value, samples: [] }
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, slim(inner)]))
}

function importRun(file: string): void {
  const results = slim(JSON.parse(readFileSync(file, 'utf8'))) as Results
  const local = (h: HostResult): HostResult => ({ ...h, argv: h.argv.map(arg => path.basename(arg)), cwd: path.basename(h.cwd) })
  const cleaned: Results = {
    ...results,
    hosts: results.hosts.map(local),
    base: results.base && { ...results.base, hosts: results.base.hosts.map(local) },
    config: { ...results.config, guest: results.config.guest && path.basename(results.config.guest) },
    baseline: results.baseline && { ...results.baseline, source: hidePaths(results.baseline.source) },
    baseline_note: results.baseline_note && hidePaths(results.baseline_note)
  }
  mkdirSync(SAMPLE_DIR, { recursive: true })
  const name = `results-${results.runner.os}-${results.runner.arch}.json`.toLowerCase()
  writeFileSync(path.join(SAMPLE_DIR, name), `${JSON.stringify(cleaned, null, 2)}\n`)
  process.stderr.write(`imported ${file} as docs/sample/${name}\n`)
}

// GitHub's comment look, near enough: its font stack, table borders, code and summary styles.
const STYLE = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328;
  margin: 0; padding: 16px 24px; width: 880px; background: #fff; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 0 0 16px; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; } tr:nth-child(2n) td { background: #f6f8fa; }
code { background: #eff1f3; border-radius: 6px; padding: .2em .4em; font: 85% ui-monospace, monospace; }
a { color: #0969da; text-decoration: none; } ul { padding-left: 2em; margin: 0 0 16px; } p { margin: 0 0 16px; }
summary { cursor: pointer; } .frame { border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px; }`

function page(markdown: string, measure: boolean): string {
  const script = measure
    ? '<script>document.title = String(Math.ceil(document.querySelector(".frame").getBoundingClientRect().bottom) + 16)</script>'
    : ''
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="frame">${renderGfmHtml(markdown)}</div>${script}</body></html>`
}

/** Chromium's flags here: no sandbox (root), no GPU, and nothing fetched on its own (the network is closed). */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** Headless chromium with a fresh profile, nothing fetched on its own. */
function chromium(dir: string, args: string[]): string {
  const flags = ['--headless', ...QUIET_CHROMIUM_FLAGS, `--user-data-dir=${mkdtempSync(path.join(dir, 'profile-'))}`, '--hide-scrollbars']
  return execFileSync('chromium', [...flags, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 })
}

function screenshot(markdown: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'wasm-ffi-bench-sample-'))
  try {
    const measureFile = path.join(dir, 'measure.html')
    writeFileSync(measureFile, page(markdown, true))
    const dom = chromium(dir, ['--dump-dom', pathToFileURL(measureFile).href])
    const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1] ?? 1200)
    const htmlFile = path.join(dir, 'comment.html')
    writeFileSync(htmlFile, page(markdown, false))
    chromium(dir, [`--screenshot=${SAMPLE_PNG}`, `--window-size=930,${height}`, pathToFileURL(htmlFile).href])
    process.stderr.write(`wrote docs/sample-comment.png (930×${height})\n`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function main(argv: string[]): void {
  if (argv[0] === '--import') {
    rmSync(SAMPLE_DIR, { recursive: true, force: true })
    for (const file of argv.slice(1)) importRun(file)
  }
  const markdown = sampleComment()
  writeFileSync(SAMPLE_MARKDOWN, markdown)
  process.stderr.write('wrote docs/sample-comment.md\n')
  screenshot(markdown)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2))
