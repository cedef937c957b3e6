// The small functions behind toolchain set-up and records: names per OS and arch, release matching, environments,
// the wasmtime CLI's build, toolchain differences, and the inputs that choose the toolchains.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe as suite, it } from 'node:test'
import { InputError, parseConfig } from '../src/config.js'
import {
  archiveFormat,
  envKey,
  goArchiveName,
  goDistPlatform,
  goSemver,
  prependList,
  pythonArch,
  pythonLayout,
  pythonSetupScript
} from '../src/toolchains/platform.js'
import { formatToolchain, runToolchainNote, toolchainChanges, toolchainDifferences } from '../src/toolchains/record.js'
import { parseGoReleases, pickGoRelease } from '../src/toolchains/setup-go.js'
import { parseManifest } from '../src/toolchains/setup-python.js'
import { TOOLCHAINS_FROM_PATH } from '../src/toolchains/setup.js'
import { describeCliBuild } from '../src/toolchains/wasmtime-cli.js'
import type { HostResult } from '../src/types.js'
import { GO_VERSION, PYTHON_VERSION } from '../src/versions.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-names-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

suite('Go names', () => {
  it("names Go's archive per OS and arch as go.dev/dl does", () => {
    assert.equal(goArchiveName('1.26.8', 'linux', 'x64'), 'go1.26.8.linux-amd64.tar.gz')
    assert.equal(goArchiveName('1.26.8', 'linux', 'arm64'), 'go1.26.8.linux-arm64.tar.gz')
    assert.equal(goArchiveName('1.26.8', 'darwin', 'arm64'), 'go1.26.8.darwin-arm64.tar.gz')
    assert.equal(goArchiveName('1.26.8', 'darwin', 'x64'), 'go1.26.8.darwin-amd64.tar.gz')
    assert.equal(goArchiveName('1.26.8', 'win32', 'x64'), 'go1.26.8.windows-amd64.zip')
    assert.equal(goArchiveName('1.27rc1', 'win32', 'ia32'), 'go1.27rc1.windows-386.zip')
    assert.equal(goArchiveName('1.26.8', 'aix', 'ppc64'), null)
    assert.deepEqual(goDistPlatform('win32', 'arm64'), { os: 'windows', arch: 'arm64' })
  })

  it("turns Go's version spelling into the tool cache's semver", () => {
    assert.equal(goSemver('go1.26.8'), '1.26.8')
    assert.equal(goSemver('1.26.8'), '1.26.8')
    assert.equal(goSemver('go1.20'), '1.20.0')
    assert.equal(goSemver('go1.27rc1'), '1.27.0-rc.1')
    assert.equal(goSemver('go1.21beta2'), '1.21.0-beta.2')
    assert.equal(goSemver('devel +abc'), null)
  })

  const list = parseGoReleases([
    { version: 'go1.27rc1', files: [{ filename: 'go1.27rc1.linux-amd64.tar.gz', sha256: 'a'.repeat(64) }] },
    {
      version: 'go1.26.8',
      files: [
        { filename: 'go1.26.8.src.tar.gz', sha256: 'b'.repeat(64) },
        { filename: 'go1.26.8.linux-amd64.tar.gz', sha256: 'c'.repeat(64) },
        { filename: 'go1.26.8.windows-amd64.msi', sha256: 'd'.repeat(64) },
        { filename: 'go1.26.8.windows-amd64.zip', sha256: 'e'.repeat(64) }
      ]
    },
    { version: 'go1.26.7', files: [{ filename: 'go1.26.7.linux-amd64.tar.gz', sha256: 'f'.repeat(64) }] },
    { version: 'go1.25.9', files: [{ filename: 'go1.25.9.darwin-arm64.tar.gz', sha256: 'not a hash' }] },
    'garbage'
  ])

  it('picks the newest release that satisfies the spec and has this platform’s archive', async () => {
    assert.deepEqual(await pickGoRelease(list, '1.26', 'linux', 'x64'), {
      semver: '1.26.8',
      file: { filename: 'go1.26.8.linux-amd64.tar.gz', sha256: 'c'.repeat(64) }
    })
    assert.equal((await pickGoRelease(list, '1.26.7', 'linux', 'x64'))?.file.sha256, 'f'.repeat(64))
    assert.equal((await pickGoRelease(list, '^1.26', 'win32', 'x64'))?.file.filename, 'go1.26.8.windows-amd64.zip')
    assert.equal((await pickGoRelease(list, '1.27.0-rc.1', 'linux', 'x64'))?.semver, '1.27.0-rc.1')
    assert.equal(await pickGoRelease(list, '1.26.7', 'win32', 'x64'), null, 'no archive for that platform')
    assert.equal(await pickGoRelease(list, '1.25', 'darwin', 'arm64'), null, 'an entry without a sha256 is ignored')
  })
})

