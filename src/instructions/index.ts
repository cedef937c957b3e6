// The instruction-count stage of the pipeline: find the counter (or say in one line why there is none), count each
// revision's hosts, and hand the counts to the timed runs they belong to.
import path from 'node:path'
import type { BuildOutput, InstructionRun, MeasureConfig, RawHostRun } from '../types.js'
import { countInstructions } from './count.js'
import { findCounter, type InstructionsMode } from './counter.js'

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
  /** hosts that run the same program in both revisions: counted once */
  sameBuild: ReadonlySet<string>
  log(message: string): void
}

/** Counts instructions into `runs` (per revision, the timed runs of the hosts); returns how it went. */
export async function countStage(
  builds: BuildOutput[],
  runs: RawHostRun[][],
  config: MeasureConfig,
  opts: CountStageOptions
): Promise<InstructionRun> {
  const none = (note: string): InstructionRun => ({
    counter: null,
    note,
    runs: 0,
    processes: 0,
    parallel: 0,
    seconds: 0,
    process_seconds: 0
  })
  const lookup = await findCounter(opts.settings.mode, {
    platform: process.platform,
    env: opts.env,
    onRunner: opts.mayInstall,
    log: opts.log
  })
  if ('note' in lookup) return none(lookup.note)
  const counted = await countInstructions(builds, runs[0], config, {
    counter: lookup.counter,
    workDir: path.join(opts.workDir, 'instructions'),
    env: opts.env,
    timeoutMs: opts.timeoutMs,
    runs: opts.settings.runs,
    sameBuild: opts.sameBuild,
    log: opts.log
  })
  runs.forEach((revisionRuns, i) => {
    for (const run of revisionRuns) if (run.status === 'ok') run.instructions = counted.counts[i].get(run.name) ?? null
  })
  return counted.info
}
