import { describe as suite, it } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import {
  cacheRoot,
  cgoEnv,
  exeName,
  platformTag,
  pythonCandidates,
  rustWasmTargets,
  venvPython,
  wasmtimeAsset,
  wasmtimeCliDir
} from '../src/toolchains/platform.js'
import { cargoInstallArgs, parseWasmtimeVersion } from '../src/toolchains/wasmtime-cli.js'
import { parseVersionLine } from '../src/builders/hosts.js'
import { findOnPath } from '../src/process/exec.js'

const RELEASES = 'https://github.com/bytecodealliance/wasmtime/releases/download/v39.0.1/'

suite('platform', () => {
  it('names executables', () => {
    assert.equal(exeName('host', 'win32'), 'host.exe')
    assert.equal(exeName('host', 'linux'), 'host')
    assert.equal(exeName('host', 'darwin'), 'host')
  })

  it('finds the interpreter of a virtual environment', () => {
    assert.equal(venvPython('venv', 'win32'), path.join('venv', 'Scripts', 'python.exe'))
    assert.equal(venvPython('/cache/venv', 'linux'), '/cache/venv/bin/python')
    assert.equal(venvPython('/cache/venv', 'darwin'), '/cache/venv/bin/python')
  })

  it('lists python candidates', () => {
    assert.deepEqual(pythonCandidates('win32'), ['python'])
    assert.deepEqual(pythonCandidates('linux'), ['python3', 'python'])
    assert.deepEqual(pythonCandidates('darwin'), ['python3', 'python'])
  })

  it('names the wasmtime release asset per OS and arch', () => {
    assert.deepEqual(wasmtimeAsset('39.0.1', 'linux', 'x64'), {
      name: 'wasmtime-v39.0.1-x86_64-linux.tar.xz',
      url: `${RELEASES}wasmtime-v39.0.1-x86_64-linux.tar.xz`,
      archive: 'tar.xz',
      dir: 'wasmtime-v39.0.1-x86_64-linux'
    })
    assert.deepEqual(wasmtimeAsset('39.0.1', 'darwin', 'arm64'), {
      name: 'wasmtime-v39.0.1-aarch64-macos.tar.xz',
      url: `${RELEASES}wasmtime-v39.0.1-aarch64-macos.tar.xz`,
      archive: 'tar.xz',
      dir: 'wasmtime-v39.0.1-aarch64-macos'
    })
    assert.deepEqual(wasmtimeAsset('39.0.1', 'win32', 'x64'), {
      name: 'wasmtime-v39.0.1-x86_64-windows.zip',
      url: `${RELEASES}wasmtime-v39.0.1-x86_64-windows.zip`,
      archive: 'zip',
      dir: 'wasmtime-v39.0.1-x86_64-windows'
    })
    assert.equal(wasmtimeAsset('39.0.1', 'linux', 'arm64')?.name, 'wasmtime-v39.0.1-aarch64-linux.tar.xz')
    assert.equal(wasmtimeAsset('39.0.1', 'darwin', 'x64')?.name, 'wasmtime-v39.0.1-x86_64-macos.tar.xz')
    assert.equal(wasmtimeAsset('39.0.1', 'win32', 'arm64')?.name, 'wasmtime-v39.0.1-aarch64-windows.zip')
    assert.equal(wasmtimeAsset('39.0.1', 'freebsd', 'x64'), null)
    assert.equal(wasmtimeAsset('39.0.1', 'linux', 'ia32'), null)
  })

  it('sets up cgo, with MinGW gcc named on Windows', () => {
    const win = cgoEnv('win32')
    assert.deepEqual(win.env, { CGO_ENABLED: '1', CC: 'gcc' })
    assert.equal(win.compiler, 'gcc')
    assert.match(win.hint, /MinGW/)
    for (const platform of ['linux', 'darwin'] as const) {
      assert.deepEqual(cgoEnv(platform).env, { CGO_ENABLED: '1' })
      assert.equal(cgoEnv(platform).compiler, null)
    }
  })

  it('lists the wasm targets, wasip1 first', () => {
    assert.deepEqual(rustWasmTargets(), ['wasm32-wasip1', 'wasm32-wasi'])
  })

  it('chooses the cache root', () => {
    assert.equal(cacheRoot({ WASM_FFI_BENCH_CACHE: '/x' }, 'linux', '/home/u'), '/x')
    assert.equal(cacheRoot({ WASM_FFI_BENCH_CACHE: '/x', GITHUB_ACTIONS: 'true', RUNNER_TOOL_CACHE: '/t' }, 'linux', '/home/u'), '/x')
    assert.equal(
      cacheRoot({ GITHUB_ACTIONS: 'true', RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' }, 'linux', '/home/u'),
      '/opt/hostedtoolcache/wasm-ffi-bench'
    )
    assert.equal(
      cacheRoot({ GITHUB_ACTIONS: 'true', RUNNER_TOOL_CACHE: 'C:\\hostedtoolcache\\windows' }, 'win32', 'C:\\Users\\u'),
      'C:\\hostedtoolcache\\windows\\wasm-ffi-bench'
    )
    assert.equal(cacheRoot({}, 'linux', '/home/u'), '/home/u/.cache/wasm-ffi-bench')
    assert.equal(cacheRoot({}, 'darwin', '/Users/u'), '/Users/u/.cache/wasm-ffi-bench')
    assert.equal(
      cacheRoot({ RUNNER_TOOL_CACHE: '/t' }, 'linux', '/home/u'),
      '/home/u/.cache/wasm-ffi-bench',
      'RUNNER_TOOL_CACHE alone is not a runner'
    )
    assert.equal(
      cacheRoot({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'),
      'C:\\Users\\u\\AppData\\Local\\wasm-ffi-bench'
    )
    assert.equal(cacheRoot({}, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\wasm-ffi-bench')
  })

  it('tags the platform', () => {
    assert.equal(platformTag('linux', 'x64'), 'linux-x64')
    assert.equal(platformTag('darwin', 'arm64'), 'darwin-arm64')
    assert.equal(platformTag('win32', 'x64'), 'win32-x64')
    assert.equal(wasmtimeCliDir('/c', 'linux', 'x64', '39.0.1'), '/c/wasmtime-cli/39.0.1-linux-x64')
    assert.equal(wasmtimeCliDir('c', 'win32', 'arm64', '39.0.1'), path.join('c', 'wasmtime-cli', '39.0.1-win32-arm64'))
  })
})

suite('wasmtime CLI', () => {
  it('keeps the exact cargo install command of the cache', () => {
    assert.deepEqual(cargoInstallArgs('/c/wasmtime-cli/39.0.1-linux-x64', '/c', '39.0.1'), [
      'install',
      'wasmtime-cli',
      '--version',
      '=39.0.1',
      '--locked',
      '--no-default-features',
      '--features',
      'run,cranelift,cache,parallel-compilation,pooling-allocator,wat,component-model',
      '--root',
      '/c/wasmtime-cli/39.0.1-linux-x64',
      '--target-dir',
      '/c/cargo-target'
    ])
  })

  it('reads the version of `wasmtime --version`', () => {
    assert.equal(parseWasmtimeVersion('wasmtime 39.0.1 (f2b1a4a 2025-11-20)\n'), '39.0.1')
    assert.equal(parseWasmtimeVersion('wasmtime 39.0.1\n'), '39.0.1')
    assert.equal(parseWasmtimeVersion('wasmtime-cli 14.0.4\n'), '14.0.4')
    assert.equal(parseWasmtimeVersion('bash: wasmtime: not found'), null)
  })
})

suite('host version line', () => {
  it('takes the last {"runtime","version"} JSON line', () => {
    assert.deepEqual(parseVersionLine('noise\n{"runtime":"wasmtime-go","version":"39.0.1"}\n'), {
      runtime: 'wasmtime-go',
      version: '39.0.1'
    })
    assert.deepEqual(parseVersionLine('{"runtime":"node:wasi","version":"20.1.0","engine":"V8 11"}'), {
      runtime: 'node:wasi',
      version: '20.1.0'
    })
    const node = '{"runtime":"node:wasi","version":"20.1.0","flags":{"exec_argv":["--liftoff"],"v8":{"wasm-tier-up":false,"liftoff":true}}}'
    assert.deepEqual(parseVersionLine(node), {
      runtime: 'node:wasi',
      version: '20.1.0',
      flags: 'wasm-tier-up=off, liftoff=on, argv --liftoff'
    })
    assert.deepEqual(parseVersionLine('{"runtime":"x","version":"1","flags":"not an object"}'), { runtime: 'x', version: '1' })
    assert.equal(parseVersionLine('{"runtime":1}\nnot json {'), null)
    assert.equal(parseVersionLine(''), null)
  })
})

suite('findOnPath', () => {
  it('finds node on PATH and nothing on an empty PATH', () => {
    assert.ok(findOnPath('node', process.env))
    assert.equal(findOnPath('node', { PATH: '' }), null)
    assert.equal(findOnPath('definitely-not-a-command-wfb', process.env), null)
  })
})
