// THE table of inputs: the action's inputs (action.yml is generated from it by scripts/sync-action.ts), the CLI's
// flags and its usage text all come from here, and a test checks action.yml, docs/inputs.md and the README against it.
import { HOST_NAMES } from './host-registry.js'
import { FROM_PATH, GO_DOWNLOAD_BASE_URL, PYTHON_VERSIONS_MIRROR } from './toolchains/setup.js'
import { GO_VERSION, PYTHON_VERSION } from './versions.js'
import { DEFAULT_GATE_GROUPS, GATE_GROUPS } from './vocabulary.js'

export interface InputSpec {
  name: string
  description: string
  /** present when the action has this input: its default in action.yml */
  action?: { default: string }
  /** present when the CLI has this flag: a value flag shows `arg` in the usage, a switch takes none */
  cli?: { arg: string } | { switch: true; default: 'true' | 'false'; negatable?: boolean }
}

export const INPUTS = [
  {
    name: 'mode',
    description: "run: build, measure, compare, upload results. report: gather every OS's results of the run, write one PR comment, gate.",
    action: { default: 'run' }
  },
  {
    name: 'hosts',
    description: `Comma-separated hosts to measure: ${HOST_NAMES.join(', ')}, and host folders of your repository (a path holding a wasm-ffi-bench.host.json, e.g. ./bench/my-go-host; docs/host-interface.md).`,
    action: { default: HOST_NAMES.join(',') },
    cli: { arg: 'LIST' }
  },
  {
    name: 'optional-hosts',
    description: "Hosts whose build or run failure is reported but does not fail the job (a host folder by its manifest's name).",
    action: { default: '' },
    cli: { arg: 'LIST' }
  },
  {
    name: 'iterations',
    description:
      'Measured rounds at most (the time budget usually ends the sampling first); in each round every host runs once per revision, in a shuffled order, and once for both when its build is the same.',
    action: { default: '1000' },
    cli: { arg: 'N' }
  },
  { name: 'warmup', description: 'Warm-up rounds before measuring.', action: { default: '2' }, cli: { arg: 'N' } },
  {
    name: 'guest',
    description:
      'Path of your own Rust guest crate (a bin target is the workload; an optional cdylib named ffi gives per-call costs). Empty means the bundled guest.',
    action: { default: '' },
    cli: { arg: 'DIR' }
  },
  {
    name: 'wasm',
    description: 'Path of a prebuilt WASI command module (.wasm) to measure instead of a guest crate.',
    action: { default: '' },
    cli: { arg: 'FILE' }
  },
  {
    name: 'guest-args',
    description: 'Arguments passed to the workload module, separated by spaces (never through a shell).',
    action: { default: '' },
    cli: { arg: '"A B"' }
  },
  {
    name: 'ffi',
    description: 'Run the per-call micro-benchmarks (export call, import call, memory round trip).',
    action: { default: 'true' },
    cli: { switch: true, default: 'true', negatable: true }
  },
  {
    name: 'sizes',
    description: 'Optional comma-separated workload sizes (e.g. 10000,100000,999999) to fit fixed and per-item cost per host.',
    action: { default: '' },
    cli: { arg: 'A,B,C' }
  },
  {
    name: 'compare',
    description:
      'What the run is compared with: auto (the base of a pull request, the previous tip on a push, both measured in this job; the stored baseline otherwise), baseline (the stored baseline of the default branch), or none.',
    action: { default: 'auto' }
  },
  {
    name: 'time-budget-minutes',
    description:
      'Minutes for measuring: the timed rounds and, on Linux, the instruction counts. The rounds stop when every gating comparison is decided or when the budget is spent (never before their first look); what is undecided then is inconclusive.',
    action: { default: '3.5' },
    cli: { arg: 'MIN' }
  },
  {
    name: 'instructions',
    description:
      "Count each host's instructions, a second gate: auto (Linux: under valgrind's cachegrind, when valgrind is on PATH or, on a runner, installable with apt; macOS: the kernel's count of each timed run, on a Mac that is not a virtual machine) or off. Where nothing is counted, one line says why.",
    action: { default: 'auto' },
    cli: { arg: 'auto|off' }
  },
  {
    name: 'instruction-runs',
    description: 'Workload runs per host and revision under the instruction counter (the per-call figures take one set of ffi runs).',
    action: { default: '3' },
    cli: { arg: 'N' }
  },
  {
    name: 'instructions-threshold',
    description: 'Smallest change of an instruction count, in percent, that counts as a regression (every head run beyond every base run).',
    action: { default: '0.5' },
    cli: { arg: 'PCT' }
  },
  {
    name: 'function-lists',
    description:
      "Whose function lists (the functions behind an instruction change, head against base) the report shows: changed (the hosts whose instruction count changed) or all (every host compared with its base). The results JSON keeps every host's.",
    action: { default: 'changed' },
    cli: { arg: 'WHICH' }
  },
  {
    name: 'threshold',
    description:
      'Smallest change, in percent, that counts as a regression when it is also significant, for a base measured in the same job.',
    action: { default: '1' },
    cli: { arg: 'PCT' }
  },
  {
    name: 'baseline-threshold',
    description: 'The same for a comparison with the stored baseline, which crosses runs and machines and so needs a wider margin.',
    action: { default: '10' },
    cli: { arg: 'PCT' }
  },
  {
    name: 'alpha',
    description: 'Family-wise significance level over the gating comparisons of a run: a false red on one OS has at most half this chance.',
    action: { default: '0.01' },
    cli: { arg: 'P' }
  },
  {
    name: 'gate',
    description: `Comma-separated groups of metrics that gate (${GATE_GROUPS.join(', ')}); the others are shown only.`,
    action: { default: DEFAULT_GATE_GROUPS.join(',') },
    cli: { arg: 'LIST' }
  },
  {
    name: 'fail-on-regression',
    description: 'Fail the job (the CLI: exit 1) when a gating metric regresses.',
    action: { default: 'true' },
    cli: { switch: true, default: 'false' }
  },
  {
    name: 'fail-on-inconclusive',
    description:
      'Also fail the job when a run stays inconclusive: the time budget ran out before every gating comparison was decided, or nothing was compared.',
    action: { default: 'false' },
    cli: { switch: true, default: 'false' }
  },
  {
    name: 'history-runs',
    description:
      "Default-branch runs whose results the trend reads (the report job: the results artifacts of this workflow's last successful pushes, with actions: read; the CLI: its history files); 0 turns the trend and the dashboard off.",
    action: { default: '20' },
    cli: { arg: 'N' }
  },
  {
    name: 'drift-threshold',
    description: "Rise of a host's instruction count over the trend's window, in percent, that is warned about as drift (never a gate).",
    action: { default: '2' },
    cli: { arg: 'PCT' }
  },
  {
    name: 'comment',
    description: 'When the report job writes the PR comment: always, on-regression or never.',
    action: { default: 'always' }
  },
  {
    name: 'github-token',
    description:
      "Token for the PR comment and for reading the triggering run's artifacts (workflow_run). Needs pull-requests write and actions read.",
    action: { default: '${{ github.token }}' }
  },
  {
    name: 'save-baseline',
    description: 'Save this run as the baseline: auto (pushes to the default branch only), always, or never.',
    action: { default: 'auto' }
  },
  {
    name: 'baseline-key-prefix',
    description: 'Prefix of the Actions cache keys that hold the baselines.',
    action: { default: 'wasm-ffi-bench' }
  },
  {
    name: 'go-version',
    description: `Go for the go host, as actions/setup-go sets it up: a version or range from the runner's tool cache or Go's downloads, or "${FROM_PATH}" for the go the workflow put on PATH.`,
    action: { default: GO_VERSION }
  },
  {
    name: 'go-download-base-url',
    description:
      "Where Go's release list (?mode=json&include=all) and archives are downloaded from (setup-go's input of the same name): a mirror for GHES or air-gapped runners.",
    action: { default: GO_DOWNLOAD_BASE_URL }
  },
  {
    name: 'python-version',
    description: `Python for the python host, as actions/setup-python sets it up: a version or range from the runner's tool cache or actions/python-versions, or "${FROM_PATH}" for the python the workflow put on PATH.`,
    action: { default: PYTHON_VERSION }
  },
  {
    name: 'python-mirror',
    description:
      "Base URL of the actions/python-versions manifest (versions-manifest.json) that lists the Python builds (setup-python's mirror input).",
    action: { default: PYTHON_VERSIONS_MIRROR }
  },
  {
    name: 'timeout-minutes',
    description: 'Timeout of each measured process, in minutes.',
    action: { default: '10' },
    cli: { arg: 'N' }
  }
] as const satisfies readonly InputSpec[]

