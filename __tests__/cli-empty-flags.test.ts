// The bundled CLI refuses an explicitly empty flag value, naming the flag, as it refuses other bad values:
// exit 1, one line, no stack trace, nothing built or measured.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { REPO_ROOT, STACK_LINE } from './e2e/harness.js'

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')
const cwd = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-empty-'))
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 })

for (const flag of ['hosts', 'iterations', 'threshold', 'sizes', 'guest', 'baseline', 'output', 'compare-with']) {
  test(`--${flag} "" is an error naming the flag`, () => {
    const run = cli(`--${flag}`, '')
    assert.equal(run.status, 1, run.stderr)
    assert.match(run.stderr, new RegExp(`^error: --${flag} is empty: give a value or leave the flag out \\(.+\\)\\n$`))
    assert.doesNotMatch(run.stderr, STACK_LINE)
    assert.equal(run.stdout, '')
  })
}

test('--flag= (empty after an equals sign) and a blank value are refused too', () => {
  for (const args of [['--iterations='], ['--warmup', '   ']]) {
    const run = cli(...args)
    assert.equal(run.status, 1, run.stderr)
    assert.match(run.stderr, /^error: --(iterations|warmup) is empty/)
  }
})
