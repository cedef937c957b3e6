// Small pure functions about the platform: file names, install locations and release assets.
import path from 'node:path'
import { WASMTIME_VERSION } from '../versions.js'

export type Platform = NodeJS.Platform

/**
 * The path functions of `platform`, for paths written in its syntax (PATH, the cache root an environment names):
 * Windows paths for win32 even where the code runs elsewhere (tests). Folders found or made on this machine are
 * joined with node's path, which on a Windows runner is path.win32.
 */
export function pathOf(platform: Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/** The file name of an executable: `host.exe` on Windows, `host` elsewhere. */
export function exeName(base: string, platform: Platform): string {
  return platform === 'win32' ? `${base}.exe` : base
}

/** The interpreter inside a virtual environment (a folder on this machine); on Windows a redirector (venv.ts). */
export function venvPython(venvDir: string, platform: Platform): string {
  return platform === 'win32' ? path.join(venvDir, 'Scripts', 'python.exe') : path.join(venvDir, 'bin', 'python')
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
  const p = pathOf(platform)
  const get = (name: string): string | undefined => envValue(env, name, platform)
  const own = get('WASM_FFI_BENCH_CACHE')
  if (own) return own
  const toolCache = get('RUNNER_TOOL_CACHE')
  if (get('GITHUB_ACTIONS') === 'true' && toolCache) return p.join(toolCache, 'wasm-ffi-bench')
  if (platform === 'win32') return p.join(get('LOCALAPPDATA') || p.join(homedir, 'AppData', 'Local'), 'wasm-ffi-bench')
  return p.join(get('XDG_CACHE_HOME') || p.join(homedir, '.cache'), 'wasm-ffi-bench')
}

/** "linux-x64", "darwin-arm64", "win32-x64": part of every cache path and key. */
export function platformTag(platform: Platform, arch: string): string {
  return `${platform}-${arch}`
}

/** `<cacheRoot>/wasmtime-cli/<version>-<tag>` (a folder on this machine): the `cargo install --root` and the copy of the release binary. */
export function wasmtimeCliDir(root: string, platform: Platform, arch: string, version: string = WASMTIME_VERSION): string {
  return path.join(root, 'wasmtime-cli', `${version}-${platformTag(platform, arch)}`)
}

/** How Go's release list (go.dev/dl/?mode=json) names this platform: "linux-amd64", "darwin-arm64", "windows-amd64". */
export function goDistPlatform(platform: Platform, arch: string): { os: string; arch: string } | null {
  const os = ({ linux: 'linux', darwin: 'darwin', win32: 'windows' } as Partial<Record<Platform, string>>)[platform]
  const cpu = ({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[arch]
  return os && cpu ? { os, arch: cpu } : null
}

/** The archive Go publishes for a release: go1.26.8.linux-amd64.tar.gz, go1.26.8.windows-amd64.zip. */
export function goArchiveName(version: string, platform: Platform, arch: string): string | null {
  const dist = goDistPlatform(platform, arch)
  return dist ? `go${version}.${dist.os}-${dist.arch}.${platform === 'win32' ? 'zip' : 'tar.gz'}` : null
}

/** Go's spelling of the version in `go version` output ("go version go1.26.8 linux/amd64" -> "go1.26.8"), or null. */
export function goVersionOf(output: string): string | null {
  return /go version (go\S+)/.exec(output)?.[1] ?? null
}

/** Go's own spelling to semver, as the tool cache stores it: go1.26.8 -> 1.26.8, go1.20 -> 1.20.0, go1.27rc1 -> 1.27.0-rc.1. */
export function goSemver(version: string): string | null {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(version)
  if (!m) return null
  const core = `${m[1]}.${m[2]}.${m[3] ?? '0'}`
  return m[4] ? `${core}-${m[4]}.${m[5]}` : core
}

/** The archive format by file name, which decides how it is extracted. */
export function archiveFormat(fileName: string): 'zip' | 'tar.gz' | 'tar.xz' | null {
  if (/\.zip$/i.test(fileName)) return 'zip'
  if (/\.(tar\.gz|tgz)$/i.test(fileName)) return 'tar.gz'
  if (/\.tar\.xz$/i.test(fileName)) return 'tar.xz'
  return null
}

/** The architecture names of actions/python-versions and of the tool cache's Python folder: x64, arm64, x86. */
export function pythonArch(arch: string): string {
  return arch === 'ia32' ? 'x86' : arch
}

/** How a python-versions archive installs itself: its own setup script, run from the extracted folder. */
export function pythonSetupScript(platform: Platform): { file: string; argv: string[] } {
  if (platform === 'win32') {
    return { file: 'setup.ps1', argv: ['powershell', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'setup.ps1'] }
  }
  return { file: 'setup.sh', argv: ['bash', 'setup.sh'] }
}

/**
 * A Python in the tool cache (`Python/<version>/<arch>`, a folder on this machine): its interpreter, PATH folders
 * and shared library folder, as actions/setup-python lays them out on each OS.
 */
export function pythonLayout(dir: string, platform: Platform): { executable: string; pathDirs: string[]; libDir: string | null } {
  if (platform === 'win32') return { executable: path.join(dir, 'python.exe'), pathDirs: [dir, path.join(dir, 'Scripts')], libDir: null }
  // python-versions builds link libpython with an rpath of the hosted tool cache; elsewhere the loader needs the folder.
  return {
    executable: path.join(dir, 'bin', 'python3'),
    pathDirs: [path.join(dir, 'bin')],
    libDir: platform === 'linux' ? path.join(dir, 'lib') : null
  }
}

/** The name of an environment variable as `env` spells it (Windows: `Path`), or `name` when it is absent. */
export function envKey(env: NodeJS.ProcessEnv, name: string, platform: Platform): string {
  if (platform !== 'win32') return name
  return Object.keys(env).find(key => key.toUpperCase() === name.toUpperCase()) ?? name
}

/** The value of an environment variable under any spelling on Windows (`Path`, `ComSpec`), exactly elsewhere. */
export function envValue(env: NodeJS.ProcessEnv, name: string, platform: Platform): string | undefined {
  return env[envKey(env, name, platform)]
}

/** `dirs` put in front of a list variable (PATH, LD_LIBRARY_PATH), keeping what `env` had after them. */
export function prependList(env: NodeJS.ProcessEnv, name: string, dirs: string[], platform: Platform): Record<string, string> {
  const key = envKey(env, name, platform)
  const sep = platform === 'win32' ? ';' : ':'
  const rest = (env[key] ?? '').split(sep).filter(dir => dir && !dirs.includes(dir))
  return { [key]: [...dirs, ...rest].join(sep) }
}
