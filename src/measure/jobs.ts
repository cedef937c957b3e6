// One measured job of one host in one revision: start it, check its report and output, keep its samples.
import { createHash } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { BuildOutput, MeasureConfig, RawHostRun, RunnableHost } from '../types.js'
import { FFI_LOOP_NAMES, FFI_METRICS, PHASES, ROLES } from '../vocabulary.js'
import { failureReason } from '../process/spawn.js'
import { clockedRun, type ClockedRun, type Launcher } from './launcher.js'
import { parseReport, type HostReport } from './report-file.js'
import { HOST_INTERFACE } from '../builders/manifest.js'

export type Job = { host: RunnableHost } & ({ kind: 'workload' } | { kind: 'ffi' } | { kind: 'scale'; size: number })

/**
 * How the ffi jobs are timed. One ffi process runs six calibrated loops and takes about as long as seven
 * workload runs, so running it every round left a 3-minute budget about 20 rounds, too few to decide a 3%
 * overhead change. Every `everyRounds`-th measured round (the first included) runs them, with windows of
 * `targetMs` instead of the hosts' default 100 ms; what that costs the per-call figures is in docs/design.md,
 * "Measurement".
 */
export const FFI_SCHEDULE = { everyRounds: 8, targetMs: 25 } as const

/** Whether the ffi jobs run in this measured round (0-based); warm-up rounds run every job. */
export const ffiRound = (measuredRound: number): boolean => measuredRound % FFI_SCHEDULE.everyRounds === 0

export interface JobContext {
  workDir: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  measured: boolean
  round: number
  build: BuildOutput
  config: MeasureConfig
  /** the revision's label, which keeps the report files of two revisions apart */
  label: string
  /** times the process when it was built; else Node's clock does */
  launcher: Launcher | null
}

/** A host's jobs follow from what its run collects: ffi only where it has ffi samples, a size per scaling point. */
export function jobsFor(host: RunnableHost, run: RawHostRun): Job[] {
  const jobs: Job[] = [{ host, kind: 'workload' }]
  if (run.ffi) jobs.push({ host, kind: 'ffi' })
  for (const { size } of run.scaling ?? []) jobs.push({ host, kind: 'scale', size })
  return jobs
}

/** What one run of a job produced: its clock, its report and the sha256 of its output (workload runs). */
export interface JobOutcome {
  result: ClockedRun
  report: HostReport | null
  outputSha256: string | null
}

/** Runs one job; returns what it produced, or why it failed. */
export async function runJob(job: Job, ctx: JobContext): Promise<JobOutcome | { error: string }> {
  const { host, kind } = job
  const reportFile = path.join(ctx.workDir, `${ctx.label}-${host.name}-${kind}-${ctx.round}.jsonl`)
  rmSync(reportFile, { force: true })
  const argv =
    kind === 'ffi'
      ? [...host.ffiArgv(ctx.build.guest.ffi!, reportFile)!, '--target-ms', String(FFI_SCHEDULE.targetMs)]
      : host.workloadArgv(ctx.build.guest.workload, reportFile, kind === 'scale' ? [String(job.size)] : ctx.config.guest_args)
  const result = await clockedRun(argv, { cwd: host.cwd, env: { ...ctx.env, ...host.env }, timeoutMs: ctx.timeoutMs }, ctx.launcher)
  const failure = failureReason(result, ctx.timeoutMs)
  if (failure) return { error: failure }

  let report: HostReport | null = null
  if (kind === 'ffi' || host.reportsPhases) {
    const command = kind === 'ffi' ? 'ffi' : 'workload'
    try {
      report = parseReport(readFileSync(reportFile, 'utf8'), command)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no report file was written' : (error as Error).message
      return { error: `its report (host interface ${HOST_INTERFACE}, docs/host-interface.md): ${reason}` }
    }
  }
  const outputSha256 = kind === 'workload' ? createHash('sha256').update(result.stdout).digest('hex') : null
  return { result, report, outputSha256 }
}

