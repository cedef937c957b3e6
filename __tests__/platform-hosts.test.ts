// The host registry's commands as each runner starts them, with an injected platform: every host's argv on
// Windows, macOS (arm64, x64) and Linux, and the python host built end to end for Windows against a stand-in
// tool-cache Python whose venv has a redirector Scripts\python.exe, as CPython's venv makes on Windows: the
// version probe and every measured run must start the interpreter itself, with the venv's packages on PYTHONPATH.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe as suite, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildHosts } from '../src/builders/hosts.js'
import { emptyRun } from '../src/measure/jobs.js'
import { hostSpec, type Toolchain } from '../src/host-registry.js'
import type { BuildContext } from '../src/toolchains/context.js'
import type { BuildOutput, MeasureConfig } from '../src/types.js'
import { FROM_PATH, GO_DOWNLOAD_BASE_URL, PYTHON_VERSIONS_MIRROR, TOOLCHAINS_FROM_PATH } from '../src/toolchains/setup.js'
import { fakeProgram, toolCacheEntry } from './fixtures/fake-tools.js'
import { applyEnv } from './servers/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-platform-hosts-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

const RUNNERS: Array<{ platform: NodeJS.Platform; arch: string; exe: string }> = [
  { platform: 'win32', arch: 'x64', exe: '.exe' },
  { platform: 'darwin', arch: 'arm64', exe: '' },
  { platform: 'darwin', arch: 'x64', exe: '' },
  { platform: 'linux', arch: 'x64', exe: '' }
]

function context(platform: NodeJS.Platform, arch: string, env: NodeJS.ProcessEnv = {}): BuildContext {
  const cacheRoot = path.join(tmp, `cache-${platform}-${arch}`)
  return { repoRoot, cacheRoot, platform, arch, env, toolchains: TOOLCHAINS_FROM_PATH, log: () => {} }
}

const tc = (tools: Record<string, string>): Toolchain => ({ versions: {}, tools, env: {} })

/** A venv folder as CPython makes it on Windows: pyvenv.cfg names the interpreter's folder. */
function windowsVenv(outDir: string, home: string): void {
  mkdirSync(path.join(outDir, 'venv', 'Scripts'), { recursive: true })
  writeFileSync(path.join(outDir, 'venv', 'pyvenv.cfg'), `home = ${home}\r\ninclude-system-site-packages = false\r\nversion = 3.13.0\r\n`)
}

suite("every host's command on each runner", () => {
  for (const { platform, arch, exe } of RUNNERS) {
    it(`${platform} ${arch}: native, go, rust and node`, () => {
      const ctx = context(platform, arch)
      const outDir = path.join(ctx.cacheRoot, 'hosts', 'x')
      const wasmtime = path.join(ctx.cacheRoot, 'wasmtime-cli', `39.0.1-${platform}-${arch}`, 'bin', `wasmtime${exe}`)
      const native = hostSpec('native')!
      const command = native.command(ctx, tc({ wasmtime }), '')
      assert.deepEqual(native.workloadArgv!(command, 'w.wasm', 'r.json', ['7']), [wasmtime, 'run', '-C', 'cache=n', 'w.wasm', '7'])
      assert.deepEqual(native.versionArgv!(command), [wasmtime, '--version'])
      assert.deepEqual(hostSpec('go')!.command(ctx, tc({}), outDir), [path.join(outDir, `host${exe}`)])
      assert.deepEqual(hostSpec('rust')!.command(ctx, tc({}), outDir), [path.join(outDir, `wasm-ffi-bench-rust-host${exe}`)])
      const node = path.join('toolcache', 'node', `node${exe}`)
      assert.deepEqual(hostSpec('node')!.command(ctx, tc({ node }), ''), [node, path.join(repoRoot, 'hosts', 'node', 'host.mjs')])
    })
  }

  for (const { platform, arch } of RUNNERS.filter(r => r.platform !== 'win32')) {
    it(`${platform} ${arch}: python runs the venv's bin/python (a link to the interpreter), with nothing added`, () => {
      const ctx = context(platform, arch)
      const outDir = path.join(ctx.cacheRoot, 'hosts', 'python')
      const python = hostSpec('python')!
      assert.deepEqual(python.command(ctx, tc({}), outDir), [
        path.join(outDir, 'venv', 'bin', 'python'),
        path.join(repoRoot, 'hosts', 'python', 'host.py')
      ])
      assert.deepEqual(python.runEnv!(ctx, tc({}), outDir), {})
    })
  }

  it("win32 x64: python runs pyvenv.cfg's home\\python.exe, not the redirector Scripts\\python.exe", () => {
    // A user's own PythonPath (any spelling) stays, after the venv's packages.
    const ctx = context('win32', 'x64', { Path: 'C:\\Windows', PythonPath: 'C:\\mine' })
    const outDir = path.join(ctx.cacheRoot, 'hosts', 'python')
    const home = path.join('C:', 'hostedtoolcache', 'windows', 'Python', '3.13.0', 'x64')
    windowsVenv(outDir, home)
    const python = hostSpec('python')!
    assert.deepEqual(python.command(ctx, tc({}), outDir), [
      path.join(home, 'python.exe'),
      path.join(repoRoot, 'hosts', 'python', 'host.py')
    ])
    assert.deepEqual(python.runEnv!(ctx, tc({}), outDir), {
      PythonPath: `${path.join(outDir, 'venv', 'Lib', 'site-packages')};C:\\mine`
    })
  })
})

