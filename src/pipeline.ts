// The one pipeline behind the action and the CLI:
// build -> measure -> analyse -> compare (with the base revision, else the stored baseline).
// I/O that differs between the two entries (logging, baseline storage) comes in through `io`.
import { analyse, applyBaseline } from './analyse/index.js'
import { checkBaseline } from './baseline-file.js'
import type { BaselineStore } from './baseline-store.js'
import { buildAll, buildContext, buildLauncher } from './builders/index.js'
import { currentCommit, runnerInfo } from './environment.js'
import { measure, type Progress, type Revision, type RevisionRuns } from './measure/runner.js'
import { sameBuildHosts } from './measure/same-build.js'
import { childEnv } from './process/env.js'
import { Sampler } from './analyse/sampler.js'
import { gateOf, runVerdict } from './gate.js'
import type { ToolchainSettings } from './toolchains/setup.js'
import type { BuildOutput, GateSettings, MeasureConfig, Results } from './types.js'
import { startCounting, type CountStage, type InstructionSettings } from './instructions/index.js'
import { compareCounts } from './analyse/counts.js'

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

/** The other revision of a same-job comparison, materialised outside the workspace (src/revision/). */
export interface BaseRevision {
  sha: string
  /** what it is, for the report: "the base of the pull request", "the previous tip of main", "origin/main" */
  source: string
  /** its tree: the base's guest, and its hosts where the repository holds them, are built from here */
  repoRoot: string
  guest: string | null
  wasm: string | null
  /** what host folders (hosts of the user's repository) resolve against in its tree */
  userRoot: string
}

export interface BenchmarkContext {
  repoRoot: string
  workDir: string
  pr: number | null
  cacheRoot?: string
  /** the base revision to measure in the same job, or why there is none (the stored baseline is then compared) */
  base: BaseRevision | { note: string } | null
  /** compare with the stored baseline (or show it as context); false with `compare: none` */
  useStored: boolean
  timeBudgetMinutes: number
  /** the Go and Python to set up for the hosts (the action's go-version, python-version); default: those on PATH */
  toolchains?: ToolchainSettings
  instructions: InstructionSettings
  /** the action on a runner: it may install valgrind with apt (the CLI never installs anything) */
  onRunner: boolean
  /** the results become the baseline: every host is counted, as later runs compare every count with it */
  savesBaseline: boolean
  /** the repository measured, when it is not repoRoot (the CLI in a user's repository): its HEAD is the commit */
  workspace?: string
}

export interface PipelineIO {
  log: Logger
  progress: Progress
  baseline: BaselineStore
}

export async function runBenchmark(settings: RunSettings, ctx: BenchmarkContext, io: PipelineIO): Promise<Results> {
  const config = settings.measure
  const head = await io.log.group('Build the guest and the hosts', () => build(config, ctx.repoRoot, ctx, io))
  const launcher = await buildLauncher(
    buildContext({ repoRoot: ctx.repoRoot, cacheRoot: ctx.cacheRoot, toolchains: ctx.toolchains, log: message => io.log.info(message) })
  )
  if (launcher.path === null) io.log.warning(`launcher: ${launcher.error}; wall times fall back to Node's spawn-to-exit clock`)
  const base = ctx.base && 'sha' in ctx.base ? await buildBase(ctx.base, config, ctx, io) : null
  const revisions: Revision[] = [{ label: 'head', build: head }]
  if (base?.build) revisions.push({ label: 'base', build: base.build })
  const sameBuild = base?.build ? sameBuildHosts(head, base.build) : new Set<string>()
  const counting = await countInstructionsOf(revisions, sameBuild, settings, ctx, io)
  const budgetMinutes = timedBudget(ctx.timeBudgetMinutes, counting.seconds, io.log)
  const sampler = new Sampler(settings.gate, config, budgetMinutes, { paired: revisions.length > 1, sameBuild })
  const what = revisions.length > 1 ? 'the head and the base revision' : 'the working tree'
  const measured = await io.log.group(`Measure ${head.hosts.length} hosts of ${what}, up to ${config.iterations} rounds`, () =>
    measure(revisions, config, {
      workDir: ctx.workDir,
      progress: io.progress,
      timeoutMs: settings.timeoutMinutes * 60_000,
      env: childEnv(),
      launcher,
      enough: (rounds, runs) => sampler.enough(rounds, runs),
      sameBuild,
      sameBuildRounds: sampler.firstLook
    })
  )
  const finishCounting = () => counting.finish(measured.revisions.map(revision => revision.hosts))
  const instructions = counting.pending ? await io.log.group('Count instructions per call', finishCounting) : await finishCounting()
  if (instructions.note) io.log.info(`Instruction counts: ${instructions.note}`)
  const analyse1 = (runs: RevisionRuns, commit: string) =>
    analyse(
      { runner: runnerInfo(), commit, pr: ctx.pr, config, spawn_ms: measured.spawn_ms, clock: measured.clock, hosts: runs.hosts },
      settings.gate
    )
  const analysed = { ...analyse1(measured.revisions[0], currentCommit(ctx.workspace ?? ctx.repoRoot)), instructions }
  for (const host of analysed.hosts) if (host.status === 'failed') io.log.warning(`${host.name} failed: ${host.error}`)
  const sampling = { ...analysed.compared_with, rounds: measured.rounds, seconds: measured.seconds }
  if (!base?.build || !ctx.base || !('sha' in ctx.base)) {
    const note = ctx.base && 'note' in ctx.base ? ctx.base.note : (base?.note ?? null)
    const results = { ...analysed, compared_with: { ...sampling, note } }
    return ctx.useStored ? compareWithStored(results, settings.gate, io, false) : results
  }
  const judged = sampler.final(measured.rounds, measured.revisions)
  const { sha, source } = ctx.base
  const baseHosts = analyse1(measured.revisions[1], sha).hosts
  const counts = compareCounts(analysed.hosts, baseHosts, settings.gate.instructions_threshold, (_host, metric) =>
    gateOf(metric, settings.gate, true)
  )
  const results: Results = {
    ...analysed,
    comparisons: [...judged.comparisons, ...counts],
    compared_with: { ...sampling, kind: 'revision', commit: sha, source, note: judged.note, decided: judged.decided },
    base: { commit: sha, hosts: baseHosts }
  }
  const judgedResults = { ...results, verdict: runVerdict(results) }
  return ctx.useStored ? compareWithStored(judgedResults, settings.gate, io, true) : judgedResults
}

