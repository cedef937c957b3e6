// The comment's trend section: per OS, each host's overhead and instruction count over the last default-branch
// commits with this run's head last, as sparklines in a table and as Mermaid line charts. Collapsed unless a
// host's instruction count drifted; drift is a warning, never a gate.
import { formatChange, formatCount, formatPercent, showText, type TextTarget } from '../report/format.js'
import { ROLES } from '../vocabulary.js'
import type { Drift } from './drift.js'
import { MIN_TREND_POINTS, seriesOf, type OsHistory } from './series.js'
import { legendLine, lineChart, sparkline, type Line } from './trend-chart.js'

export interface TrendOptions {
  /** drift threshold, a fraction */
  threshold: number
  /** the most past runs the window holds */
  window: number
  /** where the past runs come from: the default branch's (the action), or the runs that saved the baseline (the CLI) */
  origin: 'default-branch' | 'saved-baseline'
}

/** The past runs, named: the comment and the dashboard say it the same way. */
export const PAST = {
  'default-branch': { one: 'default-branch run', many: 'default-branch runs' },
  'saved-baseline': { one: 'run that saved the baseline', many: 'runs that saved the baseline' }
} as const

const pastName = (n: number, origin: TrendOptions['origin']) => `${n} ${n === 1 ? PAST[origin].one : PAST[origin].many}`

const short = (sha: string) => sha.slice(0, 7)

function commitName(commit: string, head: boolean, target: TextTarget): string {
  const sha = /^[0-9a-f]{7,64}$/.test(commit) ? short(commit) : showText(commit, target, 12)
  const name = target === 'markdown' ? `\`${sha}\`` : sha
  return head ? `${name} (this head)` : name
}

/** One line about a drift, for a warning (terminal) or the comment (markdown). */
export function driftMessage(drift: Drift, threshold: number, target: TextTarget): string {
  const moves = drift.moves
    .map(m => `${commitName(m.commit, false, target)} (${m.head ? 'this head, ' : ''}${formatChange(m.change, 2)})`)
    .join(', ')
  const host = showText(drift.host, target, 40)
  return (
    `${target === 'markdown' ? `**${host}**` : host} on ${showText(drift.os, target, 40)}: instructions per workload run ` +
    `${formatChange(drift.change, 2)} over ${drift.points} commits, beyond the drift threshold of ${formatPercent(threshold)}; ` +
    `it moved most at ${moves || 'no single commit'}`
  )
}

/** x labels: short SHAs, the head named, a repeated commit (the CLI on an uncommitted change) numbered. */
function xLabels(history: OsHistory): string[] {
  const seen = new Map<string, number>()
  return history.points.map(p => {
    const base = p.head ? 'head' : short(p.commit)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n > 1 ? `${base} (${n})` : base
  })
}

function firstLast(values: Array<number | null>, show: (v: number) => string): string {
  const present = values.filter((v): v is number => v !== null)
  return present.length === 0 ? '—' : `${show(present[0]!)} → ${show(present.at(-1)!)}`
}

function hostRow(history: OsHistory, host: string): string {
  const overhead = seriesOf(history, host, 'overhead')
  const counts = seriesOf(history, host, 'instructions')
  const countsPresent = counts.filter((v): v is number => v !== null)
  const drift = countsPresent.length >= 2 ? ` (${formatChange(countsPresent.at(-1)! / countsPresent[0]! - 1, 2)})` : ''
  const cell = (spark: string) => (spark ? `\`${spark}\`` : '—')
  return [
    showText(host, 'markdown', 40),
    host === ROLES.overheadReference ? '(the reference)' : cell(sparkline(overhead)),
    host === ROLES.overheadReference ? '' : firstLast(overhead, v => formatChange(v)),
    cell(sparkline(counts)),
    `${firstLast(counts, formatCount)}${drift}`
  ].join(' | ')
}

interface ChartSpec {
  title: string
  metric: 'overhead' | 'instructions'
  hosts: string[]
  /** what is drawn of a host's series, given the values at the charted points */
  draw: (values: number[]) => number[]
}

/**
 * A line needs a value at every x label: the chart keeps the commits where every host with the figure has it (a
 * pull request counts only the hosts it changed), and says which it left out; fewer than three are not drawn.
 */
