// Baselines in the Actions cache: their keys, and a directory holding one baseline.json, through the best-effort
// cache edge (cache.ts): every failure is a warning for the caller, never an exception.
import fs from 'node:fs'
import path from 'node:path'
import type { BaselineStore } from '../baseline-store.js'
import { READABLE_SCHEMAS, RESULTS_SCHEMA, type Results, type RunnerInfo } from '../types.js'
import { cacheServiceAvailable, restorePaths, savePaths } from './cache.js'

const UNAVAILABLE = 'the Actions cache service is not available (ACTIONS_CACHE_URL not set)'

/** The file a baseline directory holds. */
export const BASELINE_FILE = 'baseline.json'

export interface BaselineKeys {
  key: string
  restorePrefix: string
}

// Cache keys may not contain commas (the service splits on them); keep keys readable and unambiguous.
function clean(part: string): string {
  return part.trim().replace(/[^A-Za-z0-9._]+/g, '_')
}

/** 'wasm-ffi-bench/results@1' → 'results-v1' */
function schemaTag(schema: string): string {
  const [name, version] = schema.replace(/^.*\//, '').split('@')
  return version ? `${clean(name)}-v${clean(version)}` : clean(name)
}

export function baselineKey(parts: {
  prefix: string
  schema: string
  os: string
  arch: string
  configHash: string
  sha: string
}): BaselineKeys {
  const restorePrefix = `${parts.prefix.trim().replace(/[,\s]+/g, '_')}-${schemaTag(parts.schema)}-${clean(parts.os)}-${clean(parts.arch)}-${clean(parts.configHash)}-`
  return { key: `${restorePrefix}${clean(parts.sha)}`, restorePrefix }
}

/** Where @actions/cache resolves relative paths (tar runs there). */
function workspace(): string {
  return process.env.GITHUB_WORKSPACE ?? process.cwd()
}

/**
 * Restores the newest baseline whose key starts with `keys.restorePrefix` into `dir`, never the entry of this
 * commit (`keys.key`): a re-run of a push that saved its baseline before failing must not compare with itself.
 * The cache matches an exact key first, so only the prefix is asked for (as the key, which must be given, and as
 * the restore key); a restored entry that is this commit's own is removed again and reported.
 * `dir` must be the same string at save and restore: the cache version hashes the path as given. A relative
 * `dir` is taken from GITHUB_WORKSPACE (the runner's cwd). An old baseline.json in `dir` is removed first.
 */
export async function restoreBaseline(
  dir: string,
  keys: BaselineKeys
): Promise<{ hit: string | null; file: string | null; warning?: string }> {
  if (!cacheServiceAvailable()) return { hit: null, file: null, warning: UNAVAILABLE }
  const abs = path.resolve(workspace(), dir)
  const file = path.join(abs, BASELINE_FILE)
  try {
    fs.mkdirSync(abs, { recursive: true })
    // A stale file from an earlier step must not pass for the restored baseline.
    fs.rmSync(file, { force: true })
  } catch (error) {
    return { hit: null, file: null, warning: `baseline restore failed: ${(error as Error).message}` }
  }
  const { hit, warning } = await restorePaths([dir], keys.restorePrefix, keys.restorePrefix)
  if (!hit) return warning ? { hit: null, file: null, warning: `baseline restore failed: ${warning}` } : { hit: null, file: null }
  if (hit === keys.key) {
    fs.rmSync(file, { force: true })
    return {
      hit: null,
      file: null,
      warning: `the newest baseline in the cache (${hit}) is this commit's own, from an earlier attempt: a run is never compared with itself`
    }
  }
  if (!fs.existsSync(file)) return { hit, file: null, warning: `cache entry ${hit} holds no ${BASELINE_FILE}` }
  return { hit, file }
}

/**
 * Saves a baseline under `key`. `target` is the baseline directory or the baseline file inside it; either way the
 * directory is what is cached, so that restoreBaseline(dir) finds it.
 */
export async function saveBaseline(target: string, key: string): Promise<{ saved: boolean; warning?: string }> {
  if (!cacheServiceAvailable()) return { saved: false, warning: UNAVAILABLE }
  const abs = path.resolve(workspace(), target)
  const dir = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? target : path.dirname(target)
  if (!fs.existsSync(path.join(path.resolve(workspace(), dir), BASELINE_FILE)))
    return { saved: false, warning: `no ${BASELINE_FILE} in ${dir}` }
  const { saved, warning } = await savePaths([dir], key)
  return saved ? { saved } : { saved, warning: `baseline save failed: ${warning}` }
}

/** Relative, so that the cache version (which hashes the path) is the same on every runner of an OS. */
const BASELINE_DIR = path.join('.wasm-ffi-bench', 'baseline')

/** Baselines in the Actions cache, keyed by prefix, schema, OS, arch, config hash and the commit that saved them. */
export function cacheBaselineStore(opts: { prefix: string; runner: RunnerInfo; sha: string }): BaselineStore {
  const keysFor = (results: Results, schema: string = RESULTS_SCHEMA): BaselineKeys =>
    baselineKey({
      prefix: opts.prefix,
      schema,
      os: opts.runner.os,
      arch: opts.runner.arch,
      configHash: results.config_hash,
      sha: opts.sha
    })
  return {
    async load(current) {
      // The newest schema first; an older one's baseline is still read (validate-results.ts upgrades it).
      let restored = await restoreBaseline(BASELINE_DIR, keysFor(current))
      for (const schema of READABLE_SCHEMAS.filter(s => s !== RESULTS_SCHEMA).reverse()) {
        if (restored.file || restored.warning) break
        restored = await restoreBaseline(BASELINE_DIR, keysFor(current, schema))
      }
      if (!restored.file) return { warning: restored.warning ?? 'no baseline in the cache for this OS, arch and configuration' }
      return { text: fs.readFileSync(restored.file, 'utf8'), source: `cache key ${restored.hit}` }
    },
    async save(results) {
      const { key } = keysFor(results)
      try {
        fs.mkdirSync(path.resolve(workspace(), BASELINE_DIR), { recursive: true })
        fs.writeFileSync(path.join(path.resolve(workspace(), BASELINE_DIR), BASELINE_FILE), JSON.stringify(results))
      } catch (error) {
        return { warning: `baseline not written: ${(error as Error).message}` }
      }
      const saved = await saveBaseline(BASELINE_DIR, key)
      return saved.warning ? { warning: saved.warning } : { saved: key }
    }
  }
}