export type InputName = (typeof INPUTS)[number]['name']

/** The inputs most users set, in the README; docs/inputs.md has them all. */
export const KEY_INPUTS: readonly InputName[] = ['guest', 'hosts', 'time-budget-minutes', 'threshold', 'fail-on-inconclusive']

/** Flags only the CLI has: where its files go, and what to do instead of measuring. */
export const CLI_ONLY = [
  {
    name: 'compare-with',
    description: 'A git ref to compare the working tree (uncommitted changes included) with, both measured in this run.',
    cli: { arg: 'REF' }
  },
  { name: 'baseline', description: 'Baseline results file (default .wasm-ffi-bench/baseline.json).', cli: { arg: 'FILE' } },
  {
    name: 'save-baseline',
    description: 'Save this run as the baseline (the first run always is).',
    cli: { switch: true, default: 'false' }
  },
  { name: 'output', description: 'Results JSON (default .wasm-ffi-bench/results.json).', cli: { arg: 'FILE' } },
  { name: 'markdown', description: 'Markdown report (default .wasm-ffi-bench/report.md).', cli: { arg: 'FILE' } },
  {
    name: 'dashboard',
    description: 'Also write the history dashboard, a self-contained HTML page, to this file.',
    cli: { arg: 'FILE' }
  },
  {
    name: 'build-only',
    description: 'Build the guest and the hosts (cached), measure nothing.',
    cli: { switch: true, default: 'false' }
  }
] as const satisfies readonly InputSpec[]

/** The default of an input where it is read: the action's, or the CLI's where the CLI differs (switches). */
export function inputDefault(name: InputName, where: 'action' | 'cli'): string {
  const spec: InputSpec = INPUTS.find(input => input.name === name)!
  if (where === 'cli' && spec.cli && 'switch' in spec.cli) return spec.cli.default
  return spec.action?.default ?? ''
}

/** The CLI's flags (every input with a `cli` entry, then the CLI's own), as one list. */
export function cliFlags(): InputSpec[] {
  return [...INPUTS.filter((input: InputSpec) => input.cli), ...CLI_ONLY]
}
