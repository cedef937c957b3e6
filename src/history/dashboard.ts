// The dashboard: one self-contained HTML page (chart library, styles, script and data inline; a content security
// policy that forbids any fetch), per OS and host the overhead, wall time, per-call costs and instruction counts
// over commits, with commit links, a host filter and a tooltip per point. Data is embedded as JSON that cannot end
// its script element, and shown only through textContent.
import { ROLES } from '../vocabulary.js'
import { chartLibrary } from './chart-library.js'
import { DASHBOARD_SCRIPT } from './dashboard-script.js'
import { MIN_TREND_POINTS, seriesOf, TREND_METRICS, type OsHistory, type TrendMetric } from './series.js'
import { LINE_COLOURS } from './trend-chart.js'
import { PAST, type TrendOptions } from './trend-section.js'

interface MetricView {
  key: TrendMetric
  label: string
  unit: string
  /** stored value times scale is what is drawn: the overhead ratio - 1 as percent */
  scale: number
}

const METRIC_VIEWS: Record<TrendMetric, Omit<MetricView, 'key'>> = {
  overhead: { label: 'Overhead vs wasmtime CLI', unit: '%', scale: 100 },
  wall_ms: { label: 'Workload wall time (median)', unit: 'ms', scale: 1 },
  export_noop_ns: { label: 'Export noop per call', unit: 'ns', scale: 1 },
  export_add_ns: { label: 'Export add per call', unit: 'ns', scale: 1 },
  import_noop_ns: { label: 'Import noop per call', unit: 'ns', scale: 1 },
  memory_copy_ns_per_kib: { label: 'Memory copy', unit: 'ns/KiB', scale: 1 },
  instructions: { label: 'Instructions per workload run', unit: 'instructions', scale: 1 }
}

export interface DashboardOptions {
  title?: string
  /** https://github.com/owner/repo (from the workflow's event, trusted): commits link under it */
  repoUrl?: string
  generatedAt?: string
  /** where the past runs come from, as the trend section says it */
  origin?: TrendOptions['origin']
}

function pageData(histories: readonly OsHistory[], opts: DashboardOptions): object {
  const repoUrl = opts.repoUrl && /^https?:\/\/[^\s"'<>]+$/.test(opts.repoUrl) ? opts.repoUrl.replace(/\/+$/, '') : null
  return {
    repoUrl,
    past: PAST[opts.origin ?? 'default-branch'],
    minPoints: MIN_TREND_POINTS,
    colours: LINE_COLOURS.map(c => c.hex),
    metrics: TREND_METRICS.map(key => ({ key, ...METRIC_VIEWS[key] })),
    oses: histories.map(history => ({
      os: history.os,
      points: history.points.map(p => ({ commit: p.commit, created_at: p.created_at, head: p.head })),
      hosts: history.hosts,
      series: Object.fromEntries(
        TREND_METRICS.map(metric => [
          metric,
          Object.fromEntries(
            history.hosts
              .filter(host => !(metric === 'overhead' && host === ROLES.overheadReference))
              .map(host => [host, seriesOf(history, host, metric)])
          )
        ])
      )
    }))
  }
}

/** JSON inside a script element: no "</script", no "<!--", no line separators that end a JS string. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #212529; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 4px; border-bottom: 1px solid #dee2e6; }
h3 { font-size: 13px; margin: 0 0 4px; font-weight: 600; }
.grid { display: flex; flex-wrap: wrap; gap: 18px; } .chart { width: 520px; }
.filter { border: 1px solid #dee2e6; border-radius: 6px; display: inline-flex; gap: 14px; flex-wrap: wrap; }
.few { color: #868e96; font-style: italic; }
table.commits { border-collapse: collapse; margin-top: 12px; font-size: 12px; }
table.commits td, table.commits th { padding: 2px 10px; border-bottom: 1px solid #f1f3f5; text-align: left; }
.sha { font-family: ui-monospace, monospace; }
.tip { position: absolute; z-index: 10; pointer-events: none; background: #fff; border: 1px solid #adb5bd;
  border-radius: 4px; padding: 6px 8px; font-size: 12px; box-shadow: 0 2px 6px rgba(0,0,0,.15); }
.tip-title { font-weight: 600; margin-bottom: 2px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
`

/** The page, whole: it fetches nothing when viewed. */
export function renderDashboard(histories: readonly OsHistory[], opts: DashboardOptions = {}): string {
  const title = opts.title ?? 'wasm-ffi-bench: history'
  const generated = opts.generatedAt ?? new Date().toISOString()
  const library = chartLibrary()
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${library.css}</style>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>Each host's figures over the measured commits, oldest first, per OS. Generated ${escapeHtml(generated)}. Hover a point for its values; untick a host to hide it.</p>`,
    '<div id="wfb-root"></div>',
    `<script id="wfb-data" type="application/json">${scriptJson(pageData(histories, opts))}</script>`,
    `<script>${library.js}</script>`,
    `<script>${DASHBOARD_SCRIPT}</script>`,
    '</body></html>',
    ''
  ].join('\n')
}
