// The real build: the bundled guest and all five hosts into a fresh cache, then again (a warm cache builds nothing),
// then with Go missing from PATH. Nothing is skipped: a missing toolchain fails the test.
import { after, before, describe as suite, it } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll, cacheKey, cacheKeyFiles, cachePaths } from '../src/builders/index.js'
import { cacheRoot } from '../src/toolchains/platform.js'
import type { BuildOutput } from '../src/types.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const HOSTS = ['native', 'go', 'python', 'rust', 'node']
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-build-'))
const cache = path.join(tmp, 'cache')

// The wasmtime CLI and cargo's target dir take many minutes to compile from nothing: share them with the
// machine's cache (the same keyed paths the build uses); everything else is built fresh.
function shareSlowParts(): void {
  const shared = cacheRoot(process.env, process.platform, os.homedir())
  mkdirSync(cache, { recursive: true })
  for (const dir of ['wasmtime-cli', 'cargo-target']) {
    // Created when absent, so that a cold first build here also warms the machine's cache for later tests.
    mkdirSync(path.join(shared, dir), { recursive: true })
    symlinkSync(path.join(shared, dir), path.join(cache, dir), 'junction')
  }
}

async function build(hosts: string[], env?: NodeJS.ProcessEnv): Promise<{ out: BuildOutput; ms: number; log: string[] }> {
  const log: string[] = []
  const start = performance.now()
  const out = await buildAll({ repoRoot, hosts, guest: null, wasm: null, ffi: true, cacheRoot: cache, env, log: m => log.push(m) })
  return { out, ms: performance.now() - start, log }
}

function run(argv: string[], cwd: string): string {
  return execFileSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] })
}

suite('buildAll', { timeout: 90 * 60_000 }, () => {
  let first: Awaited<ReturnType<typeof build>>

  before(async () => {
    shareSlowParts()
    first = await build(HOSTS)
  })
  after(() => rmSync(tmp, { recursive: true, force: true }))

  it('builds the guest and all five hosts', () => {
    console.log(`first build: ${(first.ms / 1000).toFixed(1)} s\n  ${first.log.join('\n  ')}`)
    assert.deepEqual(first.out.failures, [])
    assert.deepEqual(
      first.out.hosts.map(h => h.name),
      HOSTS
    )
    assert.ok(first.out.guest.workload.startsWith(path.join(cache, 'guest')))
    assert.ok(first.out.guest.ffi && existsSync(first.out.guest.ffi))
    const runtimes = Object.fromEntries(first.out.hosts.map(h => [h.name, `${h.runtime} ${h.version}`]))
    assert.deepEqual(runtimes, {
      native: 'wasmtime-cli 39.0.1',
      go: 'wasmtime-go 39.0.1',
      python: 'wasmtime-py 39.0.0',
      rust: 'wasmtime 39.0.1',
      node: `node:wasi ${process.versions.node}`
    })
    const hostsDir = path.join(cache, 'hosts')
    for (const name of ['go', 'python', 'rust']) {
      const dir = readdirSync(hostsDir).find(d => d.startsWith(`${name}-${process.platform}-${process.arch}-`))
      assert.ok(dir, `no cached ${name} host in ${hostsDir}`)
      assert.equal(JSON.parse(readFileSync(path.join(hostsDir, dir, 'built.json'), 'utf8')).name, name)
    }
  })

  it('gives argv that run the workload with the same output on every host, and ffi where supported', () => {
    const outputs = new Map<string, string>()
    for (const host of first.out.hosts) {
      const report = path.join(tmp, `${host.name}.jsonl`)
      outputs.set(host.name, run(host.workloadArgv(first.out.guest.workload, report, ['1000']), host.cwd))
      assert.equal(existsSync(report), host.reportsPhases, `${host.name} report file`)
      const ffi = host.ffiArgv(first.out.guest.ffi!, path.join(tmp, `${host.name}-ffi.jsonl`))
      assert.equal(ffi === null, host.name === 'native')
      if (ffi) {
        run(ffi, host.cwd)
        assert.match(readFileSync(path.join(tmp, `${host.name}-ffi.jsonl`), 'utf8'), /export_noop_ns|noop/)
      }
    }
    assert.match(outputs.get('native')!, /^Vector length: 1000\n/)
    for (const [name, out] of outputs) assert.equal(out, outputs.get('native'), `${name} prints what native prints`)
  })

  it('does nothing the second time', async () => {
    const second = await build(HOSTS)
    console.log(`first build: ${(first.ms / 1000).toFixed(1)} s, second build: ${(second.ms / 1000).toFixed(2)} s`)
    assert.deepEqual(second.out.failures, [])
    assert.deepEqual(
      second.log.filter(l => /building|cargo install|download/i.test(l)),
      []
    )
    assert.deepEqual(
      second.out.hosts.map(h => h.workloadArgv('w', 'r', [])),
      first.out.hosts.map(h => h.workloadArgv('w', 'r', []))
    )
    assert.equal(second.out.guest.workload, first.out.guest.workload)
    assert.ok(second.ms < 10_000, `second build took ${second.ms} ms`)
  })

  it('reports a host whose toolchain is absent, and still builds the others', async () => {
    const sep = process.platform === 'win32' ? ';' : ':'
    const goName = process.platform === 'win32' ? 'go.exe' : 'go'
    const pathVar = (process.env.PATH ?? '')
      .split(sep)
      .filter(dir => !existsSync(path.join(dir, goName)))
      .join(sep)
    const { out } = await build(['go', 'python', 'node'], { ...process.env, PATH: pathVar })
    assert.deepEqual(out.failures, [{ name: 'go', error: 'toolchain not found on PATH (set up Go, e.g. actions/setup-go)' }])
    assert.deepEqual(
      out.hosts.map(h => h.name),
      ['python', 'node']
    )
  })

  it('reports an unknown host without stopping the others', async () => {
    const { out } = await build(['node', 'java'])
    assert.deepEqual(
      out.hosts.map(h => h.name),
      ['node']
    )
    assert.equal(out.failures[0].name, 'java')
    assert.match(out.failures[0].error, /unknown host \(known: native, go, python, rust, node, or a host folder\)/)
  })

  it('exposes what the action caches', async () => {
    const files = cacheKeyFiles(repoRoot).map(f => path.relative(repoRoot, f).split(path.sep).join('/'))
    for (const f of [
      'guest/Cargo.toml',
      'hosts/go/go.sum',
      'hosts/rust/Cargo.lock',
      'hosts/python/requirements.txt',
      'hosts/node/host.mjs',
      'launcher/Cargo.lock',
      'launcher/src/main.rs'
    ]) {
      assert.ok(files.includes(f), f)
    }
    assert.ok(!files.some(f => f.includes('/target/') || f.includes('__pycache__')))
    assert.deepEqual(
      cachePaths('/c').map(p => path.relative('/c', p)),
      ['hosts', 'guest', 'launcher', 'wasmtime-cli']
    )
    const { key, restorePrefix } = await cacheKey(repoRoot, 'linux', 'x64')
    assert.match(key, /^wasm-ffi-bench-build-v1-linux-x64-[0-9a-f]{16}$/)
    assert.ok(key.startsWith(restorePrefix))
  })
})
