// Run reports for the job summary, the PR comment and the terminal (docs/design.md).

import type { Results } from '../types.js'
import { DASH, formatSeconds, showText, type TextTarget } from './format.js'
import { medianChart, scalingChart } from './mermaid.js'
import { runnerLabel, sortRuns, timedComparisons } from './metrics.js'
import {
  type TableTarget,
  comparisonsTable,
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
import { renderGateMessage, verdictLines } from './verdict.js'
import { instructionsSection } from './instructions.js'

export { renderGateMessage }

/** The hidden marker that finds the sticky PR comment. */
export const COMMENT_MARKER = '<!-- wasm-ffi-bench:comment -->'

/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536

interface Section {
  title: string
  body: string
}

function heading(results: Results, target: TextTarget): string {
  return `${showText(runnerLabel(results), target)} — ${showText(results.runner.cpu || 'unknown CPU', target)}`
}

/** A commit as inline code; anything but plain hex (data can hold anything) is shown as escaped text instead. */
function shaText(commit: string | null | undefined, target: TextTarget): string {
  const sha = (commit ?? '').slice(0, 12)
  return /^[0-9a-f]+$/.test(sha) ? `\`${sha}\`` : showText(sha, target) || DASH
}

/** What the changes are measured against, and how the sampling went. */
function comparedWithLine(results: Results, target: TextTarget): string {
  const { kind, commit, source, rounds, seconds, decided } = results.compared_with
  const sha = shaText(commit, target)
  const sampling = `${showText(String(rounds), target)} rounds in ${formatSeconds(seconds)}`
  if (kind === 'revision') {
    const stop = decided ? 'every gating comparison decided' : 'time or round budget spent: what is undecided is inconclusive'
    return `Compared with ${showText(source, target)} ${sha}, measured in the same job and paired round by round: ${sampling}, ${stop}.`
  }
  if (kind === 'baseline') return `Compared with the stored baseline (${showText(source, target)}, commit ${sha}): ${sampling}.`
  return `No baseline: changes are not shown (${sampling}).`
}

function notes(results: Results, target: TextTarget): string[] {
  const lines = [comparedWithLine(results, target)]
  if (results.compared_with.note) lines.push(`Note: ${showText(results.compared_with.note, target, 500)}`)
  if (results.baseline_note) lines.push(`Baseline note: ${showText(results.baseline_note, target, 500)}`)
  return lines
}

function detailSections(results: Results, target: TableTarget): Section[] {
  const sections: Section[] = []
  const add = (title: string, body: string | null): void => {
    if (body) sections.push({ title, body })
  }
  add('Phase medians (in-process)', phaseTable(results, target))
  add('CPU time per workload run (median)', cpuTable(results, target))
  const perCall = ffiTable(results, target)
  add('Per-call costs (median, relative to rust)', perCall && `${perCall}\n\n${PER_CALL_LEGEND}`)
  add('Scaling: time = fixed + per item × size', scalingTable(results, target))
  const against = results.compared_with.kind === 'revision' ? 'base' : 'baseline'
  add(`Comparisons with the ${against}`, comparisonsTable(timedComparisons(results.comparisons), against, target))
  add(
    'Context: the stored baseline of the default branch (not gating)',
    comparisonsTable(timedComparisons(results.baseline_comparisons), 'baseline', target)
  )
  add('Toolchains', toolchainTable(results, target))
  add('Harness', harnessLine(results, target))
  add('Config', `${configLine(results, target)}.`)
  return sections
}

function renderDetails(results: Results): string {
  const sections = detailSections(results, 'markdown').map(section => `#### ${section.title}\n\n${section.body}`)
  const charts = [medianChart(results), scalingChart(results)].filter(chart => chart !== '')
  const blocks = [...sections, ...charts]
  return ['<details><summary>Details</summary>', '', ...blocks.flatMap(block => [block, '']), '</details>'].join('\n')
}

function renderRun(results: Results, withDetails: boolean): string {
  const parts = [`### ${heading(results, 'markdown')}`, notes(results, 'markdown').join('\n\n'), summaryTable(results, 'markdown')]
  const counts = instructionsSection(results, 'markdown')
  if (counts) parts.push(counts)
  if (withDetails) parts.push(renderDetails(results))
  return parts.join('\n\n')
}

/** One OS's report: the summary table per host, then the details in a collapsible section. */
export function renderRunReport(results: Results): string {
  return `${renderRun(results, true)}\n`
}

export interface CombinedReportOptions {
  title?: string
  runUrl?: string
}

function combined(all: Results[], opts: CombinedReportOptions, withDetails: boolean): string {
  const parts = [COMMENT_MARKER, `## ${opts.title ?? 'wasm-ffi-bench'}`, verdictLines(all).join('\n\n')]
  if (all.length === 0) parts.push('No results were found.')
  parts.push(...sortRuns(all).map(run => renderRun(run, withDetails)))
  if (opts.runUrl) parts.push(`[Workflow run](${opts.runUrl})`)
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
 * The sticky PR comment for the whole matrix: the marker, the overall verdict, then each OS's report.
 * Kept under GitHub's limit: details are dropped first, then the text is cut with a note and a link to the run.
 */
export function renderCombinedReport(all: Results[], opts: CombinedReportOptions = {}): string {
  const full = combined(all, opts, true)
  if (full.length <= MAX_COMMENT_LENGTH) return full
  const compact = combined(all, opts, false)
  if (compact.length <= MAX_COMMENT_LENGTH) return compact
  return truncate(compact, opts.runUrl)
}

/** The same tables for a terminal: plain headings, no HTML, no charts. */
export function renderTerminal(results: Results): string {
  const title = heading(results, 'terminal')
  const parts = [`${title}\n${'='.repeat(title.length)}`, notes(results, 'terminal').join('\n'), summaryTable(results, 'terminal')]
  const counts = instructionsSection(results, 'terminal')
  if (counts) parts.push(counts)
  for (const section of detailSections(results, 'terminal')) {
    parts.push(`${section.title}\n${'-'.repeat(section.title.length)}\n${section.body}`)
  }
  return `${parts.join('\n\n')}\n`
}
