// Runs the counted processes (plan.ts) under cachegrind. Counts do not depend on the machine's load, so they run
// in parallel, one per core; every process gets the host's repeatable argv and environment (host-registry.ts).
// A same build's count is the base's by construction: it is counted only when the results become the baseline.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { failureReason, timedRun } from '../process/spawn.js'
import type { BuildOutput, InstructionRun, MeasureConfig, RawHostRun, RawInstructionCounts, RunnableHost } from '../types.js'
import { cachegrindArgv, type Counter } from './counter.js'
import { hostFunctions } from './functions.js'
import { callsArg, callsFor, collectCounts, ffiSetJobs, FFI_SET_SIZE, workloadJobs, type Calls, type CountedJob } from './plan.js'
import { parseProfile, type Profile } from './profile.js'
import { parsePythonLines, pythonLinesArgv } from './python-lines.js'

/** wasmtime compiles on rayon's threads; on one thread its work, and so its count, is the same in every run. */
export const COUNTED_ENV = { RAYON_NUM_THREADS: '1' }

export const NOT_COUNTED_SAME_BUILD =
  'the same build in both revisions, unchanged by construction (every host is counted when the results become the baseline)'

export interface CountOptions {
  counter: Counter
  workDir: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  runs: number
  /** hosts that run the same program in both revisions (measure/same-build.ts): counted once, kept for both */
  sameBuild: ReadonlySet<string>
  /** count the same builds at all: only needed when the results become the baseline that later runs compare with */
  countSameBuilds: boolean
  /** processes at once (default: one per core) */
  parallel?: number
  log(message: string): void
}

export interface Counted {
  /** per revision, the counts of each host */
  counts: Array<Map<string, RawInstructionCounts>>
  info: InstructionRun
}

/** The hosts each revision counts: a same build once (the head's), or not at all without `countSameBuilds`. */
export function countedHosts(
  builds: readonly BuildOutput[],
  sameBuild: ReadonlySet<string>,
  countSameBuilds: boolean
): Array<{ hosts: string[] }> {
  const counted = (name: string, revision: number) => !sameBuild.has(name) || (countSameBuilds && revision === 0)
  return builds.map((build, revision) => ({ hosts: build.hosts.map(h => h.name).filter(name => counted(name, revision)) }))
}

/**
 * The counts of one run, in two parts: the workload runs before the timed rounds, and the ffi sets after them,
 * at call counts from the head's timed per-call figures. The workload runs' pace says what the ffi sets will take,
 * so the timed rounds can leave them their share of the time budget.
 */
export class InstructionCount {
  private readonly revisions: Array<{ hosts: string[] }>
  /** the hosts with instructions per call (not node: see host-registry.ts) */
  private readonly perCall: Set<string>
  private readonly jobs: CountedJob[] = []
  /** each job's profile (where its instructions went), or why it failed */
  private readonly results: Array<Profile | Error> = []
  /** per revision, each Python host's line-count runs of the workload (python-lines.ts) */
  private readonly pythonLines: Array<Map<string, Profile[]>>
  private readonly parallel: number
  private seconds = 0
  private processSeconds = 0
  /** reading the out files per function and comparing them: what the function lists add to the count */
  private analysisSeconds = 0

  constructor(
    private readonly builds: BuildOutput[],
    private readonly config: MeasureConfig,
    private readonly opts: CountOptions
  ) {
    this.revisions = countedHosts(builds, opts.sameBuild, opts.countSameBuilds)
    this.perCall = new Set(builds[0].hosts.filter(host => host.counted.perCall).map(host => host.name))
    this.parallel = Math.max(1, opts.parallel ?? availableParallelism())
    this.pythonLines = builds.map(() => new Map())
    mkdirSync(opts.workDir, { recursive: true })
  }

  /** Seconds spent counting so far. */
  get secondsSpent(): number {
    return this.seconds
  }

  async countWorkloads(): Promise<void> {
    const jobs = workloadJobs(this.revisions, this.opts.runs)
    await this.countJobs(jobs, 'workload')
    await this.countPythonLines(jobs.filter(job => this.hostOf(job).counted.pythonLines))
  }

  /** What the ffi sets will take at the workload runs' pace: every host with ffi figures, one set per revision. */
  secondsAhead(): number {
    if (!this.config.ffi || this.jobs.length === 0) return 0
    const sets = this.revisions.reduce((n, { hosts }) => n + hosts.filter(name => this.perCall.has(name)).length, 0)
    return (Math.ceil((sets * FFI_SET_SIZE) / this.parallel) * this.processSeconds) / this.jobs.length
  }

  /** The ffi sets; `timed` (the head's timed runs) sets their call counts. */
  async countFfiSets(timed: RawHostRun[]): Promise<void> {
    if (!this.config.ffi) return
    const calls = new Map<string, Calls>()
    for (const run of timed) {
      const hostCalls = this.perCall.has(run.name) ? callsFor(run) : null
      if (hostCalls) calls.set(run.name, hostCalls)
    }
    await this.countJobs(ffiSetJobs(this.revisions, calls), 'ffi')
  }

