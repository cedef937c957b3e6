// What setup-go.ts and setup-python.ts share: the request (an input's version and download source), the
// installed result, and downloads through @actions/tool-cache whose failures name the toolchain and version.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import path from 'node:path'
import { archiveFormat } from './platform.js'

/** The version that means "the toolchain on PATH, as the workflow set it up". */
export const FROM_PATH = 'path'

/** Where setup-go and setup-python download from by default (their `go-download-base-url` and `mirror`). */
export const GO_DOWNLOAD_BASE_URL = 'https://go.dev/dl'
export const PYTHON_VERSIONS_MIRROR = 'https://raw.githubusercontent.com/actions/python-versions/main'

export interface ToolchainRequest {
  /** a version or range (1.26.8, 1.26, ^3.12), or FROM_PATH */
  version: string
  /** Go: the base URL of the release list and archives; Python: the base URL of versions-manifest.json */
  source: string
}

export interface ToolchainSettings {
  go: ToolchainRequest
  python: ToolchainRequest
}

/** The CLI and direct builds: whatever is on PATH. */
export const TOOLCHAINS_FROM_PATH: ToolchainSettings = {
  go: { version: FROM_PATH, source: GO_DOWNLOAD_BASE_URL },
  python: { version: FROM_PATH, source: PYTHON_VERSIONS_MIRROR }
}

/** A toolchain in the tool cache, ready for the host that needs it. */
export interface InstalledToolchain {
  /** the exact version, e.g. "1.26.8" */
  version: string
  /** its folder in the tool cache, e.g. <RUNNER_TOOL_CACHE>/go/1.26.8/x64 */
  dir: string
  executable: string
  /** what the host's processes (build, probe, measured runs) get on top of the run's environment */
  env: Record<string, string>
  /** "tool cache" or the URL it was downloaded from */
  origin: string
}

export class ToolchainError extends Error {
  constructor(toolchain: string, version: string, message: string) {
    super(`${toolchain} ${version}: ${message}`)
    this.name = 'ToolchainError'
  }
}

type ToolCache = typeof import('@actions/tool-cache')

/** @actions/tool-cache, loaded when a toolchain is set up (the CLI never needs it). */
export const toolCache = (): Promise<ToolCache> => import('@actions/tool-cache')

/** tool-cache's find, once it is clear there is a tool cache: RUNNER_TOOL_CACHE, which every runner sets. */
export async function findCached(tool: string, version: string, arch: string, input: string): Promise<string> {
  if (!process.env.RUNNER_TOOL_CACHE) {
    const name = tool === 'go' ? 'Go' : tool
    throw new ToolchainError(
      name,
      version,
      `there is no tool cache (RUNNER_TOOL_CACHE is not set); set ${input} to "${FROM_PATH}" to take the one on PATH`
    )
  }
  const tc = await toolCache()
  return tc.find(tool, version, arch)
}

/** Downloads `url` to a file named `fileName` in RUNNER_TEMP (the extractors pick the format by name). */
export async function download(url: string, fileName: string, fail: (message: string) => Error): Promise<string> {
  const tc = await toolCache()
  const temp = process.env.RUNNER_TEMP
  const dest = temp ? path.join(temp, randomUUID(), fileName) : undefined
  try {
    return await tc.downloadTool(url, dest)
  } catch (error) {
    const status = error instanceof tc.HTTPError ? `HTTP ${error.httpStatusCode}` : (error as Error).message
    throw fail(`download of ${url} failed: ${status}`)
  }
}

/** A JSON document (a release list or a manifest), downloaded and parsed. */
export async function downloadJson(url: string, fail: (message: string) => Error): Promise<unknown> {
  const file = await download(url, 'list.json', fail)
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown
  } catch {
    throw fail(`${url} is not JSON`)
  }
}

/** Extracts an archive by its format; returns the folder it was extracted into. */
export async function extract(file: string, fileName: string, fail: (message: string) => Error): Promise<string> {
  const tc = await toolCache()
  const format = archiveFormat(fileName)
  try {
    if (format === 'zip') return await tc.extractZip(file)
    if (format === 'tar.gz') return await tc.extractTar(file, undefined, 'xz')
    if (format === 'tar.xz') return await tc.extractTar(file, undefined, ['xJ'])
  } catch (error) {
    throw fail(`${fileName} could not be extracted: ${(error as Error).message}`)
  }
  throw fail(`${fileName} is not a .zip, .tar.gz or .tar.xz archive`)
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
