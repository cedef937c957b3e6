// The headline of a report: per OS one status and why in one short line, and the worst of them on top.
// What the status is comes from src/gate.ts; this module only says it.
import { roundsToDecide } from '../analyse/rounds-needed.js'
import { runStatus, worstStatus, type RunStatus } from '../gate.js'
import type { Comparison, Results } from '../types.js'
import { formatChange, formatPercent, formatRange, formatSeconds, showText, type TextTarget } from './format.js'
import { isCountMetric, isSameBuild, metricLabel, okHosts, readableMetric, runnerLabel, sortRuns } from './metrics.js'
import { METRICS, ROLE_LABELS, ROLES } from '../vocabulary.js'

/** The symbol and words of each status: the comment, the job summary and the terminal all say these. */
export const STATUS_TEXT: Record<RunStatus, { symbol: string; label: string }> = {
  pass: { symbol: '✅', label: 'no regression' },
  baseline: { symbol: '📝', label: 'baseline recorded' },
  inconclusive: { symbol: '⏳', label: 'inconclusive' },
  regression: { symbol: '❌', label: 'regression' },
  error: { symbol: '⚠️', label: 'failed' }
}

/** At most this many comparisons are named in one line; the rest are counted. */
const NAMED = 3

const decimalsOf = (c: Comparison): number => (isCountMetric(c.metric) ? 2 : 1)

/** "go overhead vs wasmtime CLI +2.8% (+1.8% to +3.7%)" */
export function describeComparison(c: Comparison, target: TextTarget): string {
  const what = showText(`${c.host} ${readableMetric(c.metric)}`, target)
  return `${what} ${formatChange(c.change, decimalsOf(c))} (${formatRange(c.ci95, decimalsOf(c))})`
}

function named(items: string[]): string {
  const shown = items.slice(0, NAMED).join(', ')
  return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown
}

const gatingOf = (run: Results): Comparison[] => run.comparisons.filter(c => c.gating)

/** The threshold the run's comparisons were judged with: in the same job, or against the stored baseline. */
function thresholdOf(run: Results): number {
  return run.compared_with.kind === 'revision' ? run.gate.threshold : run.gate.baseline_threshold
}

/** How far the slowest of some open timed comparisons is from a decision, at this run's pace. */
type Distance = { minutes: number } | { over: number } | { samples: number } | 'on-threshold'

/**
 * What would decide open timed comparisons: their intervals narrow like 1/√n, so the slowest needs its rounds
 * times (its interval / the room to the threshold)²; a per-call figure sampled every few rounds needs its rounds
 * per sample too. Beyond 100 times the rounds taken the estimate says little: "over" that many minutes.
 */
function distanceToDecision(run: Results, open: Comparison[]): Distance {
  const { rounds, seconds } = run.compared_with
  const minutesPerRound = seconds / Math.max(1, rounds) / 60
  let most = 0
  for (const c of open) {
    // a handful of samples gives no interval yet (an unbounded one): a longer budget gives them one
    if (!c.ci95.every(Number.isFinite) || c.ci95[0] <= -1) return { samples: Math.min(...open.map(o => o.n ?? rounds)) }
    const needed = roundsToDecide({ n: c.n ?? rounds, change: c.change, ci: c.ci95 }, thresholdOf(run))
    if (needed === null) return 'on-threshold'
    most = Math.max(most, (needed * rounds) / Math.max(1, c.n ?? rounds))
  }
  if (most > 100 * rounds) return { over: Math.ceil(100 * rounds * minutesPerRound) }
  return { minutes: Math.max(1, Math.ceil(most * minutesPerRound)) }
}

function describeDistance(group: string, distance: Distance): string {
  if (distance === 'on-threshold') return `${group}: an estimate on the threshold, which more rounds may never clear`
  if ('samples' in distance) return `${group} more than ${distance.samples} samples`
  return 'over' in distance ? `${group} over ${distance.over} min of rounds` : `${group} about ${distance.minutes} min of rounds`
}

