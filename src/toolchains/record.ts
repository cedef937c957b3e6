// The toolchain record of a host (HostIdentity.toolchains): shown in the report's details, and compared with the
// baseline's so that figures measured with other toolchains are never taken as like for like.
import type { HostResult } from '../types.js'

export const NOTE_OTHER_TOOLCHAINS = 'baseline measured with other toolchains'

/** "go 1.26.8, wasmtime-go 39.0.1" */
export function formatToolchain(record: Record<string, string>): string {
  return Object.entries(record)
    .map(([tool, version]) => `${tool} ${version}`)
    .join(', ')
}

/** A record as read from a results file: tool -> version, both strings, or null when it is anything else. */
export function asRecord(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null
  const entries = Object.entries(value as Record<string, unknown>)
  return entries.every(([, v]) => typeof v === 'string') ? (Object.fromEntries(entries) as Record<string, string>) : null
}

/** What differs from the baseline's toolchain, e.g. ["python 3.12.1 → 3.13.0"]; empty when nothing does (or nothing is known now). */
export function toolchainChanges(current: unknown, baseline: unknown): string[] {
  const now = asRecord(current)
  if (!now) return []
  const then = asRecord(baseline)
  if (!then) return ['not recorded in the baseline']
  const tools = [...new Set([...Object.keys(then), ...Object.keys(now)])].sort()
  return tools.filter(tool => now[tool] !== then[tool]).map(tool => `${tool} ${then[tool] ?? 'none'} → ${now[tool] ?? 'none'}`)
}

/** Per host measured on both sides whose toolchain changed since the baseline: the changes. */
export function toolchainDifferences(current: HostResult[], baseline: HostResult[]): Map<string, string[]> {
  const differences = new Map<string, string[]>()
  for (const host of current) {
    const base = baseline.find(b => b.name === host.name)
    const changes = base ? toolchainChanges(host.toolchains, base.toolchains) : []
    if (changes.length > 0) differences.set(host.name, changes)
  }
  return differences
}

/** The note on each comparison of a host whose toolchain changed. */
export function hostToolchainNote(changes: string[]): string {
  return `toolchain differs from the baseline: ${changes.join(', ')}`
}

/** The note on the run: "baseline measured with other toolchains (python: python 3.12.1 → 3.13.0)", or null. */
export function runToolchainNote(differences: Map<string, string[]>): string | null {
  if (differences.size === 0) return null
  const hosts = [...differences.entries()].map(([host, changes]) => `${host}: ${changes.join(', ')}`)
  return `${NOTE_OTHER_TOOLCHAINS} (${hosts.join('; ')})`
}
