// The pairing experiment's tables: per host and design, the paired noise of wall and CPU time, whether an A/A
// comparison's signs are still a coin flip, what the +3% change measures as, and the decisions of default-budget
// runs cut from the rounds (as many as the rounds hold).
import { markdownTable } from 'markdown-table'
import { median, medianAbsoluteDeviation } from 'simple-statistics'
import { normalSf } from '../../src/analyse/normal.js'
import { logRatios } from '../../src/analyse/paired.js'
import { decideLook, planLooks } from '../../src/analyse/sequential.js'
import { SAMPLING } from '../../src/analyse/sampler.js'
import { ROLES } from '../../src/vocabulary.js'
import { DESIGNS, type Cell, type Samples, type Variant } from './designs.js'

/** The default run: 3.5 minutes of timed rounds (instruction counts off), alpha 0.01, threshold 1%. */
export const DEFAULT_RUN = { seconds: 3.5 * 60, maxRounds: 1000, alpha: 0.01, threshold: 0.01 }

type Figure = 'wall' | 'cpu'
const FIGURES: Figure[] = ['wall', 'cpu']

const logRatiosOf = (c: Cell, figure: Figure): number[] =>
  (figure === 'wall' ? logRatios(c.head_wall, c.base_wall) : logRatios(c.head_cpu, c.base_cpu)) ?? []

/** 1.4826 MAD: the standard deviation of the normal part, untouched by the odd round a busy machine gives. */
export const robustSd = (d: number[]): number => 1.4826 * medianAbsoluteDeviation(d)

/** Two-sided sign test of "head slower as often as faster" (normal approximation; n is in the hundreds). */
export function signTest(d: number[]): { positive: number; p: number } {
  const nonzero = d.filter(x => x !== 0)
  const positive = nonzero.filter(x => x > 0).length
  const z = Math.abs(positive - nonzero.length / 2) / Math.sqrt(nonzero.length / 4)
  return { positive: positive / Math.max(1, nonzero.length), p: Math.min(1, 2 * normalSf(z)) }
}

const pct = (x: number, digits = 1) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(digits)}%`

/**
 * Default-budget runs cut from consecutive rounds: each run is as many rounds as the design's pairs of every host
 * take in the budget, decided by the sequential procedure over the hosts' comparisons (src/analyse/sequential.ts).
 * Returns per host how many runs flagged a regression, of how many.
 */
export function decisions(cells: Cell[], figure: Figure): { runs: number; roundsPerRun: number; flagged: Map<string, number> } {
  const compared = cells.filter(c => c.host !== ROLES.overheadReference)
  const secondsPerRound = cells.reduce((s, c) => s + c.seconds / c.head_wall.length, 0)
  const roundsPerRun = Math.min(DEFAULT_RUN.maxRounds, Math.floor(DEFAULT_RUN.seconds / secondsPerRound))
  const n = Math.min(...compared.map(c => c.head_wall.length))
  const runs = roundsPerRun >= SAMPLING.minRounds ? Math.floor(n / roundsPerRun) : 0
  const flagged = new Map(compared.map(c => [c.host, 0]))
  const looks = planLooks({ minRounds: SAMPLING.minRounds, maxRounds: DEFAULT_RUN.maxRounds, looks: SAMPLING.looks })
  for (let run = 0; run < runs; run++) {
    const series = compared.map(c => logRatiosOf(c, figure).slice(run * roundsPerRun, (run + 1) * roundsPerRun))
    const at = [...looks.filter(r => r < roundsPerRun), roundsPerRun]
    for (const [index, rounds] of at.entries()) {
      const last = index === at.length - 1
      const look = decideLook(
        series.map(d => ({ d: d.slice(0, rounds), gating: true })),
        { alpha: DEFAULT_RUN.alpha, looks: looks.length, threshold: DEFAULT_RUN.threshold },
        { index, last }
      )
      if (!look.done && !last) continue
      look.comparisons.forEach((c, i) => {
        if (c.verdict === 'regression') flagged.set(compared[i].host, flagged.get(compared[i].host)! + 1)
      })
      break
    }
  }
  return { runs, roundsPerRun, flagged }
}

export function report(samples: Samples): string {
  const designs = DESIGNS.map(d => d.name).filter(name => samples.cells.some(c => c.design === name))
  const hosts = [...new Set(samples.cells.map(c => c.host))].sort()
  const get = (design: string, variant: Variant, host: string) =>
    samples.cells.find(c => c.design === design && c.variant === variant && c.host === host)!
  const rows: string[][] = []
  for (const host of hosts) {
    for (const design of designs) {
      for (const figure of FIGURES) {
        const aa = logRatiosOf(get(design, 'A/A', host), figure)
        const plus = logRatiosOf(get(design, '+3%', host), figure)
        const sign = signTest(aa)
        const order = get(design, 'A/A', host)
        const first = aa.filter((_, i) => order.head_first[i])
        const second = aa.filter((_, i) => !order.head_first[i])
        rows.push([
          host,
          design,
          figure,
          robustSd(aa).toFixed(3),
          pct(Math.expm1(median(aa)), 2),
          `${(sign.positive * 100).toFixed(0)}% (p ${sign.p.toFixed(2)})`,
          first.length && second.length ? pct(Math.expm1(median(first)) - Math.expm1(median(second)), 1) : '—',
          pct(Math.expm1(median(plus)), 2),
          (get(design, 'A/A', host).seconds / aa.length).toFixed(2)
        ])
      }
    }
  }
  const noise = markdownTable([
    ['host', 'design', 'figure', 'A/A noise (robust sd)', 'A/A change', 'A/A head slower', 'first − second', '+3% measures', 's/pair'],
    ...rows
  ])
  const decisionRows: string[][] = []
  for (const design of designs) {
    for (const figure of FIGURES) {
      const aa = decisions(
        samples.cells.filter(c => c.design === design && c.variant === 'A/A'),
        figure
      )
      const plus = decisions(
        samples.cells.filter(c => c.design === design && c.variant === '+3%'),
        figure
      )
      for (const host of aa.flagged.keys()) {
        decisionRows.push([
          host,
          design,
          figure,
          String(aa.roundsPerRun),
          `${aa.flagged.get(host)} of ${aa.runs}`,
          `${plus.flagged.get(host)} of ${plus.runs}`
        ])
      }
    }
  }
  const decided = markdownTable([['host', 'design', 'figure', 'rounds per default run', 'A/A flagged', '+3% flagged'], ...decisionRows])
  return `${samples.rounds} rounds of every design on ${samples.machine}\n\n${noise}\n\nDefault-budget runs cut from those rounds:\n\n${decided}\n`
}
