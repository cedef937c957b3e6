// Results that come from another run (a matrix job's artifact, possibly a fork's, or a cached baseline) are data
// nobody vouches for: every field the reports and the gate use is checked for its type and range, and a clean
// copy is built from the checked fields alone, so nothing unchecked travels on into the comment or the gate.
import { readFileSync, statSync } from 'node:fs'
import {
  Invalid,
  str,
  oneOf,
  bool,
  num,
  int,
  figure,
  nullable,
  optional,
  list,
  pair,
  obj,
  textMap,
  record,
  SAMPLES,
  hex,
  hostName,
  stats
} from './checks.js'
import { instructionCounts, renameOldPerCall } from './validate-instructions.js'
import { READABLE_SCHEMAS, RESULTS_SCHEMA, type Results } from '../types.js'
import { FFI_LOOP_NAMES, FFI_METRICS, GATE_GROUPS, METRIC_NAMES, PHASES, UNITS } from '../vocabulary.js'

export const LIMITS = {
  /** bytes of one results file (10,000 rounds of five hosts with every figure stay well below) */
  fileBytes: 32 * 1024 * 1024,
  /** results files in one report: one per OS and arch of the matrix */
  files: 16,
  hosts: 32,
  /** the most rounds the iterations input allows */
  samples: SAMPLES,
  comparisons: 1_000,
  sizes: 64,
  argv: 64,
  /** tools in a host's toolchain record */
  toolchains: 32,
  /** variables a host adds to its processes' environment */
  env: 32
} as const

/** RUNNER_OS values, and the platform names runnerInfo falls back to off a runner. */
const OS_NAMES = [
  'Linux',
  'macOS',
  'Windows',
  'linux',
  'darwin',
  'win32',
  'aix',
  'android',
  'freebsd',
  'haiku',
  'netbsd',
  'openbsd',
  'sunos',
  'cygwin'
] as const
/** RUNNER_ARCH values, and Node's arch names. */
const ARCH_NAMES = [
  'X64',
  'ARM64',
  'X86',
  'ARM',
  'x64',
  'arm64',
  'ia32',
  'arm',
  'loong64',
  'mips',
  'mipsel',
  'ppc',
  'ppc64',
  'riscv64',
  's390',
  's390x'
] as const

/** A `hosts` entry: a bundled name, or a host folder of the measured repository (a relative path). */
const hostEntry = str(200, /^[A-Za-z0-9._/-]+$/)

const scaling = obj({
  fixed_ms: figure(),
  per_item_ns: figure(),
  r2: figure(),
  points: list(obj({ size: int(1, 1e9), wall_ms: list(num(), LIMITS.samples) }), LIMITS.sizes),
  overhead_vs_native: obj({ fixed: nullable(figure()), per_item: nullable(figure()) })
})

const host = obj({
  name: hostName,
  runtime: str(100),
  version: str(100),
  argv: list(str(4000), LIMITS.argv),
  cwd: str(4000),
  env: optional(textMap(LIMITS.env, str(100), str(4000))),
  status: oneOf(['ok', 'failed'] as const),
  optional: bool,
  error: optional(str(4000)),
  output_sha256: nullable(hex(64)),
  workload: obj({
    wall_ms: nullable(stats),
    phases_ms: record(PHASES, nullable(stats)),
    overhead_vs_native: nullable(obj({ median: figure(), ci95: pair(figure()) })),
    // Results from before the launcher have no CPU times and no clock.
    cpu_ms: optional(nullable(obj({ user: stats, system: stats })))
  }),
  ffi: record(FFI_METRICS, nullable(stats)),
  ffi_loops: optional(nullable(record(FFI_LOOP_NAMES, nullable(stats)))),
  ffi_vs_rust: record(FFI_METRICS, optional(nullable(figure()))),
  scaling: nullable(scaling),
  toolchains: optional(textMap(LIMITS.toolchains, str(60), str(300))),
  // Results from before instruction counts have none.
  instructions: optional(nullable(instructionCounts))
})

const comparison = obj({
  host: hostName,
  metric: oneOf(METRIC_NAMES),
  unit: oneOf(UNITS),
  baseline_median: figure(),
  current_median: figure(),
  change: figure(),
  ci95: pair(figure()),
  ci_level: optional(num(0, 1)),
  p: figure(0, 1),
  p_adjusted: optional(figure(0, 1)),
  n: optional(int(0, LIMITS.samples)),
  verdict: oneOf(['regression', 'improvement', '~', 'inconclusive'] as const),
  gating: bool,
  note: optional(str(500))
})