suite('the python host built for Windows', () => {
  it('probes and runs the interpreter itself with the venv on PYTHONPATH; the redirector only installs the packages', async () => {
    const toolCache = path.join(tmp, 'tool-cache')
    const restore = applyEnv({ RUNNER_TOOL_CACHE: toolCache, RUNNER_TEMP: path.join(tmp, 'temp') })
    try {
      const home = toolCacheEntry(toolCache, 'Python', '3.13.0', 'x64')
      const log = path.join(tmp, 'python-runs.jsonl')
      // python.exe of the tool cache: answers the probe, makes a venv the Windows way, runs host.py.
      // The venv's Scripts\python.exe: the redirector (a copy of the same program), which pip runs through.
      const python = fakeProgram(
        path.join(home, 'python.exe'),
        `const fs = require('node:fs'), path = require('node:path')
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ exe: __filename, args, PYTHONPATH: process.env.PYTHONPATH ?? null }) + '\\n')
if (args[0] === '-c') process.stdout.write('3.13.0\\r\\n')
else if (args[0] === '-m' && args[1] === 'venv') {
  const venv = args[2]
  fs.mkdirSync(path.join(venv, 'Scripts'), { recursive: true })
  fs.mkdirSync(path.join(venv, 'Lib', 'site-packages'), { recursive: true })
  fs.writeFileSync(path.join(venv, 'pyvenv.cfg'), 'home = ' + path.dirname(__filename) + '\\r\\ninclude-system-site-packages = false\\r\\n')
  fs.copyFileSync(__filename, path.join(venv, 'Scripts', 'python.exe'))
} else if (args[0] === '-m' && args[1] === 'pip') {
} else if (args[1] === 'version') process.stdout.write('{"runtime":"wasmtime-py","version":"39.0.0"}\\r\\n')
else process.exit(2)`
      )
      const ctx: BuildContext = {
        ...context('win32', 'x64', { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows' }),
        cacheRoot: path.join(tmp, 'build-cache'),
        toolchains: {
          go: { version: FROM_PATH, source: GO_DOWNLOAD_BASE_URL },
          python: { version: '3.13', source: PYTHON_VERSIONS_MIRROR }
        }
      }
      const built = await buildHosts(['python'], ctx)
      assert.deepEqual(built.failures, [])
      const host = built.hosts[0]
      const hostDir = path.join(ctx.cacheRoot, 'hosts', host.key)
      const sitePackages = path.join(hostDir, 'venv', 'Lib', 'site-packages')
      const hostPy = path.join(repoRoot, 'hosts', 'python', 'host.py')
      assert.deepEqual(host.workloadArgv('w.wasm', 'r.json', []), [python, hostPy, 'workload', 'w.wasm', '--report', 'r.json', '--'])
      assert.deepEqual(host.ffiArgv('f.wasm', 'r.json'), [python, hostPy, 'ffi', 'f.wasm', '--report', 'r.json'])
      assert.equal(host.env.PYTHONPATH, sitePackages, 'the measured runs (and the counted ones) get the venv')
      assert.equal(host.env.Path.split(';')[0], home, "the tool cache's Python first on Path")
      const config = { ffi: false, guest_args: [], sizes: [] } as unknown as MeasureConfig
      const guest = { guest: { workload: 'w.wasm', ffi: null } } as unknown as BuildOutput
      assert.equal(emptyRun(host, config, guest, true).env?.PYTHONPATH, sitePackages, 'the results replay the run: argv, cwd and env')
      assert.equal(emptyRun(host, config, guest, true).env?.Path, undefined, 'PATH is not recorded')
      assert.deepEqual([host.runtime, host.version], ['wasmtime-py', '39.0.0'])

      const runs = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map(line => JSON.parse(line) as { exe: string; args: string[]; PYTHONPATH: string | null })
      const redirector = path.join(hostDir, 'venv', 'Scripts', 'python.exe')
      assert.deepEqual(
        runs.map(run => [
          run.exe === python ? 'python.exe' : run.exe === redirector ? 'Scripts\\python.exe' : run.exe,
          run.args[0] === '-c' ? '-c' : run.args[1]
        ]),
        [
          ['python.exe', '-c'], // setupPython's probe
          ['python.exe', 'venv'],
          ['Scripts\\python.exe', 'pip'],
          ['python.exe', 'version']
        ]
      )
      assert.equal(runs[3].PYTHONPATH, sitePackages, "the version probe imports wasmtime from the venv's packages")

      // Built once: the cached folder is probed the same way.
      const again = await buildHosts(['python'], ctx)
      assert.deepEqual(again.hosts[0].workloadArgv('w.wasm', 'r.json', []), host.workloadArgv('w.wasm', 'r.json', []))
      assert.equal(again.hosts[0].env.PYTHONPATH, sitePackages)
    } finally {
      restore()
    }
  })
})
