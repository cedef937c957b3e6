// Slow drift: instruction counts are deterministic on one runner image, so a count that crept up over the window
// is real even when each pull request stayed inside its own threshold. A warning, never a gate.
import { MIN_TREND_POINTS, seriesOf, type OsHistory } from './series.js'

export interface DriftMove {
  commit: string
  head: boolean
  /** the count's relative change from the point before */
  change: number
}

export interface Drift {
  os: string
  host: string
  /** last count over the window's first, minus one */
  change: number
  points: number
  /** the steps that moved it most, largest first (at most three) */
  moves: DriftMove[]
}

/** Hosts whose workload instruction count rose by more than `threshold` (a fraction) over the window. */
export function findDrift(histories: readonly OsHistory[], threshold: number): Drift[] {
  const drifts: Drift[] = []
  for (const history of histories) {
    for (const host of history.hosts) {
      const counted = seriesOf(history, host, 'instructions')
        .map((value, i) => ({ value, point: history.points[i]! }))
        .filter((x): x is { value: number; point: (typeof history.points)[number] } => x.value !== null && x.value > 0)
      if (counted.length < MIN_TREND_POINTS) continue
      const change = counted.at(-1)!.value / counted[0]!.value - 1
      if (!(change > threshold)) continue
      const moves = counted
        .slice(1)
        .map((x, i) => ({ commit: x.point.commit, head: x.point.head, change: x.value / counted[i]!.value - 1 }))
        .filter(move => move.change > 0)
        .sort((a, b) => b.change - a.change)
        .slice(0, 3)
      drifts.push({ os: history.os, host, change, points: counted.length, moves })
    }
  }
  return drifts
}
