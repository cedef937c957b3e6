// Go and Python set up as actions/setup-go and actions/setup-python do, against a loopback download server that
// serves real archives made on this machine: an empty tool cache downloads, checks and installs; a second set-up
// finds the tool cache and downloads nothing; a wrong checksum, a 404 or a version nobody lists is a clear error.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe as suite, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildContext } from '../src/builders/index.js'
import type { BuildContext } from '../src/toolchains/context.js'
import { setupGo } from '../src/toolchains/setup-go.js'
import { setupPython } from '../src/toolchains/setup-python.js'
import { goArchive, osVersion, pythonArchive, type Archive } from './fixtures/toolchain-archives.js'
import { startDownloadServer, type DownloadServer } from './servers/downloads.js'
import { applyEnv } from './servers/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-setup-'))
let server: DownloadServer
let go: Archive & { version: string }
let python: Archive & { version: string }
let restoreEnv: () => void
let toolCache = ''

/** A fresh, empty tool cache (tool-cache reads RUNNER_TOOL_CACHE from the process environment, as on a runner). */
function emptyToolCache(name: string): void {
  toolCache = path.join(tmp, name)
  process.env.RUNNER_TOOL_CACHE = toolCache
}

function context(): BuildContext {
  const logs: string[] = []
  return { ...buildContext({ repoRoot, cacheRoot: path.join(tmp, 'cache') }), log: m => logs.push(m) }
}

const downloads = (): string[] => server.requests.map(r => `${r.status} ${r.path}${r.query}`)

before(async () => {
  go = goArchive()
  python = pythonArchive('3.13.0')
  server = await startDownloadServer()
  server.file(`/go/${go.name}`, go.file)
  server.file(`/python/${python.name}`, python.file)
  restoreEnv = applyEnv({ RUNNER_TEMP: path.join(tmp, 'temp'), RUNNER_TOOL_CACHE: undefined, AGENT_TOOLSDIRECTORY: undefined })
})
after(async () => {
  restoreEnv()
  await server.close()
  rmSync(tmp, { recursive: true, force: true })
})

suite('setupGo', { timeout: 10 * 60_000 }, () => {
  const request = () => ({ version: go.version, source: server.goBase })

  it('downloads the release list and the archive, checks its sha256 and installs go/<version>/<arch>', async () => {
    emptyToolCache('go-tool-cache')
    server.goList([{ version: go.version, filename: go.name, sha256: go.sha256 }])
    server.requests.length = 0
    const installed = (await setupGo(request(), context()))!
    assert.deepEqual(downloads(), [`200 /go/?mode=json&include=all`, `200 /go/${go.name}`])
    assert.equal(installed.dir, path.join(toolCache, 'go', go.version, process.arch))
    assert.ok(existsSync(`${installed.dir}.complete`))
    assert.equal(installed.origin, `${server.goBase}/${go.name}`)
    assert.equal(installed.env.PATH.split(':')[0], path.join(installed.dir, 'bin'))
    assert.deepEqual([installed.env.GOROOT, installed.env.GOTOOLCHAIN], [installed.dir, 'local'])
    const version = execFileSync(installed.executable, ['version'], { env: { ...process.env, ...installed.env }, encoding: 'utf8' })
    assert.match(version, new RegExp(`^go version go${go.version.replace(/\./g, '\\.')} `))
  })

  it('finds it in the tool cache the second time and downloads nothing', async () => {
    server.requests.length = 0
    const installed = (await setupGo({ version: go.version.split('.').slice(0, 2).join('.'), source: server.goBase }, context()))!
    assert.deepEqual(downloads(), [])
    assert.equal(installed.origin, 'tool cache')
    assert.equal(installed.version, go.version, 'a range resolves to the cached release')
  })

  it('refuses an archive whose sha256 is not the one in the release list', async () => {
    emptyToolCache('go-bad-sha')
    server.goList([{ version: go.version, filename: go.name, sha256: python.sha256 }])
    await assert.rejects(
      setupGo(request(), context()),
      new RegExp(
        `^ToolchainError: Go ${go.version}: ${go.name} has sha256 ${go.sha256}, but the release list gives ${python.sha256}; not installed$`
      )
    )
    assert.ok(!existsSync(path.join(toolCache, 'go')), 'nothing in the tool cache')
  })

  it('names the toolchain, the version and the URL when the archive is not there', async () => {
    emptyToolCache('go-404')
    const missing = go.name.replace(go.version, '1.99.1')
    server.goList([{ version: '1.99.1', filename: missing, sha256: go.sha256 }])
    await assert.rejects(setupGo({ version: '1.99.1', source: server.goBase }, context()), {
      message: `Go 1.99.1: download of ${server.goBase}/${missing} failed: HTTP 404`
    })
  })

  it('says so when no release matches', async () => {
    emptyToolCache('go-none')
    server.goList([{ version: go.version, filename: go.name, sha256: go.sha256 }])
    await assert.rejects(setupGo({ version: '1.98', source: server.goBase }, context()), {
      message: `Go 1.98: ${server.goBase}/?mode=json&include=all lists no release that matches with an archive for ${process.platform}-${process.arch}`
    })
  })

  it('asks for "path" where there is no tool cache', async () => {
    delete process.env.RUNNER_TOOL_CACHE
    await assert.rejects(setupGo(request(), context()), {
      message: `Go ${go.version}: there is no tool cache (RUNNER_TOOL_CACHE is not set); set go-version to "path" to take the one on PATH`
    })
  })

  it('takes the go on PATH when asked to', async () => {
    server.requests.length = 0
    assert.equal(await setupGo({ version: 'path', source: server.goBase }, context()), null)
    assert.deepEqual(downloads(), [])
  })
})

