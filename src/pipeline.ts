// The one pipeline behind the action and the CLI:
// config -> toolchains -> build -> measure -> analyse -> compare with the baseline.
// I/O that differs between the two entries (logging, baseline storage) comes in through `io`.
import { analyse, applyBaseline } from './analyse/index.js'
import { checkBaseline } from './baseline-file.js'
import { buildAll } from './builders/index.js'
import { currentCommit, runnerInfo } from './environment.js'
import { measure, type Progress } from './measure/runner.js'
import type { MeasureConfig, Results } from './types.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** Where the baseline comes from: a local file for the CLI, the Actions cache for the action. */
export interface BaselineStore {
  load(current: Results): Promise<{ text: string; source: string } | { warning: string }>
}

export interface BenchmarkContext {
  repoRoot: string
  workDir: string
  pr: number | null
  cacheRoot?: string
  /** test hook, see measure/runner.ts */
  slowdown?: string
}

export interface PipelineIO {
  log: Logger
  progress: Progress
  baseline: BaselineStore
}

export async function runBenchmark(config: MeasureConfig, ctx: BenchmarkContext, io: PipelineIO): Promise<Results> {
  const build = await io.log.group('Build the guest and the hosts', () =>
    buildAll({
      repoRoot: ctx.repoRoot,
      hosts: config.hosts,
      guest: config.guest,
      wasm: config.wasm,
      ffi: config.ffi,
      cacheRoot: ctx.cacheRoot,
      log: message => io.log.info(message)
    })
  )
  for (const failure of build.failures) io.log.warning(`${failure.name}: ${failure.error}`)

  const measured = await io.log.group(`Measure ${build.hosts.length} hosts, ${config.iterations} rounds`, () =>
    measure(build, config, { workDir: ctx.workDir, progress: io.progress, slowdown: ctx.slowdown })
  )
  const results = analyse({
    runner: runnerInfo(),
    commit: currentCommit(ctx.repoRoot),
    pr: ctx.pr,
    config,
    spawn_ms: measured.spawn_ms,
    hosts: measured.hosts
  })
  for (const host of results.hosts) {
    if (host.status === 'failed') io.log.warning(`${host.name} failed: ${host.error}`)
  }

  const loaded = await io.baseline.load(results)
  if ('warning' in loaded) return withoutBaseline(results, loaded.warning, io.log)
  const checked = checkBaseline(loaded.text, loaded.source, results)
  if (checked.baseline === null) return withoutBaseline(results, checked.warning, io.log)
  return applyBaseline(results, checked.baseline, { source: loaded.source, threshold: config.threshold, alpha: config.alpha })
}

function withoutBaseline(results: Results, warning: string, log: Logger): Results {
  log.warning(`${warning}: the report shows "no baseline"`)
  return { ...results, baseline: null, baseline_note: warning }
}