function chartOf(history: OsHistory, spec: ChartSpec): string[] {
  const labels = xLabels(history)
  const series = spec.hosts
    .map(host => ({ host, values: seriesOf(history, host, spec.metric) }))
    .filter(s => s.values.some(v => v !== null))
  if (series.length === 0) return []
  const kept = labels.map((_, i) => i).filter(i => series.every(s => s.values[i] !== null))
  const what = spec.metric === 'overhead' ? 'The overhead' : 'Instruction counts'
  if (kept.length < MIN_TREND_POINTS)
    return [`${what}: fewer than ${MIN_TREND_POINTS} commits have a figure for every host, so no chart is drawn.`]
  const lines: Line[] = series.map(s => ({
    label: showText(s.host, 'markdown', 40),
    values: spec.draw(kept.map(i => s.values[i]!)),
    colour: history.hosts.indexOf(s.host)
  }))
  const x = kept.map(i => labels[i]!)
  const left = labels.filter((_, i) => !kept.includes(i))
  const note = left.length > 0 ? ` (left out, a host has no figure there: ${left.join(', ')})` : ''
  return [lineChart(spec.title.replace('{first}', x[0]!), '%', x, lines), `${legendLine(lines)}${note}`]
}

function charts(history: OsHistory): string[] {
  return [
    ...chartOf(history, {
      title: `Overhead vs wasmtime CLI, ${history.os}`,
      metric: 'overhead',
      hosts: history.hosts.filter(h => h !== ROLES.overheadReference),
      draw: values => values.map(v => v * 100)
    }),
    ...chartOf(history, {
      title: `Instructions per workload run, change since {first}, ${history.os}`,
      metric: 'instructions',
      hosts: history.hosts,
      draw: values => values.map(v => (values[0]! > 0 ? (v / values[0]! - 1) * 100 : 0))
    })
  ]
}

function osBlock(history: OsHistory, origin: TrendOptions['origin']): string {
  const past = history.points.filter(p => !p.head)
  const heads = history.points.filter(p => p.head)
  const title = `#### ${showText(history.os, 'markdown', 60)}`
  const span =
    past.length === 0
      ? `no ${PAST[origin].many}`
      : `${pastName(past.length, origin)} (${commitName(past[0]!.commit, false, 'markdown')} … ${commitName(past.at(-1)!.commit, false, 'markdown')})`
  const headText = heads.length > 0 ? `, then this head ${commitName(heads[0]!.commit, false, 'markdown')}` : ''
  if (history.points.length < MIN_TREND_POINTS) {
    return `${title}\n\nOnly ${history.points.length} point${history.points.length === 1 ? '' : 's'} (${span}${headText}): a trend needs ${MIN_TREND_POINTS}, so none is drawn yet.`
  }
  const table = [
    '| host | overhead vs wasmtime CLI | first → last | instructions per workload run | first → last |',
    '| --- | --- | --- | --- | --- |',
    ...history.hosts.map(host => `| ${hostRow(history, host)} |`)
  ].join('\n')
  return [title, `${span}${headText}, oldest first.`, table, ...charts(history)].join('\n\n')
}

/** The section, or '' when there is no history at all (no default-branch run was read). */
export function trendSection(histories: readonly OsHistory[], drifts: readonly Drift[], opts: TrendOptions): string {
  if (!histories.some(h => h.points.some(p => !p.head))) return ''
  const drifted = drifts.length > 0
  const past = Math.max(...histories.map(h => h.points.filter(p => !p.head).length))
  const what = `each host's overhead and instruction count over the last ${pastName(past, opts.origin)} (at most ${opts.window}), this head last`
  const summary = drifted
    ? `⚠️ Trend: instruction count drift (${drifts.map(d => `${showText(d.host, 'markdown', 40)} on ${showText(d.os, 'markdown', 40)}`).join(', ')}); ${what}`
    : `Trend: ${what}`
  const warnings = drifts.map(d => `> ⚠️ ${driftMessage(d, opts.threshold, 'markdown')}. Not gating.`)
  return [
    `<details${drifted ? ' open' : ''}><summary>${summary}</summary>`,
    ...warnings,
    ...histories.map(h => osBlock(h, opts.origin)),
    '</details>'
  ].join('\n\n')
}
