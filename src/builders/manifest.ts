// A host of the user's repository: a folder with a `wasm-ffi-bench.host.json` manifest (docs/host-interface.md).
// The manifest comes from the repository being measured, so it is untrusted data: every field is checked, and an
// error names the file and the field. Its argv arrays are run without a shell.
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const MANIFEST_FILE = 'wasm-ffi-bench.host.json'
/** The version of the host interface this harness speaks: the commands, the report JSON, the guest exports. */
export const HOST_INTERFACE = 1
/** The toolchains a manifest may ask for: the action sets them up (or finds them) as for the bundled host. */
export const MANIFEST_TOOLCHAINS = ['go', 'python', 'rust', 'node'] as const
export type ManifestToolchain = (typeof MANIFEST_TOOLCHAINS)[number]

export interface HostManifest {
  interface: number
  name: string
  runtime: string
  toolchain: ManifestToolchain | null
  /** argvs run one after another in the host's folder (a copy in the build cache); empty: nothing to build */
  build: string[][]
  /** the argv prefix the harness appends the interface's commands to */
  run: string[]
  ffi: boolean
  counted: { flags: string[]; env: Record<string, string>; perCall: boolean }
}

/** A bad manifest: the message names the file and the field. */
export class ManifestError extends Error {}

const NAME = /^[a-z][a-z0-9-]{0,39}$/
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/
const MAX_ARG = 4096
const MAX_ARGS = 64
const MAX_BUILD_STEPS = 8
const KNOWN = new Set(['$schema', 'interface', 'name', 'runtime', 'toolchain', 'build', 'run', 'ffi', 'counted', 'description'])

/** Whether a `hosts` entry names a folder (a path) rather than a bundled host. */
export function isHostFolder(entry: string): boolean {
  return entry.includes('/') || entry.includes('\\') || entry.startsWith('.')
}

/** The name of a host whose manifest is wrong: its `name` where that one is right, else from its folder. */
export function nameOfBroken(folder: string, entry: string): string {
  try {
    const name = (JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as { name?: unknown }).name
    if (typeof name === 'string' && NAME.test(name)) return name
  } catch {
    // no manifest, or not JSON: the folder names it
  }
  return fallbackName(entry)
}

/** A name for a host whose manifest could not be read, from its folder: "./bench/My_Host" -> "my-host". */
export function fallbackName(entry: string): string {
  const base = path.basename(entry.replace(/[\\/]+$/, '')).toLowerCase()
  const name = base
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
  return name || 'host'
}

/** Reads and checks `<folder>/wasm-ffi-bench.host.json`; `shown` is how the error names the folder. */
export function readManifest(folder: string, shown: string, reserved: readonly string[]): HostManifest {
  const file = `${shown.replace(/[\\/]+$/, '')}/${MANIFEST_FILE}`
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new ManifestError(`${shown}: no such folder`)
  const where = path.join(folder, MANIFEST_FILE)
  if (!existsSync(where)) throw new ManifestError(`${file}: not found (a host folder holds this manifest; docs/host-interface.md)`)
  let value: unknown
  try {
    value = JSON.parse(readFileSync(where, 'utf8'))
  } catch (error) {
    throw new ManifestError(`${file}: not valid JSON (${(error as Error).message})`)
  }
  return parseManifest(value, file, reserved)
}

