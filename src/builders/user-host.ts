// A host of the user's repository as a HostSpec: built and cached like the bundled ones (builders/hosts.ts).
// Its folder is copied into the build cache and built there, so a build never writes into the checkout and a
// restored cache holds everything the host runs. Argv arrays only: nothing reaches a shell.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { MINUTE, type BuildContext } from '../toolchains/context.js'
import { describeFailure, exec, findOnPath } from '../process/exec.js'
import { cgoEnv, exeName } from '../toolchains/platform.js'
import { hostSpec, type HostSpec, type Toolchain } from '../host-registry.js'
import type { HostManifest } from './manifest.js'
import { sourceFiles } from './hash.js'

const BUILD_TIMEOUT = 30 * MINUTE
/** Where a built host's copy of its folder lives inside its cache folder. */
const COPY = 'host'

/** The toolchain's programs that a manifest's argv[0] may name: the one the action set up is used. */
const TOOL_ALIASES: Record<string, string> = { go: 'go', python: 'python', python3: 'python', cargo: 'cargo', node: 'node' }

export function userHostSpec(manifest: HostManifest, folder: string): HostSpec {
  const runFolder = (outDir: string) => (outDir ? path.join(outDir, COPY) : folder)
  const spec: HostSpec = {
    name: manifest.name,
    folder,
    runtime: manifest.runtime,
    runtimeFromManifest: true,
    reportsPhases: true,
    ffi: manifest.ffi,
    async toolchain(ctx) {
      const base = manifest.toolchain ? await hostSpec(manifest.toolchain)!.toolchain(ctx) : { versions: {}, tools: {}, env: {} }
      // The programs the manifest starts, wherever found, are part of the cache key.
      const env = { ...ctx.env, ...base.env }
      const tools: Record<string, string> = { ...base.tools }
      for (const [i, argv] of [...manifest.build, manifest.run].entries()) {
        const program = argv[0]
        if (toolOf(program, base) || isPath(program)) continue
        const found = findOnPath(program, env, ctx.platform)
        if (!found) throw new Error(`${manifestField(manifest, i)}[0] "${program}" is not on PATH (nor a path in the host's folder)`)
        tools[program] = found
      }
      return { versions: base.versions, tools, env: base.env }
    },
    command: (ctx, tc, outDir) => resolveArgv(manifest.run, runFolder(outDir), tc, ctx),
    cwd: (_ctx, outDir) => runFolder(outDir),
    counted: {
      flags: manifest.counted.flags,
      env: manifest.counted.env,
      ...(manifest.counted.perCall ? {} : { perCall: false as const }),
      // A script run by the Python the action set up: its functions are named by a line-count run.
      ...(manifest.toolchain === 'python' && TOOL_ALIASES[manifest.run[0]] === 'python' ? { pythonLines: true as const } : {})
    }
  }
  if (manifest.build.length > 0) {
    spec.build = async (ctx, tc, outDir) => {
      const copy = path.join(outDir, COPY)
      // The files the cache key covers, and only those: no build output or local state of the checkout.
      for (const file of sourceFiles(folder)) {
        mkdirSync(path.dirname(path.join(copy, file)), { recursive: true })
        copyFileSync(path.join(folder, file), path.join(copy, file))
      }
      const env = { ...ctx.env, ...(manifest.toolchain === 'go' ? cgoEnv(ctx.platform).env : {}) }
      for (const [i, step] of manifest.build.entries()) {
        const argv = resolveArgv(step, copy, tc, ctx)
        ctx.log(`${manifest.name}: ${step.join(' ')}`)
        const result = await exec(argv[0], argv.slice(1), { cwd: copy, env, timeoutMs: BUILD_TIMEOUT })
        if (!result.ok) throw new Error(describeFailure(`${manifestField(manifest, i)} (${step.join(' ')})`, result, BUILD_TIMEOUT))
      }
    }
  }
  return spec
}

function manifestField(manifest: HostManifest, i: number): string {
  if (i >= manifest.build.length) return 'run'
  return manifest.build.length > 1 ? `build[${i}]` : 'build'
}

const isPath = (arg: string): boolean => arg.includes('/') || arg.includes('\\')

function toolOf(program: string, tc: Toolchain): string | undefined {
  const alias = TOOL_ALIASES[program]
  return alias ? tc.tools[alias] : undefined
}

/**
 * argv[0]: the toolchain's program it names, a path in the folder, or a program on PATH. Every other argument
 * that names a file or folder in the host's folder becomes its absolute path (the run's cwd is the folder too,
 * but the instruction counter and a replay need not be).
 */
function resolveArgv(argv: string[], folder: string, tc: Toolchain, ctx: BuildContext): string[] {
  const [program, ...args] = argv
  let first = toolOf(program, tc) ?? (isPath(program) ? path.resolve(folder, program) : (tc.tools[program] ?? program))
  if (isPath(program) && !existsSync(first) && existsSync(exeName(first, ctx.platform))) first = exeName(first, ctx.platform)
  return [
    first,
    ...args.map(arg => (!arg.startsWith('-') && !path.isAbsolute(arg) && existsSync(path.join(folder, arg)) ? path.join(folder, arg) : arg))
  ]
}
