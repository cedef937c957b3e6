// Runs the whole sequential A/B procedure (src/analyse/sequential.ts) on synthetic paired data and prints its
// error rates, its power and the rounds it takes, to choose the defaults. Every comparison's per-round times are
// log-normal; the paired log ratio head/base has the standard deviation given by --sd.
// Usage: node --import tsx scripts/simulate-sequential.ts [--runs 2000] [--alpha 0.01] [--threshold 0.01]
//        [--min-rounds 20] [--max-rounds 160] [--looks 4] [--comparisons 25] [--sd 0.05,0.1,0.15] [--seed 1]
import { parseArgs } from 'node:util'
import { markdownTable } from 'markdown-table'
import { median } from 'simple-statistics'
import { mulberry32 } from '../src/analyse/bootstrap.js'
import { normalIsf } from '../src/analyse/normal.js'
import { logRatios } from '../src/analyse/paired.js'
import { alphaAtLook, decideLook, planLooks, type PairedVerdict, type SequentialOptions } from '../src/analyse/sequential.js'

interface Settings extends SequentialOptions {
  runs: number
  rounds: number[]
  comparisons: number
  seed: number
}

interface Scenario {
  name: string
  /** true relative change of the first comparison; every other comparison is unchanged */
  change: number
}

interface RunOutcome {
  /** verdicts at the look where the run stopped */
  verdicts: PairedVerdict[]
  /** rounds when it stopped */
  rounds: number
  /** rounds at the first look that flagged the changed comparison (a caller may stop there: the gate fails) */
  firstFlag: number | null
  /** an unchanged comparison was flagged as a regression (improvement) at some look */
  falseRegression: boolean
  falseImprovement: boolean
}

const SCENARIOS: Scenario[] = [
  { name: 'no change', change: 0 },
  { name: '+3% in one', change: 0.03 },
  { name: '+0.5% in one', change: 0.005 }
]

