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

export type Unit = 'ms' | 'ns' | 'ns/KiB' | 'ratio'

/** Groups of compared metrics that the `gate` input switches on; the others are shown only. */
export const GATE_GROUPS = ['overhead', 'per-call', 'wall-time', 'phases'] as const
export type GateGroup = (typeof GATE_GROUPS)[number]
/** What the product exists for: the overhead against native and the per-call costs. */
export const DEFAULT_GATE_GROUPS: readonly GateGroup[] = ['overhead', 'per-call']

export type PhaseMetric = `phases_ms.${Phase}`
export type MetricName = 'overhead' | 'wall_ms' | FfiMetric | PhaseMetric | 'scaling.fixed_ms' | 'scaling.per_item_ns'

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

export const METRICS: Record<MetricName, MetricInfo> = {
  overhead: { label: 'overhead', unit: 'ratio', group: 'overhead' },
  wall_ms: { label: 'wall time', unit: 'ms', group: 'wall-time' },
  ...(Object.fromEntries(FFI_METRICS.map(m => [m, { ...FFI_INFO[m], group: 'per-call' }])) as Record<FfiMetric, MetricInfo>),
  ...(Object.fromEntries(PHASES.map(p => [phaseMetric(p), { label: `${p} phase`, unit: 'ms', group: 'phases' }])) as Record<
    PhaseMetric,
    MetricInfo
  >),
  'scaling.fixed_ms': { label: 'scaling fixed', unit: 'ms', group: null },
  'scaling.per_item_ns': { label: 'scaling per item', unit: 'ns', group: null }
}

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[]

/** Whether a metric's value is an absolute time, which says nothing across CPU models. */
export const isAbsolute = (metric: MetricName): boolean => METRICS[metric].unit !== 'ratio'

/** The two hosts with a role: the reference of the overhead, and the reference of per-call costs. */
export const ROLES = {
  /** the wasmtime CLI: every other host's overhead is its time over this one's, paired per round */
  overheadReference: 'native',
  /** the Rust embedding: per-call costs are shown as multiples of this one's */
  perCallReference: 'rust'
} as const satisfies Record<string, HostName>
