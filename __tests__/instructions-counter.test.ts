// The instruction counter (src/instructions/counter.ts): where it is not had, one line says why and nothing fails;
// on a runner without it, apt installs it; a real cachegrind out file is read.
import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { cachegrindArgv, findCounter, parseCachegrindOut, type CounterContext } from '../src/instructions/counter.js'
import { findOnPath } from '../src/process/exec.js'
import { timedRun } from '../src/process/spawn.js'

const logs: string[] = []
const ctx = (over: Partial<CounterContext>): CounterContext => ({
  platform: 'linux',
  env: process.env,
  onRunner: false,
  log: message => logs.push(message),
  ...over
})

function script(dir: string, name: string, text: string): void {
  writeFileSync(path.join(dir, name), `#!/bin/sh\n${text}\n`)
  chmodSync(path.join(dir, name), 0o755)
}

test('off, or not Linux: a one-line note, never an error', async () => {
  assert.deepEqual(await findCounter('off', ctx({})), { note: 'not counted (instructions: off)' })
  for (const [platform, name] of [
    ['darwin', 'macOS'],
    ['win32', 'Windows']
  ] as const) {
    const found = await findCounter('auto', ctx({ platform }))
    assert.deepEqual(found, { note: `not counted: valgrind runs on Linux only, this is ${name}` })
  }
})

test('valgrind not on PATH and nothing to install it with: the note says so', async () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'wfb-novg-'))
  const found = await findCounter('auto', ctx({ env: { PATH: empty }, onRunner: true }))
  assert.deepEqual(found, { note: 'not counted: valgrind is not on PATH (install it, e.g. apt-get install valgrind)' })
})

test('on a runner without valgrind, sudo apt-get installs it and its version is recorded', async () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'wfb-apt-'))
  const calls = path.join(bin, 'calls.log')
  script(bin, 'sudo', `echo "sudo $*" >> ${calls}\n[ "$1" = "-n" ] && shift\nexec "$@"`)
  script(
    bin,
    'apt-get',
    `echo "apt-get $*" >> ${calls}\n[ "$1" = install ] && printf '#!/bin/sh\\necho valgrind-3.22.0\\n' > ${bin}/valgrind && /bin/chmod +x ${bin}/valgrind\nexit 0`
  )
  const found = await findCounter('auto', ctx({ env: { PATH: bin }, onRunner: true }))
  assert.deepEqual(found, { counter: { valgrind: path.join(bin, 'valgrind'), version: 'valgrind-3.22.0' } })
  const lines = readFileSync(calls, 'utf8').trim().split('\n')
  assert.equal(lines[0], `sudo -n ${bin}/apt-get update -q`)
  assert.equal(lines[2], `sudo -n ${bin}/apt-get install -y -q --no-install-recommends valgrind`)
})

test('off a runner nothing is installed', async () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'wfb-noapt-'))
  script(bin, 'sudo', `touch ${bin}/ran`)
  script(bin, 'apt-get', 'exit 0')
  const found = await findCounter('auto', ctx({ env: { PATH: bin }, onRunner: false }))
  assert.ok('note' in found)
  assert.equal(findOnPath('ran', { PATH: bin }), null)
})

test('a failed install leaves a note, not an error', async () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'wfb-aptfail-'))
  script(bin, 'sudo', 'echo "sudo: a password is required" >&2; exit 1')
  script(bin, 'apt-get', 'exit 0')
  const found = await findCounter('auto', ctx({ env: { PATH: bin }, onRunner: true }))
  assert.ok('note' in found && /not on PATH/.test(found.note))
  assert.ok(logs.some(line => line.includes('a password is required')))
})

const valgrind = findOnPath('valgrind', process.env)

test('a real cachegrind run of a program is counted', { skip: valgrind ? false : 'valgrind is not installed here' }, async () => {
  const found = await findCounter('auto', ctx({}))
  assert.ok('counter' in found, JSON.stringify(found))
  assert.match(found.counter.version, /^valgrind-\d+\.\d+/)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-cg-'))
  const out = path.join(dir, 'true.out')
  const argv = cachegrindArgv(found.counter, out, ['/bin/true'])
  assert.deepEqual(argv.slice(1, 4), ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file'])
  const counts = []
  for (let i = 0; i < 2; i++) {
    const run = await timedRun(argv, { timeoutMs: 60_000 })
    assert.equal(run.exitCode, 0, run.stderr)
    counts.push(parseCachegrindOut(readFileSync(out, 'utf8')))
  }
  assert.ok(counts[0] > 10_000 && counts[0] < 10_000_000, String(counts[0]))
  assert.equal(counts[0], counts[1])
})

test('an out file without the Ir summary is refused', () => {
  assert.equal(parseCachegrindOut('events: Ir\nsummary: 12345\n'), 12345)
  assert.equal(parseCachegrindOut('events: Dr Ir\nsummary: 7 12345\n'), 12345)
  assert.throws(() => parseCachegrindOut('events: Ir\n'), /no instruction count/)
  assert.throws(() => parseCachegrindOut('summary: 5\n'), /no instruction count/)
})
