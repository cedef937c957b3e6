// The one place that decides: which comparisons gate, each run's verdict, and whether the job goes red.
// Analysis asks `gateOf` per comparison; the action, the CLI and the renderers read `judge`.
import type { Comparison, GateSettings, HostResult, Results, RunVerdict } from './types.js'
import { isAbsolute, METRICS, type MetricName } from './vocabulary.js'

export const NOTE_NOT_GATED = 'its group is not in the gate input'
/** A same-job comparison of programs that did not change (measure/same-build.ts): known without a test. */
export const NOTE_SAME_BUILD = 'the same build in both revisions: unchanged by construction'
export const NOTE_OTHER_CPU = 'baseline from another CPU model: shown, not gated'
/** The stored baseline beside a same-job comparison: context, never gating. */
export const NOTE_CONTEXT = 'cached baseline: context, not gated'

/** Whether a comparison of this metric gates: its group is switched on and, for absolute times, the CPU is the same. */
export function gateOf(metric: MetricName, gate: GateSettings, sameCpu: boolean): { gating: boolean; note?: string } {
  const group = METRICS[metric].group
  if (group === null || !gate.groups.includes(group)) return { gating: false, note: NOTE_NOT_GATED }
  // Absolute times from another CPU model say nothing about the change; overhead ratios do (docs/design.md, "Analysis").
  if (isAbsolute(metric) && !sameCpu) return { gating: false, note: NOTE_OTHER_CPU }
  return { gating: true }
}

const isRequiredFailure = (host: HostResult): boolean => host.status === 'failed' && !host.optional

/** One run's verdict: 'error' if a required host failed, else 'regression' if a gating comparison regressed. */
export function runVerdict(results: Pick<Results, 'hosts' | 'comparisons'>): RunVerdict {
  if (results.hosts.some(isRequiredFailure)) return 'error'
  if (results.comparisons.some(c => c.gating && c.verdict === 'regression')) return 'regression'
  return 'pass'
}

/**
 * A run's status, worst last: the headline, the `verdict` output and the job summary all say this.
 * `pass` needs every gating comparison decided "no regression"; a run that compared nothing is `baseline` when it
 * recorded the baseline and `inconclusive` otherwise, never `pass`.
 */
export const RUN_STATUSES = ['pass', 'baseline', 'inconclusive', 'regression', 'error'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export function runStatus(results: Results): RunStatus {
  if (results.verdict === 'error' || results.hosts.some(isRequiredFailure)) return 'error'
  const gating = results.comparisons.filter(c => c.gating)
  if (gating.some(c => c.verdict === 'regression')) return 'regression'
  if (results.compared_with.kind === 'none') return results.baseline_saved ? 'baseline' : 'inconclusive'
  if (gating.length === 0 || gating.some(c => c.verdict === 'inconclusive')) return 'inconclusive'
  return 'pass'
}

/** The worst of the runs' statuses; no runs at all is an error. */
export function worstStatus(statuses: readonly RunStatus[]): RunStatus {
  if (statuses.length === 0) return 'error'
  return statuses.reduce((worst, s) => (RUN_STATUSES.indexOf(s) > RUN_STATUSES.indexOf(worst) ? s : worst))
}

export interface RunRegression {
  run: Results
  comparison: Comparison
}

export interface Judgement {
  /** the worst verdict of the runs */
  verdict: RunVerdict
  /** the worst status of the runs: what the headline and the `verdict` output say */
  status: RunStatus
  regressions: RunRegression[]
  failedHosts: Array<{ run: Results; host: HostResult }>
  /** whether the job goes red */
  fails: boolean
}

/**
 * The gate over every OS's results: red on a failed required host, on a regression when asked to fail on one, and
 * on an inconclusive run (nothing compared included) only when asked to fail on that too.
 */
export function judge(all: readonly Results[], failOnRegression: boolean, failOnInconclusive = false): Judgement {
  const regressions = all.flatMap(run =>
    run.comparisons.filter(c => c.gating && c.verdict === 'regression').map(comparison => ({ run, comparison }))
  )
  const failedHosts = all.flatMap(run => run.hosts.filter(isRequiredFailure).map(host => ({ run, host })))
  const verdicts = all.map(run => run.verdict)
  const verdict: RunVerdict = verdicts.includes('error') ? 'error' : verdicts.includes('regression') ? 'regression' : 'pass'
  const status = worstStatus(all.map(runStatus))
  const inconclusive = all.some(run => runStatus(run) === 'inconclusive')
  const fails = verdict === 'error' || (regressions.length > 0 && failOnRegression) || (inconclusive && failOnInconclusive)
  return { verdict, status, regressions, failedHosts, fails }
}
