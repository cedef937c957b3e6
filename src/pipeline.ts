// The one pipeline behind the action and the CLI:
// build -> measure -> analyse -> compare (with the base revision, else the stored baseline).
// I/O that differs between the two entries (logging, baseline storage) comes in through `io`.
import { analyse, applyBaseline } from './analyse/index.js'
import { checkBaseline } from './baseline-file.js'
import type { BaselineStore } from './baseline-store.js'
import { buildAll } from './builders/index.js'
import { currentCommit, runnerInfo } from './environment.js'
import { measure, type Progress, type Revision } from './measure/runner.js'
import { childEnv } from './process/env.js'
import type { BuildOutput, GateSettings, MeasureConfig, Results } from './types.js'

export interface Logger {
  info(message: string): void
  warning(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** What a run measures and how it is judged: the parts of Config the pipeline needs. */
export interface RunSettings {
  measure: MeasureConfig
  gate: GateSettings
  timeoutMinutes: number
}

export interface BenchmarkContext {
  repoRoot: string
  workDir: string
  pr: number | null
  cacheRoot?: string
}

export interface PipelineIO {
  log: Logger
  progress: Progress
  baseline: BaselineStore
}

export async function runBenchmark(settings: RunSettings, ctx: BenchmarkContext, io: PipelineIO): Promise<Results> {
  const config = settings.measure
  const head = await io.log.group('Build the guest and the hosts', () => build(config, ctx.repoRoot, ctx, io))
  const measured = await io.log.group(`Measure ${head.hosts.length} hosts, ${config.iterations} rounds`, () =>
    measure([{ label: 'head', build: head } satisfies Revision], config, {
      workDir: ctx.workDir,
      progress: io.progress,
      timeoutMs: settings.timeoutMinutes * 60_000,
      env: childEnv()
    })
  )
  const raw = measured.revisions[0]
  const analysed = analyse(
    { runner: runnerInfo(), commit: currentCommit(ctx.repoRoot), pr: ctx.pr, config, spawn_ms: measured.spawn_ms, hosts: raw.hosts },
    settings.gate
  )
  const results = { ...analysed, compared_with: { ...analysed.compared_with, rounds: measured.rounds, seconds: measured.seconds } }
  for (const host of results.hosts) {
    if (host.status === 'failed') io.log.warning(`${host.name} failed: ${host.error}`)
  }
  return compareWithStored(results, settings.gate, io)
}

async function build(config: MeasureConfig, repoRoot: string, ctx: BenchmarkContext, io: PipelineIO): Promise<BuildOutput> {
  const output = await buildAll({
    repoRoot,
    hosts: config.hosts,
    guest: config.guest,
    wasm: config.wasm,
    ffi: config.ffi,
    cacheRoot: ctx.cacheRoot,
    log: message => io.log.info(message)
  })
  for (const failure of output.failures) io.log.warning(`${failure.name}: ${failure.error}`)
  return output
}

/** The comparison with the stored baseline (the cached one of the default branch, or the CLI's file). */
async function compareWithStored(results: Results, gate: GateSettings, io: PipelineIO): Promise<Results> {
  const loaded = await io.baseline.load(results)
  if ('warning' in loaded) return withoutBaseline(results, loaded.warning, io.log)
  const checked = checkBaseline(loaded.text, loaded.source, results)
  if (checked.baseline === null) return withoutBaseline(results, checked.warning, io.log)
  return applyBaseline(results, checked.baseline, { source: loaded.source, threshold: gate.baseline_threshold, alpha: gate.alpha })
}

function withoutBaseline(results: Results, warning: string, log: Logger): Results {
  log.warning(`${warning}: the report shows "no baseline"`)
  return { ...results, baseline: null, baseline_note: warning }
}
