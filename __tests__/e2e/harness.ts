// Runs the bundled action (node dist/index.js) the way a runner does: INPUT_* variables, an event payload file,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_* and the service URLs of the loopback servers.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DIST = path.join(REPO_ROOT, 'dist', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  workspace: string
}

export interface ActionRunOptions {
  inputs: Record<string, string>
  event: 'push' | 'pull_request' | 'workflow_run'
  payload: object
  /** the job's service environment from startServices().jobEnv() */
  serviceEnv: Record<string, string>
  env?: Record<string, string>
  ref?: string
  workspace?: string
  /** the bundled action to run (default this checkout's dist/index.js), e.g. a workspace's own copy */
  dist?: string
}

/** Keep the machine's PATH, HOME and toolchain settings, drop anything a runner would set itself. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_)/.test(key)) continue
    env[key] = value
  }
  return env
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const workspace = options.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'wfb-workspace-'))
  const runnerDir = mkdtempSync(path.join(os.tmpdir(), 'wfb-runner-'))
  const temp = path.join(runnerDir, 'temp')
  mkdirSync(temp)
  const eventPath = path.join(runnerDir, 'event.json')
  const outputPath = path.join(runnerDir, 'output')
  const summaryPath = path.join(runnerDir, 'summary.md')
  writeFileSync(eventPath, JSON.stringify(options.payload))
  writeFileSync(outputPath, '')
  writeFileSync(summaryPath, '')
  const env: Record<string, string> = {
    ...baseEnv(),
    ...options.serviceEnv,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: workspace,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: temp,
    ...options.env
  }
  // Counting instructions under valgrind takes minutes: only the tests about it ask for it.
  env.INPUT_INSTRUCTIONS = 'off'
  // The trend reads the default branch's earlier runs through the API: only the tests about it ask for it.
  env['INPUT_HISTORY-RUNS'] = '0'
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const child = spawn(process.execPath, [options.dist ?? DIST], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
    workspace
  }
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks (@actions/core's file command format). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}

export function pushPayload(): object {
  return { ref: 'refs/heads/main', repository: { default_branch: 'main', name: 'bench', owner: { login: 'acme' } } }
}

export function pullRequestPayload(number: number, fork = false): object {
  return {
    number,
    pull_request: { number, head: { repo: { full_name: fork ? 'someone/bench' : 'acme/bench', fork } } },
    repository: { default_branch: 'main', name: 'bench', owner: { login: 'acme' } }
  }
}

/** The run a workflow_run event names: a fork's pull_request run unless told otherwise. */
export interface TriggeringRunPayload {
  id: number
  headSha: string
  headBranch?: string
  headOwner?: string
  event?: string
  /** what GitHub puts in workflow_run.pull_requests: PRs of the base repository only, empty for forks */
  pullRequests?: number[]
}

export function workflowRunPayload(run: TriggeringRunPayload): object {
  const headOwner = run.headOwner ?? 'someone'
  const api = 'https://api.github.com/repos'
  return {
    action: 'completed',
    workflow_run: {
      id: run.id,
      event: run.event ?? 'pull_request',
      head_sha: run.headSha,
      head_branch: run.headBranch ?? 'feature',
      head_repository: { full_name: `${headOwner}/bench`, owner: { login: headOwner } },
      pull_requests: (run.pullRequests ?? []).map(number => ({
        number,
        head: { sha: run.headSha, ref: run.headBranch ?? 'feature', repo: { url: `${api}/acme/bench` } },
        base: { ref: 'main', repo: { url: `${api}/acme/bench` } }
      }))
    },
    repository: { default_branch: 'main', name: 'bench', owner: { login: 'acme' } }
  }
}

/** A stack trace line, which bad input must never produce. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m
