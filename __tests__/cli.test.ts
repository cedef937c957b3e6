// The bundled CLI with a local baseline file: the first run becomes the baseline, the next is compared with
// it, and a baseline that cannot be compared is a warning and "no baseline".
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { REPO_ROOT } from './e2e/harness.js'
import type { Results } from '../src/types.js'

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')
const cwd = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-baseline-'))
const baselineFile = path.join(cwd, '.wasm-ffi-bench', 'baseline.json')
const bench = () =>
  spawnSync(process.execPath, [CLI, '--hosts', 'native,node', '--iterations', '3', '--warmup', '0', '--no-ffi', '--instructions', 'off'], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000
  })
const results = (): Results => JSON.parse(readFileSync(path.join(cwd, '.wasm-ffi-bench', 'results.json'), 'utf8'))

test('the first run saves the baseline, the second is compared with it', () => {
  const first = bench()
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stderr, /baseline saved: .*\(first run/)
  assert.equal(results().baseline, null)

  const second = bench()
  assert.equal(second.status, 0, second.stderr)
  assert.doesNotMatch(second.stderr, /baseline saved/)
  assert.equal(results().baseline?.source, baselineFile)
  assert.ok(results().comparisons.some(c => c.host === 'node' && c.metric === 'overhead'))
  assert.match(readFileSync(path.join(cwd, '.wasm-ffi-bench', 'report.md'), 'utf8'), /^<!-- wasm-ffi-bench:comment -->/)
})

test('a corrupt baseline file is a warning and the report says "no baseline"', () => {
  writeFileSync(baselineFile, '{"schema": "wasm-ffi-bench/res')
  const run = bench()
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stderr, /warning: baseline .* is not valid JSON; ignored/)
  assert.equal(results().baseline, null)
  assert.match(run.stdout, /no baseline/i)
})
