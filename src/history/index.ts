// The trend of a run: its results as the head of each OS's history, the drift found in it, the comment's section
// and the lines to warn with. The sources (artifacts, local files) and the outputs (comment, dashboard) are the
// callers'; this is the shared middle.
import type { Results } from '../types.js'
import { findDrift, type Drift } from './drift.js'
import { buildHistory, type OsHistory } from './series.js'
import { driftMessage, trendSection, type TrendOptions } from './trend-section.js'

export { readActionsHistory } from './actions-source.js'
export { renderDashboard } from './dashboard.js'
export { readLocalHistory, saveLocalHistory } from './local.js'

export interface HistorySettings {
  /** default-branch runs the window holds; 0: no trend */
  runs: number
  /** rise of an instruction count over the window that is drift, a fraction */
  driftThreshold: number
}

export type { TrendOptions } from './trend-section.js'

export interface Trend {
  histories: OsHistory[]
  drifts: Drift[]
  /** the comment's section, '' when there is no history */
  section: string
  /** one plain line per drift, for the log's warnings */
  warnings: string[]
}

export function trendOf(
  history: readonly Results[],
  current: readonly Results[],
  settings: HistorySettings,
  origin: TrendOptions['origin'] = 'default-branch'
): Trend {
  const histories = buildHistory(history, current, settings.runs)
  const drifts = findDrift(histories, settings.driftThreshold)
  return {
    histories,
    drifts,
    section: trendSection(histories, drifts, { threshold: settings.driftThreshold, window: settings.runs, origin }),
    warnings: drifts.map(d => `drift: ${driftMessage(d, settings.driftThreshold, 'terminal')} (not gating)`)
  }
}
