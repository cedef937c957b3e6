// Mermaid `xychart-beta` bar charts of a run, fenced for GitHub markdown. A chart with nothing to show is ''.

import type { Results } from '../types.js'
import { escapeCell } from './format.js'
import { okHosts, runnerLabel } from './metrics.js'

interface Bar {
  label: string
  value: number
}

/**
 * Mermaid strings are double-quoted and cannot escape a quote: replace it; keep it on one bounded line without
 * control characters or backticks, so that no label can end the fence.
 */
export function quote(text: string): string {
  return `"${escapeCell(text, 80).replace(/"/g, "'").replace(/`/g, "'")}"`
}

/** A plain decimal (never exponent notation), at most 3 decimals. */
export function chartNumber(value: number): string {
  const rounded = Number(value.toFixed(3))
  return Object.is(rounded, -0) ? '0' : String(rounded).includes('e') ? rounded.toFixed(3) : String(rounded)
}

/** A round axis bound about 10% above a positive value, to two significant digits: 107 -> 120, 0.84 -> 0.93. */
function niceBound(value: number): number {
  const padded = value * 1.1
  const step = 10 ** (Math.floor(Math.log10(padded)) - 1)
  return Number((Math.ceil(padded / step) * step).toPrecision(6))
}

function barChart(title: string, unit: string, bars: Bar[]): string {
  const values = bars.map(bar => bar.value)
  const max = Math.max(0, ...values)
  const min = Math.min(0, ...values)
  const yMin = min < 0 ? -niceBound(-min) : 0
  const yMax = max > 0 ? niceBound(max) : 1
  return [
    '```mermaid',
    'xychart-beta',
    `    title ${quote(title)}`,
    `    x-axis [${bars.map(bar => quote(bar.label)).join(', ')}]`,
    `    y-axis ${quote(unit)} ${chartNumber(yMin)} --> ${chartNumber(yMax)}`,
    `    bar [${values.map(chartNumber).join(', ')}]`,
    '```'
  ].join('\n')
}

function chartOrEmpty(title: string, unit: string, bars: Bar[]): string {
  const finite = bars.filter(bar => Number.isFinite(bar.value))
  return finite.length === 0 ? '' : barChart(title, unit, finite)
}

/** Median workload wall time per host that ran. */
export function medianChart(results: Results): string {
  const bars = okHosts(results).flatMap(host => (host.workload.wall_ms ? [{ label: host.name, value: host.workload.wall_ms.median }] : []))
  return chartOrEmpty(`Median workload wall time, ${runnerLabel(results)}`, 'ms', bars)
}

/** The fitted fixed cost (ms) per host, then the per-item cost (ns); '' when scaling did not run. */
export function scalingChart(results: Results): string {
  const fits = okHosts(results).flatMap(host => (host.scaling ? [{ host: host.name, fit: host.scaling }] : []))
  const fixed = chartOrEmpty(
    `Fixed cost (start-up and set-up), ${runnerLabel(results)}`,
    'ms',
    fits.map(({ host, fit }) => ({ label: host, value: fit.fixed_ms }))
  )
  const perItem = chartOrEmpty(
    `Per-item cost, ${runnerLabel(results)}`,
    'ns',
    fits.map(({ host, fit }) => ({ label: host, value: fit.per_item_ns }))
  )
  return [fixed, perItem].filter(chart => chart !== '').join('\n\n')
}
