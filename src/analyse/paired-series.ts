// The paired series of a same-job comparison: per host and metric, the head's and the base's samples of the same
// rounds. The overhead pairs the double ratio (host_head / native_head) / (host_base / native_base) per round.
// When native ran the same build in both revisions its sample cancels from that ratio, so the overhead divides by
// its median instead: the change is the same, and native need not run in every round (measure/runner.ts).
import { median } from 'simple-statistics'
import type { RawHostRun } from '../types.js'
import { FFI_METRICS, PHASES, phaseMetric, ROLES, type MetricName } from '../vocabulary.js'

export interface PairedSeries {
  host: string
  metric: MetricName
  /** per round: the head's value and the base's value (for the overhead: host / native in each revision) */
  head: number[]
  base: number[]
}

const nsToMs = (values: number[] | undefined): number[] | undefined => values?.map(ns => ns / 1e6)

const ok = (runs: RawHostRun[], name: string): RawHostRun | undefined => runs.find(run => run.name === name && run.status === 'ok')

/** Element-wise a / b; null unless both have the same, non-zero length (a host that failed mid-run has fewer). */
function ratios(a: number[], b: number[]): number[] | null {
  return a.length > 0 && a.length === b.length ? a.map((x, i) => x / b[i]) : null
}

function pushIfPaired(
  out: PairedSeries[],
  host: string,
  metric: MetricName,
  head: number[] | null | undefined,
  base: number[] | null | undefined
) {
  if (head && base && head.length > 0 && head.length === base.length) out.push({ host, metric, head, base })
}

/** Native's wall times as the overhead divides by them: per round, or its median when it is the same build. */
function nativeReference(run: RawHostRun | undefined, sameBuild: boolean): ((wall: number[]) => number[] | null) | null {
  if (!run || run.wall_ms.length === 0) return null
  if (!sameBuild) return wall => ratios(wall, run.wall_ms)
  const reference = median(run.wall_ms)
  return wall => wall.map(ms => ms / reference)
}

/** Every metric that both revisions measured for a host, round by round; `sameBuild` as in measure/same-build.ts. */
export function pairedSeries(headRuns: RawHostRun[], baseRuns: RawHostRun[], sameBuild: ReadonlySet<string>): PairedSeries[] {
  const out: PairedSeries[] = []
  const nativeSame = sameBuild.has(ROLES.overheadReference)
  const nativeHead = nativeReference(ok(headRuns, ROLES.overheadReference), nativeSame)
  const nativeBase = nativeReference(ok(baseRuns, ROLES.overheadReference), nativeSame)
  for (const head of headRuns.filter(run => run.status === 'ok')) {
    const base = ok(baseRuns, head.name)
    if (!base) continue
    if (head.name !== ROLES.overheadReference && nativeHead && nativeBase) {
      pushIfPaired(out, head.name, 'overhead', nativeHead(head.wall_ms), nativeBase(base.wall_ms))
    }
    pushIfPaired(out, head.name, 'wall_ms', head.wall_ms, base.wall_ms)
    for (const metric of FFI_METRICS) pushIfPaired(out, head.name, metric, head.ffi?.[metric], base.ffi?.[metric])
    for (const phase of PHASES)
      pushIfPaired(out, head.name, phaseMetric(phase), nsToMs(head.phases_ns?.[phase]), nsToMs(base.phases_ns?.[phase]))
  }
  return out
}

/** Hosts the head measured that the base did not (built or ran), so their changes are not known. */
export function unpairedHosts(headRuns: RawHostRun[], baseRuns: RawHostRun[]): string[] {
  return headRuns.filter(run => run.status === 'ok' && !ok(baseRuns, run.name)).map(run => run.name)
}
