// What every toolchain and build step gets: where things are, the platform, the environment and a logger.
import type { ToolchainSettings } from './setup.js'

export interface BuildContext {
  /** the wasm-ffi-bench checkout (guest/ and hosts/) */
  repoRoot: string
  /** where built artefacts are cached, outside the checkout (platform.ts cacheRoot) */
  cacheRoot: string
  platform: NodeJS.Platform
  arch: string
  /** the environment for every child process (PATH decides which toolchains are found) */
  env: NodeJS.ProcessEnv
  /** the Go and Python to set up (go-version, python-version), or FROM_PATH */
  toolchains: ToolchainSettings
  log: (message: string) => void
}

export const MINUTE = 60_000
