// The typed data that flows between pipeline stages, and the results JSON contract (docs/design.md, "Results JSON").
import type { HostName } from './host-registry.js'
import type { FfiMetric, GateGroup, MetricName, Phase, Unit } from './vocabulary.js'

export type { HostName }

export const RESULTS_SCHEMA = 'wasm-ffi-bench/results@1'

export type Verdict = 'regression' | 'improvement' | '~'
export type RunVerdict = 'pass' | 'regression' | 'error'

/** Descriptive statistics of one metric, always with the raw samples. */
export interface Stats {
  samples: number[]
  n: number
  mean: number
  median: number
  min: number
  max: number
  sd: number
  mad: number
  /** 95% confidence interval of the median (distribution-free, order statistics). */
  ci95: [number, number]
  /** Samples outside median ± 3·1.4826·MAD. */
  outliers: number
}

export interface RatioEstimate {
  median: number
  ci95: [number, number]
}

export type PhaseStats = Record<Phase, Stats | null>

export type FfiStats = Record<FfiMetric, Stats | null>

/** time = fixed + per_item * size, fitted per host over the `sizes` runs. */
export interface ScalingFit {
  fixed_ms: number
  per_item_ns: number
  r2: number
  /** wall-time samples per size */
  points: Array<{ size: number; wall_ms: number[] }>
  /** fixed and per-item cost relative to native (ratio - 1), when native ran */
  overhead_vs_native: { fixed: number | null; per_item: number | null }
}

export interface HostResult {
  name: string
  runtime: string
  version: string
  argv: string[]
  cwd: string
  status: 'ok' | 'failed'
  optional: boolean
  error?: string
  output_sha256: string | null
  workload: {
    wall_ms: Stats | null
    phases_ms: PhaseStats
    overhead_vs_native: RatioEstimate | null
  }
  ffi: FfiStats
  /** per-call costs relative to the rust host (ratio - 1) */
  ffi_vs_rust: Partial<Record<keyof FfiStats, number | null>>
  scaling: ScalingFit | null
}

export interface Comparison {
  host: string
  metric: MetricName
  unit: Unit
  baseline_median: number
  current_median: number
  /** relative change of the median, e.g. 0.05 = 5% slower */
  change: number
  ci95: [number, number]
  p: number
  verdict: Verdict
  /** false when the metric is shown only (absolute time on a different CPU) */
  gating: boolean
  note?: string
}

export interface RunnerInfo {
  os: string
  arch: string
  cpu: string
  node: string
}

export interface Results {
  schema: typeof RESULTS_SCHEMA
  runner: RunnerInfo
  commit: string
  /** pull request number, when the run belongs to one; a report checks it against the event, never comments by it */
  pr: number | null
  created_at: string
  config: MeasureConfig
  config_hash: string
  gate: GateSettings
  harness: { spawn_ms: Stats }
  hosts: HostResult[]
  comparisons: Comparison[]
  baseline: { source: string; commit: string; cpu: string } | null
  baseline_note: string | null
  verdict: RunVerdict
}

/** What shapes the measurement; hashed whole, it keys the baseline. */
export interface MeasureConfig {
  hosts: HostName[]
  iterations: number
  warmup: number
  guest: string | null
  wasm: string | null
  guest_args: string[]
  ffi: boolean
  sizes: number[]
}

/** How results are judged: not part of the measurement, so not part of its hash. */
export interface GateSettings {
  /** smallest relative change that counts, as a fraction (0.1 = 10%) */
  threshold: number
  /** family-wise significance level over the gating comparisons */
  alpha: number
  /** the metric groups that gate; the others are shown only */
  groups: GateGroup[]
  /** hosts whose failure is shown but does not fail the run */
  optional_hosts: HostName[]
  fail_on_regression: boolean
}

/** A host ready to run: how to start its process for each job. */
export interface RunnableHost {
  name: string
  /** argv (argv[0] is the executable) that runs the workload module with the guest args */
  workloadArgv(wasm: string, reportFile: string, guestArgs: string[]): string[]
  /** argv that runs the ffi micro-benchmarks, or null when the host cannot report per-call costs */
  ffiArgv(wasm: string, reportFile: string): string[] | null
  /** whether the workload run writes in-process phase times to the report file */
  reportsPhases: boolean
  cwd: string
  runtime: string
  version: string
}

export interface BuildFailure {
  name: string
  error: string
}

export interface GuestModules {
  workload: string
  /** null when the user supplied a prebuilt command module (`wasm`) and no ffi module exists */
  ffi: string | null
}

export interface BuildOutput {
  guest: GuestModules
  hosts: RunnableHost[]
  failures: BuildFailure[]
}

/** Raw samples from the runner, before analysis. Arrays are indexed by measured round. */
export interface RawHostRun {
  name: string
  runtime: string
  version: string
  argv: string[]
  cwd: string
  status: 'ok' | 'failed'
  error?: string
  output_sha256: string | null
  wall_ms: number[]
  phases_ns: Record<Phase, number[]> | null
  ffi: Record<FfiMetric, number[]> | null
  /** wall-time samples per workload size, when `sizes` is set */
  scaling: Array<{ size: number; wall_ms: number[] }> | null
}

export interface RawMeasurements {
  runner: RunnerInfo
  commit: string
  pr: number | null
  config: MeasureConfig
  spawn_ms: number[]
  hosts: RawHostRun[]
}
