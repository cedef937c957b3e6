// The local CLI: the same pipeline as the action, with a baseline file under .wasm-ffi-bench/.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { InputError, parseConfig, type RawInputs } from './config.js'
import { renderCombinedReport, renderGateMessage, renderTerminal } from './report/markdown.js'
import { readBaselineText } from './baseline-file.js'
import { runBenchmark, type Logger } from './pipeline.js'
import { writeResultFiles, writeText } from './outputs.js'
import { terminalProgress } from './progress.js'
import { findRepoRoot } from './repo-root.js'
import { buildAll } from './builders/index.js'
import type { MeasureConfig } from './types.js'

const USAGE = `Usage: npm run bench -- [options]   (or: npx wasm-ffi-bench [options])

  --hosts LIST            hosts to measure (native,go,python,rust,node; default all)
  --optional-hosts LIST   hosts whose failure does not fail the run
  --iterations N          measured rounds (default 20)
  --warmup N              warm-up rounds (default 2)
  --guest DIR             your Rust guest crate instead of the bundled one
  --wasm FILE             a prebuilt WASI command module instead of a guest crate
  --guest-args "A B"      arguments for the workload module
  --ffi | --no-ffi        run the per-call micro-benchmarks (default on)
  --sizes A,B,C           also fit fixed and per-item cost over these workload sizes
  --threshold PCT         smallest change that counts as a regression (default 10)
  --alpha P               significance level (default 0.01)
  --timeout-minutes N     per-process timeout (default 10)
  --baseline FILE         baseline results (default .wasm-ffi-bench/baseline.json)
  --save-baseline         save this run as the baseline (the first run always is)
  --output FILE           results JSON (default .wasm-ffi-bench/results.json)
  --markdown FILE         markdown report (default .wasm-ffi-bench/report.md)
  --fail-on-regression    exit 1 when a regression is found
  --build-only            build the guest and the hosts (cached), measure nothing
`

const OPTIONS = {
  hosts: { type: 'string' },
  'optional-hosts': { type: 'string' },
  iterations: { type: 'string' },
  warmup: { type: 'string' },
  guest: { type: 'string' },
  wasm: { type: 'string' },
  'guest-args': { type: 'string' },
  ffi: { type: 'boolean' },
  'no-ffi': { type: 'boolean' },
  sizes: { type: 'string' },
  threshold: { type: 'string' },
  alpha: { type: 'string' },
  'timeout-minutes': { type: 'string' },
  baseline: { type: 'string' },
  'save-baseline': { type: 'boolean' },
  output: { type: 'string' },
  markdown: { type: 'string' },
  'fail-on-regression': { type: 'boolean' },
  'build-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>['values']
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`)
    return 1
  }
  if (values.help) {
    process.stdout.write(USAGE)
    return 0
  }
  const raw: RawInputs = { 'fail-on-regression': String(values['fail-on-regression'] ?? false), ffi: String(!values['no-ffi']) }
  for (const [name, value] of Object.entries(values)) if (typeof value === 'string') raw[name] = value
  let config
  try {
    config = parseConfig(raw).measure
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error.message.replace(/^Input "([^"]+)"/, '--$1')}\n`)
      return 1
    }
    throw error
  }
  if (values['build-only']) return buildOnly(config)
  const cwd = process.cwd()
  const stateDir = path.join(cwd, '.wasm-ffi-bench')
  const baselineFile = path.resolve(values.baseline ?? path.join(stateDir, 'baseline.json'))
  const resultsFile = path.resolve(values.output ?? path.join(stateDir, 'results.json'))
  const markdownFile = path.resolve(values.markdown ?? path.join(stateDir, 'report.md'))

  const results = await runBenchmark(
    config,
    { repoRoot: findRepoRoot(), workDir: path.join(stateDir, 'work'), pr: null, slowdown: process.env.WASM_FFI_BENCH_TEST_SLOWDOWN },
    {
      log: consoleLogger,
      progress: terminalProgress(process.stderr),
      baseline: {
        load: async () => {
          const read = readBaselineText(baselineFile)
          return read.text === null ? { warning: read.warning } : { text: read.text, source: baselineFile }
        }
      }
    }
  )
  const files = writeResultFiles(results, resultsFile)
  writeText(markdownFile, renderCombinedReport([results]))
  process.stdout.write(`${renderTerminal(results)}\n`)
  process.stderr.write(`results: ${files.results}\nmarkdown: ${markdownFile}\nexports: ${files.benchmark}, ${files.bmf}\n`)
  // The first local run becomes the baseline, so the second one has something to compare with.
  const firstRun = !existsSync(baselineFile)
  if ((values['save-baseline'] || firstRun) && results.verdict !== 'error') {
    mkdirSync(path.dirname(baselineFile), { recursive: true })
    copyFileSync(files.results, baselineFile)
    process.stderr.write(`baseline saved: ${baselineFile}${firstRun ? ' (first run; --save-baseline replaces it later)' : ''}\n`)
  }
  if (results.verdict === 'error') {
    process.stderr.write('error: a required host failed (see its row)\n')
    return 1
  }
  if (results.verdict === 'regression') {
    for (const line of renderGateMessage([results])) process.stderr.write(`regression: ${line}\n`)
    return values['fail-on-regression'] ? 1 : 0
  }
  return 0
}

async function buildOnly(config: MeasureConfig): Promise<number> {
  const start = performance.now()
  const build = await buildAll({ ...config, repoRoot: findRepoRoot(), log: consoleLogger.info })
  for (const host of build.hosts) process.stdout.write(`${host.name}: ${host.runtime} ${host.version}\n`)
  for (const failure of build.failures) process.stdout.write(`${failure.name}: failed: ${failure.error}\n`)
  process.stderr.write(`built in ${((performance.now() - start) / 1000).toFixed(1)} s: ${build.guest.workload}\n`)
  return build.failures.length ? 1 : 0
}

const consoleLogger: Logger = {
  info: message => process.stderr.write(`${message}\n`),
  warning: message => process.stderr.write(`warning: ${message}\n`),
  group: async (name, fn) => {
    process.stderr.write(`== ${name}\n`)
    return fn()
  }
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  (error: Error) => {
    process.stderr.write(`error: ${error.message}\n`)
    process.exit(1)
  }
)
