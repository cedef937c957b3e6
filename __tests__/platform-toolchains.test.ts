// The toolchain set-up as a Windows, a macOS (arm64 and x64) and a Linux runner run it, with an injected platform
// and a tool cache laid out as that runner's (actions/setup-go: go/<semver>/<arch>/bin/go.exe; actions/setup-python:
// Python/<version>/<arch>/python.exe on Windows, bin/python3 elsewhere; the wasmtime release binary), holding
// stand-ins that print what the real programs print. Go downloads come from a loopback server as the real
// archives of that OS: a .zip on Windows, a .tar.gz elsewhere.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe as suite, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { BuildContext } from '../src/toolchains/context.js'
import { setupGo } from '../src/toolchains/setup-go.js'
import { setupPython } from '../src/toolchains/setup-python.js'
import { TOOLCHAINS_FROM_PATH } from '../src/toolchains/setup.js'
import { ensureWasmtimeCli } from '../src/toolchains/wasmtime-cli.js'
import { printing, toolCacheEntry } from './fixtures/fake-tools.js'
import { startDownloadServer, type DownloadServer } from './servers/downloads.js'
import { applyEnv } from './servers/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-platform-toolchains-'))
let server: DownloadServer
let restoreEnv: () => void

interface Runner {
  platform: NodeJS.Platform
  arch: string
  /** the environment as that OS spells it */
  env: NodeJS.ProcessEnv
  /** the PATH variable's name there and its separator */
  pathKey: string
  sep: string
}

const WINDOWS: Runner = {
  platform: 'win32',
  arch: 'x64',
  env: { Path: 'C:\\Windows\\system32;C:\\Windows', PATHEXT: '.COM;.EXE;.BAT;.CMD', SystemRoot: 'C:\\Windows' },
  pathKey: 'Path',
  sep: ';'
}
const MAC_ARM: Runner = { platform: 'darwin', arch: 'arm64', env: { PATH: '/opt/homebrew/bin:/usr/bin:/bin' }, pathKey: 'PATH', sep: ':' }
const MAC_X64: Runner = { platform: 'darwin', arch: 'x64', env: { PATH: '/usr/local/bin:/usr/bin:/bin' }, pathKey: 'PATH', sep: ':' }
const LINUX: Runner = { platform: 'linux', arch: 'x64', env: { PATH: '/usr/bin:/bin' }, pathKey: 'PATH', sep: ':' }
const RUNNERS = [WINDOWS, MAC_ARM, MAC_X64, LINUX]

const name = (r: Runner): string => `${r.platform} ${r.arch}`
const exe = (r: Runner, base: string): string => (r.platform === 'win32' ? `${base}.exe` : base)

