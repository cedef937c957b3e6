// A host that runs the same program in both revisions: the same host build (the content hash of its folder and
// toolchain) and byte-identical guest modules. Timing one program twice per round would only add noise to its
// comparison, and through the native reference to every overhead, so it runs once per round for both revisions
// (docs/design.md, "Measurement").
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { BuildOutput } from '../types.js'
import { ROLES } from '../vocabulary.js'

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

/** Names of the hosts whose head and base builds run the same program. */
export function sameBuildHosts(head: BuildOutput, base: BuildOutput): Set<string> {
  const baseKeys = new Map(base.hosts.map(host => [host.name, host.key]))
  const same = head.hosts.filter(host => baseKeys.get(host.name) === host.key).map(host => host.name)
  return same.length > 0 && sameFile(head.guest.workload, base.guest.workload) && sameFile(head.guest.ffi, base.guest.ffi)
    ? new Set(same)
    : new Set()
}

/** One path (the build cache's), or two files with the same bytes. */
const sameFile = (a: string | null, b: string | null): boolean => a === b || (a !== null && b !== null && digest(a) === digest(b))

/** Same builds leave the rounds at the first look only when native is one: then it cancels from every overhead. */
export const sameBuildsLeave = (sameBuild: ReadonlySet<string>): boolean => sameBuild.has(ROLES.overheadReference)
