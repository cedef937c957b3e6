// What every toolchain and build step gets: where things are, the platform, the environment and a logger.
export interface BuildContext {
  /** the wasm-ffi-bench checkout (guest/ and hosts/) */
  repoRoot: string
  /** where built artefacts are cached, outside the checkout (platform.ts cacheRoot) */
  cacheRoot: string
  platform: NodeJS.Platform
  arch: string
  /** the environment for every child process (PATH decides which toolchains are found) */
  env: NodeJS.ProcessEnv
  log: (message: string) => void
}

export const MINUTE = 60_000