const results = obj({
  schema: oneOf(READABLE_SCHEMAS),
  runner: obj({ os: oneOf(OS_NAMES), arch: oneOf(ARCH_NAMES), cpu: str(200), node: str(40) }),
  commit: hex(64),
  pr: nullable(int(1, 1e9)),
  created_at: str(40),
  config: obj({
    hosts: list(hostEntry, LIMITS.hosts),
    iterations: int(1, LIMITS.samples),
    warmup: int(0, LIMITS.samples),
    guest: nullable(str(4000)),
    wasm: nullable(str(4000)),
    guest_args: list(str(1000), LIMITS.argv),
    ffi: bool,
    sizes: list(int(1, 1e9), LIMITS.sizes)
  }),
  config_hash: str(128, /^[0-9A-Za-z]*$/),
  gate: obj({
    threshold: num(0, 10),
    baseline_threshold: num(0, 10),
    instructions_threshold: optional(num(0, 10)),
    alpha: num(0, 1),
    groups: list(oneOf(GATE_GROUPS), GATE_GROUPS.length),
    optional_hosts: list(hostName, LIMITS.hosts),
    fail_on_regression: bool,
    fail_on_inconclusive: optional(bool)
  }),
  harness: obj({
    spawn_ms: stats,
    clock: optional(obj({ source: oneOf(['launcher', 'node'] as const), note: nullable(str(300)) }))
  }),
  hosts: list(host, LIMITS.hosts),
  comparisons: list(comparison, LIMITS.comparisons),
  compared_with: obj({
    kind: oneOf(['revision', 'baseline', 'none'] as const),
    commit: nullable(hex(64)),
    source: str(300),
    note: nullable(str(1000)),
    rounds: int(0, LIMITS.samples),
    seconds: num(0),
    decided: bool
  }),
  base: nullable(obj({ commit: hex(64), hosts: list(host, LIMITS.hosts) })),
  baseline: nullable(obj({ source: str(300), commit: hex(64), cpu: str(200) })),
  baseline_note: nullable(str(1000)),
  baseline_saved: optional(bool),
  baseline_comparisons: list(comparison, LIMITS.comparisons),
  instructions: optional(
    obj({
      counter: nullable(str(100)),
      note: nullable(str(500)),
      runs: int(0, 100),
      processes: int(0, 100_000),
      parallel: int(0, 1024),
      seconds: num(0),
      process_seconds: num(0),
      analysis_seconds: optional(num(0))
    })
  ),
  verdict: oneOf(['pass', 'regression', 'error'] as const)
})

/** Why a results text was refused: `what` says it in words that follow the file's name. */
export type Refusal = { kind: 'size' | 'json' | 'schema' | 'field' | 'io'; what: string }
export type Validated = { results: Results; refused: null } | { results: null; refused: Refusal }

const refuse = (kind: Refusal['kind'], what: string): Validated => ({ results: null, refused: { kind, what } })

/** Checks parsed JSON; a refusal names the first field that is wrong and how. */
export function validateResults(value: unknown): Validated {
  const schema = (value as { schema?: unknown } | null)?.schema
  if (!(READABLE_SCHEMAS as readonly unknown[]).includes(schema)) {
    return refuse('schema', `has schema ${JSON.stringify(schema ?? null).slice(0, 60)}, expected "${RESULTS_SCHEMA}"`)
  }
  try {
    const current = schema === RESULTS_SCHEMA ? value : renameOldPerCall(value as Record<string, unknown>)
    return { results: { ...results(current, ''), schema: RESULTS_SCHEMA } as unknown as Results, refused: null }
  } catch (error) {
    if (error instanceof Invalid) return refuse('field', `is malformed at ${error.message}`)
    throw error
  }
}

/** Parses and checks a results text (a downloaded file, a cached baseline), bounded in size first. */
export function validateResultsText(text: string): Validated {
  if (text.length > LIMITS.fileBytes) return refuse('size', `is larger than ${LIMITS.fileBytes} bytes`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return refuse('json', `is not valid JSON (${(error as Error).message.slice(0, 120)})`)
  }
  return validateResults(parsed)
}

export function validateResultsFile(file: string): Validated {
  try {
    const size = statSync(file).size
    if (size > LIMITS.fileBytes) return refuse('size', `is ${size} bytes, more than the ${LIMITS.fileBytes} allowed`)
    return validateResultsText(readFileSync(file, 'utf8'))
  } catch (error) {
    return refuse('io', `is unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
}
