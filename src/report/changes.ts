// The tables of changes: above the fold only what changed, regressed, improved or stayed open; in the details
// every comparison, gating and shown-only apart, with each note said once under its table.
import type { Comparison, Results, Verdict } from '../types.js'
import { ROLE_LABELS, type MetricName } from '../vocabulary.js'
import { NOTE_CONTEXT, NOTE_NOT_GATED } from '../gate.js'
import { DASH, formatChange, formatP, formatRange, formatVerdict, showText } from './format.js'
import { formatMetricValue, isCountMetric, isSameBuild, metricLabel, readableMetric } from './metrics.js'
import { table, type TableTarget } from './tables.js'

const ABOVE_FOLD_VERDICT: Record<Verdict, string> = {
  regression: '❌ regression',
  improvement: '🟢 improvement',
  '~': '✅ no regression',
  inconclusive: '⏳ inconclusive'
}

const decimalsOf = (c: Comparison): number => (isCountMetric(c.metric) ? 2 : 1)

/** What the comparisons were made against: "base" in the same job, "baseline" across runs. */
export const againstOf = (run: Results): string => (run.compared_with.kind === 'revision' ? 'base' : 'baseline')

/**
 * The gating comparisons a reviewer needs: of each host that changed (a same-job comparison of a program that
 * did not change is zero by construction), its overhead and whatever regressed, improved or stayed open; across
 * runs, only what regressed, improved or stayed open.
 */
export function notableComparisons(run: Results): Comparison[] {
  if (run.compared_with.kind === 'none') return []
  const gating = run.comparisons.filter(c => c.gating && !isSameBuild(c))
  return gating.filter(c => c.verdict !== '~' || (run.compared_with.kind === 'revision' && c.metric === 'overhead'))
}

/** A host's headline figure: its overhead, else (the reference host) its instruction count or wall time. */
const PRIMARY: MetricName[] = ['overhead', 'instructions', 'wall_ms']

/** "❌ instructions +1.00%; ⏳ export noop, export add": the other notable figures, grouped by verdict. */
function otherCell(others: Comparison[], target: TableTarget): string {
  const groups = (['regression', 'improvement', 'inconclusive'] as const).flatMap(verdict => {
    const list = others.filter(c => c.verdict === verdict)
    if (list.length === 0) return []
    const symbol = ABOVE_FOLD_VERDICT[verdict].split(' ')[0]
    const named = list.map(c =>
      verdict === 'inconclusive' ? metricLabel(c.metric) : `${metricLabel(c.metric)} ${formatChange(c.change, decimalsOf(c))}`
    )
    return [`${symbol} ${named.join(', ')}`]
  })
  return showText(groups.join('; '), target, 300)
}

/**
 * The table above the fold: one row per host that changed, regressed, improved or stayed open, with the change
 * of its overhead (the figure the product exists for) and its verdict, and in one cell its other notable gating
 * figures with theirs.
 */
export function changedTable(run: Results, target: TableTarget): string | null {
  const notable = notableComparisons(run)
  const hosts = [...new Set(notable.map(c => c.host))]
  if (hosts.length === 0) return null
  const rows = hosts.map(host => {
    const mine = notable.filter(c => c.host === host)
    const primary = PRIMARY.map(metric => run.comparisons.find(c => c.host === host && c.metric === metric)).find(Boolean)
    const label = primary && primary.metric !== 'overhead' ? ` (${readableMetric(primary.metric)})` : ''
    return [
      showText(host, target),
      primary ? `${formatChange(primary.change, decimalsOf(primary))}${label}` : DASH,
      primary ? formatRange(primary.ci95, decimalsOf(primary)) : DASH,
      primary ? ABOVE_FOLD_VERDICT[primary.verdict] : DASH,
      otherCell(
        mine.filter(c => c !== primary),
        target
      )
    ]
  })
  return table([['host', 'change', 'range', 'verdict', 'also'], ...rows], target)
}

/** The caption of the table above the fold: what "change" is a change of. */
export function changedCaption(run: Results): string {
  return `change of each host's overhead vs the ${ROLE_LABELS.overheadReference}, head against ${againstOf(run)}`
}

/** Notes the rows carried, once each with the hosts they concern, leaving out what the table's title says. */
function notesOf(comparisons: Comparison[], target: TableTarget): string | null {
  const hostsByNote = new Map<string, Set<string>>()
  for (const c of comparisons) {
    for (const note of (c.note ?? '').split('; ')) {
      if (!note || note === NOTE_NOT_GATED || note === NOTE_CONTEXT) continue
      hostsByNote.set(note, (hostsByNote.get(note) ?? new Set()).add(c.host))
    }
  }
  if (hostsByNote.size === 0) return null
  const lines = [...hostsByNote].map(([note, hosts]) => `${showText(note, target, 300)} (${showText([...hosts].join(', '), target)})`)
  return `Notes: ${lines.join('; ')}.`
}

function comparisonRows(comparisons: Comparison[], against: string, target: TableTarget): string {
  const header = ['host', 'metric', against, 'head', 'change', 'range', 'p', 'verdict']
  const rows = comparisons.map(c => [
    showText(c.host, target),
    showText(readableMetric(c.metric), target),
    formatMetricValue(c.metric, c.baseline_median),
    formatMetricValue(c.metric, c.current_median),
    formatChange(c.change, decimalsOf(c)),
    formatRange(c.ci95, decimalsOf(c)),
    isCountMetric(c.metric) ? DASH : formatP(c.p),
    formatVerdict(c.verdict)
  ])
  return table([header, ...rows], target)
}

export interface ComparisonSection {
  title: string
  body: string
}

/**
 * The timed comparisons in the details: gating and shown-only apart (no per-row "gate" column), the same builds
 * named once instead of a zero row each, and every note once under its table.
 */
export function comparisonSections(comparisons: Comparison[], against: string, target: TableTarget): ComparisonSection[] {
  const same = comparisons.filter(isSameBuild)
  const measured = comparisons.filter(c => !isSameBuild(c))
  const sections: ComparisonSection[] = []
  const add = (title: string, list: Comparison[], extra: string | null): void => {
    if (list.length === 0 && !extra) return
    const parts = [list.length > 0 ? comparisonRows(list, against, target) : null, notesOf(list, target), extra]
    sections.push({ title, body: parts.filter(Boolean).join('\n\n') })
  }
  const sameHosts = [...new Set(same.map(c => c.host))]
  const sameLine =
    sameHosts.length > 0 ? `Unchanged by construction (the same build in both revisions): ${showText(sameHosts.join(', '), target)}.` : null
  add(
    `Gating comparisons with the ${against}`,
    measured.filter(c => c.gating),
    sameLine
  )
  add(
    'Shown only, not gating',
    measured.filter(c => !c.gating),
    null
  )
  return sections
}

/**
 * The stored baseline as context of a same-job comparison: only what it flags (its own test, its own wider
 * threshold), with the rest counted; the title says it does not gate.
 */
export function contextTable(comparisons: Comparison[], target: TableTarget): string | null {
  if (comparisons.length === 0) return null
  const flagged = comparisons.filter(c => c.verdict !== '~')
  const rest = comparisons.length - flagged.length
  const quiet =
    rest > 0 ? `${flagged.length > 0 ? 'The other' : 'All'} ${rest} figures: ~ (no change beyond the baseline threshold).` : null
  const rows = flagged.length > 0 ? comparisonRows(flagged, 'baseline', target) : null
  return [rows, notesOf(comparisons, target), quiet].filter(Boolean).join('\n\n')
}
