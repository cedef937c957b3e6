// git for the same-job comparison: an argument array, a timeout, and an environment that carries no tokens.
// actions/checkout persists its credentials as an http.extraheader in .git/config, so git needs no token from us.
import { exec, describeFailure, type ExecResult } from '../process/exec.js'
import { MINUTE } from '../toolchains/context.js'

/** Reading refs and objects. */
export const QUICK_TIMEOUT = MINUTE
/** A shallow fetch or a checkout of a large tree. */
export const NETWORK_TIMEOUT = 10 * MINUTE

// Where git finds its programs and its configuration (user, system, credential helpers, SSH agent, proxies),
// on Linux, macOS and Windows. Nothing else of the runner's environment reaches git.
const ALLOWED = [
  'PATH',
  'HOME',
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'LANG',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'PROGRAMFILES'
]

/** The environment of every git process: the allow-list, and never a prompt (a job has nobody to answer it). */
export function gitEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(env)) {
    // Names are case-insensitive on Windows (Path, SystemRoot) and proxies are often spelt in lower case.
    if (value !== undefined && ALLOWED.includes(key.toUpperCase())) out[key] = value
  }
  out.GIT_TERMINAL_PROMPT = '0'
  out.GCM_INTERACTIVE = 'never'
  return out
}

export interface GitOptions {
  /** the git program (default: git on PATH) */
  program?: string
  /** the environment gitEnv filters (default: process.env) */
  env?: NodeJS.ProcessEnv
}

export function runGit(repoDir: string, args: string[], options: GitOptions = {}, timeoutMs = QUICK_TIMEOUT): Promise<ExecResult> {
  return exec(options.program ?? 'git', args, { cwd: repoDir, env: gitEnv(options.env), timeoutMs })
}

/** Why a git command failed, in one line: git's first fatal or error line says it best. */
export function gitFailure(args: string[], result: ExecResult, timeoutMs: number = QUICK_TIMEOUT): string {
  const what = `git ${args[0]}`
  if (result.spawnError || result.timedOut) return describeFailure(what, result, timeoutMs)
  const lines = result.stderr.split(/\r?\n/).filter(line => line.trim())
  const line = lines.find(l => /^(fatal|error): /.test(l)) ?? lines[lines.length - 1] ?? ''
  return `${what}: exit code ${result.code}${line ? `: ${line.trim()}` : ''}`
}

/** A full commit id (SHA-1, or SHA-256 in repositories that use it): nothing else is handed to git as a revision. */
export function isFullSha(value: unknown): value is string {
  return typeof value === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value)
}