/** Starts counting the instructions of every revision's hosts (the workload runs), or says in one line why not. */
function countInstructionsOf(
  revisions: Revision[],
  sameBuild: ReadonlySet<string>,
  settings: RunSettings,
  ctx: BenchmarkContext,
  io: PipelineIO
): Promise<CountStage> {
  return io.log.group('Count instructions', () =>
    startCounting(
      revisions.map(revision => revision.build),
      settings.measure,
      {
        settings: ctx.instructions,
        mayInstall: ctx.onRunner,
        workDir: ctx.workDir,
        env: childEnv(),
        timeoutMs: settings.timeoutMinutes * 60_000,
        sameBuild,
        countSameBuilds: ctx.savesBaseline,
        log: message => io.log.info(message)
      }
    )
  )
}

/** The time budget covers the counts too: the timed rounds get what the counts leave of it. */
function timedBudget(budgetMinutes: number, countSeconds: number, log: Logger): number {
  if (countSeconds === 0) return budgetMinutes
  const left = budgetMinutes - countSeconds / 60
  log.info(
    `time budget: ${budgetMinutes} min, ${Math.round(countSeconds)} s of it for instruction counts: ` +
      `${Math.max(0, left).toFixed(1)} min for the timed rounds, which never stop before their first look`
  )
  return left
}

/** Builds the base revision's guest (and hosts); a failure is a warning and the stored baseline is compared. */
async function buildBase(
  base: BaseRevision,
  config: MeasureConfig,
  ctx: BenchmarkContext,
  io: PipelineIO
): Promise<{ build?: BuildOutput; note?: string }> {
  try {
    const build = await io.log.group(`Build the base revision ${base.sha.slice(0, 12)}`, () =>
      buildAllFor({ ...config, guest: base.guest, wasm: base.wasm }, base.repoRoot, ctx, io, base.userRoot)
    )
    return { build }
  } catch (error) {
    const note = `the base revision ${base.sha.slice(0, 12)} could not be built (${(error as Error).message}); compared with the stored baseline instead`
    io.log.warning(note)
    return { note }
  }
}

const build = (config: MeasureConfig, repoRoot: string, ctx: BenchmarkContext, io: PipelineIO) => buildAllFor(config, repoRoot, ctx, io)

async function buildAllFor(
  config: MeasureConfig,
  repoRoot: string,
  ctx: BenchmarkContext,
  io: PipelineIO,
  userRoot?: string
): Promise<BuildOutput> {
  const output = await buildAll({
    repoRoot,
    userRoot,
    hosts: config.hosts,
    guest: config.guest,
    wasm: config.wasm,
    ffi: config.ffi,
    cacheRoot: ctx.cacheRoot,
    toolchains: ctx.toolchains,
    log: message => io.log.info(message)
  })
  for (const failure of output.failures) io.log.warning(`${failure.name}: ${failure.error}`)
  return output
}

/** The comparison with the stored baseline (the cached one of the default branch, or the CLI's file). */
async function compareWithStored(results: Results, gate: GateSettings, io: PipelineIO, asContext: boolean): Promise<Results> {
  const loaded = await io.baseline.load(results)
  if ('warning' in loaded) return withoutBaseline(results, loaded.warning, io.log, asContext)
  const checked = checkBaseline(loaded.text, loaded.source, results)
  if (checked.baseline === null) return withoutBaseline(results, checked.warning, io.log, asContext)
  return applyBaseline(results, checked.baseline, {
    source: loaded.source,
    threshold: gate.baseline_threshold,
    alpha: gate.alpha,
    asContext
  })
}

function withoutBaseline(results: Results, warning: string, log: Logger, asContext: boolean): Results {
  if (asContext) log.info(`${warning}: no stored baseline to show as context`)
  else log.warning(`${warning}: the report shows "no baseline"`)
  return { ...results, baseline: null, baseline_note: warning }
}
