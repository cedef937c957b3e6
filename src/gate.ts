// The one place that decides: which comparisons gate, each run's verdict, and whether the job goes red.
// Analysis asks `gateOf` per comparison; the action, the CLI and the renderers read `judge`.
import type { Comparison, GateSettings, HostResult, Results, RunVerdict } from './types.js'
import { isAbsolute, METRICS, type MetricName } from './vocabulary.js'

export const NOTE_NOT_GATED = 'its group is not in the gate input'
/** A same-job comparison of programs that did not change (measure/same-build.ts): known without a test. */
export const NOTE_SAME_BUILD = 'the same build in both revisions: unchanged by construction'
export const NOTE_OTHER_CPU = 'baseline from another CPU model: shown, not gated'

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

export interface RunRegression {
  run: Results
  comparison: Comparison
}

export interface Judgement {
  /** the worst verdict of the runs */
  verdict: RunVerdict
  regressions: RunRegression[]
  failedHosts: Array<{ run: Results; host: HostResult }>
  /** whether the job goes red */
  fails: boolean
}

/** The gate over every OS's results: red on a failed required host, or on a regression when asked to fail. */
export function judge(all: readonly Results[], failOnRegression: boolean): Judgement {
  const regressions = all.flatMap(run =>
    run.comparisons.filter(c => c.gating && c.verdict === 'regression').map(comparison => ({ run, comparison }))
  )
  const failedHosts = all.flatMap(run => run.hosts.filter(isRequiredFailure).map(host => ({ run, host })))
  const verdicts = all.map(run => run.verdict)
  const verdict: RunVerdict = verdicts.includes('error') ? 'error' : verdicts.includes('regression') ? 'regression' : 'pass'
  return { verdict, regressions, failedHosts, fails: verdict === 'error' || (regressions.length > 0 && failOnRegression) }
}
