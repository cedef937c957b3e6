// Runs the measurement rounds: warm-up, then every job of every host once per round in a shuffled order,
// so that drift of the machine hits all hosts alike.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { MeasureConfig, RawHostRun, RunnableHost, BuildOutput } from '../types.js'
import { emptyProcessArgv, failureReason, timedRun } from '../process/spawn.js'
import { parseReport, type HostReport } from './report-file.js'
import { shuffle } from './shuffle.js'

export interface Progress {
  /** called once per measured or warm-up round */
  round(done: number, total: number, line: string): void
}

export interface MeasureOptions {
  workDir: string
  progress: Progress
  /** test hook: "host=fraction" makes that host sleep for that fraction of its run (see hosts/*) */
  slowdown?: string
  random?: () => number
}

type JobKind = { kind: 'workload' } | { kind: 'ffi' } | { kind: 'scale'; size: number }
interface Job {
  host: RunnableHost
  job: JobKind
}

export interface Measured {
  spawn_ms: number[]
  hosts: RawHostRun[]
}

export async function measure(build: BuildOutput, config: MeasureConfig, options: MeasureOptions): Promise<Measured> {
  mkdirSync(options.workDir, { recursive: true })
  const timeoutMs = config.timeout_minutes * 60_000
  const runs = new Map<string, RawHostRun>()
  const envs = new Map<string, NodeJS.ProcessEnv>()
  for (const host of build.hosts) {
    runs.set(host.name, emptyRun(host, config, build))
    envs.set(host.name, childEnv(host.name, options.slowdown))
  }
  const allJobs = jobsFor(build.hosts, runs)
  const spawnMs: number[] = []
  const totalRounds = config.warmup + config.iterations

  for (let round = 0; round < totalRounds; round++) {
    const measured = round >= config.warmup
    const jobs = shuffle(allJobs, options.random)
    const spawn = await timedRun(emptyProcessArgv(process.platform, process.env), { cwd: options.workDir, timeoutMs })
    if (measured && !failureReason(spawn, timeoutMs)) spawnMs.push(spawn.wallMs)
    for (const { host, job } of jobs) {
      const run = runs.get(host.name)!
      if (run.status !== 'ok') continue
      const error = await runJob(host, job, run, build, config, { ...options, env: envs.get(host.name)!, measured, round, timeoutMs })
      if (error) {
        run.status = 'failed'
        run.error = `${job.kind === 'scale' ? `size ${job.size}` : job.kind}: ${error}`
      }
    }
    options.progress.round(round + 1, totalRounds, roundLine(measured, round - config.warmup + 1, config.iterations, runs))
  }
  failMismatchedOutputs([...runs.values()])
  return { spawn_ms: spawnMs, hosts: [...runs.values(), ...build.failures.map(f => failedRun(f.name, f.error, config))] }
}

/** A host's jobs follow from what its run collects: ffi only where it has ffi samples, a size per scaling point. */
function jobsFor(hosts: RunnableHost[], runs: Map<string, RawHostRun>): Job[] {
  const jobs: Job[] = []
  for (const host of hosts) {
    const run = runs.get(host.name)!
    jobs.push({ host, job: { kind: 'workload' } })
    if (run.ffi) jobs.push({ host, job: { kind: 'ffi' } })
    for (const { size } of run.scaling ?? []) jobs.push({ host, job: { kind: 'scale', size } })
  }
  return jobs
}

interface JobContext extends MeasureOptions {
  env: NodeJS.ProcessEnv
  measured: boolean
  round: number
  timeoutMs: number
}

