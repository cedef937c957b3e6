// The allow-listed environment of child processes: real build steps (a cargo build script, a Python probe through
// the builders' exec) dump what they were given while the parent holds a runner's tokens; none may reach them.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildContext, buildGuest } from '../src/builders/index.js'
import { exec, findOnPath } from '../src/process/exec.js'
import { childEnv, isAllowedVariable } from '../src/process/env.js'
import { applyEnv } from './servers/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-env-'))

/** What a runner and a workflow put in the environment of the action, each with a value easy to find. */
const SECRETS: Record<string, string> = Object.fromEntries(
  [
    'INPUT_GITHUB-TOKEN',
    'INPUT_GITHUB_TOKEN',
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_RUNTIME_URL',
    'GITHUB_ENV',
    'GITHUB_PATH',
    'GITHUB_OUTPUT',
    'CARGO_REGISTRY_TOKEN',
    'CARGO_REGISTRIES_CORP_TOKEN',
    'PIP_PASSWORD',
    'NPM_TOKEN',
    'AWS_SECRET_ACCESS_KEY',
    'DEPLOY_PASSWORD',
    'NODE_OPTIONS',
    'VIRTUAL_ENV'
  ].map(name => [name, `leaked-${name.toLowerCase()}`])
)

function assertNoSecret(dump: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    assert.ok(!dump.includes(value), `${where} received ${name}`)
    assert.ok(!new RegExp(`^${name}=`, 'm').test(dump), `${where} received ${name}`)
  }
}

describe('child environment', { timeout: 10 * 60_000 }, () => {
  let restore: () => void = () => {}
  before(() => {
    restore = applyEnv({ ...SECRETS, LC_ALL: 'C.UTF-8' })
  })
  after(() => {
    restore()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('keeps what toolchains read and drops credentials, inputs, runner files and measurement changers', () => {
    for (const name of ['PATH', 'Path', 'HOME', 'USERPROFILE', 'SystemRoot', 'TEMP', 'LC_ALL', 'CARGO_HOME', 'RUSTUP_HOME', 'GOPATH'])
      assert.ok(isAllowedVariable(name), name)
    for (const name of ['GOMODCACHE', 'GOFLAGS', 'GOPROXY', 'CC', 'PIP_INDEX_URL', 'pythonLocation', 'RUNNER_TEMP', 'HTTPS_PROXY'])
      assert.ok(isAllowedVariable(name), name)
    for (const name of Object.keys(SECRETS)) assert.ok(!isAllowedVariable(name), name)
    const env = childEnv()
    assert.equal(env.PATH, process.env.PATH)
    assert.equal(env.LC_ALL, 'C.UTF-8')
    assertNoSecret(
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      'childEnv'
    )
  })

  it('a cargo build script of a user guest sees no token, and the build still succeeds', async () => {
    const crate = path.join(tmp, 'dumping-guest')
    mkdirSync(path.join(crate, 'src'), { recursive: true })
    writeFileSync(
      path.join(crate, 'Cargo.toml'),
      '[package]\nname = "dumping-guest"\nversion = "0.1.0"\nedition = "2021"\nbuild = "build.rs"\n\n[[bin]]\nname = "workload"\npath = "src/main.rs"\n'
    )
    writeFileSync(path.join(crate, 'src', 'main.rs'), 'fn main() {\n    println!("hello");\n}\n')
    // The build script runs as cargo's child, two levels below the action: it writes down its environment.
    writeFileSync(
      path.join(crate, 'build.rs'),
      [
        'fn main() {',
        '    let dump: String = std::env::vars_os()',
        '        .map(|(k, v)| format!("{}={}\\n", k.to_string_lossy(), v.to_string_lossy()))',
        '        .collect();',
        '    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();',
        '    std::fs::write(std::path::Path::new(&dir).join("env-dump.txt"), dump).unwrap();',
        '}',
        ''
      ].join('\n')
    )
    const ctx = buildContext({ repoRoot, cacheRoot: path.join(tmp, 'cache') })
    const guest = await buildGuest(ctx, { guest: crate, wasm: null })
    assert.match(guest.workload, /workload\.wasm$/)
    const dump = readFileSync(path.join(crate, 'env-dump.txt'), 'utf8')
    assert.match(dump, /^PATH=/m, 'the build script has a PATH')
    assert.match(dump, /^CARGO_MANIFEST_DIR=/m, 'cargo set its own variables')
    assertNoSecret(dump, 'the cargo build script')
  })

  it('a Python probe through the builders exec sees no token', async () => {
    const ctx = buildContext({ repoRoot, cacheRoot: path.join(tmp, 'cache') })
    const python = findOnPath('python3', ctx.env) ?? findOnPath('python', ctx.env)
    assert.ok(python, 'python3 on PATH')
    const dumped = await exec(python, ['-c', 'import os\nfor k, v in os.environ.items(): print(f"{k}={v}")'], {
      env: ctx.env,
      timeoutMs: 60_000
    })
    assert.ok(dumped.ok, dumped.stderr)
    assert.match(dumped.stdout, /^PATH=/m)
    assertNoSecret(dumped.stdout, 'the Python probe')
    // Even an environment handed in whole is filtered where the process starts.
    const direct = await exec(python, ['-c', 'import os\nfor k, v in os.environ.items(): print(f"{k}={v}")'], {
      env: process.env,
      timeoutMs: 60_000
    })
    assertNoSecret(direct.stdout, 'a process given the full environment')
  })
})