/** A fresh tool cache for one test (tool-cache reads RUNNER_TOOL_CACHE from the process, as on a runner). */
function freshToolCache(label: string): string {
  const dir = path.join(tmp, `tool-cache-${label.replace(/\W+/g, '-')}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  process.env.RUNNER_TOOL_CACHE = dir
  return dir
}

function context(r: Runner, extraEnv: NodeJS.ProcessEnv = {}): BuildContext {
  return {
    repoRoot,
    cacheRoot: path.join(tmp, `cache-${r.platform}-${r.arch}`),
    platform: r.platform,
    arch: r.arch,
    env: { ...r.env, ...extraEnv },
    toolchains: TOOLCHAINS_FROM_PATH,
    log: () => {}
  }
}

before(async () => {
  server = await startDownloadServer()
  restoreEnv = applyEnv({ RUNNER_TEMP: path.join(tmp, 'temp'), RUNNER_TOOL_CACHE: undefined, AGENT_TOOLSDIRECTORY: undefined })
})
after(async () => {
  restoreEnv()
  await server.close()
  rmSync(tmp, { recursive: true, force: true })
})

suite('Go as actions/setup-go lays it out', () => {
  for (const r of RUNNERS) {
    it(`${name(r)}: go/1.26.8/${r.arch}/bin/${exe(r, 'go')} from the tool cache, its bin first on ${r.pathKey}`, async () => {
      const dir = toolCacheEntry(freshToolCache(`go-${name(r)}`), 'go', '1.26.8', r.arch)
      const goos = { win32: 'windows', darwin: 'darwin', linux: 'linux' }[r.platform as string]
      printing(path.join(dir, 'bin', exe(r, 'go')), `go version go1.26.8 ${goos}/${r.arch === 'x64' ? 'amd64' : 'arm64'}\n`)
      const installed = (await setupGo({ version: '1.26', source: server.goBase }, context(r)))!
      assert.deepEqual([installed.version, installed.dir, installed.origin], ['1.26.8', dir, 'tool cache'])
      assert.equal(installed.executable, path.join(dir, 'bin', exe(r, 'go')))
      // One PATH variable, spelled as the OS spells it: a second `PATH` beside Windows' `Path` is undefined behaviour.
      assert.deepEqual(Object.keys(installed.env).sort(), ['GOROOT', 'GOTOOLCHAIN', r.pathKey].sort())
      assert.equal(installed.env[r.pathKey], [path.join(dir, 'bin'), r.env[r.pathKey]].join(r.sep))
      assert.deepEqual([installed.env.GOROOT, installed.env.GOTOOLCHAIN], [dir, 'local'])
    })
  }

  const downloads: Array<[Runner, string]> = [
    [WINDOWS, 'go1.26.8.windows-amd64.zip'],
    [MAC_ARM, 'go1.26.8.darwin-arm64.tar.gz'],
    [MAC_X64, 'go1.26.8.darwin-amd64.tar.gz']
  ]
  for (const [r, archive] of downloads) {
    it(`${name(r)}: downloads ${archive}, checks its sha256 and installs its go/ folder as go/1.26.8/${r.arch}`, async () => {
      const toolCache = freshToolCache(`go-download-${name(r)}`)
      const staging = path.join(tmp, `go-archive-${r.platform}-${r.arch}`)
      printing(path.join(staging, 'go', 'bin', exe(r, 'go')), 'go version go1.26.8 fake\n')
      const file = path.join(tmp, archive)
      rmSync(file, { force: true })
      if (archive.endsWith('.zip')) execFileSync('zip', ['-qr', file, 'go'], { cwd: staging })
      else execFileSync('tar', ['-czf', file, 'go'], { cwd: staging })
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
      server.file(`/go/${archive}`, file)
      server.goList([{ version: '1.26.8', filename: archive, sha256 }])
      server.requests.length = 0
      const installed = (await setupGo({ version: '1.26.8', source: server.goBase }, context(r)))!
      assert.deepEqual(
        server.requests.map(q => `${q.status} ${q.path}${q.query}`),
        ['200 /go/?mode=json&include=all', `200 /go/${archive}`]
      )
      assert.equal(installed.dir, path.join(toolCache, 'go', '1.26.8', r.arch))
      assert.equal(installed.executable, path.join(installed.dir, 'bin', exe(r, 'go')))
      assert.ok(existsSync(`${installed.dir}.complete`))
    })
  }
})

suite('Python as actions/setup-python lays it out', () => {
  const layouts: Array<[Runner, string, string[], string[]]> = [
    // runner, tool-cache arch, interpreter below the version folder, PATH folders below it
    [WINDOWS, 'x64', ['python.exe'], ['', 'Scripts']],
    [{ ...WINDOWS, arch: 'ia32' }, 'x86', ['python.exe'], ['', 'Scripts']],
    [MAC_ARM, 'arm64', ['bin', 'python3'], ['bin']],
    [MAC_X64, 'x64', ['bin', 'python3'], ['bin']],
    [LINUX, 'x64', ['bin', 'python3'], ['bin']]
  ]
  for (const [r, arch, interpreter, pathDirs] of layouts) {
    it(`${name(r)}: Python/3.13.0/${arch}/${interpreter.join('/')}, on ${r.pathKey}`, async () => {
      const dir = toolCacheEntry(freshToolCache(`python-${name(r)}`), 'Python', '3.13.0', arch)
      // print() ends its line with \r\n on Windows.
      printing(path.join(dir, ...interpreter), r.platform === 'win32' ? '3.13.0\r\n' : '3.13.0\n')
      const installed = (await setupPython({ version: '3.13', source: server.pythonMirror }, context(r)))!
      assert.deepEqual([installed.version, installed.dir, installed.origin], ['3.13.0', dir, 'tool cache'])
      assert.equal(installed.executable, path.join(dir, ...interpreter))
      const folders = pathDirs.map(sub => (sub ? path.join(dir, sub) : dir))
      // libpython's folder for the loader on Linux only; macOS and Windows builds find their own.
      const keys = r.platform === 'linux' ? ['LD_LIBRARY_PATH', 'PATH'] : [r.pathKey]
      assert.deepEqual(Object.keys(installed.env).sort(), keys)
      assert.equal(installed.env[r.pathKey], [...folders, r.env[r.pathKey]].join(r.sep))
      if (r.platform === 'linux') assert.equal(installed.env.LD_LIBRARY_PATH, path.join(dir, 'lib'))
    })
  }
})

suite('the wasmtime CLI from its release asset', () => {
  const assets: Array<[Runner, string]> = [
    [WINDOWS, 'wasmtime-v39.0.1-x86_64-windows.zip'],
    [MAC_ARM, 'wasmtime-v39.0.1-aarch64-macos.tar.xz'],
    [MAC_X64, 'wasmtime-v39.0.1-x86_64-macos.tar.xz'],
    [LINUX, 'wasmtime-v39.0.1-x86_64-linux.tar.xz']
  ]
  for (const [r, asset] of assets) {
    it(`${name(r)}: ${asset}'s ${exe(r, 'wasmtime')} from the tool cache, copied into the build cache`, async () => {
      const dir = toolCacheEntry(freshToolCache(`wasmtime-${name(r)}`), 'wasmtime', '39.0.1', r.arch)
      printing(path.join(dir, exe(r, 'wasmtime')), 'wasmtime 39.0.1 (f2b1a4a 2025-11-20)\n')
      const ctx = context(r, { GITHUB_ACTIONS: 'true' })
      rmSync(ctx.cacheRoot, { recursive: true, force: true })
      const cli = await ensureWasmtimeCli(ctx)
      assert.equal(cli.path, path.join(ctx.cacheRoot, 'wasmtime-cli', `39.0.1-${r.platform}-${r.arch}`, 'bin', exe(r, 'wasmtime')))
      assert.deepEqual([cli.version, cli.build], ['39.0.1', `release asset ${asset}`])
      assert.match(execFileSync(cli.path, ['--version'], { encoding: 'utf8' }), /^wasmtime 39\.0\.1 /)
    })
  }
})
