// Proves that the pinned dependencies exist for every runner the action supports, from this machine:
// - hosts/python/requirements.txt: `pip download --platform <tag> --require-hashes` for Windows x64, macOS arm64
//   and x64, and manylinux x86_64, at the oldest Python the host accepts and the default one; and the wasmtime wheel
//   pip chose carries that runner's native library (wasmtime's py3-none-any wheel holds the Windows DLL only, so a
//   platform whose wheel is missing would install a package that cannot load);
// - wasmtime-go (the version in hosts/go/go.mod): `go mod download`, then the static library that the module's cgo
//   directives link on windows/amd64, darwin/arm64, darwin/amd64 and linux/amd64.
// A pass is remembered under the build cache's platform-deps folder (~/.cache/wasm-ffi-bench), keyed by the hash of the pins and this
// script, so a warm CI run repeats its output without downloading.
// Usage: node --import tsx scripts/check-platform-deps.ts
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeFailure, exec, findOnPath } from '../src/process/exec.js'
import { childEnv } from '../src/process/env.js'
import { cacheRoot } from '../src/toolchains/platform.js'
import { PYTHON_VERSION } from '../src/versions.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const REQUIREMENTS = path.join(ROOT, 'hosts', 'python', 'requirements.txt')
const GO_HOST = path.join(ROOT, 'hosts', 'go')
const TIMEOUT = 10 * 60_000

interface Runner {
  name: string
  /** pip's --platform tags; manylinux_2_x is not widened by pip, so the legacy manylinux2014 tag is given too */
  pipPlatforms: string[]
  /** the native library the wasmtime wheel for that runner holds */
  wheelLibrary: string
  /** GOOS,GOARCH as the module's cgo directives name them */
  go: string
}

const RUNNERS: Runner[] = [
  { name: 'windows x64', pipPlatforms: ['win_amd64'], wheelLibrary: 'wasmtime/win32-x86_64/_wasmtime.dll', go: 'windows,amd64' },
  {
    name: 'macos arm64',
    pipPlatforms: ['macosx_14_0_arm64'],
    wheelLibrary: 'wasmtime/darwin-aarch64/_libwasmtime.dylib',
    go: 'darwin,arm64'
  },
  {
    name: 'macos x64',
    pipPlatforms: ['macosx_13_0_x86_64'],
    wheelLibrary: 'wasmtime/darwin-x86_64/_libwasmtime.dylib',
    go: 'darwin,amd64'
  },
  {
    name: 'linux x64',
    pipPlatforms: ['manylinux_2_35_x86_64', 'manylinux2014_x86_64'],
    wheelLibrary: 'wasmtime/linux-x86_64/_libwasmtime.so',
    go: 'linux,amd64'
  }
]
/** The oldest Python the host accepts (host-registry.ts's probe: 3.9, which also needs zipp) and the default. */
const PYTHONS = ['3.9', PYTHON_VERSION.split('.').slice(0, 2).join('.')]

const env = childEnv(process.env)

async function run(file: string, args: string[], cwd = ROOT): Promise<string> {
  const result = await exec(file, args, { cwd, env, timeoutMs: TIMEOUT })
  if (!result.ok) throw new Error(describeFailure(`${path.basename(file)} ${args.slice(0, 3).join(' ')}`, result, TIMEOUT))
  return result.stdout
}

function tool(candidates: string[]): string {
  for (const name of candidates) {
    const found = findOnPath(name, env)
    if (found) return found
  }
  throw new Error(`none of ${candidates.join(', ')} is on PATH`)
}

