// The other revision of a same-job comparison: which one, and its tree, made with real git against a local origin.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync, chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import {
  chooseCliComparison,
  chooseComparison,
  CompareRefError,
  type Comparison,
  materialiseRevision,
  resolveRef,
  revisionDestDir,
  type Materialised
} from '../src/revision/index.js'
import { parseConfig } from '../src/config.js'
import { runGit } from '../src/revision/git.js'
import { startGitHttpServer } from './fixtures/git-http-server.js'
import { checkoutPullRequest, persistCredentials, createOrigin, git, hasObject, strayCommit, worktrees } from './fixtures/git-repo.js'

const origin = createOrigin({
  previous: { 'README.md': 'a repository\n', 'hosts/go/main.go': '// previous\n' },
  base: { 'hosts/go/main.go': '// base\n' },
  head: { 'feature.txt': 'from the pull request\n' }
})

function materialised(result: Materialised): Extract<Materialised, { ok: true }> {
  assert.ok(result.ok, result.ok ? '' : result.reason)
  return result
}

test('the pull request base is fetched into a shallow clone of the merge commit and checked out beside it', async () => {
  const workspace = checkoutPullRequest(origin)
  assert.equal(git(workspace, 'rev-parse', 'HEAD'), origin.merge)
  assert.equal(git(workspace, 'rev-parse', '--is-shallow-repository'), 'true')
  assert.equal(git(origin.dir, 'rev-parse', `${origin.merge}^1`), origin.base, 'the merge commit has the base as first parent')
  assert.equal(hasObject(workspace, origin.base), false, 'the shallow clone lacks the base')

  const destDir = revisionDestDir(origin.base, { RUNNER_TEMP: mkdtempSync(path.join(os.tmpdir(), 'wfb-runner-temp-')) })
  const base = materialised(await materialiseRevision({ repoDir: workspace, sha: origin.base, destDir }))
  assert.equal(base.sha, origin.base)
  assert.equal(base.fetched, true)
  assert.equal(base.root, destDir)
  assert.equal(readFileSync(path.join(base.root, 'hosts/go/main.go'), 'utf8'), '// base\n')
  assert.equal(existsSync(path.join(base.root, 'feature.txt')), false, 'the base has none of the pull request')
  assert.equal(git(workspace, 'rev-parse', 'HEAD'), origin.merge, 'the workspace stays at the merge commit')
  assert.ok(existsSync(path.join(workspace, 'feature.txt')))
  assert.deepEqual(worktrees(workspace), [realpathSync(workspace), realpathSync(destDir)])

  assert.equal(await base.cleanup(), null)
  assert.deepEqual(worktrees(workspace), [realpathSync(workspace)])
  assert.equal(existsSync(destDir), false)
})

test("a push's previous tip that is no branch tip is fetched the same way", async () => {
  const workspace = checkoutPullRequest(origin)
  const destDir = revisionDestDir(origin.previous)
  const previous = materialised(await materialiseRevision({ repoDir: workspace, sha: origin.previous, destDir }))
  assert.equal(readFileSync(path.join(previous.root, 'hosts/go/main.go'), 'utf8'), '// previous\n')
  assert.equal(await previous.cleanup(), null)
  assert.deepEqual(worktrees(workspace), [realpathSync(workspace)])
})

test('over HTTP, the fetch uses the credentials actions/checkout persisted, and without them fails at once', async () => {
  const token = 'ghs_persisted_by_checkout'
  const server = await startGitHttpServer(origin.dir, token)
  try {
    // The server runs in this process: git's synchronous fixture calls would block it, so the clone comes from
    // the file:// origin and then gets the HTTP remote and the credentials.
    const workspace = checkoutPullRequest(origin)
    persistCredentials(workspace, server.url, server.authorization)
    const env = { ...process.env, GITHUB_TOKEN: 'ghs_not_for_git' }
    server.requests.length = 0
    const base = materialised(
      await materialiseRevision({ repoDir: workspace, sha: origin.base, destDir: revisionDestDir(origin.base), git: { env } })
    )
    assert.equal(base.fetched, true)
    assert.equal(readFileSync(path.join(base.root, 'hosts/go/main.go'), 'utf8'), '// base\n')
    assert.ok(server.requests.length > 0 && server.requests.every(r => r.authorized), JSON.stringify(server.requests))
    assert.equal(await base.cleanup(), null)

    git(workspace, 'config', '--local', '--unset-all', `http.${new URL(server.url).origin}/.extraheader`)
    const started = Date.now()
    const result = await materialiseRevision({
      repoDir: workspace,
      sha: origin.previous,
      destDir: revisionDestDir(origin.previous),
      git: { env }
    })
    assert.match(
      result.ok ? '' : result.reason,
      /^cannot fetch [0-9a-f]{12} from origin: git fetch: exit code 128: fatal: could not read Username .*terminal prompts disabled/
    )
    assert.ok(Date.now() - started < 30_000, 'no prompt waits for an answer')
  } finally {
    await server.close()
  }
})

