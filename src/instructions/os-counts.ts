// Instruction counts the OS keeps per process, where valgrind cannot run: macOS's proc_pid_rusage, which the
// launcher reads from each timed workload run before it reaps it (launcher/src/unix.rs), so they cost no extra run.
// They are the CPU's own counts, of every thread and of the kernel's work for the process, so they jitter more than
// valgrind's; the count rule (analyse/counts.ts: every head run against every base run) keeps a jitter from reading
// as a change. In a virtual machine, as on GitHub's macOS runners, the kernel has no counters and reports 0.
import type { InstructionRun, RawHostRun } from '../types.js'

export const OS_COUNTER = 'macOS proc_pid_rusage'

export const ZERO_COUNTS_NOTE =
  "not counted: macOS reports 0 instructions on this machine (proc_pid_rusage counts them only on a Mac that is not a virtual machine; GitHub's macOS runners are)"

export const notCounted = (note: string): InstructionRun => ({
  counter: null,
  note,
  runs: 0,
  processes: 0,
  parallel: 0,
  seconds: 0,
  process_seconds: 0
})

/**
 * Hands each host the instruction counts of its timed workload runs (per revision, the runs), when the launcher read
 * them; `note` says why nothing was counted when it did not (no macOS launcher).
 */
export function takeOsCounts(runs: RawHostRun[][], note: string): InstructionRun {
  const counted = runs.flat().filter(run => run.status === 'ok' && (run.os_instructions?.length ?? 0) > 0)
  if (counted.length === 0) return notCounted(note)
  const complete = counted.filter(run => run.os_instructions!.every(count => count > 0))
  if (complete.length === 0) return notCounted(ZERO_COUNTS_NOTE)
  for (const run of complete) run.instructions = { workload: run.os_instructions!, per_call: null }
  return {
    counter: OS_COUNTER,
    note: null,
    runs: Math.min(...complete.map(run => run.os_instructions!.length)),
    processes: complete.reduce((sum, run) => sum + run.os_instructions!.length, 0),
    parallel: 1,
    seconds: 0,
    process_seconds: 0
  }
}
