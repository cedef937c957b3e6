// @actions/cache as one best-effort edge for the baselines and the build cache: a failure comes back as a
// warning string, never an exception, so a cache outage cannot fail a clean run or hide a regression.
import * as cache from '@actions/cache'
import { captureLibraryMessages } from './capture.js'

/**
 * @actions/cache's own check of the runner's cache service. @github/local-action replaces the library with a
 * stand-in that keeps caches in a local folder and has no such check: there the cache is always available.
 * Callers check this first; the functions below assume a service.
 */
export function cacheServiceAvailable(): boolean {
  return typeof cache.isFeatureAvailable === 'function' ? cache.isFeatureAvailable() : true
}

/** The lines the library logs instead of throwing: its failure, and (Twirp protocol) that a rate limit was hit. */
const LIBRARY_FAILURE = /^(Failed to (restore|save)|You've hit a rate limit)/

/** Turns the captured lines into one reason: what failed, and when a rate limit resets. */
function reason(messages: string[], fallback: string): string {
  const failed = messages.find(x => /^Failed to (restore|save)/.test(x))?.replace(/^Failed to (restore|save):\s*/, '')
  const rateLimit = messages.find(x => x.startsWith("You've hit a rate limit"))
  return [failed ?? (rateLimit ? null : fallback), rateLimit].filter(Boolean).join('; ')
}

/** The key restored (exact `key` first, else the newest with `restorePrefix`), null on a miss; a miss is no warning. */
export async function restorePaths(paths: string[], key: string, restorePrefix: string): Promise<{ hit: string | null; warning?: string }> {
  try {
    const { value: hit, messages } = await captureLibraryMessages(() => cache.restoreCache(paths, key, [restorePrefix]), LIBRARY_FAILURE)
    if (hit) return { hit }
    return messages.length ? { hit: null, warning: reason(messages, 'unknown error') } : { hit: null }
  } catch (error) {
    return { hit: null, warning: (error as Error).message }
  }
}

export async function savePaths(paths: string[], key: string): Promise<{ saved: boolean; warning?: string }> {
  try {
    const { value: id, messages } = await captureLibraryMessages(() => cache.saveCache(paths, key), LIBRARY_FAILURE)
    if (id === -1 || messages.length) return { saved: false, warning: reason(messages, 'the cache service did not accept the entry') }
    return { saved: true }
  } catch (error) {
    // ValidationError (bad key) and anything unexpected: still only a warning.
    return { saved: false, warning: (error as Error).message }
  }
}
