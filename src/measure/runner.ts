// Runs the measurement rounds: warm-up, then every job of every host once per round and revision (the ffi jobs
// every few rounds, FFI_SCHEDULE in jobs.ts). The two revisions of one job run back to back in a random order
// (AB or BA) and the pairs are shuffled within the round, so drift of the machine hits both revisions and all
// hosts alike. A host that runs the same program in both revisions (same-build.ts) runs once per round, and
// both revisions keep that sample. When native is such a host too, every same build is known unchanged by the
// first look and leaves the rounds there, so the rest of the budget goes to the hosts that changed
// (docs/design.md, "Measurement").
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { BuildOutput, LauncherBuild, MeasureConfig, RawHostRun, WallClock } from '../types.js'
import { emptyProcessArgv, failureReason } from '../process/spawn.js'
import { clockedRun, type Launcher } from './launcher.js'
import { emptyRun, failMismatchedOutputs, failedRun, ffiRound, jobsFor, recordJob, runJob, type Job, type JobContext } from './jobs.js'
import { shuffle } from './shuffle.js'
import { sameBuildsLeave } from './same-build.js'

export interface Progress {
  /** called once per measured or warm-up round */
  round(done: number, total: number, line: string): void
}

/** One revision's build: the head (what is measured) and, for same-job comparisons, the base. */
export interface Revision {
  label: string
  build: BuildOutput
}

export interface RevisionRuns {
  label: string
  hosts: RawHostRun[]
}

export interface MeasureOptions {
  workDir: string
  progress: Progress
  timeoutMs: number
  env: NodeJS.ProcessEnv
  /** the native launcher (builders/launcher.ts): it times every process when it was built, else Node does */
  launcher: LauncherBuild
  /** asked after each measured round with the rounds so far; true ends the sampling early */
  enough?: (rounds: number, runs: RevisionRuns[]) => boolean
  /** hosts that run the same program in both revisions (same-build.ts): once per round, both keeping the sample */
  sameBuild?: ReadonlySet<string>
  /** measured rounds the same builds take part in when native is one of them (the sampler's first look) */
  sameBuildRounds?: number
  random?: () => number
}

export interface Measured {
  spawn_ms: number[]
  clock: WallClock
  revisions: RevisionRuns[]
  /** measured rounds taken (at most config.iterations) */
  rounds: number
  seconds: number
}

/** The same job of the same host in each revision: run back to back, in a random order; once when `sameBuild`. */
interface Pair {
  host: string
  /** per revision: the job, and the host's run that keeps its samples */
  jobs: Array<{ revision: number; job: Job; run: RawHostRun }>
  sameBuild: boolean
}

/** Runs a pair's jobs in a random order; a same build once, with both revisions keeping the sample. */
async function runPair(pair: Pair, ctx: Omit<JobContext, 'build' | 'label'> & { random?: () => number }, revisions: Revision[]) {
  const indices = pair.jobs.map((_, index) => index)
  const order = pair.sameBuild ? [0] : shuffle(indices, ctx.random)
  for (const index of order) {
    const { revision, job, run } = pair.jobs[index]
    const keepers = pair.sameBuild ? pair.jobs.map(other => other.run) : [run]
    if (keepers.some(kept => kept.status !== 'ok')) continue
    const outcome = await runJob(job, { ...ctx, build: revisions[revision].build, label: revisions[revision].label })
    for (const kept of keepers) {
      const error = 'error' in outcome ? outcome.error : recordJob(job, outcome, kept, ctx.measured)
      if (error) {
        kept.status = 'failed'
        kept.error = `${job.kind === 'scale' ? `size ${job.size}` : job.kind}: ${error}`
      }
    }
  }
}

