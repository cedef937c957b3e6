// Baselines in the Actions cache (@actions/cache). The cache is best-effort: every failure becomes a warning
// string for the caller, never an exception, so a cache outage cannot fail a clean run or hide a regression.
import fs from 'node:fs'
import path from 'node:path'
import * as cache from '@actions/cache'
import { captureLibraryMessages } from './capture.js'

/**
 * @actions/cache's own check of the runner's cache service. @github/local-action replaces the library with a
 * stand-in that keeps caches in a local folder and has no such check: there the cache is always available.
 */
export function cacheServiceAvailable(): boolean {
  return typeof cache.isFeatureAvailable === 'function' ? cache.isFeatureAvailable() : true
}

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

export function baselineKey(parts: { prefix: string; schema: string; os: string; arch: string; configHash: string; sha: string }): BaselineKeys {
  const restorePrefix = `${parts.prefix.trim().replace(/[,\s]+/g, '_')}-${schemaTag(parts.schema)}-${clean(parts.os)}-${clean(parts.arch)}-${clean(parts.configHash)}-`
  return { key: `${restorePrefix}${clean(parts.sha)}`, restorePrefix }
}

/** Where @actions/cache resolves relative paths (tar runs there). */
function workspace(): string {
  return process.env.GITHUB_WORKSPACE ?? process.cwd()
}

function reason(messages: string[], fallback: string): string {
  const m = messages.find(x => /Failed to (restore|save)/.test(x)) ?? messages[0]
  return m ? m.replace(/^Failed to (restore|save):\s*/, '') : fallback
}

/**
 * Restores the newest baseline whose key starts with `keys.restorePrefix` (an exact `keys.key` wins) into `dir`.
 * `dir` must be the same string at save and restore: the cache version hashes the path as given. A relative
 * `dir` is taken from GITHUB_WORKSPACE (the runner's cwd). An old baseline.json in `dir` is removed first.
 */
export async function restoreBaseline(dir: string, keys: BaselineKeys): Promise<{ hit: string | null; file: string | null; warning?: string }> {
  if (!cacheServiceAvailable()) return { hit: null, file: null, warning: 'the Actions cache service is not available (ACTIONS_CACHE_URL not set)' }
  const abs = path.resolve(workspace(), dir)
  try {
    fs.mkdirSync(abs, { recursive: true })
    // A stale file from an earlier step must not pass for the restored baseline.
    fs.rmSync(path.join(abs, BASELINE_FILE), { force: true })
    const { value: hit, messages } = await captureLibraryMessages(
      () => cache.restoreCache([dir], keys.key, [keys.restorePrefix]),
      /^Failed to restore/
    )
    if (!hit) return messages.length ? { hit: null, file: null, warning: `baseline restore failed: ${reason(messages, 'unknown error')}` } : { hit: null, file: null }
    const file = path.join(abs, BASELINE_FILE)
    if (!fs.existsSync(file)) return { hit, file: null, warning: `cache entry ${hit} holds no ${BASELINE_FILE}` }
    return { hit, file }
  } catch (error) {
    return { hit: null, file: null, warning: `baseline restore failed: ${(error as Error).message}` }
  }
}

/**
 * Saves a baseline under `key`. `target` is the baseline directory or the baseline file inside it; either way the
 * directory is what is cached, so that restoreBaseline(dir) finds it.
 */
export async function saveBaseline(target: string, key: string): Promise<{ saved: boolean; warning?: string }> {
  if (!cacheServiceAvailable()) return { saved: false, warning: 'the Actions cache service is not available (ACTIONS_CACHE_URL not set)' }
  try {
    const abs = path.resolve(workspace(), target)
    const dir = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? target : path.dirname(target)
    if (!fs.existsSync(path.join(path.resolve(workspace(), dir), BASELINE_FILE))) return { saved: false, warning: `no ${BASELINE_FILE} in ${dir}` }
    const { value: id, messages } = await captureLibraryMessages(() => cache.saveCache([dir], key), /^Failed to save/)
    if (id === -1 || messages.length) return { saved: false, warning: `baseline save failed: ${reason(messages, 'the cache service did not accept the entry')}` }
    return { saved: true }
  } catch (error) {
    // ValidationError (bad key) and anything unexpected: still only a warning.
    return { saved: false, warning: `baseline save failed: ${(error as Error).message}` }
  }
}
