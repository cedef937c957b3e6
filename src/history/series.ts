// The history of each OS: one point per measured commit, oldest first, this run's results last ("head"). Every
// figure comes from validated results (docs/design.md, "History"); a figure a run did not give is null.
import { runnerLabel } from '../report/metrics.js'
import type { HostResult, Results } from '../types.js'
import { FFI_METRICS, type FfiMetric } from '../vocabulary.js'

/** The figures a trend follows, defined once: the comment charts the first and the last, the dashboard all. */
export const TREND_METRICS = ['overhead', 'wall_ms', ...FFI_METRICS, 'instructions'] as const
export type TrendMetric = (typeof TREND_METRICS)[number]

export interface HistoryPoint {
  commit: string
  created_at: string
  /** this run's results: the last point, whatever its date */
  head: boolean
  /** per host, per figure */
  hosts: Record<string, Partial<Record<TrendMetric, number | null>>>
}

export interface OsHistory {
  os: string
  points: HistoryPoint[]
  /** hosts in the order they first appear */
  hosts: string[]
}

const finite = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function hostFigures(host: HostResult): Partial<Record<TrendMetric, number | null>> {
  const perCall = Object.fromEntries(FFI_METRICS.map((m: FfiMetric) => [m, finite(host.ffi[m]?.median)]))
  return {
    // The median ratio minus one, as the tables show it: +0.31 is 31% slower than the wasmtime CLI.
    overhead: finite(host.workload.overhead_vs_native?.median),
    wall_ms: finite(host.workload.wall_ms?.median),
    ...perCall,
    instructions: finite(host.instructions?.workload?.median)
  }
}

export function pointOf(results: Results, head: boolean): HistoryPoint {
  const hosts: HistoryPoint['hosts'] = {}
  for (const host of results.hosts) if (host.status === 'ok') hosts[host.name] = hostFigures(host)
  return { commit: results.commit, created_at: results.created_at, head, hosts }
}

const identity = (r: Results) => `${runnerLabel(r)}|${r.commit}|${r.created_at}`

/**
 * Per OS the last `limit` runs of the history, oldest first, then this run's results as the head. The same run
 * read twice (a re-run's artifact, the CLI's own history file of this run) counts once.
 */
export function buildHistory(history: readonly Results[], current: readonly Results[], limit: number): OsHistory[] {
  const own = new Set(current.map(identity))
  const seen = new Set<string>()
  const byOs = new Map<string, Results[]>()
  for (const run of history) {
    const key = identity(run)
    if (own.has(key) || seen.has(key)) continue
    seen.add(key)
    byOs.set(runnerLabel(run), [...(byOs.get(runnerLabel(run)) ?? []), run])
  }
  const oses = [...new Set([...current.map(runnerLabel), ...byOs.keys()])].sort((a, b) => a.localeCompare(b, 'en'))
  return oses.map(os => {
    const past = (byOs.get(os) ?? [])
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .slice(-limit)
      .map(run => pointOf(run, false))
    const heads = current.filter(run => runnerLabel(run) === os).map(run => pointOf(run, true))
    const points = [...past, ...heads]
    const hosts = [...new Set(points.flatMap(p => Object.keys(p.hosts)))]
    return { os, points, hosts }
  })
}

/** A host's figure at every point, null where that run did not give it. */
export function seriesOf(history: OsHistory, host: string, metric: TrendMetric): Array<number | null> {
  return history.points.map(p => p.hosts[host]?.[metric] ?? null)
}

/** Fewer points than this is not a trend: it is said, not drawn. */
export const MIN_TREND_POINTS = 3