test('a commit origin does not have is a failure with a reason, and leaves nothing behind', async () => {
  const workspace = checkoutPullRequest(origin)
  const stray = strayCommit()
  const destDir = revisionDestDir(stray)
  const result = await materialiseRevision({ repoDir: workspace, sha: stray, destDir })
  assert.equal(result.ok, false)
  assert.match(
    result.ok ? '' : result.reason,
    new RegExp(`^cannot fetch ${stray.slice(0, 12)} from origin: git fetch: exit code 128: .*not our ref`)
  )
  assert.equal(existsSync(destDir), false)
  assert.deepEqual(worktrees(workspace), [realpathSync(workspace)])
})

test('an origin that cannot be reached is a failure with a reason', async () => {
  const workspace = checkoutPullRequest(origin)
  git(workspace, 'remote', 'set-url', 'origin', `${origin.url}-gone`)
  const result = await materialiseRevision({ repoDir: workspace, sha: origin.base, destDir: revisionDestDir(origin.base) })
  assert.match(result.ok ? '' : result.reason, /^cannot fetch [0-9a-f]{12} from origin: git fetch: exit code 128: .*origin\.git-gone/)
})

test('only a full commit id and an empty directory are accepted; a directory with files in it is left alone', async () => {
  const workspace = checkoutPullRequest(origin)
  const bad = await materialiseRevision({ repoDir: workspace, sha: '--upload-pack=touch x', destDir: path.join(os.tmpdir(), 'wfb-never') })
  assert.deepEqual(bad, { ok: false, reason: '"--upload-pac" is not a full commit id' })
  const busy = mkdtempSync(path.join(os.tmpdir(), 'wfb-busy-'))
  writeFileSync(path.join(busy, 'keep.txt'), 'mine\n')
  const result = await materialiseRevision({ repoDir: workspace, sha: origin.merge, destDir: busy })
  assert.deepEqual(result, { ok: false, reason: `${busy} is not an empty directory` })
  assert.equal(readFileSync(path.join(busy, 'keep.txt'), 'utf8'), 'mine\n')
})

