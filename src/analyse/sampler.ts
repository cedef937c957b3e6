// Sampling until the answer is clear (docs/design.md, "Same-job comparison"): at planned looks the paired
// comparisons are decided, and measuring stops when every gating one is, or when the time budget is spent.
import { median } from 'simple-statistics'
import { gateOf, NOTE_SAME_BUILD } from '../gate.js'
import type { RevisionRuns } from '../measure/runner.js'
import type { Comparison, GateSettings, MeasureConfig } from '../types.js'
import { sameBuildsLeave } from '../measure/same-build.js'
import { METRICS, ROLES, type MetricName } from '../vocabulary.js'
import { logRatios } from './paired.js'
import { pairedSeries, unpairedHosts, type PairedSeries } from './paired-series.js'
import { decideLook, planLooks, type Look, type PairedComparison } from './sequential.js'

/** Rounds before the first look, and how many looks at most (scripts/simulate-sequential.ts backs them). */
export const SAMPLING = { minRounds: 20, looks: 6 } as const

/** A comparison whose every sample came from programs that did not change: its host's, and native's for the overhead. */
const unchanged = (host: string, metric: MetricName, sameBuild: ReadonlySet<string>): boolean =>
  sameBuild.has(host) && (metric !== 'overhead' || sameBuild.has(ROLES.overheadReference))

export interface Judged {
  comparisons: Comparison[]
  /** every gating comparison was decided */
  decided: boolean
  note: string | null
}

export class Sampler {
  private readonly looks: number[]
  private readonly started = performance.now()
  private readonly deadline: number
  private last: { rounds: number; look: Look; series: PairedSeries[] } | null = null
  private budgetSpent = false

  constructor(
    private readonly gate: GateSettings,
    config: MeasureConfig,
    budgetMinutes: number,
    /** `paired`: a base revision is measured; `sameBuild`: its hosts that run the same program (measure/same-build.ts) */
    private readonly revisions: { paired: boolean; sameBuild: ReadonlySet<string> }
  ) {
    this.looks = planLooks({
      minRounds: Math.min(SAMPLING.minRounds, config.iterations),
      maxRounds: config.iterations,
      looks: SAMPLING.looks
    })
    this.deadline = this.started + budgetMinutes * 60_000
  }

  /** The rounds of the first look, where every same build is decided. */
  get firstLook(): number {
    return this.looks[0]
  }

  /** Asked after every measured round: stop at the budget (never before the first look), or at a planned look
   *  where everything is decided. */
  enough(rounds: number, runs: RevisionRuns[]): boolean {
    if (rounds >= this.looks[0] && performance.now() > this.deadline) {
      this.budgetSpent = true
      return true
    }
    if (!this.revisions.paired || !this.looks.includes(rounds)) return false
    return this.look(rounds, runs, rounds === this.looks.at(-1)).look.done
  }

  /** The comparisons at the end: the look that stopped the run, or one more in place of the planned looks not taken. */
  final(rounds: number, runs: RevisionRuns[]): Judged {
    const { sameBuild } = this.revisions
    const { look, series } = this.last?.rounds === rounds ? this.last : this.look(rounds, runs, true)
    const comparisons = look.comparisons.map((c, i): Comparison => {
      const { host, metric, head, base } = series[i]
      const { gating, note } = gateOf(metric, this.gate, true)
      const notes = [note, unchanged(host, metric, sameBuild) ? NOTE_SAME_BUILD : undefined].filter(Boolean)
      return {
        host,
        metric,
        unit: METRICS[metric].unit,
        baseline_median: median(base),
        current_median: median(head),
        change: c.change,
        ci95: c.ci,
        ci_level: c.level,
        p: c.p,
        p_adjusted: c.p_holm,
        n: c.n,
        verdict: c.verdict,
        gating,
        ...(notes.length ? { note: notes.join('; ') } : {})
      }
    })
    const notes: string[] = []
    // What would decide the open comparisons is the report's to say, from their intervals (src/report/headline.ts).
    if (!look.done) notes.push(`${this.budgetSpent ? 'the time budget' : 'the rounds'} ran out before every gating comparison was decided`)
    if (sameBuild.size)
      notes.push(
        `the same build in both revisions, run once per round${sameBuildsLeave(sameBuild) ? ` until round ${this.firstLook}` : ''}: ${[...sameBuild].join(', ')}`
      )
    const unpaired = unpairedHosts(runs[0].hosts, runs[1].hosts)
    if (unpaired.length) notes.push(`not measured in the base revision, so not compared: ${unpaired.join(', ')}`)
    return { comparisons, decided: look.done, note: notes.length ? notes.join('; ') : null }
  }

  /** `last`: the run's last look, which spends the alpha the looks before it (at fewer rounds) left. */
  private look(rounds: number, runs: RevisionRuns[], last: boolean): { look: Look; series: PairedSeries[] } {
    const series = pairedSeries(runs[0].hosts, runs[1].hosts, this.revisions.sameBuild).filter(s => logRatios(s.head, s.base) !== null)
    const gating = (s: PairedSeries) => gateOf(s.metric, this.gate, true).gating
    // What did not change is known without statistics, and stays out of the tests and their Holm family.
    const known = series.map(s => unchanged(s.host, s.metric, this.revisions.sameBuild))
    const measured = series.filter((_, i) => !known[i])
    const samples = measured.map(s => ({ d: logRatios(s.head, s.base)!, gating: gating(s) }))
    const options = { alpha: this.gate.alpha, looks: this.looks.length, threshold: this.gate.threshold }
    const decided = decideLook(samples, options, { index: this.looks.filter(r => r < rounds).length, last })
    const tested = decided.comparisons.values()
    const comparisons = series.map((s, i): PairedComparison => {
      if (!known[i]) return tested.next().value!
      return {
        n: s.head.length,
        change: 0,
        ci: [0, 0],
        p: 1,
        level: 1 - decided.alpha,
        p_holm: 1,
        gating: gating(s),
        decision: 'no-regression',
        verdict: '~'
      }
    })
    this.last = { rounds, look: { ...decided, comparisons }, series }
    return this.last
  }
}