async function runJob(
  host: RunnableHost,
  job: JobKind,
  run: RawHostRun,
  build: BuildOutput,
  config: MeasureConfig,
  ctx: JobContext
): Promise<string | null> {
  const reportFile = path.join(ctx.workDir, `${host.name}-${job.kind}-${ctx.round}.jsonl`)
  rmSync(reportFile, { force: true })
  const argv =
    job.kind === 'ffi'
      ? host.ffiArgv(build.guest.ffi!, reportFile)!
      : host.workloadArgv(build.guest.workload, reportFile, job.kind === 'scale' ? [String(job.size)] : config.guest_args)
  const result = await timedRun(argv, { cwd: host.cwd, env: ctx.env, timeoutMs: ctx.timeoutMs })
  const failure = failureReason(result, ctx.timeoutMs)
  if (failure) return failure

  let report: HostReport | null = null
  if (job.kind === 'ffi' || host.reportsPhases) {
    try {
      report = parseReport(readFileSync(reportFile, 'utf8'))
    } catch (error) {
      return `unreadable report file ${reportFile}: ${(error as Error).message}`
    }
  }
  if (job.kind === 'workload') {
    const sha = createHash('sha256').update(result.stdout).digest('hex')
    if (run.output_sha256 && run.output_sha256 !== sha) return 'guest output changed between runs'
    run.output_sha256 = sha
  }
  if (!ctx.measured) return null
  if (job.kind === 'workload') {
    run.wall_ms.push(result.wallMs)
    if (run.phases_ns && report?.phases_ns) {
      for (const phase of ['setup', 'compile', 'instantiate', 'execute'] as const) run.phases_ns[phase].push(report.phases_ns[phase])
    }
  } else if (job.kind === 'ffi') {
    if (!report?.ffi) return 'ffi report has no "ffi" figures'
    for (const metric of ['export_noop_ns', 'export_add_ns', 'import_noop_ns', 'memory_ns_per_kib'] as const)
      run.ffi![metric].push(report.ffi[metric])
  } else {
    run.scaling!.find(p => p.size === job.size)!.wall_ms.push(result.wallMs)
  }
  return null
}

/** Host processes get the runner's environment without tokens or action inputs, plus the test hook. */
export function childEnv(host: string, slowdown: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^INPUT_|TOKEN|SECRET/i.test(key)) continue
    env[key] = value
  }
  delete env.WASM_FFI_BENCH_SLOWDOWN
  for (const entry of (slowdown ?? '').split(',').filter(Boolean)) {
    const [name, fraction] = entry.split('=')
    if (name === host && fraction) env.WASM_FFI_BENCH_SLOWDOWN = fraction
  }
  return env
}

/** A host whose guest output differs from the others has failed: it did not run the same program. */
function failMismatchedOutputs(runs: RawHostRun[]): void {
  const ok = runs.filter(r => r.status === 'ok' && r.output_sha256)
  if (ok.length < 2) return
  const native = ok.find(r => r.name === 'native')
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

function emptyRun(host: RunnableHost, config: MeasureConfig, build: BuildOutput): RawHostRun {
  const hasFfi = config.ffi && build.guest.ffi !== null && host.ffiArgv(build.guest.ffi, '') !== null
  return {
    name: host.name,
    runtime: host.runtime,
    version: host.version,
    argv: host.workloadArgv(build.guest.workload, '<report-file>', config.guest_args),
    cwd: host.cwd,
    optional: config.optional_hosts.includes(host.name),
    status: 'ok',
    output_sha256: null,
    wall_ms: [],
    phases_ns: host.reportsPhases ? { setup: [], compile: [], instantiate: [], execute: [] } : null,
    ffi: hasFfi ? { export_noop_ns: [], export_add_ns: [], import_noop_ns: [], memory_ns_per_kib: [] } : null,
    scaling: config.sizes.length ? config.sizes.map(size => ({ size, wall_ms: [] })) : null
  }
}

function failedRun(name: string, error: string, config: MeasureConfig): RawHostRun {
  return {
    name,
    runtime: '',
    version: '',
    argv: [],
    cwd: '',
    optional: config.optional_hosts.includes(name),
    status: 'failed',
    error,
    output_sha256: null,
    wall_ms: [],
    phases_ns: null,
    ffi: null,
    scaling: null
  }
}

function roundLine(measured: boolean, round: number, iterations: number, runs: Map<string, RawHostRun>): string {
  if (!measured) return 'warm-up round'
  const parts = [...runs.values()].map(r =>
    r.status === 'ok' ? `${r.name} ${r.wall_ms.at(-1)?.toFixed(1) ?? '-'} ms` : `${r.name} failed`
  )
  return `round ${round}/${iterations}: ${parts.join(', ')}`
}
