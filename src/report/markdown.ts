// Run reports for the job summary, the PR comment and the terminal (docs/design.md, "Reports"). Above the fold:
// the headline (one status per OS), the links, and per OS only what changed; everything else is collapsed.

import type { FunctionLists } from '../config.js'
import type { Results } from '../types.js'
import { ROLE_LABELS, ROLES } from '../vocabulary.js'
import { againstOf, changedCaption, changedTable, comparisonSections, contextTable } from './changes.js'
import { formatSeconds, showText, type TextTarget } from './format.js'
import { functionChangeSections } from './function-changes.js'
import { statusLines, titleLine } from './headline.js'
import { instructionsLegends, instructionsSection } from './instructions.js'
import { linksLine, shortSha, type ReportLinks } from './links.js'
import { medianChart, scalingChart } from './mermaid.js'
import { isCountMetric, runnerLabel, sortRuns } from './metrics.js'
import {
  type TableTarget,
  configLine,
  cpuTable,
  harnessLine,
  ffiTable,
  PER_CALL_LEGEND,
  phaseTable,
  scalingTable,
  summaryTable,
  toolchainTable
} from './tables.js'
import { renderGateMessage } from './verdict.js'

export { renderGateMessage }
export type { ReportLinks }

/** The hidden marker that finds the sticky PR comment. */
export const COMMENT_MARKER = '<!-- wasm-ffi-bench:comment -->'

/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536

/** The collapsed part starts here: what is above it is what a reviewer sees. */
export const DETAILS_OPEN =
  '<details><summary>Details: every host and figure, comparisons, instruction counts, toolchains, how to read them</summary>'
const DETAILS_CLOSE = '</details>'

interface Section {
  title: string
  body: string
}

const timed = (run: Results) => run.comparisons.filter(c => !isCountMetric(c.metric))

/** What the changes are measured against and how the sampling went, with the notes of the run, each once. */
function comparedWith(run: Results, target: TextTarget): string {
  const { kind, commit, source, rounds, seconds, decided, note } = run.compared_with
  const plainSha = commit && /^[0-9a-f]+$/.test(commit) ? commit.slice(0, 7) : null
  const sha = plainSha ? (target === 'markdown' ? shortSha(plainSha) : plainSha) : showText(commit ?? '', target)
  const sampling = `${showText(String(rounds), target)} rounds in ${formatSeconds(seconds)}`
  const lines: string[] = []
  if (kind === 'revision') {
    const stop = decided ? 'stopped when every gating comparison was decided' : 'stopped when the time or round budget ran out'
    lines.push(`Compared with ${showText(source, target)} ${sha}, measured in the same job, paired round by round: ${sampling}, ${stop}.`)
  } else if (kind === 'baseline') {
    lines.push(`Compared with the stored baseline (${showText(source, target)}, commit ${sha}): ${sampling}.`)
  } else {
    lines.push(`Not compared: ${sampling}.`)
  }
  const sentence = (text: string, max: number) => showText(text, target, max).replace(/\.*$/, '.')
  if (note) lines.push(`Sampling: ${sentence(note, 600)}`)
  if (run.baseline_note) lines.push(`Stored baseline: ${sentence(run.baseline_note, 500)}`)
  return lines.join(target === 'markdown' ? '\n\n' : '\n')
}

function detailSections(run: Results, target: TableTarget): Section[] {
  const sections: Section[] = []
  const add = (title: string, body: string | null): void => {
    if (body) sections.push({ title, body })
  }
  add('Every host', `${comparedWith(run, target)}\n\n${summaryTable(run, target)}`)
  add('Instruction counts', instructionsSection(run, target))
  for (const section of comparisonSections(timed(run), againstOf(run), target)) add(section.title, section.body)
  add(
    'Context: the stored baseline of the default branch (not gating)',
    contextTable(
      run.baseline_comparisons.filter(c => !isCountMetric(c.metric)),
      target
    )
  )
  add('Phase medians (in-process)', phaseTable(run, target))
  add('CPU time per workload run (median)', cpuTable(run, target))
  add(`Per-call costs (median, relative to ${ROLES.perCallReference})`, ffiTable(run, target))
  add('Scaling: time = fixed + per item × size', scalingTable(run, target))
  add('Toolchains', toolchainTable(run, target))
  add('Harness', harnessLine(run, target))
  add('Config', `${configLine(run, target)}.`)
  return sections
}

/** How to read the tables: said once per report, not per row or per OS. */
function legend(all: readonly Results[]): string {
  const levels = [...new Set(all.flatMap(run => timed(run).map(c => c.ci_level ?? 0.95)))].sort()
  const level = levels.length > 0 ? levels.map(l => `${Number((l * 100).toFixed(1))}%`).join(', ') : '95%'
  const lines = [
    `- **${ROLES.overheadReference}** is the ${ROLE_LABELS.overheadReference} running the same module, not native code: every other host's overhead is its time over the CLI's, paired per round.`,
    `- **change**: head against base (or the stored baseline). **range**: the interval of the change (timed figures: at ${level} confidence, the level the run's last look spent; instruction counts: from the smallest to the largest head/base ratio).`,
    '- **verdict**: ❌ regression (significant and the whole range beyond the threshold), 🟢 improvement, ~ or ✅ no regression (the whole range within the threshold), ⏳ inconclusive (anything else; never fails the build unless fail-on-inconclusive is on).',
    `- **Per call**: ${PER_CALL_LEGEND}`
  ]
  for (const text of instructionsLegends(all.map(run => run.instructions?.counter))) lines.push(`- **Instructions**: ${text}`)
  return lines.join('\n')
}

