// How the python host runs its virtual environment. POSIX: the venv's bin/python, a symbolic link to the
// interpreter. Windows: Scripts\python.exe is a redirector (CPython's PC/venvlauncher.c) that reads pyvenv.cfg and
// starts the interpreter named by `home` as a child process, so a timed run would include a second process start
// and the launcher's CPU times would cover only the redirector. There the interpreter of `home` runs the host
// itself, with the venv's site-packages on PYTHONPATH.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { prependList, venvPython, type Platform } from './platform.js'

export interface VenvRun {
  /** the interpreter that runs the host program */
  python: string
  /** added to the host's environment (its probes, measured and counted runs) */
  env: Record<string, string>
}

export function venvRun(venvDir: string, platform: Platform, env: NodeJS.ProcessEnv): VenvRun {
  if (platform !== 'win32') return { python: venvPython(venvDir, platform), env: {} }
  const cfg = path.join(venvDir, 'pyvenv.cfg')
  const home = pyvenvHome(readFileSync(cfg, 'utf8'))
  if (!home) throw new Error(`${cfg} names no home (the folder of the interpreter that made the venv)`)
  return {
    python: path.join(home, 'python.exe'),
    // Where pip installed the packages (Lib\site-packages on Windows).
    env: prependList(env, 'PYTHONPATH', [path.join(venvDir, 'Lib', 'site-packages')], platform)
  }
}

/** The `home` key of a pyvenv.cfg (`key = value` lines), or null. */
export function pyvenvHome(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*home\s*=\s*(.*?)\s*$/i.exec(line)
    if (match?.[1]) return match[1]
  }
  return null
}
