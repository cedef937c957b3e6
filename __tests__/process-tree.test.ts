// Process trees: a timeout ends the grandchildren too, a grandchild holding the pipes cannot hang a run, and the
// measuring loop reports such a host as timed out within the timeout plus a second.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { measure } from '../src/measure/runner.js'
import { PIPE_GRACE_MS, timedRun } from '../src/process/spawn.js'
import { killTreeArgv } from '../src/process/tree.js'
import type { BuildOutput, MeasureConfig } from '../src/types.js'
import { standInHost } from './fixtures/stand-in-host.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-tree-'))
const posix = process.platform !== 'win32'

/**
 * A host program that starts a grandchild sleeping for a minute with our stdout and stderr, writes the
 * grandchild's pid to `pidFile`, then either waits for it (`wait`) or exits at once (`exit`).
 */
function grandparentScript(pidFile: string, then: 'wait' | 'exit'): string[] {
  const script = `
    const { spawn } = require('node:child_process')
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'inherit', 'inherit'] })
    require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid))
    console.log('started')
    ${then === 'exit' ? 'process.exit(0)' : 'sleeper.on("exit", () => {})'}`
  return [process.execPath, '-e', script]
}

/** Running (a killed process that its new parent has not reaped yet is a zombie, state Z, and counts as dead). */
function alive(pid: number): boolean {
  const ps = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' })
  const state = ps.stdout.trim()
  return state !== '' && !state.startsWith('Z')
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs
  while (alive(pid) && Date.now() < until) await new Promise(r => setTimeout(r, 20))
  return !alive(pid)
}

test('taskkill ends the whole tree on Windows; POSIX signals the process group instead', () => {
  assert.deepEqual(killTreeArgv(4242, 'win32'), ['taskkill', '/T', '/F', '/PID', '4242'])
  assert.equal(killTreeArgv(4242, 'linux'), null)
  assert.equal(killTreeArgv(4242, 'darwin'), null)
})

test('a timeout ends the child and the grandchild that holds its stdout', { skip: !posix && 'POSIX process groups' }, async () => {
  const pidFile = path.join(tmp, 'timeout.pid')
  const started = performance.now()
  const run = await timedRun(grandparentScript(pidFile, 'wait'), { timeoutMs: 1_500 })
  const elapsed = performance.now() - started
  assert.equal(run.timedOut, true)
  assert.ok(elapsed < 1_500 + 1_000, `ended ${Math.round(elapsed)} ms after the start`)
  assert.match(run.stdout.toString(), /started/)
  assert.ok(await gone(Number(readFileSync(pidFile, 'utf8')), 2_000), 'the grandchild was killed with its group')
})

test('a child that exits while its grandchild holds the pipes resolves after the grace, not after the grandchild', async () => {
  const pidFile = path.join(tmp, 'exit.pid')
  const started = performance.now()
  const run = await timedRun(grandparentScript(pidFile, 'exit'), { timeoutMs: 30_000 })
  const elapsed = performance.now() - started
  assert.equal(run.timedOut, false)
  assert.equal(run.exitCode, 0)
  assert.match(run.stdout.toString(), /started/)
  assert.ok(elapsed < PIPE_GRACE_MS + 1_000, `resolved ${Math.round(elapsed)} ms after the start`)
  if (posix) assert.ok(await gone(Number(readFileSync(pidFile, 'utf8')), 2_000), 'the straggler was ended with its group')
})

test('a measured host whose grandchild sleeps with its stdout times out within the timeout plus a second', async () => {
  const pidFile = path.join(tmp, 'host.pid')
  const workload = path.join(tmp, 'workload.wasm')
  writeFileSync(workload, '')
  const build: BuildOutput = {
    guest: { workload, ffi: null },
    hosts: [standInHost(tmp, () => grandparentScript(pidFile, 'wait'))],
    failures: []
  }
  const config: MeasureConfig = {
    hosts: ['node'],
    iterations: 1,
    warmup: 0,
    guest: null,
    wasm: workload,
    guest_args: [],
    ffi: false,
    sizes: []
  }
  const timeoutMs = 2_000
  const started = performance.now()
  const measured = await measure([{ label: 'head', build }], config, {
    workDir: path.join(tmp, 'work'),
    progress: { round: () => {} },
    timeoutMs,
    env: process.env,
    launcher: { path: null, error: 'not needed here' }
  })
  const elapsed = performance.now() - started
  const host = measured.revisions[0].hosts[0]
  assert.equal(host.status, 'failed')
  assert.equal(host.error, 'workload: timed out after 2 s')
  assert.ok(elapsed < timeoutMs + 1_000, `measuring ended ${Math.round(elapsed)} ms after the start`)
  if (posix) assert.ok(await gone(Number(readFileSync(pidFile, 'utf8')), 2_000))
})
