// mode: run — build, measure, analyse, compare with the cached baseline, summarise, upload for the report job.
import * as core from '@actions/core'
import path from 'node:path'
import type { Config } from '../config.js'
import { runnerInfo, runnerTag } from '../environment.js'
import { finishRun } from '../finish.js'
import { resultsFileName } from '../outputs.js'
import { runBenchmark } from '../pipeline.js'
import { lineProgress } from '../progress.js'
import { uploadResults } from '../publish/artifacts.js'
import { cacheBaselineStore } from '../publish/baseline.js'
import { cacheServiceAvailable, restorePaths, savePaths } from '../publish/cache.js'
import { buildContext, cacheKey, cachePaths } from '../builders/index.js'
import { findRepoRoot } from '../repo-root.js'
import { renderRunReport } from '../report/markdown.js'
import type { EventInfo } from './github-event.js'
import { ARTIFACT_PREFIX } from './constants.js'
import { actionLogger, publishOutcome, writeJobSummary } from './outcome.js'

export async function runMode(config: Config, event: EventInfo): Promise<void> {
  const runner = runnerInfo()
  const tag = runnerTag(runner)
  const workDir = path.join(process.env.RUNNER_TEMP ?? '.wasm-ffi-bench', 'wasm-ffi-bench')
  const store = cacheBaselineStore({ prefix: config.baselineKeyPrefix, runner, sha: event.sha })

  const repoRoot = findRepoRoot()
  const saveBuildCache = await restoreBuildCache(repoRoot)
  const results = await runBenchmark(
    config,
    {
      repoRoot,
      workDir: path.join(workDir, 'work'),
      pr: event.pr,
      base: null,
      timeBudgetMinutes: config.timeBudgetMinutes,
      toolchains: config.toolchains
    },
    { log: actionLogger, progress: lineProgress(line => core.info(line)), baseline: store }
  )
  await saveBuildCache()

  const markdown = renderRunReport(results)
  const files = await finishRun(results, {
    resultsFile: path.join(workDir, resultsFileName(tag)),
    markdownFile: path.join(workDir, `report-${tag}.md`),
    markdown,
    store,
    saveBaseline: config.saveBaseline === 'always' || (config.saveBaseline === 'auto' && event.isPushToDefaultBranch),
    log: actionLogger
  })
  await writeJobSummary(markdown)

  const upload = await uploadResults(`${ARTIFACT_PREFIX}${tag}`, [files.results, files.benchmark, files.bmf, files.markdown], workDir)
  if (upload.warning) core.warning(`results artifact not uploaded: ${upload.warning}`)

  publishOutcome([results], config.gate.fail_on_regression, { resultsFile: files.results, markdownFile: files.markdown, commentUrl: '' })
}

/**
 * Restores the built hosts, guest modules and wasmtime CLI from the Actions cache, so a warm runner builds nothing.
 * Returns what to do after the build: save them, unless the exact key was restored or the service failed.
 */
async function restoreBuildCache(repoRoot: string): Promise<() => Promise<void>> {
  if (!cacheServiceAvailable()) return async () => {}
  const paths = cachePaths(buildContext({ repoRoot }).cacheRoot)
  const { key, restorePrefix } = await cacheKey(repoRoot)
  const restored = await restorePaths(paths, key, restorePrefix)
  if (restored.warning) core.warning(`build cache not restored: ${restored.warning}`)
  if (restored.hit === key || restored.warning) return async () => {}
  return async () => {
    const saved = await savePaths(paths, key)
    if (saved.warning) core.warning(`build cache not saved: ${saved.warning}`)
  }
}
