// The CLI's history: its files under .wasm-ffi-bench/history/ (read before the run's own, which a baseline-saving
// run adds), the trend section of the markdown report, drift warnings, and the dashboard page on request.
import path from 'node:path'
import { tryWriteText } from '../outputs.js'
import type { Logger } from '../pipeline.js'
import { runGit } from '../revision/git.js'
import type { Results } from '../types.js'
import { readLocalHistory, renderDashboard, saveLocalHistory, trendOf, type HistorySettings } from './index.js'

/** https://github.com/owner/repo from a GitHub remote (https or ssh), else undefined: commit links need it. */
export function githubRepoUrl(remote: string): string | undefined {
  const m =
    /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
      remote.trim()
    )
  return m ? `https://github.com/${m[1]}/${m[2]}` : undefined
}

export interface CliHistory {
  /** the trend section for the report of these results ('' without history) */
  section(final: Results): string
  /** after the run: keep it when it became the baseline, warn about drift, write the dashboard */
  finish(final: Results, dashboardFile: string | undefined): Promise<void>
}

export function cliHistory(stateDir: string, workspace: string, settings: HistorySettings, log: Logger): CliHistory {
  const dir = path.join(stateDir, 'history')
  const history = settings.runs > 0 ? readLocalHistory(dir, settings.runs, log.warning) : []
  return {
    section: final => (settings.runs > 0 ? trendOf(history, [final], settings, 'saved-baseline').section : ''),
    async finish(final, dashboardFile) {
      if (final.baseline_saved) {
        const kept = saveLocalHistory(dir, final)
        if ('warning' in kept) log.warning(kept.warning)
        else log.info(`history: kept ${kept.file}`)
      }
      if (settings.runs === 0) {
        if (dashboardFile) log.warning('dashboard not written: --history-runs 0 turns the history off')
        return
      }
      const trend = trendOf(history, [final], settings, 'saved-baseline')
      for (const line of trend.warnings) log.warning(line)
      if (!dashboardFile) return
      const remote = await runGit(workspace, ['remote', 'get-url', 'origin'])
      const page = renderDashboard(trend.histories, {
        repoUrl: remote.ok ? githubRepoUrl(remote.stdout) : undefined,
        origin: 'saved-baseline'
      })
      const failure = tryWriteText(dashboardFile, page)
      if (failure) log.warning(`dashboard not written: ${failure.file}: ${failure.message}`)
      else log.info(`dashboard: ${dashboardFile}`)
    }
  }
}