/** Standard normal draws (Box-Muller) from the seeded generator. */
function gaussianSource(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Per-round times of both revisions: log-normal, so that log(head/base) has standard deviation sd. */
function pairedTimes(gaussian: () => number, rounds: number, sd: number, change: number): { head: number[]; base: number[] } {
  const spread = sd / Math.SQRT2
  const base = Array.from({ length: rounds }, () => 65 * Math.exp(spread * gaussian()))
  const head = Array.from({ length: rounds }, () => 65 * (1 + change) * Math.exp(spread * gaussian()))
  return { head, base }
}

/** One pull request: looks at the planned rounds until every comparison is decided or the last look. */
function simulateRun(gaussian: () => number, sd: number, scenario: Scenario, settings: Settings): RunOutcome {
  const maxRounds = settings.rounds[settings.rounds.length - 1]
  const d = Array.from({ length: settings.comparisons }, (_, i) => {
    const { head, base } = pairedTimes(gaussian, maxRounds, sd, i === 0 ? scenario.change : 0)
    return logRatios(head, base) as number[]
  })
  const unchanged = (i: number): boolean => i > 0 || scenario.change === 0
  const outcome: RunOutcome = { verdicts: [], rounds: 0, firstFlag: null, falseRegression: false, falseImprovement: false }
  for (const [index, rounds] of settings.rounds.entries()) {
    const look = decideLook(
      d.map(all => ({ d: all.slice(0, rounds), gating: true })),
      settings,
      { index, last: rounds === maxRounds }
    )
    const verdicts = look.comparisons.map(c => c.verdict)
    if (outcome.firstFlag === null && !unchanged(0) && verdicts[0] === 'regression') outcome.firstFlag = rounds
    outcome.falseRegression ||= verdicts.some((v, i) => unchanged(i) && v === 'regression')
    outcome.falseImprovement ||= verdicts.some((v, i) => unchanged(i) && v === 'improvement')
    if (look.done || rounds === maxRounds) return { ...outcome, verdicts, rounds }
  }
  throw new Error('unreachable: the last look always returns')
}

const share = (count: number, total: number): string => `${((100 * count) / total).toFixed(1)}%`

/** One table row: what the procedure said about the changed comparison and about the unchanged ones. */
function summarise(sd: number, scenario: Scenario, outcomes: RunOutcome[]): string[] {
  const runs = outcomes.length
  const count = (test: (o: RunOutcome) => boolean): number => outcomes.filter(test).length
  const firstFlags = outcomes.flatMap(o => (o.firstFlag === null ? [] : [o.firstFlag]))
  const changed = scenario.change !== 0
  return [
    sd.toFixed(2),
    scenario.name,
    changed
      ? share(
          count(o => o.verdicts[0] === 'regression'),
          runs
        )
      : '',
    changed ? share(firstFlags.length, runs) : '',
    firstFlags.length ? String(median(firstFlags)) : '',
    share(
      count(o => o.falseRegression),
      runs
    ),
    share(
      count(o => o.falseImprovement),
      runs
    ),
    String(median(outcomes.map(o => o.rounds))),
    share(
      count(o => o.verdicts.includes('inconclusive')),
      runs
    )
  ]
}

/**
 * Threshold a comparison with a cached baseline needs (it crosses runs): each run's median carries its own run
 * effect with standard deviation `runSpread` (log scale), so a change between runs has standard deviation
 * √2·runSpread whatever the sample size; over m comparisons (Bonferroni, any dependence), one-sided alpha.
 */
function crossRunThreshold(alpha: number, comparisons: number, runSpread: number): number {
  return Math.expm1(normalIsf(alpha / comparisons) * Math.SQRT2 * runSpread)
}

function readSettings(): { settings: Settings; sds: number[] } {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '2000' },
      alpha: { type: 'string', default: '0.01' },
      threshold: { type: 'string', default: '0.01' },
      'min-rounds': { type: 'string', default: '20' },
      'max-rounds': { type: 'string', default: '160' },
      looks: { type: 'string', default: '4' },
      comparisons: { type: 'string', default: '25' },
      sd: { type: 'string', default: '0.05,0.1,0.15' },
      seed: { type: 'string', default: '1' }
    }
  })
  const rounds = planLooks({
    minRounds: Number(values['min-rounds']),
    maxRounds: Number(values['max-rounds']),
    looks: Number(values.looks)
  })
  const settings: Settings = {
    runs: Number(values.runs),
    alpha: Number(values.alpha),
    threshold: Number(values.threshold),
    looks: rounds.length,
    rounds,
    comparisons: Number(values.comparisons),
    seed: Number(values.seed)
  }
  const numbers = [settings.runs, settings.alpha, settings.threshold, settings.comparisons, settings.seed]
  if (numbers.some(v => !Number.isFinite(v)) || settings.runs < 1 || settings.comparisons < 1) {
    throw new Error('--runs, --alpha, --threshold, --comparisons and --seed must be numbers (runs and comparisons >= 1)')
  }
  return { settings, sds: values.sd.split(',').map(Number) }
}

function main(): void {
  const { settings, sds } = readSettings()
  const { alpha, threshold, rounds, comparisons, runs } = settings
  const levels = rounds.map((_, index) => alphaAtLook(alpha, rounds.length, { index, last: index === rounds.length - 1 }))
  console.log(
    `alpha ${alpha}, threshold ${threshold * 100}%, looks at rounds ${rounds.join(', ')} (alpha ${levels.map(a => a.toPrecision(3)).join(', ')}), ` +
      `${comparisons} gating comparisons, ${runs} runs per row\n`
  )
  const rows = [
    [
      'paired sd',
      'true change',
      'flagged at the end',
      'flagged at a look',
      'median first flag',
      'false regression',
      'false improvement',
      'median rounds',
      'inconclusive'
    ]
  ]
  for (const sd of sds) {
    for (const scenario of SCENARIOS) {
      const gaussian = gaussianSource(mulberry32(settings.seed))
      const outcomes = Array.from({ length: runs }, () => simulateRun(gaussian, sd, scenario, settings))
      rows.push(summarise(sd, scenario, outcomes))
    }
  }
  console.log(markdownTable(rows))
  console.log(
    `\n"false regression" ("improvement"): any unchanged comparison flagged so at any look; Monte Carlo standard error at 5%: ±${share(Math.sqrt(0.05 * 0.95 * runs), runs)}`
  )
  console.log(`\nThreshold a cross-run comparison needs (cached baseline), alpha ${alpha} over ${comparisons} comparisons:`)
  for (const spread of [0.02, 0.025, 0.03]) {
    console.log(`  run-to-run spread ${(spread * 100).toFixed(1)}%: ${(100 * crossRunThreshold(alpha, comparisons, spread)).toFixed(1)}%`)
  }
}

main()
