// The bundled CLI's --compare-with: a ref that is not a commit is a clear error naming the flag, exit 1, before
// anything is built.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { REPO_ROOT } from './e2e/harness.js'
import { commit, git } from './fixtures/git-repo.js'

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js')

test('--compare-with a ref that does not exist: an error naming the flag and the repository, exit 1, no stack trace', () => {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'wfb-cli-compare-'))
  git(repo, 'init', '--quiet')
  commit(repo, { 'README.md': 'a repository\n' }, 'first')
  const run = spawnSync(process.execPath, [CLI, '--hosts', 'native', '--compare-with', 'no-such-branch'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 120_000
  })
  assert.equal(run.status, 1, run.stderr)
  const top = git(repo, 'rev-parse', '--show-toplevel')
  assert.equal(run.stderr.trim().split('\n').pop(), `error: --compare-with "no-such-branch" is not a commit in ${top}`)
  assert.doesNotMatch(run.stderr, /^\s+at /m)
  assert.doesNotMatch(run.stderr, /== Build/, 'it fails before building anything')
})
