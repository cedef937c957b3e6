// Small pure functions about the platform: file names, install locations and release assets.
import path from 'node:path'
import { WASMTIME_VERSION } from '../versions.js'

export type Platform = NodeJS.Platform

/** The file name of an executable: `host.exe` on Windows, `host` elsewhere. */
export function exeName(base: string, platform: Platform): string {
  return platform === 'win32' ? `${base}.exe` : base
}

/** The interpreter inside a virtual environment. */
export function venvPython(venvDir: string, platform: Platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix
  return platform === 'win32' ? p.join(venvDir, 'Scripts', 'python.exe') : p.join(venvDir, 'bin', 'python')
}

/** Python interpreters to try, in order (Windows has no python3.exe outside the Store alias). */
export function pythonCandidates(platform: Platform): string[] {
  return platform === 'win32' ? ['python'] : ['python3', 'python']
}

export interface WasmtimeAsset {
  name: string
  url: string
  archive: 'tar.xz' | 'zip'
  /** the top folder inside the archive */
  dir: string
}

const ASSET_OS: Partial<Record<Platform, string>> = { linux: 'linux', darwin: 'macos', win32: 'windows' }
const ASSET_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64' }

/** The official release asset of the wasmtime CLI for this platform, or null when there is none. */
export function wasmtimeAsset(version: string, platform: Platform, arch: string): WasmtimeAsset | null {
  const os = ASSET_OS[platform]
  const cpu = ASSET_ARCH[arch]
  if (!os || !cpu) return null
  const archive = platform === 'win32' ? 'zip' : 'tar.xz'
  const dir = `wasmtime-v${version}-${cpu}-${os}`
  const name = `${dir}.${archive}`
  return { name, url: `https://github.com/bytecodealliance/wasmtime/releases/download/v${version}/${name}`, archive, dir }
}

export interface CgoEnv {
  env: Record<string, string>
  /** the C compiler cgo needs on PATH, when it must be named */
  compiler: string | null
  hint: string
}

/** Environment for `go build` of a cgo program (wasmtime-go links the wasmtime C API). */
export function cgoEnv(platform: Platform): CgoEnv {
  if (platform === 'win32') {
    return {
      env: { CGO_ENABLED: '1', CC: 'gcc' },
      compiler: 'gcc',
      hint: 'cgo on Windows needs MinGW-w64 gcc on PATH (CC=gcc), e.g. C:\\mingw64\\bin on GitHub runners or `choco install mingw`'
    }
  }
  return { env: { CGO_ENABLED: '1' }, compiler: null, hint: 'cgo needs a C compiler (cc) on PATH' }
}

/** Rust targets whose standard library can build the guest, newest name first. */
export function rustWasmTargets(): string[] {
  return ['wasm32-wasip1', 'wasm32-wasi']
}

/** Where built hosts, the guest and the wasmtime CLI are cached, outside the checkout. */
export function cacheRoot(env: NodeJS.ProcessEnv, platform: Platform, homedir: string): string {
  const p = platform === 'win32' ? path.win32 : path.posix
  if (env.WASM_FFI_BENCH_CACHE) return env.WASM_FFI_BENCH_CACHE
  if (env.GITHUB_ACTIONS === 'true' && env.RUNNER_TOOL_CACHE) return p.join(env.RUNNER_TOOL_CACHE, 'wasm-ffi-bench')
  if (platform === 'win32') return p.join(env.LOCALAPPDATA || p.join(homedir, 'AppData', 'Local'), 'wasm-ffi-bench')
  return p.join(env.XDG_CACHE_HOME || p.join(homedir, '.cache'), 'wasm-ffi-bench')
}

/** "linux-x64", "darwin-arm64", "win32-x64": part of every cache path and key. */
export function platformTag(platform: Platform, arch: string): string {
  return `${platform}-${arch}`
}

/** `<cacheRoot>/wasmtime-cli/<version>-<tag>`: the `cargo install --root` and the copy of the release binary. */
export function wasmtimeCliDir(root: string, platform: Platform, arch: string, version: string = WASMTIME_VERSION): string {
  const p = platform === 'win32' ? path.win32 : path.posix
  return p.join(root, 'wasmtime-cli', `${version}-${platformTag(platform, arch)}`)
}