suite('Python names', () => {
  it('uses the architecture names of actions/python-versions', () => {
    assert.deepEqual(['x64', 'arm64', 'ia32'].map(pythonArch), ['x64', 'arm64', 'x86'])
  })

  it("runs the archive's own setup script: setup.sh with bash, setup.ps1 with PowerShell on Windows", () => {
    assert.deepEqual(pythonSetupScript('linux'), { file: 'setup.sh', argv: ['bash', 'setup.sh'] })
    assert.deepEqual(pythonSetupScript('darwin'), { file: 'setup.sh', argv: ['bash', 'setup.sh'] })
    const windows = pythonSetupScript('win32')
    assert.equal(windows.file, 'setup.ps1')
    assert.deepEqual(windows.argv.slice(0, 1).concat(windows.argv.slice(-2)), ['powershell', '-File', 'setup.ps1'])
  })

  it('knows where the interpreter, the PATH folders and libpython are in the tool cache', () => {
    assert.deepEqual(pythonLayout('/t/Python/3.13.0/x64', 'linux'), {
      executable: '/t/Python/3.13.0/x64/bin/python3',
      pathDirs: ['/t/Python/3.13.0/x64/bin'],
      libDir: '/t/Python/3.13.0/x64/lib'
    })
    assert.equal(pythonLayout('/t/Python/3.13.0/arm64', 'darwin').libDir, null)
    // A folder on this machine, joined with its own separator (a Windows runner's is \).
    const windows = path.join('t', 'Python', '3.13.0', 'x64')
    assert.deepEqual(pythonLayout(windows, 'win32'), {
      executable: path.join(windows, 'python.exe'),
      pathDirs: [windows, path.join(windows, 'Scripts')],
      libDir: null
    })
  })

  it('keeps the manifest entries tool-cache can match, and drops the rest', () => {
    const file = {
      filename: 'python-3.13.0-linux-24.04-x64.tar.gz',
      arch: 'x64',
      platform: 'linux',
      platform_version: '24.04',
      download_url: 'https://x/p.tar.gz'
    }
    const parsed = parseManifest([{ version: '3.13.0', stable: true, files: [file, { filename: 'no-url' }] }, { version: 3 }, null])
    assert.deepEqual(parsed, [{ version: '3.13.0', stable: true, release_url: '', files: [file] }])
    assert.deepEqual(parseManifest({ message: 'rate limited' }), [])
  })
})

suite('archives and environments', () => {
  it('picks the extraction by the file name', () => {
    assert.equal(archiveFormat('go1.26.8.linux-amd64.tar.gz'), 'tar.gz')
    assert.equal(archiveFormat('python-3.13.0-linux-24.04-x64.tar.gz'), 'tar.gz')
    assert.equal(archiveFormat('python-3.13.0-win32-x64.zip'), 'zip')
    assert.equal(archiveFormat('wasmtime-v39.0.1-x86_64-linux.tar.xz'), 'tar.xz')
    assert.equal(archiveFormat('go1.26.8.windows-amd64.msi'), null)
  })

  it('puts folders first on PATH, under the name the environment uses (Path on Windows)', () => {
    assert.deepEqual(prependList({ PATH: '/usr/bin:/go/bin' }, 'PATH', ['/go/bin'], 'linux'), { PATH: '/go/bin:/usr/bin' })
    assert.deepEqual(prependList({}, 'LD_LIBRARY_PATH', ['/py/lib'], 'linux'), { LD_LIBRARY_PATH: '/py/lib' })
    assert.deepEqual(prependList({ Path: 'C:\\Windows' }, 'PATH', ['C:\\go\\bin'], 'win32'), { Path: 'C:\\go\\bin;C:\\Windows' })
    assert.equal(envKey({ Path: 'x' }, 'PATH', 'linux'), 'PATH')
  })
})