function whyInconclusive(run: Results, target: TextTarget): string {
  if (run.compared_with.kind === 'none') {
    const why = run.baseline_note ?? run.compared_with.note
    return `nothing was compared: no base revision, no baseline${why ? ` (${showText(why, target, 120)})` : ''}`
  }
  const gating = gatingOf(run)
  if (gating.length === 0) return `no comparison gates (gate: ${showText(run.gate.groups.join(', '), target)})`
  const open = gating.filter(c => c.verdict === 'inconclusive')
  const what = `${open.length} of ${gating.length} gating comparisons open (${named(open.map(c => showText(`${c.host} ${metricLabel(c.metric)}`, target)))})`
  const timed = open.filter(c => !isCountMetric(c.metric))
  const counts = open.filter(c => isCountMetric(c.metric))
  const deciders: string[] = []
  if (timed.length > 0) {
    // per gate group, so the overhead's need is not drowned by the noisier per-call figures'
    const groups = [...new Set(timed.map(c => METRICS[c.metric]?.group ?? 'shown'))]
    const needs = groups.map(group =>
      describeDistance(
        group,
        distanceToDecision(
          run,
          timed.filter(c => (METRICS[c.metric]?.group ?? 'shown') === group)
        )
      )
    )
    deciders.push(
      `what would decide them: ${needs.join(', ')} (this run: ${formatSeconds(run.compared_with.seconds)}; input time-budget-minutes)`
    )
  }
  if (counts.length > 0) {
    const threshold = formatPercent(run.gate.instructions_threshold ?? 0)
    deciders.push(`instruction ranges straddle ±${threshold}: ${named(counts.map(c => describeComparison(c, target)))}`)
  }
  return `${what}; ${deciders.join('; ')}`
}

function whyPass(run: Results, target: TextTarget): string {
  const gating = gatingOf(run)
  const measured = gating.filter(c => !isSameBuild(c))
  const improved = gating.filter(c => c.verdict === 'improvement')
  const within = `±${formatPercent(thresholdOf(run))}`
  const decided =
    measured.length === 0
      ? 'no host changed (each ran the same build in both revisions)'
      : `${measured.length} gating comparison${measured.length > 1 ? 's' : ''} of ${named([...new Set(measured.map(c => showText(c.host, target)))])} decided, none beyond +${within.slice(1)}`
  return improved.length > 0 ? `${decided}; 🟢 faster: ${named(improved.map(c => describeComparison(c, target)))}` : decided
}

function whyBaseline(run: Results, target: TextTarget): string {
  const hosts = okHosts(run)
  const overheads = hosts
    .filter(h => h.name !== ROLES.overheadReference && h.workload.overhead_vs_native)
    .map(h => `${showText(h.name, target)} ${formatChange(h.workload.overhead_vs_native!.median)}`)
  const figures = overheads.length > 0 ? `; overhead vs ${ROLE_LABELS.overheadReference}: ${overheads.join(', ')}` : ''
  return `no baseline to compare with yet; ${hosts.length} host${hosts.length === 1 ? '' : 's'} measured, the next run compares with them${figures}`
}

function failures(run: Results, target: TextTarget): string[] {
  return run.hosts
    .filter(h => h.status === 'failed')
    .map(h => `${showText(h.name, target)}${h.optional ? ' (optional)' : ''}: ${showText(h.error ?? 'unknown reason', target, 100)}`)
}

/** Why a run has its status, in one line. */
export function statusReason(run: Results, target: TextTarget): string {
  const status = runStatus(run)
  const regressions = gatingOf(run).filter(c => c.verdict === 'regression')
  const failed = failures(run, target)
  const parts: string[] = []
  if (status === 'error') parts.push(failed.length > 0 ? named(failed) : 'the run reported an error')
  if (regressions.length > 0) parts.push(named(regressions.map(c => describeComparison(c, target))))
  if (status === 'inconclusive') parts.push(whyInconclusive(run, target))
  if (status === 'pass') parts.push(whyPass(run, target))
  if (status === 'baseline') parts.push(whyBaseline(run, target))
  if (status !== 'error' && failed.length > 0) parts.push(`failed: ${named(failed)}`)
  return parts.join('; ')
}

/** "❌ **Linux x64** regression: go overhead vs wasmtime CLI +2.8% (+1.8% to +3.7%)" per OS. */
export function statusLines(all: readonly Results[], target: TextTarget): string[] {
  return sortRuns(all).map(run => {
    const { symbol, label } = STATUS_TEXT[runStatus(run)]
    const os = showText(runnerLabel(run), target)
    return `${symbol} ${target === 'markdown' ? `**${os}**` : os} ${label}: ${statusReason(run, target)}`
  })
}

/** The overall status: the worst of the runs'. */
export function overallStatus(all: readonly Results[]): RunStatus {
  return worstStatus(all.map(runStatus))
}

/** "⏳ wasm-ffi-bench: inconclusive" */
export function titleLine(all: readonly Results[], title: string): string {
  const { symbol, label } = STATUS_TEXT[overallStatus(all)]
  return `${symbol} ${title}: ${label}`
}

/** The inconclusive runs' reasons, for the job's failure message when fail-on-inconclusive is on. */
export function inconclusiveLines(all: readonly Results[]): string[] {
  return sortRuns(all)
    .filter(run => runStatus(run) === 'inconclusive')
    .map(run => `${runnerLabel(run)}: ${statusReason(run, 'terminal')}`)
}
