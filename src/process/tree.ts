// Ending a child with everything it started. On POSIX every child leads its own process group (spawned detached),
// so one signal to the group reaches its grandchildren too; Windows has no groups, and taskkill /T walks the tree.
import { spawn } from 'node:child_process'

/** The command that ends a process tree on Windows; null where a signal to the process group does it. */
export function killTreeArgv(pid: number, platform: NodeJS.Platform): string[] | null {
  return platform === 'win32' ? ['taskkill', '/T', '/F', '/PID', String(pid)] : null
}

/**
 * Kills the process group (POSIX) or tree (Windows) led by `pid`, which is still running; a group already gone is no
 * error. On Windows `terminate` (the child's own kill, through the handle Node holds, so never another process) runs
 * once taskkill is done: where taskkill cannot walk the tree (Wine's has no /T), ending the launcher still ends the
 * measured tree, since its job object kills every member when the launcher's handle closes.
 */
export function killTree(pid: number, platform: NodeJS.Platform = process.platform, terminate: () => void = () => {}): void {
  const argv = killTreeArgv(pid, platform)
  if (argv) {
    spawn(argv[0], argv.slice(1), { stdio: 'ignore', windowsHide: true }).on('error', terminate).on('exit', terminate)
    return
  }
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // ESRCH: every process of the group has exited
  }
}

/**
 * Ends what a child that has exited left running. POSIX: the rest of its process group (a grandchild holding the
 * pipes). Windows: nothing. taskkill /T would walk from a PID that no longer exists, or now names another process;
 * the launcher's job object (KILL_ON_JOB_CLOSE) has ended the measured tree when the launcher exited.
 */
export function endStragglers(pid: number, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') killTree(pid, platform)
}

const running = new Set<number>()
let forwarding = false

/**
 * Tracks a detached child until it ends. Detached children do not get the terminal's Ctrl-C, so an interrupted
 * CLI run (or a cancelled job) ends them first, then ends itself as the signal would have.
 */
export function track(pid: number): () => void {
  running.add(pid)
  if (!forwarding) {
    forwarding = true
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        for (const child of running) killTree(child)
        process.kill(process.pid, signal)
      })
    }
  }
  return () => running.delete(pid)
}