suite('setupPython', { timeout: 10 * 60_000 }, () => {
  // Listed first: a build for another OS version, which must not be chosen (its URL does not exist).
  const otherOs = osVersion() === '22.04' ? '24.04' : '22.04'
  const manifest = (version: string, archivePath: string) => [
    {
      version,
      filename: `python-${version}-linux-${otherOs}-x64.tar.gz`,
      platform: 'linux',
      platform_version: otherOs,
      arch: 'x64',
      path: '/python/other-os.tar.gz'
    },
    {
      version,
      filename: python.name.replace(python.version, version),
      platform: 'linux',
      platform_version: osVersion(),
      arch: 'x64',
      path: archivePath
    }
  ]

  it("downloads the build for this OS from the manifest and installs it with the archive's setup.sh", async () => {
    emptyToolCache('python-tool-cache')
    server.pythonManifest(manifest(python.version, `/python/${python.name}`))
    server.requests.length = 0
    const installed = (await setupPython({ version: python.version, source: server.pythonMirror }, context()))!
    assert.deepEqual(downloads(), ['200 /python/versions-manifest.json', `200 /python/${python.name}`])
    assert.equal(installed.dir, path.join(toolCache, 'Python', python.version, 'x64'))
    assert.ok(existsSync(`${installed.dir}.complete`), 'setup.sh wrote the marker')
    assert.equal(installed.executable, path.join(installed.dir, 'bin', 'python3'))
    assert.equal(installed.env.PATH.split(':')[0], path.join(installed.dir, 'bin'))
    // The interpreter loads the tool cache's libpython (the build's own rpath points at where it was built).
    const maps = execFileSync(installed.executable, ['-c', 'print(open("/proc/self/maps").read())'], {
      env: { ...process.env, ...installed.env },
      encoding: 'utf8'
    })
    const libpython = [
      ...new Set(
        maps
          .split('\n')
          .filter(l => l.includes('libpython'))
          .map(l => l.split(/\s+/).pop())
      )
    ]
    assert.deepEqual(libpython, [path.join(installed.dir, 'lib', `libpython${python.version.split('.').slice(0, 2).join('.')}.so.1.0`)])
  })

  it('finds it in the tool cache the second time and downloads nothing', async () => {
    server.requests.length = 0
    const installed = (await setupPython({ version: '3.13', source: server.pythonMirror }, context()))!
    assert.deepEqual(downloads(), [])
    assert.deepEqual([installed.origin, installed.version], ['tool cache', python.version])
  })

  it('names the toolchain, the version and the URL when the build is not there', async () => {
    emptyToolCache('python-404')
    server.pythonManifest(manifest('3.12.99', '/python/python-3.12.99-missing.tar.gz'))
    await assert.rejects(setupPython({ version: '3.12.99', source: server.pythonMirror }, context()), {
      message: `Python 3.12.99: download of ${server.url}/python/python-3.12.99-missing.tar.gz failed: HTTP 404`
    })
  })

  it('says so when the manifest lists no build of that version for this machine', async () => {
    emptyToolCache('python-none')
    server.pythonManifest(manifest(python.version, `/python/${python.name}`))
    await assert.rejects(setupPython({ version: '3.11', source: server.pythonMirror }, context()), {
      message: `Python 3.11: ${server.pythonMirror}/versions-manifest.json lists no build for ${process.platform} x64 on this OS version`
    })
  })
})
