// The built hosts, guest modules and wasmtime CLI in the Actions cache, so that a warm runner builds nothing.
// Best effort like the baseline: a cache failure is a warning and the build simply runs.
import * as cache from '@actions/cache'
import { cacheServiceAvailable } from './baseline.js'
import { captureLibraryMessages } from './capture.js'

export interface BuildCacheKeys {
  key: string
  restorePrefix: string
}

/** Returns the key restored (null on a miss) and a warning when the service failed. */
export async function restoreBuildCache(paths: string[], keys: BuildCacheKeys): Promise<{ hit: string | null; warning?: string }> {
  if (!cacheServiceAvailable()) return { hit: null }
  try {
    const { value, messages } = await captureLibraryMessages(() => cache.restoreCache(paths, keys.key, [keys.restorePrefix]), /^Failed to restore/)
    return messages.length ? { hit: null, warning: messages[0] } : { hit: value ?? null }
  } catch (error) {
    return { hit: null, warning: (error as Error).message }
  }
}

export async function saveBuildCache(paths: string[], key: string): Promise<{ warning?: string }> {
  if (!cacheServiceAvailable()) return {}
  try {
    const { value, messages } = await captureLibraryMessages(() => cache.saveCache(paths, key), /^Failed to save/)
    return value === -1 || messages.length ? { warning: messages[0] ?? 'the cache service did not accept the entry' } : {}
  } catch (error) {
    return { warning: (error as Error).message }
  }
}
