// Go for the go host, as actions/setup-go sets it up: the runner's tool cache (go/<version>/<arch>) first, else
// Go's release list and archive from `go-download-base-url`, checked against the sha256 the list gives and
// cached in the tool cache. The host's processes get it first on PATH, with GOROOT and GOTOOLCHAIN=local so that
// the go command neither uses another Go's library nor switches to a toolchain of its own choosing.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { MINUTE, type BuildContext } from './context.js'
import { exec } from '../process/exec.js'
import { exeName, goArchiveName, goSemver, goVersionOf, prependList, type Platform } from './platform.js'
import {
  download,
  downloadJson,
  extract,
  findCached,
  FROM_PATH,
  sha256File,
  toolCache,
  ToolchainError,
  type InstalledToolchain,
  type ToolchainRequest
} from './setup.js'

/** One file of a release in Go's release list (https://go.dev/dl/?mode=json&include=all). */
export interface GoFile {
  filename: string
  sha256: string
}

export interface GoRelease {
  /** Go's spelling, e.g. "go1.26.8" */
  version: string
  files: GoFile[]
}

export async function setupGo(request: ToolchainRequest, ctx: BuildContext): Promise<InstalledToolchain | null> {
  if (request.version === FROM_PATH) return null
  let dir = await findCached('go', request.version, ctx.arch, 'go-version')
  let origin = 'tool cache'
  if (!dir) ({ dir, origin } = await downloadGo(request, ctx))
  const version = path.basename(path.dirname(dir))
  const executable = path.join(dir, 'bin', exeName('go', ctx.platform))
  const env = { ...prependList(ctx.env, 'PATH', [path.dirname(executable)], ctx.platform), GOROOT: dir, GOTOOLCHAIN: 'local' }
  const result = await exec(executable, ['version'], { env: { ...ctx.env, ...env }, timeoutMs: MINUTE })
  const reported = goVersionOf(result.stdout)
  if (!result.ok || !reported || goSemver(reported) !== version) {
    throw new ToolchainError(
      'Go',
      version,
      `${executable} reports "${result.stdout.trim() || result.stderr.trim()}", expected go${version}`
    )
  }
  ctx.log(`go: Go ${version} from ${origin}`)
  return { version, dir, executable, env, origin }
}

async function downloadGo(request: ToolchainRequest, ctx: BuildContext): Promise<{ dir: string; origin: string }> {
  const listUrl = `${request.source}/?mode=json&include=all`
  const releases = parseGoReleases(await downloadJson(listUrl, m => new ToolchainError('Go', request.version, m)))
  const pick = await pickGoRelease(releases, request.version, ctx.platform, ctx.arch)
  if (!pick) {
    throw new ToolchainError(
      'Go',
      request.version,
      `${listUrl} lists no release that matches with an archive for ${ctx.platform}-${ctx.arch}`
    )
  }
  const fail = (message: string): Error => new ToolchainError('Go', pick.semver, message)
  const url = `${request.source}/${pick.file.filename}`
  ctx.log(`go: downloading ${url}`)
  const archive = await download(url, pick.file.filename, fail)
  const sha256 = await sha256File(archive)
  if (sha256 !== pick.file.sha256.toLowerCase()) {
    throw fail(`${pick.file.filename} has sha256 ${sha256}, but the release list gives ${pick.file.sha256}; not installed`)
  }
  const root = path.join(await extract(archive, pick.file.filename, fail), 'go')
  if (!existsSync(root)) throw fail(`${pick.file.filename} has no go/ folder`)
  const tc = await toolCache()
  return { dir: await tc.cacheDir(root, 'go', pick.semver, ctx.arch), origin: url }
}

/** The releases of the list that have the fields we use; anything else in it is ignored. */
export function parseGoReleases(value: unknown): GoRelease[] {
  if (!Array.isArray(value)) return []
  const isFile = (f: unknown): f is GoFile =>
    !!f && typeof (f as GoFile).filename === 'string' && /^[0-9a-fA-F]{64}$/.test(String((f as GoFile).sha256))
  return value
    .filter((r): r is GoRelease => !!r && typeof (r as GoRelease).version === 'string' && Array.isArray((r as GoRelease).files))
    .map(r => ({ version: r.version, files: r.files.filter(isFile) }))
}

/** The newest release that satisfies `spec` and has this platform's archive (tool-cache's semver matching). */
export async function pickGoRelease(
  releases: GoRelease[],
  spec: string,
  platform: Platform,
  arch: string
): Promise<{ semver: string; file: GoFile } | null> {
  const candidates = new Map<string, GoFile>()
  for (const release of releases) {
    const semver = goSemver(release.version)
    const name = goArchiveName(release.version.replace(/^go/, ''), platform, arch)
    const file = release.files.find(f => f.filename === name)
    if (semver && file && !candidates.has(semver)) candidates.set(semver, file)
  }
  const tc = await toolCache()
  const semver = tc.evaluateVersions([...candidates.keys()], spec)
  return semver ? { semver, file: candidates.get(semver)! } : null
}
