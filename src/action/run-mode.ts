// mode: run — build, measure, analyse, compare with the cached baseline, summarise, upload for the report job.
import * as core from '@actions/core'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { runnerInfo, runnerTag } from '../environment.js'
import { resultsFileName, writeResultFiles, writeText } from '../outputs.js'
import { runBenchmark } from '../pipeline.js'
import { lineProgress } from '../progress.js'
import { uploadResults } from '../publish/artifacts.js'
import { BASELINE_FILE, baselineKey, restoreBaseline, saveBaseline } from '../publish/baseline.js'
import { cacheServiceAvailable, restorePaths, savePaths } from '../publish/cache.js'
import { buildContext, cacheKey, cachePaths } from '../builders/index.js'
import { findRepoRoot } from '../repo-root.js'
import { renderRunReport } from '../report/markdown.js'
import { RESULTS_SCHEMA, type Results } from '../types.js'
import type { EventInfo } from './github-event.js'
import { actionLogger, publishOutcome, writeJobSummary } from './outcome.js'

/** Relative, so that the cache version (which hashes the path) is the same on every runner of an OS. */
const BASELINE_DIR = path.join('.wasm-ffi-bench', 'baseline')
export const ARTIFACT_PREFIX = 'wasm-ffi-bench-'

export async function runMode(config: Config, event: EventInfo): Promise<void> {
  const runner = runnerInfo()
  const tag = runnerTag(runner)
  const workDir = path.join(process.env.RUNNER_TEMP ?? '.wasm-ffi-bench', 'wasm-ffi-bench')
  const keyFor = (results: Results) =>
    baselineKey({
      prefix: config.baselineKeyPrefix,
      schema: RESULTS_SCHEMA,
      os: runner.os,
      arch: runner.arch,
      configHash: results.config_hash,
      sha: event.sha
    })

  const repoRoot = findRepoRoot()
  const saveBuildCache = await restoreBuildCache(repoRoot)

  const results = await runBenchmark(
    config.measure,
    { repoRoot, workDir: path.join(workDir, 'work'), pr: event.pr, slowdown: process.env.WASM_FFI_BENCH_TEST_SLOWDOWN },
    {
      log: actionLogger,
      progress: lineProgress(line => core.info(line)),
      baseline: {
        load: async current => {
          const restored = await restoreBaseline(BASELINE_DIR, keyFor(current))
          if (!restored.file) return { warning: restored.warning ?? 'no baseline in the cache for this OS, arch and configuration' }
          return { text: readFileSync(restored.file, 'utf8'), source: `cache key ${restored.hit}` }
        }
      }
    }
  )

  await saveBuildCache()

  const files = writeResultFiles(results, path.join(workDir, resultsFileName(tag)))
  const markdown = renderRunReport(results)
  const markdownFile = path.join(workDir, `report-${tag}.md`)
  writeText(markdownFile, markdown)
  await writeJobSummary(markdown)

  const upload = await uploadResults(`${ARTIFACT_PREFIX}${tag}`, [files.results, files.benchmark, files.bmf, markdownFile], workDir)
  if (upload.warning) core.warning(`results artifact not uploaded: ${upload.warning}`)

  const wantSave = config.saveBaseline === 'always' || (config.saveBaseline === 'auto' && event.isPushToDefaultBranch)
  if (wantSave && results.verdict !== 'error') {
    mkdirSync(BASELINE_DIR, { recursive: true })
    writeFileSync(path.join(BASELINE_DIR, BASELINE_FILE), JSON.stringify(results))
    const { key } = keyFor(results)
    const saved = await saveBaseline(BASELINE_DIR, key)
    if (saved.warning) core.warning(`baseline not saved: ${saved.warning}`)
    else core.info(`baseline saved: ${key}`)
  }

  publishOutcome([results], config, { resultsFile: files.results, markdownFile, commentUrl: '' })
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