async function checkWheels(python: string, lines: string[]): Promise<void> {
  lines.push(`python wheels (${path.relative(ROOT, REQUIREMENTS)}, pip download --only-binary=:all: --require-hashes):`)
  for (const runner of RUNNERS) {
    for (const version of PYTHONS) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-wheels-'))
      try {
        const platforms = runner.pipPlatforms.flatMap(tag => ['--platform', tag])
        const requirements = path.join(dir, 'requirements.txt')
        writeFileSync(requirements, forPython(readFileSync(REQUIREMENTS, 'utf8'), version))
        await run(python, [
          ...['-m', 'pip', 'download', '--disable-pip-version-check', '--no-input', '--only-binary=:all:', '--implementation', 'cp'],
          ...['--python-version', version, ...platforms, '--require-hashes', '-r', requirements, '-d', path.join(dir, 'wheels')]
        ])
        const wheels = readdirSync(path.join(dir, 'wheels')).sort()
        const wasmtime = wheels.find(name => name.startsWith('wasmtime-'))
        if (!wasmtime) throw new Error(`${runner.name} py${version}: pip downloaded no wasmtime wheel (${wheels.join(', ')})`)
        const listing = await run(python, ['-m', 'zipfile', '-l', path.join(dir, 'wheels', wasmtime)])
        if (!listing.includes(runner.wheelLibrary)) {
          throw new Error(`${runner.name} py${version}: ${wasmtime} has no ${runner.wheelLibrary}: the host could not load wasmtime there`)
        }
        lines.push(`  ${runner.name.padEnd(12)} py${version.padEnd(5)} ${wheels.join(', ')} (${runner.wheelLibrary})`)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}

/**
 * The requirements with their `python_version` markers decided for `version`: pip evaluates markers for the
 * Python that runs it, whatever --python-version says, and would leave out what only an older Python needs.
 */
function forPython(requirements: string, version: string): string {
  const [major, minor] = version.split('.').map(Number)
  const compare = (op: string, other: string): boolean => {
    const [m, n] = other.split('.').map(Number)
    const diff = major !== m ? major - m : minor - n
    return { '<': diff < 0, '<=': diff <= 0, '>': diff > 0, '>=': diff >= 0, '==': diff === 0, '!=': diff !== 0 }[op] ?? false
  }
  return requirements
    .replace(/\\\r?\n\s*/g, ' ')
    .split(/\r?\n/)
    .flatMap(line => {
      const marker = /^([^;#]+?)\s*;\s*python_version\s*(<=|>=|==|!=|<|>)\s*"([\d.]+)"(.*)$/.exec(line)
      if (!marker) {
        if (/;/.test(line.split('#')[0])) throw new Error(`requirements.txt: a marker this check cannot decide: ${line}`)
        return [line]
      }
      return compare(marker[2], marker[3]) ? [`${marker[1]}${marker[4]}`] : []
    })
    .join('\n')
}

async function checkGoLibraries(go: string, lines: string[]): Promise<void> {
  const goMod = readFileSync(path.join(GO_HOST, 'go.mod'), 'utf8')
  const [, module, version] = /^require\s+(github\.com\/bytecodealliance\/wasmtime-go\/v\d+)\s+(v\S+)/m.exec(goMod) ?? []
  if (!module) throw new Error('hosts/go/go.mod requires no github.com/bytecodealliance/wasmtime-go module')
  // Inside the go host's module, so that go.sum checks the download.
  const info = JSON.parse(await run(go, ['mod', 'download', '-json', `${module}@${version}`], GO_HOST)) as { Dir?: string; Error?: string }
  if (!info.Dir) throw new Error(`go mod download ${module}@${version}: ${info.Error ?? 'no Dir'}`)
  const directives = readdirSync(info.Dir)
    .filter(name => name.endsWith('.go'))
    .map(name => readFileSync(path.join(info.Dir!, name), 'utf8'))
    .join('\n')
  lines.push(`wasmtime-go ${version} static libraries (${module}, go mod download):`)
  for (const runner of RUNNERS) {
    const [goos, goarch] = runner.go.split(',')
    const dir = new RegExp(`#cgo ${goos},${goarch} LDFLAGS:\\s*-L\\$\\{SRCDIR\\}/(\\S+)`).exec(directives)?.[1]
    if (!dir) throw new Error(`${module}@${version} has no cgo library folder for ${goos}/${goarch}`)
    const library = path.join(info.Dir, dir, 'libwasmtime.a')
    if (!existsSync(library) || !isArArchive(library))
      throw new Error(`${goos}/${goarch}: ${dir}/libwasmtime.a is missing or not a static library`)
    lines.push(`  ${`${goos}/${goarch}`.padEnd(14)} ${dir}/libwasmtime.a ${(statSync(library).size / 1e6).toFixed(1)} MB`)
  }
}

function isArArchive(file: string): boolean {
  const magic = Buffer.alloc(8)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, magic, 0, 8, 0)
  } finally {
    closeSync(fd)
  }
  return magic.toString('latin1') === '!<arch>\n'
}

async function main(): Promise<void> {
  const inputs = [REQUIREMENTS, path.join(GO_HOST, 'go.mod'), path.join(GO_HOST, 'go.sum'), fileURLToPath(import.meta.url)]
  const hash = createHash('sha256')
  for (const file of inputs) hash.update(readFileSync(file)).update('\0')
  const cacheDir = path.join(cacheRoot(process.env, process.platform, os.homedir()), 'platform-deps')
  const marker = path.join(cacheDir, `${hash.digest('hex').slice(0, 16)}.txt`)
  if (existsSync(marker)) {
    process.stdout.write(`platform dependencies: passed before for these pins (${marker})\n${readFileSync(marker, 'utf8')}`)
    return
  }
  const lines: string[] = []
  await checkWheels(tool(['python3', 'python']), lines)
  await checkGoLibraries(tool(['go']), lines)
  const text = `${lines.join('\n')}\n`
  process.stdout.write(`platform dependencies: every runner's are published\n${text}`)
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(marker, text)
}

main().catch((error: Error) => {
  process.stderr.write(`platform dependencies: ${error.message}\n`)
  process.exit(1)
})
