// Bad input and hostile input, through the bundled action and the bundled CLI: a clear message naming the
// input, exit 1, no stack trace; shell metacharacters never reach a shell.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { pushPayload, REPO_ROOT, runAction, STACK_LINE } from './e2e/harness.js'

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')
const noServices = { GITHUB_REPOSITORY: 'acme/bench', GITHUB_RUN_ID: '1', GITHUB_SHA: '0'.repeat(40) }

const BAD_INPUTS: Array<[string, string, RegExp]> = [
  ['hosts', 'native,java', /Input "hosts" has unknown host "java": allowed values are native, go, python, rust, node/],
  ['iterations', '0', /Input "iterations" must be a whole number from 1/],
  ['iterations', 'ten', /Input "iterations" must be a whole number from 1 to 10000, got "ten"/],
  ['threshold', '-5', /Input "threshold" must be a percentage/],
  ['threshold', 'abc', /Input "threshold" must be a percentage.*got "abc"/],
  ['alpha', '2', /Input "alpha" must be a probability/],
  ['guest', 'no/such/crate', /Input "guest" must be a directory holding a Rust crate/],
  ['comment', 'sometimes', /Input "comment" must be one of always, on-regression, never/],
  ['hosts', 'go; touch /tmp/wfb-pwned', /Input "hosts" has unknown host "go;"/],
  ['iterations', '$(id)', /Input "iterations" must be a whole number.*got "\$\(id\)"/],
  ['instructions', 'yes', /Input "instructions" must be one of auto, off, got "yes"/],
  ['instruction-runs', '0', /Input "instruction-runs" must be a whole number from 1 to 20, got "0"/]
]

for (const [input, value, message] of BAD_INPUTS) {
  test(`action: ${input}=${JSON.stringify(value)} is a clear ::error::, exit 1`, async () => {
    const run = await runAction({ inputs: { [input]: value }, event: 'push', payload: pushPayload(), serviceEnv: noServices })
    assert.equal(run.code, 1)
    assert.match(run.stdout, /^::error::Input "/m)
    assert.match(run.stdout, message)
    assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
  })
}

const BAD_FLAGS: Array<[string[], RegExp]> = [
  [['--hosts', 'native,java'], /--hosts has unknown host "java": allowed values are native, go, python, rust, node/],
  [['--iterations', 'ten'], /--iterations must be a whole number/],
  [['--iterations', '0'], /--iterations must be a whole number/],
  [['--threshold=-5'], /--threshold must be a percentage/],
  [['--alpha', '2'], /--alpha must be a probability/],
  [['--instructions', 'on'], /--instructions must be one of auto, off, got "on"/],
  [['--instructions-threshold', 'x'], /--instructions-threshold must be a percentage/],
  [['--guest', 'no/such/crate'], /--guest must be a directory/],
  [['--wasm', 'missing.wasm'], /--wasm must be the path of a \.wasm command module, got "missing\.wasm" \(file not found\)/],
  [['--frobnicate'], /Unknown option '--frobnicate'/]
]

for (const [args, message] of BAD_FLAGS) {
  test(`cli: ${args.join(' ')} is a clear error, exit 1`, () => {
    const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-')) })
    assert.equal(run.status, 1)
    assert.match(run.stderr, /^error: /)
    assert.match(run.stderr, message)
    assert.doesNotMatch(run.stderr + run.stdout, STACK_LINE)
  })
}

test('guest-args with shell metacharacters reach the guest as plain arguments and run nothing', async () => {
  const marker = path.join(os.tmpdir(), `wfb-pwned-${process.pid}`)
  const run = await runAction({
    inputs: {
      hosts: 'native,node',
      iterations: '1',
      warmup: '0',
      ffi: 'false',
      'guest-args': `; touch ${marker} $(id) \`id\``,
      'save-baseline': 'never'
    },
    event: 'push',
    payload: pushPayload(),
    serviceEnv: noServices
  })
  assert.equal(existsSync(marker), false, 'no shell ran the input')
  // The guest rejects ";" as its loop count: every host fails with the guest's own message, quoted literally.
  assert.equal(run.code, 1)
  assert.match(run.stdout, /::error::.*native failed/)
  assert.match(run.summary, /failed/)
  assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
})
