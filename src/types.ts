// The typed data that flows between pipeline stages, and the results JSON contract (docs/design.md, "Results JSON").
import type { HostName } from './host-registry.js'
import type { CodeLayer, FfiLoop, FfiMetric, GateGroup, MetricName, PerCallCount, Phase, Unit } from './vocabulary.js'

export type { HostName }

// @3: per-call figures have their loop costs subtracted, and memory_copy_ns_per_kib replaces memory_ns_per_kib.
// @4: instructions per call are keyed by what they count (`export_add`), not by the timed figure (`export_add_ns`).
export const RESULTS_SCHEMA = 'wasm-ffi-bench/results@4'
/** Older schemas whose results are still read (stored baselines, artifacts): publish/validate-results.ts upgrades them. */
export const READABLE_SCHEMAS = ['wasm-ffi-bench/results@3', RESULTS_SCHEMA] as const

/** 'inconclusive': the sampling budget ran out before the interval cleared the threshold either way. */
export type Verdict = 'regression' | 'improvement' | '~' | 'inconclusive'
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

export interface CpuStats {
  user: Stats
  system: Stats
}

/** What timed the measured processes (SPEC.md, "Measurement"). */
export interface WallClock {
  /** "launcher": the native launcher (launcher/), spawn to wait; "node": Node's spawn to its 'exit' event */
  source: 'launcher' | 'node'
  /** why the launcher was not used, when it was not */
  note: string | null
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

/** Which process ran and how it ended: the same in the raw runs and in the results. */
export interface HostIdentity {
  name: string
  runtime: string
  version: string
  argv: string[]
  cwd: string
  /** what the host's processes get on top of the environment, PATH aside (the python host's site-packages on
   *  Windows): with argv and cwd it replays the measured process */
  env?: Record<string, string>
  status: 'ok' | 'failed'
  error?: string
  output_sha256: string | null
  /** every toolchain that shaped the figures: tool -> version (Go, Python, rustc, the binding, the guest's rustc...) */
  toolchains?: Record<string, string>
}

export interface HostResult extends HostIdentity {
  optional: boolean
  workload: {
    wall_ms: Stats | null
    phases_ms: PhaseStats
    overhead_vs_native: RatioEstimate | null
    /** user and system CPU time of the process, when the launcher timed it */
    cpu_ms: CpuStats | null
  }
  ffi: FfiStats
  /** ns per iteration of the loops whose cost the per-call figures have subtracted */
  ffi_loops?: Record<FfiLoop, Stats | null> | null
  /** per-call costs relative to the rust host (ratio - 1) */
  ffi_vs_rust: Partial<Record<keyof FfiStats, number | null>>
  scaling: ScalingFit | null
  /** instruction counts under valgrind, when they were counted (absent in results from before them) */
  instructions?: InstructionCounts | null
}

/** One host's instruction counts under valgrind's cachegrind (docs/design.md, "Instruction counts"). */
export interface InstructionCounts {
  /** instructions of one workload run */
  workload: Stats | null
  /** instructions per call of each per-call figure: the difference of two runs over the difference of their calls */
  per_call: Record<PerCallCount, Stats | null> | null
  /** why the host has no counts, when it failed under the counter */
  error?: string
  /** where the workload's instructions went (absent in results from before it) */
  functions?: FunctionCounts | null
  /** the functions behind the change against the base revision (same-job comparisons only) */
  function_changes?: FunctionChanges | null
}

/** A host's workload instructions by function, merged over its counted runs (medians). */
export interface FunctionCounts {
  total: number
  layers: Record<CodeLayer, number>
  /** the functions with the most instructions, most first */
  top: FunctionCount[]
}

export interface FunctionCount {
  /** the symbol; code without one (the guest's JIT-compiled code) is one entry, `NO_SYMBOL` */
  function: string
  layer: CodeLayer
  /** the source file and line with the most of its instructions, where debug info names them */
  file: string | null
  line: number | null
  instructions: number
}

/** A function whose count moved between base and head by more than the noise. */
export interface FunctionChange extends Omit<FunctionCount, 'instructions'> {
  base: number
  head: number
  /** head - base */
  delta: number
  /** delta / base; null for a function the base did not run */
  relative: number | null
  /** the entry on the other side of an inlining or a rename: one gone and one new (or grown) by about as much */
  pair?: string
}

export interface FunctionDiff {
  /** what a function must move by to be listed: the larger of the count's own jitter and the function's */
  noise: number
  changes: FunctionChange[]
  /** functions that moved, but not beyond the noise */
  within_noise: number
  /** the layers whose sum moved beyond the noise (absent in results from before it) */
  layers?: LayerChange[]
}

export interface LayerChange {
  layer: CodeLayer
  base: number
  head: number
  delta: number
}

export interface FunctionChanges {
  workload: FunctionDiff
  /** per call, from the ffi sets (instructions per call) */
  per_call: Partial<Record<PerCallCount, FunctionDiff>> | null
  /** a Python host's own functions, which the counts see as CPython's eval loop: the workload's source lines
   *  executed per Python function (counted outside valgrind; instructions/python-lines.ts) */
  python_lines?: FunctionDiff | null
}

/** How the instructions of a run were counted, or in one line why they were not. */
export interface InstructionRun {
  /** the counter and its version, e.g. "valgrind-3.19.0 cachegrind"; null when nothing was counted */
  counter: string | null
  note: string | null
  /** runs per host and revision */
  runs: number
  /** processes run under the counter, how many at once, the seconds they took, and the sum of their own seconds
   *  (about what running them one at a time would take: under valgrind each runs on one thread) */
  processes: number
  parallel: number
  seconds: number
  process_seconds: number
  /** seconds spent reading the out files' functions and comparing them (absent in results from before it) */
  analysis_seconds?: number
}

export interface Comparison {
  host: string
  metric: MetricName
  unit: Unit
  baseline_median: number
  current_median: number
  /** relative change of the median, e.g. 0.05 = 5% slower */
  change: number
  /** interval of the change; 95% unless `ci_level` says otherwise (a same-job look spends its share of alpha) */
  ci95: [number, number]
  ci_level?: number
  p: number
  /** Holm-adjusted p within its family (same-job comparisons) */
  p_adjusted?: number
  /** paired rounds (same-job comparisons) */
  n?: number
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
  harness: { spawn_ms: Stats; clock: WallClock }
  hosts: HostResult[]
  comparisons: Comparison[]
  /** what `comparisons` compare against, and how the sampling went */
  compared_with: ComparedWith
  /** the base revision's figures, measured in the same job (same-job comparisons only) */
  base: { commit: string; hosts: HostResult[] } | null
  /** the stored baseline: compared with when no base revision was measured, shown as context otherwise */
  baseline: { source: string; commit: string; cpu: string } | null
  baseline_note: string | null
  /** this run became the baseline (a push to the default branch, the CLI's first run): what a first run reports */
  baseline_saved?: boolean
  /** the comparisons with the stored baseline when they are context (a base revision was measured) */
  baseline_comparisons: Comparison[]
  /** absent in results from before instruction counts */
  instructions?: InstructionRun
  verdict: RunVerdict
}

export interface ComparedWith {
  kind: 'revision' | 'baseline' | 'none'
  /** the base revision's SHA or the baseline's commit */
  commit: string | null
  /** where it came from: "base of the pull request", "previous tip of main", a cache key or a file */
  source: string
  /** why this comparison was made, e.g. why the base revision could not be used */
  note: string | null
  /** measured rounds taken and the seconds they took */
  rounds: number
  seconds: number
  /** true when sampling stopped because every gating comparison was decided */
  decided: boolean
}

/** What shapes the measurement; hashed whole, it keys the baseline. */
export interface MeasureConfig {
  /** bundled host names and host folders of the user's repository (paths with a wasm-ffi-bench.host.json) */
  hosts: string[]
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
  /** smallest relative change that counts, as a fraction (0.03 = 3%), for a base measured in the same job */
  threshold: number
  /** the same for a comparison with the stored baseline (crosses runs and machines) */
  baseline_threshold: number
  /** the same for instruction counts, in the same job or against the baseline */
  instructions_threshold: number
  /** family-wise significance level over the gating comparisons */
  alpha: number
  /** the metric groups that gate; the others are shown only */
  groups: GateGroup[]
  /** hosts whose failure is shown but does not fail the run (names: a host folder's is its manifest's) */
  optional_hosts: string[]
  fail_on_regression: boolean
  /** fail the job when a run stays inconclusive (absent in results from before it: false) */
  fail_on_inconclusive?: boolean
}

/** A host ready to run: how to start its process for each job. */
export interface RunnableHost {
  name: string
  /** the content hash of the host's folder and toolchain: equal keys run the same host program */
  key: string
  /** argv (argv[0] is the executable) that runs the workload module with the guest args */
  workloadArgv(wasm: string, reportFile: string, guestArgs: string[]): string[]
  /** argv that runs the ffi micro-benchmarks, or null when the host cannot report per-call costs */
  ffiArgv(wasm: string, reportFile: string): string[] | null
  /** whether the workload run writes in-process phase times to the report file */
  reportsPhases: boolean
  cwd: string
  runtime: string
  version: string
  /** tool -> version of what built and runs this host, its binding included */
  toolchains: Record<string, string>
  /** added to the run's environment for this host's processes (a set-up Go or Python first on PATH) */
  env: Record<string, string>
  /** how the host runs under the instruction counter so that its count repeats: argv and environment */
  counted: { argv(argv: string[]): string[]; env: Record<string, string>; perCall: boolean; pythonLines: boolean }
}

export interface BuildFailure {
  name: string
  error: string
}

export interface GuestModules {
  workload: string
  /** null when the user supplied a prebuilt command module (`wasm`) and no ffi module exists */
  ffi: string | null
  /** the compiler that built them (none for a prebuilt module): part of every host's toolchain record */
  toolchains?: Record<string, string>
}

/** The native launcher that times measured processes, or why it could not be built. */
export type LauncherBuild = { path: string } | { path: null; error: string }

export interface BuildOutput {
  guest: GuestModules
  hosts: RunnableHost[]
  failures: BuildFailure[]
}

/** Raw samples from the runner, before analysis. Arrays are indexed by measured round. */
export interface RawHostRun extends HostIdentity {
  wall_ms: number[]
  phases_ns: Record<Phase, number[]> | null
  ffi: Record<FfiMetric, number[]> | null
  /** the empty-loop costs subtracted from the per-call figures, per ffi run (absent in results from before them) */
  ffi_loops?: Record<FfiLoop, number[]> | null
  /** CPU time per workload run, when the launcher timed it (null with the Node clock) */
  cpu_ms: { user: number[]; system: number[] } | null
  /** wall-time samples per workload size, when `sizes` is set */
  scaling: Array<{ size: number; wall_ms: number[] }> | null
  /** instruction counts per counted run, when instructions were counted */
  instructions?: RawInstructionCounts | null
  /** per workload run, the instructions the OS counted, where the launcher reads them (macOS; 0 in a virtual machine) */
  os_instructions?: number[]
}

export interface RawInstructionCounts {
  workload: number[]
  per_call: Record<PerCallCount, number[]> | null
  error?: string
  functions?: FunctionCounts | null
  function_changes?: FunctionChanges | null
}

export interface RawMeasurements {
  runner: RunnerInfo
  commit: string
  pr: number | null
  config: MeasureConfig
  spawn_ms: number[]
  clock: WallClock
  hosts: RawHostRun[]
}
