// The bundled CLI on a machine without valgrind (a PATH that lacks it; the CLI never installs anything): the run
// still measures wall time, exits 0, and says in one line why instruction counts are missing.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import type { Results } from '../src/types.js'
import { REPO_ROOT, STACK_LINE } from './e2e/harness.js'

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')

/** This machine's PATH, every program linked into one folder, except valgrind's. */
function pathWithoutValgrind(): string {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'wfb-path-'))
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || !existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      if (name.startsWith('valgrind') || existsSync(path.join(bin, name))) continue
      symlinkSync(path.join(dir, name), path.join(bin, name))
    }
  }
  return bin
}

test(
  'without valgrind: wall times, exit 0, and one line on why there are no instruction counts',
  { skip: process.platform !== 'linux' },
  () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-novg-'))
    const run = spawnSync(process.execPath, [CLI, '--hosts', 'native', '--iterations', '2', '--warmup', '0', '--no-ffi'], {
      cwd,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, PATH: pathWithoutValgrind() }
    })
    assert.equal(run.status, 0, run.stderr)
    assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
    const lines = (run.stdout + run.stderr).split('\n').filter(line => line.includes('valgrind'))
    assert.ok(
      lines.length > 0 && lines.every(line => /valgrind is not on PATH \(install it, e\.g\. apt-get install valgrind\)/.test(line)),
      lines.join('\n')
    )
    const results = JSON.parse(readFileSync(path.join(cwd, '.wasm-ffi-bench', 'results.json'), 'utf8')) as Results
    assert.equal(results.instructions?.counter, null)
    assert.equal(results.hosts[0].workload.wall_ms?.n, 2)
    assert.equal(results.hosts[0].instructions, undefined)
    const report = readFileSync(path.join(cwd, '.wasm-ffi-bench', 'report.md'), 'utf8')
    assert.match(report, /^Instruction counts: not counted: valgrind is not on PATH \(install it, e\.g\. apt-get install valgrind\)\.$/m)
  }
)