suite('the wasmtime CLI build', () => {
  const root = (name: string, files: Record<string, string>): string => {
    const dir = path.join(tmp, name)
    mkdirSync(dir, { recursive: true })
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text)
    return dir
  }

  it("reads cargo install's record: its features and the rustc that built it", () => {
    const crates2 = {
      installs: {
        'wasmtime-cli 39.0.1 (registry+https://github.com/rust-lang/crates.io-index)': {
          features: ['cache', 'cranelift', 'run'],
          no_default_features: true,
          rustc: 'rustc 1.95.0 (59807616e 2026-04-14)\nbinary: rustc\nrelease: 1.95.0\n'
        }
      }
    }
    assert.equal(
      describeCliBuild(root('cargo', { '.crates2.json': JSON.stringify(crates2) })),
      'cargo install, features cache,cranelift,run only, rustc 1.95.0 (59807616e 2026-04-14)'
    )
  })

  it('knows the release asset, and says when it cannot know', () => {
    assert.equal(
      describeCliBuild(root('release', { 'release.json': '{"asset":"wasmtime-v39.0.1-x86_64-linux.tar.xz"}' })),
      'release asset wasmtime-v39.0.1-x86_64-linux.tar.xz'
    )
    assert.equal(describeCliBuild(root('by-hand', {})), 'unknown (not installed by wasm-ffi-bench)')
  })
})

suite('toolchain records', () => {
  const host = (name: string, toolchains?: Record<string, string>) => ({ name, toolchains }) as HostResult

  it('lists what changed since the baseline', () => {
    assert.deepEqual(toolchainChanges({ python: '3.13.0', 'wasmtime-py': '39.0.0' }, { python: '3.12.1', 'wasmtime-py': '39.0.0' }), [
      'python 3.12.1 → 3.13.0'
    ])
    assert.deepEqual(toolchainChanges({ go: '1.26.8', cc: '14' }, { go: '1.26.8', gcc: '12' }), ['cc none → 14', 'gcc 12 → none'])
    assert.deepEqual(toolchainChanges({ go: '1.26.8' }, undefined), ['not recorded in the baseline'])
    assert.deepEqual(toolchainChanges({ go: '1.26.8' }, { go: 1 }), ['not recorded in the baseline'])
    assert.deepEqual(toolchainChanges(undefined, { go: '1.26.8' }), [], 'nothing to compare without a record now')
  })

  it('flags the hosts whose toolchain differs, in one note for the run', () => {
    const current = [host('go', { go: '1.26.8' }), host('python', { python: '3.13.0' }), host('node', { v8: '1' })]
    const baseline = [host('go', { go: '1.26.8' }), host('python', { python: '3.12.1' })]
    const differences = toolchainDifferences(current, baseline)
    assert.deepEqual([...differences], [['python', ['python 3.12.1 → 3.13.0']]])
    assert.equal(runToolchainNote(differences), 'baseline measured with other toolchains (python: python 3.12.1 → 3.13.0)')
    assert.equal(runToolchainNote(new Map()), null)
    assert.equal(formatToolchain({ go: '1.26.8', 'wasmtime-go': '39.0.1' }), 'go 1.26.8, wasmtime-go 39.0.1')
  })
})

suite('the toolchain inputs', () => {
  it('default to the pinned versions and the official download sites; the CLI takes what is on PATH', () => {
    const config = parseConfig({}, 'action')
    assert.deepEqual(config.toolchains, {
      go: { version: GO_VERSION, source: 'https://go.dev/dl' },
      python: { version: PYTHON_VERSION, source: 'https://raw.githubusercontent.com/actions/python-versions/main' }
    })
    assert.deepEqual(parseConfig({}, 'cli').toolchains, TOOLCHAINS_FROM_PATH)
  })

  it('take a version, a range or "path", and a mirror URL', () => {
    const config = parseConfig(
      {
        'go-version': 'path',
        'python-version': '>=3.11 <3.14',
        'go-download-base-url': 'http://mirror.local/golang/',
        'python-mirror': 'https://m/py'
      },
      'action'
    )
    assert.deepEqual(config.toolchains, {
      go: { version: 'path', source: 'http://mirror.local/golang' },
      python: { version: '>=3.11 <3.14', source: 'https://m/py' }
    })
  })

  it('refuse anything else, naming the input and what it allows', () => {
    const minor = GO_VERSION.split('.').slice(0, 2).join('.')
    assert.throws(() => parseConfig({ 'go-version': 'stable' }, 'action'), {
      name: 'InputError',
      message: `Input "go-version" must be "path" (the one on PATH) or a version such as ${GO_VERSION}, ${minor} or ^${minor}, got "stable"`
    })
    assert.throws(() => parseConfig({ 'python-version': '3.13; rm -rf /' }, 'action'), InputError)
    assert.throws(() => parseConfig({ 'python-mirror': 'file:///etc' }, 'action'), {
      message: 'Input "python-mirror" must be an http(s) URL, got "file:///etc"'
    })
    assert.throws(
      () => parseConfig({ 'go-download-base-url': 'go.dev/dl' }, 'action'),
      /Input "go-download-base-url" must be an http\(s\) URL/
    )
  })
})