export function parseManifest(value: unknown, file: string, reserved: readonly string[]): HostManifest {
  const fail = (field: string, message: string): never => {
    throw new ManifestError(`${file}: "${field}" ${message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestError(`${file}: must be a JSON object`)
  const m = value as Record<string, unknown>
  for (const key of Object.keys(m)) if (!KNOWN.has(key)) fail(key, `is not a field of the manifest (known: ${[...KNOWN].join(', ')})`)

  const version = m.interface ?? HOST_INTERFACE
  if (version !== HOST_INTERFACE)
    fail('interface', `must be ${HOST_INTERFACE} (the host interface this action speaks), got ${JSON.stringify(version)}`)
  if (typeof m.name !== 'string' || !NAME.test(m.name)) {
    fail('name', `must be 1-40 lower-case letters, digits or "-", starting with a letter, got ${JSON.stringify(m.name)}`)
  }
  const name = m.name as string
  if (reserved.includes(name)) fail('name', `"${name}" is a bundled host's name; choose another, e.g. "my-${name}"`)
  if (typeof m.runtime !== 'string' || !/^[\x20-\x7e]{1,40}$/.test(m.runtime)) {
    fail('runtime', `must be a label of 1-40 printable characters for the tables, e.g. "wasmtime-go", got ${JSON.stringify(m.runtime)}`)
  }
  const toolchain = m.toolchain ?? null
  if (toolchain !== null && !(MANIFEST_TOOLCHAINS as readonly unknown[]).includes(toolchain)) {
    fail('toolchain', `must be one of ${MANIFEST_TOOLCHAINS.join(', ')} (or left out), got ${JSON.stringify(toolchain)}`)
  }
  const run = argv(m.run, 'run', fail)
  let build: string[][] = []
  if (m.build !== undefined) {
    // One argv, or a list of them.
    const steps = Array.isArray(m.build) && m.build.every(Array.isArray) ? (m.build as unknown[]) : [m.build]
    if (steps.length > MAX_BUILD_STEPS) fail('build', `has more than ${MAX_BUILD_STEPS} steps`)
    build = steps.map((step, i) => argv(step, steps.length > 1 ? `build[${i}]` : 'build', fail))
  }
  const ffi = m.ffi ?? true
  if (typeof ffi !== 'boolean')
    fail('ffi', `must be true or false (whether the program has the \`ffi\` command), got ${JSON.stringify(ffi)}`)
  return {
    interface: HOST_INTERFACE,
    name,
    runtime: m.runtime as string,
    toolchain: toolchain as ManifestToolchain | null,
    build,
    run,
    ffi: ffi as boolean,
    counted: counted(m.counted, fail)
  }
}

type Fail = (field: string, message: string) => never

function argv(value: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ARGS) {
    fail(
      field,
      `must be an argument array of 1-${MAX_ARGS} strings, e.g. ["./host"], got ${JSON.stringify(value)?.slice(0, 80) ?? 'nothing'}`
    )
  }
  const args = value as unknown[]
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > MAX_ARG || arg.includes('\0')) {
      fail(`${field}[${i}]`, `must be a non-empty string, got ${JSON.stringify(arg)?.slice(0, 80) ?? 'nothing'}`)
    }
  })
  return args as string[]
}

function counted(value: unknown, fail: Fail): HostManifest['counted'] {
  if (value === undefined) return { flags: [], env: {}, perCall: true }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('counted', 'must be an object: { "flags", "env", "per_call" }')
  const c = value as Record<string, unknown>
  for (const key of Object.keys(c))
    if (!['flags', 'env', 'per_call'].includes(key)) fail(`counted.${key}`, 'is not a field (flags, env, per_call)')
  const flags = c.flags === undefined ? [] : argv(c.flags, 'counted.flags', fail)
  const env: Record<string, string> = {}
  if (c.env !== undefined) {
    if (typeof c.env !== 'object' || c.env === null || Array.isArray(c.env)) fail('counted.env', 'must be an object of names to strings')
    for (const [key, v] of Object.entries(c.env as object)) {
      if (!ENV_NAME.test(key) || /^PATH$/i.test(key)) fail(`counted.env.${key}`, 'is not an allowed variable name')
      if (typeof v !== 'string' || v.length > MAX_ARG) fail(`counted.env.${key}`, 'must be a string')
      env[key] = v as string
    }
  }
  const perCall = c.per_call ?? true
  if (typeof perCall !== 'boolean') fail('counted.per_call', 'must be true or false')
  return { flags, env, perCall: perCall as boolean }
}