  result(): Counted {
    const started = performance.now()
    const totals = this.results.map(result => (result instanceof Error ? result : result.total))
    const counts = this.builds.map((_, revision) => collectCounts(this.jobs, totals, revision))
    hostFunctions(this.jobs, this.results, this.pythonLines).forEach((hosts, revision) => {
      for (const [name, functions] of hosts) Object.assign(counts[revision].get(name) ?? {}, functions)
    })
    this.analysisSeconds += (performance.now() - started) / 1000
    // A same build counted once (the head's) keeps that count for the base too; one not counted has none.
    for (const name of this.opts.sameBuild) {
      const head = counts[0].get(name)
      if (head) for (const other of counts.slice(1)) other.set(name, structuredClone(head))
    }
    const skipped = this.opts.countSameBuilds ? [] : this.builds[0].hosts.map(h => h.name).filter(name => this.opts.sameBuild.has(name))
    return {
      counts,
      info: {
        counter: `${this.opts.counter.version} cachegrind`,
        note: skipped.length > 0 ? `${skipped.join(', ')}: ${NOT_COUNTED_SAME_BUILD}` : null,
        runs: this.opts.runs,
        processes: this.jobs.length,
        parallel: Math.min(this.parallel, Math.max(1, this.jobs.length)),
        seconds: this.seconds,
        process_seconds: this.processSeconds,
        analysis_seconds: this.analysisSeconds
      }
    }
  }

  private hostOf(job: CountedJob): RunnableHost {
    return this.builds[job.revision].hosts.find(h => h.name === job.host)!
  }

  /** Runs `jobs` one per core (a count does not depend on the machine's load). */
  private async countJobs(jobs: CountedJob[], what: string): Promise<void> {
    if (jobs.length === 0) return
    const started = performance.now()
    const offset = this.jobs.length
    this.jobs.push(...jobs)
    this.opts.log(
      `instructions: ${jobs.length} ${what} runs under ${this.opts.counter.version} cachegrind, ${Math.min(this.parallel, jobs.length)} at a time`
    )
    let done = 0
    await inParallel(jobs.length, this.parallel, async next => {
      const i = offset + next
      const t0 = performance.now()
      const read = (text: string): Profile => this.timedAnalysis(() => parseProfile(text))
      this.results[i] = await countOne(this.jobs[i], i, this.builds[this.jobs[i].revision], this.config, this.opts, read)
      this.processSeconds += (performance.now() - t0) / 1000
      if (++done % 10 === 0 || done === jobs.length) this.opts.log(`instructions: ${done}/${jobs.length} ${what} runs counted`)
    })
    this.seconds += (performance.now() - started) / 1000
  }

  /** The Python hosts' workload runs once more each, outside valgrind, to name their Python functions. A failure
   *  leaves the host without them and says why in the log: the counts stand without. */
  private async countPythonLines(jobs: CountedJob[]): Promise<void> {
    if (jobs.length === 0) return
    const started = performance.now()
    this.opts.log(`instructions: ${jobs.length} workload runs of the Python hosts with their lines counted (sys.settrace)`)
    await inParallel(jobs.length, this.parallel, async i => {
      const job = jobs[i]
      const host = this.hostOf(job)
      const outFile = path.join(this.opts.workDir, `lines-${job.revision}-${job.host}-${job.run}.json`)
      const reportFile = `${outFile}.jsonl`
      const argv = pythonLinesArgv(argvOf(job, host, this.builds[job.revision], this.config, reportFile), outFile)
      if (!argv) return
      try {
        const run = await timedRun(argv, {
          cwd: host.cwd,
          env: countedEnv(this.opts.env, host),
          timeoutMs: this.opts.timeoutMs
        })
        const failure = failureReason(run, this.opts.timeoutMs)
        if (failure) throw new Error(failure)
        const profile = this.timedAnalysis(() => parsePythonLines(readFileSync(outFile, 'utf8')))
        const runs = this.pythonLines[job.revision].get(job.host) ?? []
        this.pythonLines[job.revision].set(job.host, [...runs, profile])
      } catch (error) {
        this.opts.log(`instructions: ${job.host}: its Python functions are not named (the line-count run: ${(error as Error).message})`)
      } finally {
        rmSync(outFile, { force: true })
        rmSync(reportFile, { force: true })
      }
    })
    const seconds = (performance.now() - started) / 1000
    this.seconds += seconds
    this.opts.log(`instructions: the Python hosts' line counts took ${seconds.toFixed(1)} s`)
  }

  private timedAnalysis<T>(work: () => T): T {
    const started = performance.now()
    try {
      return work()
    } finally {
      this.analysisSeconds += (performance.now() - started) / 1000
    }
  }
}

/** `task(0..n-1)`, at most `parallel` at a time. */
async function inParallel(n: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < n) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker))
}

/** A counted process's environment: the run's, the host's, and what makes its count repeat. */
const countedEnv = (env: NodeJS.ProcessEnv, host: RunnableHost): NodeJS.ProcessEnv => ({
  ...env,
  ...host.env,
  ...COUNTED_ENV,
  ...host.counted.env
})

function argvOf(job: CountedJob, host: RunnableHost, build: BuildOutput, config: MeasureConfig, reportFile: string): string[] {
  if (job.kind === 'workload') return host.workloadArgv(build.guest.workload, reportFile, config.guest_args)
  return [...host.ffiArgv(build.guest.ffi!, reportFile)!, '--calls', callsArg(job.calls, job.doubled)]
}

async function countOne(
  job: CountedJob,
  index: number,
  build: BuildOutput,
  config: MeasureConfig,
  opts: CountOptions,
  read: (text: string) => Profile
) {
  const host = build.hosts.find(h => h.name === job.host)!
  const outFile = path.join(opts.workDir, `count-${index}.out`)
  const reportFile = path.join(opts.workDir, `count-${index}.jsonl`)
  const argv = cachegrindArgv(opts.counter, outFile, host.counted.argv(argvOf(job, host, build, config, reportFile)))
  const env = countedEnv(opts.env, host)
  try {
    const run = await timedRun(argv, { cwd: host.cwd, env, timeoutMs: opts.timeoutMs })
    const failure = failureReason(run, opts.timeoutMs)
    if (failure) return new Error(failure)
    return read(readFileSync(outFile, 'utf8'))
  } catch (error) {
    return error as Error
  } finally {
    rmSync(outFile, { force: true })
    rmSync(reportFile, { force: true })
  }
}