function osDetails(run: Results): string {
  const title = `### ${showText(runnerLabel(run), 'markdown')} — ${showText(run.runner.cpu || 'unknown CPU', 'markdown')}`
  const sections = detailSections(run, 'markdown').map(section => `#### ${section.title}\n\n${section.body}`)
  const charts = [medianChart(run), scalingChart(run)].filter(chart => chart !== '')
  return [title, ...sections, ...charts].join('\n\n')
}

function renderDetails(all: readonly Results[]): string {
  const blocks = [...sortRuns(all).map(osDetails), `### How to read this\n\n${legend(all)}`]
  return [DETAILS_OPEN, '', ...blocks.flatMap(block => [block, '']), DETAILS_CLOSE].join('\n')
}

/** Per OS, the table of what changed, regressed, improved or stayed open; nothing for an OS where nothing did. */
function changedSections(all: readonly Results[], functionLists: FunctionLists): string[] {
  return sortRuns(all).flatMap(run => {
    const changed = changedTable(run, 'markdown')
    // Under the rows, collapsed: the functions behind each host's instruction change.
    const functions = functionChangeSections(run, 'markdown', functionLists === 'all')
    const label = `**${showText(runnerLabel(run), 'markdown')}**`
    if (changed) return [`${label}: ${changedCaption(run)}\n\n${changed}${functions && `\n\n${functions}`}`]
    // function-lists: all shows the lists of hosts that changed nothing the table shows.
    return functions ? [`${label}\n\n${functions}`] : []
  })
}

export interface CombinedReportOptions extends ReportLinks {
  title?: string
  /** the trend over the default branch (src/history/), placed after what changed: open only when it warns */
  trend?: string
  /** whose function lists to show (input function-lists): the hosts whose count changed (default), or all */
  functionLists?: FunctionLists
}

function combined(all: readonly Results[], opts: CombinedReportOptions, withDetails: boolean): string {
  const title = opts.title ?? 'wasm-ffi-bench'
  const parts = [COMMENT_MARKER, `## ${titleLine(all, title)}`]
  if (all.length === 0) parts.push('No results were found.')
  else
    parts.push(
      statusLines(all, 'markdown')
        .map(line => `- ${line}`)
        .join('\n')
    )
  const links = linksLine(all, opts)
  if (links) parts.push(links)
  parts.push(...changedSections(all, opts.functionLists ?? 'changed'))
  if (opts.trend) parts.push(opts.trend)
  if (withDetails && all.length > 0) parts.push(renderDetails(all))
  return `${parts.join('\n\n')}\n`
}

function truncate(text: string, runUrl: string | undefined): string {
  const link = runUrl ? ` The full report is in the [workflow run](${runUrl}).` : ''
  const note = `\n\n> ⚠️ This report was truncated to fit a GitHub comment.${link}\n`
  const room = MAX_COMMENT_LENGTH - note.length
  const cut = text.lastIndexOf('\n', room)
  return text.slice(0, cut > 0 ? cut : room) + note
}

/**
 * The sticky PR comment for the whole matrix: the marker, the headline, the links, what changed per OS, then the
 * details collapsed. Kept under GitHub's limit: details are dropped first, then the text is cut with a note.
 */
export function renderCombinedReport(all: readonly Results[], opts: CombinedReportOptions = {}): string {
  const full = combined(all, opts, true)
  if (full.length <= MAX_COMMENT_LENGTH) return full
  const compact = combined(all, opts, false)
  if (compact.length <= MAX_COMMENT_LENGTH) return compact
  return truncate(compact, opts.runUrl)
}

/** One OS's report (its job summary): the same headline, table and details as the comment. */
export function renderRunReport(results: Results, opts: CombinedReportOptions = {}): string {
  return renderCombinedReport([results], opts).slice(COMMENT_MARKER.length + 1)
}

/** The same report for a terminal: plain headings, no HTML, no charts. */
export function renderTerminal(results: Results, functionLists: FunctionLists = 'changed'): string {
  const title = titleLine([results], 'wasm-ffi-bench')
  const parts = [`${title}\n${'='.repeat(title.length)}`, statusLines([results], 'terminal').join('\n')]
  const changed = changedTable(results, 'terminal')
  if (changed) parts.push(changed)
  const functions = functionChangeSections(results, 'terminal', functionLists === 'all')
  if (functions) parts.push(functions)
  for (const section of detailSections(results, 'terminal')) {
    parts.push(`${section.title}\n${'-'.repeat(section.title.length)}\n${section.body}`)
  }
  parts.push(`How to read this\n----------------\n${legend([results])}`)
  return `${parts.join('\n\n')}\n`
}
