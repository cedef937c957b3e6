// The change between two revisions measured round by round in the same job (SPEC "Analysis"): per-round log
// ratios head/base, their Hodges-Lehmann centre and interval, and the Wilcoxon signed-rank p-value.
import { hodgesLehmann } from './hodges-lehmann.js'
import { wilcoxon } from './wilcoxon.js'

export interface PairedChange {
  /** rounds (pairs) */
  n: number
  /** exp(Hodges-Lehmann estimate of the log ratio) - 1, e.g. 0.03 = 3% slower */
  change: number
  /** the interval of that change at the requested level */
  ci: [number, number]
  /** two-sided Wilcoxon signed-rank p-value of "no change" */
  p: number
}

function checkPaired(name: string, samples: number[][]): void {
  const n = samples[0].length
  if (n === 0 || samples.some(s => s.length !== n)) {
    throw new Error(`${name}: paired samples must be non-empty and of equal length, got ${samples.map(s => s.length).join(', ')}`)
  }
}

const positive = (values: number[]): boolean => values.every(v => v > 0 && Number.isFinite(v))

/** Per-round log(head / base); null when a sample is not a positive number (a ratio of it means nothing). */
export function logRatios(head: number[], base: number[]): number[] | null {
  checkPaired('logRatios', [head, base])
  if (!positive(head) || !positive(base)) return null
  return head.map((h, i) => Math.log(h / base[i]))
}

/** Per-round log((hostHead / nativeHead) / (hostBase / nativeBase)): the change of the overhead against native. */
export function doubleLogRatios(hostHead: number[], nativeHead: number[], hostBase: number[], nativeBase: number[]): number[] | null {
  checkPaired('doubleLogRatios', [hostHead, nativeHead, hostBase, nativeBase])
  const host = logRatios(hostHead, hostBase)
  const native = logRatios(nativeHead, nativeBase)
  return host && native ? host.map((h, i) => h - native[i]) : null
}

/** The change that per-round log ratios d describe, with its interval at `level` (0.95 for a 95% interval). */
export function changeOfLogRatios(d: number[], level: number): PairedChange {
  const { estimate, ci } = hodgesLehmann(d, level)
  return { n: d.length, change: Math.expm1(estimate), ci: [Math.expm1(ci[0]), Math.expm1(ci[1])], p: wilcoxon(d).p }
}

/** Relative change head/base of paired samples (same rounds); null when a sample is not positive. */
export function pairedChange(head: number[], base: number[], level: number): PairedChange | null {
  const d = logRatios(head, base)
  return d && changeOfLogRatios(d, level)
}

/** Change of the overhead host/native between base and head, paired round by round; null as pairedChange. */
export function doubleRatioChange(
  hostHead: number[],
  nativeHead: number[],
  hostBase: number[],
  nativeBase: number[],
  level: number
): PairedChange | null {
  const d = doubleLogRatios(hostHead, nativeHead, hostBase, nativeBase)
  return d && changeOfLogRatios(d, level)
}
