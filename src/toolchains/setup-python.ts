// Python for the python host, as actions/setup-python sets it up: the runner's tool cache
// (Python/<version>/<arch>) first, else the actions/python-versions manifest from `python-mirror`, the build it
// lists for this OS, version and arch, installed into the tool cache by the archive's own setup script. The
// manifest carries no checksum (setup-python checks none): the build is taken as installed when the script wrote
// the tool cache's completion marker and the interpreter reports exactly the version the manifest named.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { IToolRelease } from '@actions/tool-cache'
import { MINUTE, type BuildContext } from './context.js'
import { describeFailure, exec } from '../process/exec.js'
import { prependList, pythonArch, pythonLayout, pythonSetupScript } from './platform.js'
import {
  download,
  downloadJson,
  extract,
  findCached,
  FROM_PATH,
  toolCache,
  ToolchainError,
  type InstalledToolchain,
  type ToolchainRequest
} from './setup.js'

const SETUP_TIMEOUT = 15 * MINUTE

export async function setupPython(request: ToolchainRequest, ctx: BuildContext): Promise<InstalledToolchain | null> {
  if (request.version === FROM_PATH) return null
  const arch = pythonArch(ctx.arch)
  let dir = await findCached('Python', request.version, arch, 'python-version')
  let origin = 'tool cache'
  if (!dir) ({ dir, origin } = await installPython(request, arch, ctx))
  const version = path.basename(path.dirname(dir))
  const layout = pythonLayout(dir, ctx.platform)
  const env = {
    ...prependList(ctx.env, 'PATH', layout.pathDirs, ctx.platform),
    ...(layout.libDir ? prependList(ctx.env, 'LD_LIBRARY_PATH', [layout.libDir], ctx.platform) : {})
  }
  const probe = 'import platform; print(platform.python_version())'
  const result = await exec(layout.executable, ['-c', probe], { env: { ...ctx.env, ...env }, timeoutMs: MINUTE })
  if (!result.ok || result.stdout.trim() !== version) {
    const reported = result.ok ? `Python ${result.stdout.trim()}` : describeFailure(layout.executable, result, MINUTE)
    throw new ToolchainError('Python', version, `${layout.executable} reports ${reported}, expected ${version}`)
  }
  ctx.log(`python: Python ${version} from ${origin}`)
  return { version, dir, executable: layout.executable, env, origin }
}

async function installPython(request: ToolchainRequest, arch: string, ctx: BuildContext): Promise<{ dir: string; origin: string }> {
  const manifestUrl = `${request.source}/versions-manifest.json`
  const manifest = parseManifest(await downloadJson(manifestUrl, m => new ToolchainError('Python', request.version, m)))
  const tc = await toolCache()
  const release = await tc.findFromManifest(request.version, false, manifest, arch)
  const file = release?.files[0]
  if (!release || !file) {
    throw new ToolchainError('Python', request.version, `${manifestUrl} lists no build for ${ctx.platform} ${arch} on this OS version`)
  }
  const fail = (message: string): Error => new ToolchainError('Python', release.version, message)
  ctx.log(`python: downloading ${file.download_url}`)
  const archive = await download(file.download_url, file.filename, fail)
  const extracted = await extract(archive, file.filename, fail)
  await runSetupScript(extracted, file.filename, ctx, fail)
  const dir = tc.find('Python', release.version, arch)
  if (!dir) throw fail(`the setup script of ${file.filename} did not install Python/${release.version}/${arch} into the tool cache`)
  return { dir, origin: file.download_url }
}

/** python-versions archives install themselves: setup.sh (setup.ps1 on Windows) copies the build into the tool cache. */
async function runSetupScript(extracted: string, fileName: string, ctx: BuildContext, fail: (m: string) => Error): Promise<void> {
  const script = pythonSetupScript(ctx.platform)
  if (!existsSync(path.join(extracted, script.file))) throw fail(`${fileName} has no ${script.file}: not a python-versions archive`)
  const env: NodeJS.ProcessEnv = { ...ctx.env, RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE }
  // The script prefers AGENT_TOOLSDIRECTORY; the tool cache that is searched afterwards is RUNNER_TOOL_CACHE.
  delete env.AGENT_TOOLSDIRECTORY
  if (ctx.platform === 'linux') Object.assign(env, prependList(ctx.env, 'LD_LIBRARY_PATH', [path.join(extracted, 'lib')], ctx.platform))
  ctx.log(`python: running ${script.file} of ${fileName}`)
  const result = await exec(script.argv[0], script.argv.slice(1), { cwd: extracted, env, timeoutMs: SETUP_TIMEOUT })
  if (!result.ok) throw fail(describeFailure(`${script.file} of ${fileName}`, result, SETUP_TIMEOUT))
}

/** The manifest's releases that have the fields tool-cache matches on; anything else in it is ignored. */
export function parseManifest(value: unknown): IToolRelease[] {
  if (!Array.isArray(value)) return []
  const text = (v: unknown): boolean => typeof v === 'string'
  return value
    .filter(r => r && text(r.version) && Array.isArray(r.files))
    .map(r => ({
      version: r.version as string,
      stable: r.stable !== false,
      release_url: text(r.release_url) ? (r.release_url as string) : '',
      files: (r.files as unknown[]).filter(
        (f): f is IToolRelease['files'][number] =>
          !!f && ['filename', 'platform', 'arch', 'download_url'].every(k => text((f as Record<string, unknown>)[k]))
      )
    }))
}