/** Keeps what a job produced in a host's run; returns why it cannot, or null. Samples only in measured rounds. */
export function recordJob(job: Job, { result, report, outputSha256 }: JobOutcome, run: RawHostRun, measured: boolean): string | null {
  if (outputSha256) {
    if (run.output_sha256 && run.output_sha256 !== outputSha256) return 'guest output changed between runs'
    run.output_sha256 = outputSha256
  }
  if (!measured) return null
  if (job.kind === 'workload') {
    run.wall_ms.push(result.wallMs)
    if (run.cpu_ms && result.cpuMs) {
      run.cpu_ms.user.push(result.cpuMs.user)
      run.cpu_ms.system.push(result.cpuMs.system)
    }
    if (result.instructions !== null) (run.os_instructions ??= []).push(result.instructions)
    if (run.phases_ns && report?.phases_ns) for (const phase of PHASES) run.phases_ns[phase].push(report.phases_ns[phase])
  } else if (job.kind === 'ffi') {
    for (const metric of FFI_METRICS) run.ffi![metric].push(report!.ffi![metric])
    for (const loop of FFI_LOOP_NAMES) run.ffi_loops?.[loop].push(report![loop]!)
  } else {
    run.scaling!.find(p => p.size === job.size)!.wall_ms.push(result.wallMs)
  }
  return null
}

/** A host whose guest output differs from the others has failed: it did not run the same program. */
export function failMismatchedOutputs(runs: RawHostRun[]): void {
  const ok = runs.filter(r => r.status === 'ok' && r.output_sha256)
  if (ok.length < 2) return
  const native = ok.find(r => r.name === ROLES.overheadReference)
  const counts = new Map<string, number>()
  for (const r of ok) counts.set(r.output_sha256!, (counts.get(r.output_sha256!) ?? 0) + 1)
  const reference = native?.output_sha256 ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0]
  for (const r of ok) {
    if (r.output_sha256 !== reference) {
      r.status = 'failed'
      r.error = `guest output differs from the other hosts (sha256 ${r.output_sha256!.slice(0, 12)} vs ${reference.slice(0, 12)})`
    }
  }
}

const emptySeries = <K extends string>(keys: readonly K[]): Record<K, number[]> =>
  Object.fromEntries(keys.map(key => [key, []])) as unknown as Record<K, number[]>

/** `cpu`: whether the launcher times the runs (it reports their CPU time). */
export function emptyRun(host: RunnableHost, config: MeasureConfig, build: BuildOutput, cpu: boolean): RawHostRun {
  const hasFfi = config.ffi && build.guest.ffi !== null && host.ffiArgv(build.guest.ffi, '') !== null
  return {
    name: host.name,
    runtime: host.runtime,
    version: host.version,
    argv: host.workloadArgv(build.guest.workload, '<report-file>', config.guest_args),
    cwd: host.cwd,
    ...replayEnv(host.env),
    status: 'ok',
    output_sha256: null,
    toolchains: { ...host.toolchains, ...build.guest.toolchains },
    wall_ms: [],
    cpu_ms: cpu ? { user: [], system: [] } : null,
    phases_ns: host.reportsPhases ? emptySeries(PHASES) : null,
    ffi: hasFfi ? emptySeries(FFI_METRICS) : null,
    ffi_loops: hasFfi ? emptySeries(FFI_LOOP_NAMES) : null,
    scaling: config.sizes.length ? config.sizes.map(size => ({ size, wall_ms: [] })) : null
  }
}

/** The host's own variables for the results, PATH aside: it only puts a set-up toolchain first, and is long. */
function replayEnv(env: Record<string, string>): { env?: Record<string, string> } {
  const own = Object.entries(env).filter(([key]) => key.toUpperCase() !== 'PATH')
  return own.length > 0 ? { env: Object.fromEntries(own) } : {}
}

export function failedRun(name: string, error: string): RawHostRun {
  return {
    name,
    runtime: '',
    version: '',
    argv: [],
    cwd: '',
    status: 'failed',
    error,
    output_sha256: null,
    wall_ms: [],
    cpu_ms: null,
    phases_ns: null,
    ffi: null,
    scaling: null
  }
}