export async function measure(revisions: Revision[], config: MeasureConfig, options: MeasureOptions): Promise<Measured> {
  mkdirSync(options.workDir, { recursive: true })
  const started = performance.now()
  const built = options.launcher
  const launcher: Launcher | null = built.path === null ? null : { path: built.path, timingFile: path.join(options.workDir, 'timing.json') }
  const clock: WallClock =
    built.path === null ? { source: 'node', note: `launcher not built: ${built.error}` } : { source: 'launcher', note: null }
  const runs = revisions.map(
    revision => new Map(revision.build.hosts.map(host => [host.name, emptyRun(host, config, revision.build, launcher !== null)]))
  )
  const sameBuild = options.sameBuild ?? new Set<string>()
  const pairs = pairsFor(revisions, runs, sameBuild)
  const leaveAfter = sameBuildsLeave(sameBuild) ? (options.sameBuildRounds ?? Infinity) : Infinity
  const spawnMs: number[] = []
  let rounds = 0
  for (let round = 0; round < config.warmup + config.iterations; round++) {
    const measured = round >= config.warmup
    const spawn = await clockedRun(
      emptyProcessArgv(process.platform, launcher?.path ?? null, process.env),
      { cwd: options.workDir, timeoutMs: options.timeoutMs },
      launcher
    )
    if (measured && !failureReason(spawn, options.timeoutMs)) spawnMs.push(spawn.wallMs)
    const due = measured ? pairs.filter(pair => dueIn(pair, rounds, leaveAfter)) : pairs
    const ctx = { ...options, measured, round, config, launcher }
    for (const pair of shuffle(due, options.random)) await runPair(pair, ctx, revisions)
    if (measured) rounds++
    const total = config.warmup + config.iterations
    const sameBuildLeft = rounds > leaveAfter
    options.progress.round(round + 1, total, roundLine(measured, rounds, config.iterations, revisions, runs, sameBuild, sameBuildLeft))
    if (measured && options.enough?.(rounds, collect(revisions, runs))) break
  }
  for (const revisionRuns of runs) failMismatchedOutputs([...revisionRuns.values()])
  const collected = revisions.map((revision, i) => ({
    label: revision.label,
    hosts: [...runs[i].values(), ...revision.build.failures.map(f => failedRun(f.name, f.error))]
  }))
  return { spawn_ms: spawnMs, clock, revisions: collected, rounds, seconds: (performance.now() - started) / 1000 }
}

/** Whether a pair runs in a measured round (0-based): the ffi jobs every few rounds, a same build until it leaves. */
const dueIn = (pair: Pair, round: number, leaveAfter: number): boolean =>
  (pair.jobs[0].job.kind !== 'ffi' || ffiRound(round)) && !(pair.sameBuild && round >= leaveAfter)

/** A host's jobs follow from what its run collects; a job pairs across the revisions that have the host. */
function pairsFor(revisions: Revision[], runs: Array<Map<string, RawHostRun>>, sameBuild: ReadonlySet<string>): Pair[] {
  const pairs = new Map<string, Pair>()
  revisions.forEach((revision, index) => {
    for (const host of revision.build.hosts) {
      for (const job of jobsFor(host, runs[index].get(host.name)!)) {
        const key = `${host.name}\u0000${job.kind}\u0000${job.kind === 'scale' ? job.size : ''}`
        const pair = pairs.get(key) ?? { host: host.name, jobs: [], sameBuild: sameBuild.has(host.name) }
        pair.jobs.push({ revision: index, job, run: runs[index].get(host.name)! })
        pairs.set(key, pair)
      }
    }
  })
  return [...pairs.values()]
}

function collect(revisions: Revision[], runs: Array<Map<string, RawHostRun>>): RevisionRuns[] {
  return revisions.map((revision, i) => ({ label: revision.label, hosts: [...runs[i].values()] }))
}

function roundLine(
  measured: boolean,
  round: number,
  iterations: number,
  revisions: Revision[],
  runs: Array<Map<string, RawHostRun>>,
  sameBuild: ReadonlySet<string>,
  sameBuildLeft: boolean
): string {
  if (!measured) return 'warm-up round'
  const hosts = [...runs[0].keys()]
  const parts = hosts.map(name => {
    if (sameBuild.has(name)) return sameBuildLeft ? `${name} (same build, done)` : `${name} ${lastWall(runs[0].get(name)!)} (same build)`
    const times = runs.map(revisionRuns => {
      const run = revisionRuns.get(name)
      return run ? lastWall(run) : '-'
    })
    return `${name} ${times.join(' / ')}`
  })
  const legend = revisions.length > 1 ? ` (${revisions.map(r => r.label).join(' / ')})` : ''
  return `round ${round}/${iterations}${legend}: ${parts.join(', ')}`
}

const lastWall = (run: RawHostRun): string => (run.status === 'ok' ? `${run.wall_ms.at(-1)?.toFixed(1) ?? '-'} ms` : 'failed')
