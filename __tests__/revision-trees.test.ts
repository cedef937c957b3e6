// Which tree the other revision's guest and hosts are built from, for wasm-ffi-bench itself and for a user's repo.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { revisionTrees } from '../src/revision/index.js'

function tree(files: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wfb-tree-'))
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), '')
  }
  return root
}

const BENCH_FILES = ['guest/Cargo.toml', 'hosts/go/main.go']
const actionRoot = tree(BENCH_FILES)
const userRepo = tree(['crates/guest/Cargo.toml', 'app/README.md', 'target/wasm32-wasip1/release/app.wasm', 'fixtures/app.wasm'])
const userRevision = tree(['crates/guest/Cargo.toml', 'app/README.md', 'fixtures/app.wasm'])

test('wasm-ffi-bench measuring itself: the guest and the hosts of the other revision come from its tree', () => {
  const revisionRoot = tree(BENCH_FILES)
  const trees = revisionTrees({ actionRoot, workspace: actionRoot, revisionRoot, guest: null, wasm: null })
  assert.deepEqual(trees, { ok: true, repoRoot: revisionRoot, hostsFrom: 'revision', guest: null, wasm: null, userRoot: revisionRoot })
})

test('the workspace is the action also when reached through a symlink', () => {
  const link = path.join(mkdtempSync(path.join(os.tmpdir(), 'wfb-link-')), 'workspace')
  symlinkSync(actionRoot, link)
  const revisionRoot = tree(BENCH_FILES)
  const trees = revisionTrees({ actionRoot, workspace: link, revisionRoot, guest: null, wasm: null })
  assert.equal(trees.ok && trees.hostsFrom, 'revision')
})

test('wasm-ffi-bench against a revision without guest/ and hosts/: nothing to build', () => {
  const revisionRoot = tree(['README.md'])
  const trees = revisionTrees({ actionRoot, workspace: actionRoot, revisionRoot, guest: null, wasm: null })
  assert.deepEqual(trees, { ok: false, reason: 'the other revision has no guest/ and hosts/ to build' })
})

test("a user's repository: its guest from the other revision, the hosts from the action's checkout", () => {
  const trees = revisionTrees({
    actionRoot,
    workspace: userRepo,
    revisionRoot: userRevision,
    guest: 'crates/guest',
    wasm: null,
    cwd: userRepo
  })
  const guest = path.join(userRevision, 'crates', 'guest')
  assert.deepEqual(trees, { ok: true, repoRoot: actionRoot, hostsFrom: 'action', guest, wasm: null, userRoot: userRevision })
  const fromSubdir = revisionTrees({
    actionRoot,
    workspace: userRepo,
    revisionRoot: userRevision,
    guest: '../crates/guest',
    wasm: null,
    cwd: path.join(userRepo, 'app')
  })
  assert.equal(fromSubdir.ok && fromSubdir.guest, guest)
  const absolute = revisionTrees({
    actionRoot,
    workspace: userRepo,
    revisionRoot: userRevision,
    guest: path.join(userRepo, 'crates/guest'),
    wasm: null
  })
  assert.equal(absolute.ok && absolute.guest, guest)
})

test('a committed .wasm is taken from the other revision; a build output it does not hold is a reason', () => {
  const committed = revisionTrees({
    actionRoot,
    workspace: userRepo,
    revisionRoot: userRevision,
    guest: null,
    wasm: 'fixtures/app.wasm',
    cwd: userRepo
  })
  assert.deepEqual(committed, {
    ok: true,
    repoRoot: actionRoot,
    hostsFrom: 'action',
    guest: null,
    wasm: path.join(userRevision, 'fixtures', 'app.wasm'),
    userRoot: userRevision
  })
  const wasm = 'target/wasm32-wasip1/release/app.wasm'
  const built = revisionTrees({ actionRoot, workspace: userRepo, revisionRoot: userRevision, guest: null, wasm, cwd: userRepo })
  assert.deepEqual(built, { ok: false, reason: `wasm "${wasm}" is not a file in the other revision (a build output?)` })
})

test('a guest that the other revision does not hold, or that lies outside the repository, is a reason', () => {
  const revisionRoot = tree(['app/README.md'])
  const missing = revisionTrees({ actionRoot, workspace: userRepo, revisionRoot, guest: 'crates/guest', wasm: null, cwd: userRepo })
  assert.deepEqual(missing, { ok: false, reason: 'guest "crates/guest" is not a Rust crate (no Cargo.toml) in the other revision' })
  const elsewhere = tree(['Cargo.toml'])
  const outside = revisionTrees({
    actionRoot,
    workspace: userRepo,
    revisionRoot: userRevision,
    guest: elsewhere,
    wasm: null,
    cwd: userRepo
  })
  assert.deepEqual(outside, {
    ok: false,
    reason: `guest "${elsewhere}" is outside the repository (${userRepo}), so the other revision has no copy of its own`
  })
})

test("a user's repository with the bundled guest: both revisions would run the same programs", () => {
  const trees = revisionTrees({ actionRoot, workspace: userRepo, revisionRoot: userRevision, guest: null, wasm: null })
  assert.deepEqual(trees, {
    ok: false,
    reason: 'the repository holds neither the guest nor the hosts: both revisions would run the same programs'
  })
})
