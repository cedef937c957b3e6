// The names of everything measured, defined once: phases, per-call metrics, compared metrics with their label,
// unit and gate group, and the roles two hosts play. Analysis, reports, exports and tests derive from these lists.
import type { HostName } from './host-registry.js'

/** In-process phases a host reports for the workload (report file `phases_ns`). */
export const PHASES = ['setup', 'compile', 'instantiate', 'execute'] as const
export type Phase = (typeof PHASES)[number]

/** Per-call figures a host reports from the ffi module (report file `ffi`). */
export const FFI_METRICS = ['export_noop_ns', 'export_add_ns', 'import_noop_ns', 'memory_copy_ns_per_kib'] as const
export type FfiMetric = (typeof FFI_METRICS)[number]

/** The empty-loop costs a host subtracts from its per-call figures (report file, beside `ffi`), with their labels. */
export const FFI_LOOPS = { loop_ns: 'host loop', guest_loop_ns: 'guest loop' } as const
export type FfiLoop = keyof typeof FFI_LOOPS
export const FFI_LOOP_NAMES = Object.keys(FFI_LOOPS) as FfiLoop[]

/** The loops of a host's ffi command, as its report's `calls` and its `--calls` option name them. */
export const HOST_LOOPS = ['loop', 'guest_loop', 'export_noop', 'export_add', 'import_noop', 'memory'] as const
export type HostLoop = (typeof HOST_LOOPS)[number]
/** The loop each per-call figure times, the empty loop whose cost it has subtracted, and the KiB it is per. */
export const FFI_METRIC_LOOPS: Record<FfiMetric, { loop: HostLoop; empty: FfiLoop; kib: number }> = {
  export_noop_ns: { loop: 'export_noop', empty: 'loop_ns', kib: 1 },
  export_add_ns: { loop: 'export_add', empty: 'loop_ns', kib: 1 },
  import_noop_ns: { loop: 'import_noop', empty: 'guest_loop_ns', kib: 1 },
  // one call with 1 MiB written into the guest's memory
  memory_copy_ns_per_kib: { loop: 'memory', empty: 'loop_ns', kib: 1024 }
}

export const UNITS = ['ms', 'ns', 'ns/KiB', 'ratio', 'instructions', 'instructions/KiB'] as const
export type Unit = (typeof UNITS)[number]

/** Groups of compared metrics that the `gate` input switches on; the others are shown only. */
export const GATE_GROUPS = ['overhead', 'per-call', 'instructions', 'per-call-instructions', 'wall-time', 'phases'] as const
export type GateGroup = (typeof GATE_GROUPS)[number]
/** What the product exists for: the overhead against native, the per-call costs, and each host's instruction count.
 *  Instructions per call are shown only by default: they vary by up to ~1.5% from run to run (docs/noise-study.md). */
export const DEFAULT_GATE_GROUPS: readonly GateGroup[] = ['overhead', 'per-call', 'instructions']

export type PhaseMetric = `phases_ms.${Phase}`
/** A per-call figure counted in instructions: named after the timed one without its time unit. */
type Untimed<M extends string> = M extends `${infer B}_ns_per_kib` ? `${B}_per_kib` : M extends `${infer B}_ns` ? B : M
/** The key of a per-call instruction count (results `instructions.per_call`): what it counts, with no time unit. */
export type PerCallCount = Untimed<FfiMetric>
export const PER_CALL_COUNTS: Record<FfiMetric, PerCallCount> = {
  export_noop_ns: 'export_noop',
  export_add_ns: 'export_add',
  import_noop_ns: 'import_noop',
  memory_copy_ns_per_kib: 'memory_copy_per_kib'
}
export const PER_CALL_COUNT_NAMES = FFI_METRICS.map(metric => PER_CALL_COUNTS[metric])
export type InstructionMetric = 'instructions' | `instructions.${PerCallCount}`
export type MetricName = 'overhead' | 'wall_ms' | FfiMetric | PhaseMetric | InstructionMetric | 'scaling.fixed_ms' | 'scaling.per_item_ns'

export interface MetricInfo {
  label: string
  unit: Unit
  /** the gate group that can make it gate, or null for a figure that is only ever shown */
  group: GateGroup | null
}

const FFI_INFO: Record<FfiMetric, Omit<MetricInfo, 'group'>> = {
  export_noop_ns: { label: 'export noop', unit: 'ns' },
  export_add_ns: { label: 'export add', unit: 'ns' },
  import_noop_ns: { label: 'import noop', unit: 'ns' },
  memory_copy_ns_per_kib: { label: 'memory copy', unit: 'ns/KiB' }
}

export const phaseMetric = (phase: Phase): PhaseMetric => `phases_ms.${phase}`
export const instructionMetric = (metric: FfiMetric): InstructionMetric => `instructions.${PER_CALL_COUNTS[metric]}`

export const METRICS: Record<MetricName, MetricInfo> = {
  overhead: { label: 'overhead', unit: 'ratio', group: 'overhead' },
  wall_ms: { label: 'wall time', unit: 'ms', group: 'wall-time' },
  ...(Object.fromEntries(FFI_METRICS.map(m => [m, { ...FFI_INFO[m], group: 'per-call' }])) as Record<FfiMetric, MetricInfo>),
  ...(Object.fromEntries(PHASES.map(p => [phaseMetric(p), { label: `${p} phase`, unit: 'ms', group: 'phases' }])) as Record<
    PhaseMetric,
    MetricInfo
  >),
  instructions: { label: 'instructions', unit: 'instructions', group: 'instructions' },
  ...(Object.fromEntries(
    FFI_METRICS.map(m => [
      instructionMetric(m),
      {
        label: `${FFI_INFO[m].label} (instructions)`,
        unit: FFI_INFO[m].unit === 'ns/KiB' ? 'instructions/KiB' : 'instructions',
        group: 'per-call-instructions'
      }
    ])
  ) as Record<Exclude<InstructionMetric, 'instructions'>, MetricInfo>),
  'scaling.fixed_ms': { label: 'scaling fixed', unit: 'ms', group: null },
  'scaling.per_item_ns': { label: 'scaling per item', unit: 'ns', group: null }
}

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[]

const TIME_UNITS: readonly Unit[] = ['ms', 'ns', 'ns/KiB']
/** Whether a metric's value is an absolute time, which says nothing across CPU models (instruction counts do). */
export const isAbsolute = (metric: MetricName): boolean => TIME_UNITS.includes(METRICS[metric].unit)

/** The two hosts with a role: the reference of the overhead, and the reference of per-call costs. */
export const ROLES = {
  /** the wasmtime CLI: every other host's overhead is its time over this one's, paired per round */
  overheadReference: 'native',
  /** the Rust embedding: per-call costs are shown as multiples of this one's */
  perCallReference: 'rust'
} as const satisfies Record<string, HostName>

/** What the role hosts are, for readers: "native" is not native code but the wasmtime CLI. */
export const ROLE_LABELS: Record<keyof typeof ROLES, string> = {
  overheadReference: 'wasmtime CLI',
  perCallReference: 'Rust embedding'
}

/** The layers a counted function belongs to (src/instructions/layers.ts), told from its symbol or source path. */
export const CODE_LAYERS = {
  host: 'host program',
  binding: 'binding',
  engine: 'wasmtime or V8',
  runtime: 'language runtime',
  jit: 'JIT-compiled code',
  unknown: 'unknown'
} as const
export type CodeLayer = keyof typeof CODE_LAYERS
export const CODE_LAYER_NAMES = Object.keys(CODE_LAYERS) as CodeLayer[]
