// The measuring edge: child environments without secrets, report-file parsing, failure reasons, shuffling.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { emptyProcessArgv, failureReason, timedRun } from '../src/process/spawn.js'
import { parseReport } from '../src/measure/report-file.js'
import { childEnv } from '../src/process/env.js'
import { shuffle } from '../src/measure/shuffle.js'

test('host processes never see tokens or action inputs, and keep what toolchains need', () => {
  const saved = { ...process.env }
  Object.assign(process.env, {
    'INPUT_GITHUB-TOKEN': 'ghs_x',
    GITHUB_TOKEN: 'ghs_y',
    ACTIONS_RUNTIME_TOKEN: 'jwt',
    MY_SECRET: 's',
    SOMETHING_ELSE: 'dropped',
    CARGO_HOME: '/cargo'
  })
  try {
    const env = childEnv()
    for (const key of ['INPUT_GITHUB-TOKEN', 'GITHUB_TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'MY_SECRET', 'SOMETHING_ELSE'])
      assert.equal(env[key], undefined, key)
    assert.equal(env.PATH, process.env.PATH)
    assert.equal(env.CARGO_HOME, '/cargo')
  } finally {
    process.env = saved
  }
})

test('a report line parses; a broken one says why', () => {
  const line = JSON.stringify({ runtime: 'wasmtime-go', phases_ns: { setup: 1, compile: 2, instantiate: 3, execute: 4 } })
  assert.equal(parseReport(`${line}\n`).phases_ns?.compile, 2)
  assert.throws(() => parseReport(''), /report file is empty/)
  assert.throws(() => parseReport('{"phases_ns": {"setup": "fast"}}'), /"phases_ns.setup" must be a non-negative number, got "fast"/)
  assert.throws(() => parseReport('{"runtime": "x"}'), /neither "phases_ns" nor "ffi"/)
})

test('failures are one line: missing program, timeout, exit code with the last stderr line', async () => {
  const missing = await timedRun(['/no/such/program'], { timeoutMs: 5_000 })
  assert.match(failureReason(missing, 5_000)!, /^could not start: .*ENOENT/)
  const slow = await timedRun([process.execPath, '-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 })
  assert.equal(failureReason(slow, 200), 'timed out after 0 s')
  const failing = await timedRun([process.execPath, '-e', 'console.error("first"); console.error("error: the reason"); process.exit(3)'], {
    timeoutMs: 5_000
  })
  assert.equal(failureReason(failing, 5_000), 'exit code 3: error: the reason')
  const ok = await timedRun(emptyProcessArgv(process.platform, null, process.env), { timeoutMs: 5_000 })
  assert.equal(failureReason(ok, 5_000), null)
  assert.ok(ok.wallMs > 0)
})

test('shuffle is a permutation, and a fixed random source gives a fixed order', () => {
  const items = ['native', 'go', 'python', 'rust', 'node']
  assert.deepEqual([...shuffle(items)].sort(), [...items].sort())
  let seed = 1
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  const first = shuffle(items, random)
  seed = 1
  assert.deepEqual(shuffle(items, random), first)
})
