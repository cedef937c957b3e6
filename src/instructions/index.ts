// The instruction-count stage of the pipeline: find the counter (or say in one line why there is none), count each
// revision's hosts (the workload runs before the timed rounds, the ffi sets after them), and hand the counts to the
// timed runs they belong to. Without valgrind, the counts macOS keeps of the timed runs are taken (os-counts.ts).
import path from 'node:path'
import type { BuildOutput, InstructionRun, MeasureConfig, RawHostRun } from '../types.js'
import { InstructionCount } from './count.js'
import { findCounter, type InstructionsMode } from './counter.js'
import { notCounted, takeOsCounts } from './os-counts.js'

export { INSTRUCTIONS_MODES, type InstructionsMode } from './counter.js'

export interface InstructionSettings {
  mode: InstructionsMode
  /** counted runs per host and revision */
  runs: number
}

export interface CountStageOptions {
  settings: InstructionSettings
  /** the action on a runner may install valgrind with apt; the CLI never installs anything */
  mayInstall: boolean
  workDir: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  /** hosts that run the same program in both revisions: counted once, and only when `countSameBuilds` */
  sameBuild: ReadonlySet<string>
  /** the results become the baseline, which later runs compare every host's count with */
  countSameBuilds: boolean
  log(message: string): void
}

export interface CountStage {
  /** seconds the counts took before the timed rounds and will take after them: their share of the time budget */
  seconds: number
  /** whether processes are left for `finish` to count (the ffi sets) */
  pending: boolean
  /** after the timed rounds: counts what is left, hands the counts to `runs` (per revision, the timed runs) */
  finish(runs: RawHostRun[][]): Promise<InstructionRun>
}

/** Finds the counter (or says in one line why there is none) and counts the workload runs, before the timed rounds. */
export async function startCounting(builds: BuildOutput[], config: MeasureConfig, opts: CountStageOptions): Promise<CountStage> {
  const lookup = await findCounter(opts.settings.mode, {
    platform: process.platform,
    env: opts.env,
    onRunner: opts.mayInstall,
    log: opts.log
  })
  if ('note' in lookup) {
    const note = lookup.note
    const fromOs = opts.settings.mode !== 'off'
    return { seconds: 0, pending: false, finish: async runs => (fromOs ? takeOsCounts(runs, note) : notCounted(note)) }
  }
  const count = new InstructionCount(builds, config, {
    counter: lookup.counter,
    workDir: path.join(opts.workDir, 'instructions'),
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    runs: opts.settings.runs,
    sameBuild: opts.sameBuild,
    countSameBuilds: opts.countSameBuilds,
    log: opts.log
  })
  await count.countWorkloads()
  return {
    seconds: count.secondsSpent + count.secondsAhead(),
    pending: config.ffi,
    finish: async runs => {
      await count.countFfiSets(runs[0])
      const counted = count.result()
      runs.forEach((revisionRuns, i) => {
        for (const run of revisionRuns) if (run.status === 'ok') run.instructions = counted.counts[i].get(run.name) ?? null
      })
      return counted.info
    }
  }
}
