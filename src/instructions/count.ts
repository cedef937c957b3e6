// Runs the counted processes (plan.ts) under cachegrind. Counts do not depend on the machine's load, so they run
// in parallel, one per core; every process gets the host's repeatable argv and environment (host-registry.ts).
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { failureReason, timedRun } from '../process/spawn.js'
import type { BuildOutput, InstructionRun, MeasureConfig, RawHostRun, RawInstructionCounts, RunnableHost } from '../types.js'
import { cachegrindArgv, parseCachegrindOut, type Counter } from './counter.js'
import { callsArg, callsFor, collectCounts, countedJobs, type Calls, type CountedJob } from './plan.js'

/** wasmtime compiles on rayon's threads; on one thread its work, and so its count, is the same in every run. */
export const COUNTED_ENV = { RAYON_NUM_THREADS: '1' }

export interface CountOptions {
  counter: Counter
  workDir: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  runs: number
  /** hosts that run the same program in both revisions (measure/same-build.ts): counted once, kept for both */
  sameBuild: ReadonlySet<string>
  /** processes at once (default: one per core) */
  parallel?: number
  log(message: string): void
}

export interface Counted {
  /** per revision, the counts of each host */
  counts: Array<Map<string, RawInstructionCounts>>
  info: InstructionRun
}

/** Counts the instructions of each revision's hosts; `timed` (the head's timed runs) sets the ffi call counts. */
export async function countInstructions(
  builds: BuildOutput[],
  timed: RawHostRun[],
  config: MeasureConfig,
  opts: CountOptions
): Promise<Counted> {
  const started = performance.now()
  const ok = new Set(timed.filter(run => run.status === 'ok').map(run => run.name))
  const calls = new Map<string, Calls>()
  const perCall = new Set(builds[0].hosts.filter(host => host.counted.perCall).map(host => host.name))
  for (const run of timed) {
    const hostCalls = config.ffi && perCall.has(run.name) ? callsFor(run) : null
    if (hostCalls) calls.set(run.name, hostCalls)
  }
  const counted = (name: string, revision: number) => ok.has(name) && !(revision > 0 && opts.sameBuild.has(name))
  const revisions = builds.map((build, revision) => ({ hosts: build.hosts.map(h => h.name).filter(name => counted(name, revision)) }))
  const jobs = countedJobs(revisions, calls, opts.runs)
  const parallel = Math.max(1, Math.min(opts.parallel ?? availableParallelism(), jobs.length))
  opts.log(`instructions: ${jobs.length} runs under ${opts.counter.version} cachegrind, ${parallel} at a time`)
  mkdirSync(opts.workDir, { recursive: true })

  const results: Array<number | Error> = new Array(jobs.length)
  let next = 0
  let done = 0
  let processSeconds = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++
      const t0 = performance.now()
      results[i] = await countOne(jobs[i], i, builds[jobs[i].revision], config, opts)
      processSeconds += (performance.now() - t0) / 1000
      if (++done % 10 === 0 || done === jobs.length) opts.log(`instructions: ${done}/${jobs.length} runs counted`)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  const counts = builds.map((_, revision) => collectCounts(jobs, results, revision))
  for (const name of opts.sameBuild) {
    const head = counts[0].get(name)
    if (head) for (const other of counts.slice(1)) other.set(name, structuredClone(head))
  }
  return {
    counts,
    info: {
      counter: `${opts.counter.version} cachegrind`,
      note: null,
      runs: opts.runs,
      processes: jobs.length,
      parallel,
      seconds: (performance.now() - started) / 1000,
      process_seconds: processSeconds
    }
  }
}

function argvOf(job: CountedJob, host: RunnableHost, build: BuildOutput, config: MeasureConfig, reportFile: string): string[] {
  if (job.kind === 'workload') return host.workloadArgv(build.guest.workload, reportFile, config.guest_args)
  return [...host.ffiArgv(build.guest.ffi!, reportFile)!, '--calls', callsArg(job.calls, job.doubled)]
}

async function countOne(job: CountedJob, index: number, build: BuildOutput, config: MeasureConfig, opts: CountOptions) {
  const host = build.hosts.find(h => h.name === job.host)!
  const outFile = path.join(opts.workDir, `count-${index}.out`)
  const reportFile = path.join(opts.workDir, `count-${index}.jsonl`)
  const argv = cachegrindArgv(opts.counter, outFile, host.counted.argv(argvOf(job, host, build, config, reportFile)))
  const env = { ...opts.env, ...host.env, ...COUNTED_ENV, ...host.counted.env }
  try {
    const run = await timedRun(argv, { cwd: host.cwd, env, timeoutMs: opts.timeoutMs })
    const failure = failureReason(run, opts.timeoutMs)
    if (failure) return new Error(failure)
    return parseCachegrindOut(readFileSync(outFile, 'utf8'))
  } catch (error) {
    return error as Error
  } finally {
    rmSync(outFile, { force: true })
    rmSync(reportFile, { force: true })
  }
}
