// Facts about the machine and the checkout that go into every results file.
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import { childEnv } from './process/env.js'
import type { RunnerInfo } from './types.js'

const OS_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }
const ARCH_NAMES: Record<string, string> = { x64: 'X64', arm64: 'ARM64', ia32: 'X86', arm: 'ARM' }

export function runnerInfo(env: NodeJS.ProcessEnv = process.env): RunnerInfo {
  return {
    os: env.RUNNER_OS || OS_NAMES[process.platform] || process.platform,
    arch: env.RUNNER_ARCH || ARCH_NAMES[process.arch] || process.arch,
    cpu: os.cpus()[0]?.model.trim() || 'unknown',
    node: process.version
  }
}

/** "linux-x64": the tag that names artifacts, baseline keys and report sections. */
export function runnerTag(runner: RunnerInfo): string {
  return `${runner.os}-${runner.arch}`.toLowerCase()
}

export function currentCommit(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_SHA) return env.GITHUB_SHA
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      env: childEnv(env),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
  } catch {
    return ''
  }
}
