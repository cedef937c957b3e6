// mode: run — build, measure, analyse, compare with the cached baseline, summarise, upload for the report job.
import * as core from '@actions/core'
import * as github from '@actions/github'
import { prepareBase } from '../base-revision.js'
import { chooseComparison } from '../revision/index.js'
import path from 'node:path'
import type { Config, SaveBaselineMode } from '../config.js'
import { runnerInfo, runnerTag } from '../environment.js'
import { finishRun } from '../finish.js'
import { resultsFileName } from '../outputs.js'
import { runBenchmark } from '../pipeline.js'
import { lineProgress } from '../progress.js'
import { uploadResults } from '../publish/artifacts.js'
import { cacheBaselineStore } from '../publish/baseline.js'
import { cacheServiceAvailable, restorePaths, savePaths } from '../publish/cache.js'
import { buildContext, cacheKey, cachePaths } from '../builders/index.js'
import { isHostFolder } from '../builders/manifest.js'
import { findRepoRoot } from '../repo-root.js'
import { renderRunReport } from '../report/markdown.js'
import { runLinks, type EventInfo } from './github-event.js'
import { ARTIFACT_PREFIX } from './constants.js'
import { actionLogger, publishOutcome, writeJobSummary } from './outcome.js'

export async function runMode(config: Config, event: EventInfo): Promise<void> {
  const runner = runnerInfo()
  const tag = runnerTag(runner)
  const workDir = path.join(process.env.RUNNER_TEMP ?? '.wasm-ffi-bench', 'wasm-ffi-bench')
  const store = cacheBaselineStore({ prefix: config.baselineKeyPrefix, runner, sha: event.sha })

  const saving = baselineSaving(config.saveBaseline, event)
  if (saving.warning) core.warning(saving.warning)
  const repoRoot = findRepoRoot()
  const saveBuildCache = await restoreBuildCache(repoRoot, config.measure.hosts.filter(isHostFolder))
  const choice = chooseComparison(config.compare, { eventName: github.context.eventName, payload: github.context.payload })
  const { measure } = config
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd()
  const prepared = await prepareBase(choice, {
    workspace,
    actionRoot: repoRoot,
    guest: measure.guest,
    wasm: measure.wasm,
    hostFolders: measure.hosts.filter(isHostFolder),
    log: actionLogger
  })
  const context = {
    repoRoot,
    workDir: path.join(workDir, 'work'),
    pr: event.pr,
    timeBudgetMinutes: config.timeBudgetMinutes,
    instructions: config.instructions,
    // Only GitHub's own runners are ours to install valgrind on (with apt); a self-hosted one is its owner's.
    onRunner: process.env.RUNNER_ENVIRONMENT === 'github-hosted',
    savesBaseline: saving.save
  }
  const results = await runBenchmark(
    config,
    { ...context, base: prepared.base, useStored: prepared.useStored, toolchains: config.toolchains },
    { log: actionLogger, progress: lineProgress(line => core.info(line)), baseline: store }
  ).finally(prepared.cleanup)
  await saveBuildCache()

  const links = runLinks(event)
  const files = await finishRun(results, {
    resultsFile: path.join(workDir, resultsFileName(tag)),
    markdownFile: path.join(workDir, `report-${tag}.md`),
    render: final => renderRunReport(final, { ...links, functionLists: config.functionLists }),
    store,
    saveBaseline: saving.save,
    log: actionLogger
  })
  // A full disk loses a file, not the verdict: the error names the file, the outputs and the gate still follow.
  const unwritten = new Set(files.failures.map(failure => failure.file))
  for (const failure of files.failures) core.error(`${failure.file} not written: ${failure.message}`)
  const written = (file: string): string => (unwritten.has(file) ? '' : file)
  await writeJobSummary(renderRunReport(files.final, { ...links, functionLists: config.functionLists }))

  const upload = await uploadResults(
    `${ARTIFACT_PREFIX}${tag}`,
    [files.results, files.benchmark, files.bmf, files.markdown].filter(written),
    workDir
  )
  if (upload.warning) core.warning(`results artifact not uploaded: ${upload.warning}`)

  publishOutcome([files.final], config.gate, {
    resultsFile: written(files.results),
    markdownFile: written(files.markdown),
    commentUrl: ''
  })
}

/**
 * Whether this run becomes the baseline: `auto` on pushes to the default branch, `always` on any event but a
 * pull request's, whose results (and code) must never become what other runs are judged against.
 */
export function baselineSaving(
  setting: SaveBaselineMode,
  event: Pick<EventInfo, 'name' | 'isPushToDefaultBranch'>
): { save: boolean; warning?: string } {
  if (setting === 'always' && event.name.startsWith('pull_request')) {
    return {
      save: false,
      warning: `save-baseline: always is refused on a ${event.name} event: a pull request's results never become the baseline`
    }
  }
  return { save: setting === 'always' || (setting === 'auto' && event.isPushToDefaultBranch) }
}

/**
 * Restores the built hosts, guest modules and wasmtime CLI from the Actions cache, so a warm runner builds nothing.
 * Returns what to do after the build: save them, unless the exact key was restored or the service failed.
 */
async function restoreBuildCache(repoRoot: string, hostFolders: string[]): Promise<() => Promise<void>> {
  if (!cacheServiceAvailable()) return async () => {}
  const paths = cachePaths(buildContext({ repoRoot }).cacheRoot)
  const { key, restorePrefix } = await cacheKey(repoRoot, process.platform, process.arch, hostFolders)
  const restored = await restorePaths(paths, key, restorePrefix)
  if (restored.warning) core.warning(`build cache not restored: ${restored.warning}`)
  if (restored.hit === key || restored.warning) return async () => {}
  return async () => {
    const saved = await savePaths(paths, key)
    if (saved.warning) core.warning(`build cache not saved: ${saved.warning}`)
  }
}
