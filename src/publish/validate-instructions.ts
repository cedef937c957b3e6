// The instruction counts of a host in results from another run: checked like the rest (validate-results.ts), and
// @3's instructions per call, keyed by the timed figures' names, read under their @4 keys.
import { CODE_LAYER_NAMES, FFI_METRICS, PER_CALL_COUNT_NAMES, PER_CALL_COUNTS } from '../vocabulary.js'
import { MAX_NAME } from '../instructions/function-diff.js'
import { int, list, nullable, num, obj, oneOf, optional, record, stats, str } from './checks.js'

/** Functions in a host's listing or list of changes (src/instructions/function-diff.ts keeps 30 and 100). */
const FUNCTIONS = 200

/** A symbol from the binary: any text, shown only escaped. */
const functionFields = {
  function: str(MAX_NAME),
  layer: oneOf(CODE_LAYER_NAMES),
  file: nullable(str(MAX_NAME)),
  line: nullable(int(0, 1e9))
}

const functionDiff = obj({
  noise: num(0),
  changes: list(
    obj({ ...functionFields, base: num(), head: num(), delta: num(), relative: nullable(num()), pair: optional(str(MAX_NAME)) }),
    FUNCTIONS
  ),
  within_noise: int(0, 1e9),
  layers: optional(list(obj({ layer: oneOf(CODE_LAYER_NAMES), base: num(), head: num(), delta: num() }), CODE_LAYER_NAMES.length))
})

export const instructionCounts = obj({
  workload: nullable(stats),
  per_call: nullable(record(PER_CALL_COUNT_NAMES, nullable(stats))),
  error: optional(str(4000)),
  // Results from before the function listing have none.
  functions: optional(
    nullable(
      obj({
        total: num(0),
        layers: record(CODE_LAYER_NAMES, num()),
        top: list(obj({ ...functionFields, instructions: num() }), FUNCTIONS)
      })
    )
  ),
  function_changes: optional(
    nullable(
      obj({
        workload: functionDiff,
        per_call: nullable(record(PER_CALL_COUNT_NAMES, optional(functionDiff))),
        python_lines: optional(nullable(functionDiff))
      })
    )
  )
})

type Json = Record<string, unknown>

/**
 * @3 keyed instructions per call by the timed figures' names (`export_add_ns`): a copy with them renamed is
 * checked like @4 results, so the rest of the code reads one schema. Unknown keys are dropped by the check anyway.
 */
export function renameOldPerCall(value: Json): Json {
  const rename = (hosts: unknown): unknown =>
    Array.isArray(hosts)
      ? hosts.map((h: unknown) => {
          const counts = (h as Json | null)?.instructions as Json | null | undefined
          const perCall = counts?.per_call as Json | null | undefined
          if (!perCall || typeof perCall !== 'object') return h
          const renamed = Object.fromEntries(FFI_METRICS.map(metric => [PER_CALL_COUNTS[metric], perCall[metric]]))
          return { ...(h as Json), instructions: { ...counts, per_call: renamed } }
        })
      : hosts
  const base = value.base as Json | null | undefined
  return { ...value, hosts: rename(value.hosts), base: base && typeof base === 'object' ? { ...base, hosts: rename(base.hosts) } : base }
}