test('the CLI: the working tree with uncommitted changes against HEAD; HEAD is checked out, the edits stay', async () => {
  const workspace = checkoutPullRequest(origin)
  writeFileSync(path.join(workspace, 'hosts/go/main.go'), '// edited, not committed\n')
  writeFileSync(path.join(workspace, 'untracked.txt'), 'new\n')
  // A hook of the user's must not run in a tree that is only built and measured.
  const marker = path.join(workspace, 'hook-ran')
  const hook = path.join(workspace, '.git', 'hooks', 'post-checkout')
  mkdirSync(path.dirname(hook), { recursive: true })
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`)
  chmodSync(hook, 0o755)

  const comparison = await chooseCliComparison(path.join(workspace, 'hosts'), 'HEAD')
  assert.deepEqual(comparison, {
    kind: 'revision',
    sha: origin.merge,
    label: 'HEAD',
    why: `--compare-with HEAD: ${origin.merge.slice(0, 12)}`
  })
  const head = materialised(
    await materialiseRevision({
      repoDir: workspace,
      sha: comparison.kind === 'revision' ? comparison.sha : '',
      destDir: revisionDestDir(origin.merge)
    })
  )
  assert.equal(head.fetched, false)
  assert.equal(readFileSync(path.join(head.root, 'hosts/go/main.go'), 'utf8'), '// base\n')
  assert.equal(existsSync(path.join(head.root, 'untracked.txt')), false)
  assert.equal(readFileSync(path.join(workspace, 'hosts/go/main.go'), 'utf8'), '// edited, not committed\n')
  assert.equal(git(workspace, 'status', '--porcelain', '--untracked-files=no'), 'M hosts/go/main.go')
  assert.equal(existsSync(marker), false, 'the post-checkout hook did not run')
  assert.equal(await head.cleanup(), null)
  assert.deepEqual(worktrees(workspace), [realpathSync(workspace)])
  assert.equal(readFileSync(path.join(workspace, 'hosts/go/main.go'), 'utf8'), '// edited, not committed\n')
})

test('--compare-with a ref that is not a commit is an error naming the flag, the ref and the repository', async () => {
  const workspace = checkoutPullRequest(origin)
  const top = git(workspace, 'rev-parse', '--show-toplevel')
  for (const ref of ['no-such-branch', 'HEAD~1', '--output=/tmp/x', origin.base]) {
    await assert.rejects(resolveRef(workspace, ref), (error: Error) => {
      assert.ok(error instanceof CompareRefError)
      assert.equal(error.message, `--compare-with "${ref}" is not a commit in ${top}`)
      return true
    })
  }
  await assert.rejects(resolveRef(workspace, ' '), { message: '--compare-with " " is empty: name a branch, tag or commit' })
  const notARepo = mkdtempSync(path.join(os.tmpdir(), 'wfb-not-a-repo-'))
  await assert.rejects(resolveRef(notARepo, 'main'), { message: `--compare-with "main" needs a git repository: ${notARepo} is not in one` })
  assert.equal(await resolveRef(origin.dir, 'main~1'), origin.previous)
  assert.equal(await resolveRef(origin.dir, `refs/pull/${origin.pr}/head`), origin.head)
})

test('without --compare-with the CLI compares with its local baseline file', async () => {
  assert.deepEqual(await chooseCliComparison(origin.dir, undefined), {
    kind: 'baseline',
    why: 'no --compare-with: the local baseline file'
  })
})

test('git runs without the tokens of the environment and never prompts', async () => {
  const env = { ...process.env, GITHUB_TOKEN: 'ghs_secret1', INPUT_GITHUB_TOKEN: 'ghs_secret2', ACTIONS_RUNTIME_TOKEN: 'secret3' }
  const result = await runGit(origin.dir, ['-c', 'alias.show-env=!env', 'show-env'], { env })
  assert.ok(result.ok, result.stderr)
  assert.doesNotMatch(result.stdout, /secret/)
  assert.match(result.stdout, /^GIT_TERMINAL_PROMPT=0$/m)
  assert.match(result.stdout, /^PATH=/m)
})

const SHA = 'a'.repeat(40)
const BEFORE = 'b'.repeat(40)
const PULL_REQUEST = { eventName: 'pull_request', payload: { pull_request: { number: 7, base: { ref: 'main', sha: SHA } } } }
const PUSH = { eventName: 'push', payload: { ref: 'refs/heads/main', before: BEFORE, after: SHA } }

const CHOICES: Array<[string, Parameters<typeof chooseComparison>, Comparison]> = [
  [
    'a pull request: its base',
    ['auto', PULL_REQUEST],
    { kind: 'revision', sha: SHA, label: 'base (main)', why: 'pull request #7: its base, main at aaaaaaaaaaaa' }
  ],
  [
    'a push: the previous tip',
    ['auto', PUSH],
    { kind: 'revision', sha: BEFORE, label: 'before (main)', why: 'push to main: the previous tip bbbbbbbbbbbb' }
  ],
  [
    'the push of a new branch: the baseline',
    ['auto', { eventName: 'push', payload: { ref: 'refs/heads/topic', before: '0'.repeat(40), created: true } }],
    { kind: 'baseline', why: 'push to topic: a new ref, no previous tip' }
  ],
  [
    'the push that deletes a branch: the baseline',
    ['auto', { eventName: 'push', payload: { ref: 'refs/heads/topic', before: BEFORE, after: '0'.repeat(40), deleted: true } }],
    { kind: 'baseline', why: 'push to topic: the ref was deleted' }
  ],
  [
    'workflow_dispatch: the baseline',
    ['auto', { eventName: 'workflow_dispatch', payload: {} }],
    { kind: 'baseline', why: 'workflow_dispatch event: no other revision to compare with' }
  ],
  [
    'pull_request_target: the baseline',
    ['auto', { ...PULL_REQUEST, eventName: 'pull_request_target' }],
    { kind: 'baseline', why: 'pull_request_target event: same-job comparisons run on pull_request only' }
  ],
  [
    'a pull request without a base SHA: the baseline',
    ['auto', { eventName: 'pull_request', payload: { pull_request: { number: 7, base: { ref: 'main', sha: 'main' } } } }],
    { kind: 'baseline', why: 'pull request #7: the event has no pull_request.base.sha' }
  ],
  ['compare: baseline on a pull request', ['baseline', PULL_REQUEST], { kind: 'baseline', why: 'compare: baseline' }],
  ['compare: baseline on a push', ['baseline', PUSH], { kind: 'baseline', why: 'compare: baseline' }],
  ['compare: none on a pull request', ['none', PULL_REQUEST], { kind: 'none', why: 'compare: none' }],
  ['compare: none on workflow_dispatch', ['none', { eventName: 'workflow_dispatch', payload: {} }], { kind: 'none', why: 'compare: none' }]
]

for (const [what, args, expected] of CHOICES) {
  test(`compare: ${what}`, () => {
    assert.deepEqual(chooseComparison(...args), expected)
  })
}

test('the compare input: auto by default; another value is an error naming the input and the allowed values', () => {
  assert.equal(parseConfig({}).compare, 'auto')
  assert.equal(parseConfig({ compare: 'none' }).compare, 'none')
  assert.throws(() => parseConfig({ compare: 'base' }), { message: 'Input "compare" must be one of auto, baseline, none, got "base"' })
})
