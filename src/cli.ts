// The local CLI: the same pipeline and finishing step as the action, with a baseline file under .wasm-ffi-bench/.
// Its flags and usage come from the input table (src/inputs.ts).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileBaselineStore } from './baseline-store.js'
import { buildAll } from './builders/index.js'
import { isHostFolder } from './builders/manifest.js'
import { InputError, parseConfig, type Config } from './config.js'
import { finishRun } from './finish.js'
import { judge } from './gate.js'
import { emptyFlagError, parseOptions, rawInputs, USAGE, type Values } from './cli-flags.js'
import { runBenchmark, type Logger } from './pipeline.js'
import { inertText } from './process/relay.js'
import { terminalProgress } from './progress.js'
import { renderCombinedReport, renderGateMessage, renderTerminal } from './report/markdown.js'
import { findRepoRoot } from './repo-root.js'
import { prepareBase } from './base-revision.js'
import { cliHistory } from './history/cli-history.js'
import { chooseCliComparison, CompareRefError, findWorkspace } from './revision/index.js'

export async function main(argv: string[]): Promise<number> {
  let values: Values
  try {
    values = parseArgs({ args: argv, options: parseOptions(), strict: true, allowPositionals: false }).values as Values
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${USAGE}`)
    return 1
  }
  if (values.help) {
    process.stdout.write(USAGE)
    return 0
  }
  const empty = emptyFlagError(values)
  if (empty) {
    process.stderr.write(`error: ${empty}\n`)
    return 1
  }
  let config: Config
  try {
    config = parseConfig(rawInputs(values), 'cli')
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error.message.replace(/^Input "([^"]+)"/, '--$1')}\n`)
      return 1
    }
    throw error
  }
  if (values['build-only']) return buildOnly(config)
  try {
    return await bench(config, values)
  } catch (error) {
    if (!(error instanceof CompareRefError)) throw error
    process.stderr.write(`error: ${error.message}\n`)
    return 1
  }
}

async function bench(config: Config, values: Values): Promise<number> {
  const stateDir = path.join(process.cwd(), '.wasm-ffi-bench')
  const fileFlag = (name: string, fallback: string): string =>
    path.resolve(typeof values[name] === 'string' ? values[name] : path.join(stateDir, fallback))
  const baselineFile = fileFlag('baseline', 'baseline.json')
  const store = fileBaselineStore(baselineFile)
  // The first local run becomes the baseline, so the second one has something to compare with.
  const firstRun = !existsSync(baselineFile)
  const savesBaseline = values['save-baseline'] === true || firstRun
  const actionRoot = findRepoRoot()
  const workspace = (await findWorkspace(process.cwd())) ?? actionRoot
  const compareWith = typeof values['compare-with'] === 'string' ? values['compare-with'] : undefined
  const choice = await chooseCliComparison(workspace, compareWith)
  const prepared = await prepareBase(choice, {
    workspace,
    actionRoot,
    guest: config.measure.guest,
    wasm: config.measure.wasm,
    hostFolders: config.measure.hosts.filter(isHostFolder),
    log: consoleLogger
  })
  const history = cliHistory(stateDir, workspace, config.history, consoleLogger)
  const context = {
    repoRoot: actionRoot,
    workDir: path.join(stateDir, 'work'),
    pr: null,
    timeBudgetMinutes: config.timeBudgetMinutes,
    instructions: config.instructions,
    onRunner: false,
    savesBaseline,
    workspace
  }
  const results = await runBenchmark(
    config,
    { ...context, base: prepared.base, useStored: prepared.useStored },
    { log: consoleLogger, progress: terminalProgress(process.stderr), baseline: store }
  ).finally(prepared.cleanup)
  const files = await finishRun(results, {
    resultsFile: fileFlag('output', 'results.json'),
    markdownFile: fileFlag('markdown', 'report.md'),
    render: final => renderCombinedReport([final], { trend: history.section(final), functionLists: config.functionLists }),
    store,
    saveBaseline: savesBaseline,
    saveNote: firstRun ? 'first run; --save-baseline replaces it later' : undefined,
    log: consoleLogger
  })
  await history.finish(files.final, typeof values.dashboard === 'string' ? path.resolve(values.dashboard) : undefined)
  process.stdout.write(`${renderTerminal(files.final, config.functionLists)}\n`)
  process.stderr.write(`results: ${files.results}\nmarkdown: ${files.markdown}\nexports: ${files.benchmark}, ${files.bmf}\n`)
  for (const failure of files.failures) process.stderr.write(`error: ${failure.file} not written: ${failure.message}\n`)
  const judgement = judge([files.final], config.gate.fail_on_regression, config.gate.fail_on_inconclusive)
  if (judgement.verdict === 'error') process.stderr.write('error: a required host failed (see its row)\n')
  for (const line of renderGateMessage([files.final])) process.stderr.write(`regression: ${line}\n`)
  if (judgement.fails && judgement.status === 'inconclusive') process.stderr.write('error: inconclusive (--fail-on-inconclusive)\n')
  return judgement.fails || files.failures.length > 0 ? 1 : 0
}

async function buildOnly(config: Config): Promise<number> {
  const start = performance.now()
  const build = await buildAll({ ...config.measure, repoRoot: findRepoRoot(), log: consoleLogger.info })
  for (const host of build.hosts) process.stdout.write(`${host.name}: ${host.runtime} ${host.version}\n`)
  for (const failure of build.failures) process.stdout.write(`${failure.name}: failed: ${failure.error}\n`)
  process.stderr.write(`built in ${((performance.now() - start) / 1000).toFixed(1)} s: ${build.guest.workload}\n`)
  return build.failures.length ? 1 : 0
}

// Inert: the CLI may run in a workflow step, whose log reads commands from stderr too.
const consoleLogger: Logger = {
  info: message => process.stderr.write(`${inertText(message)}\n`),
  warning: message => process.stderr.write(`warning: ${inertText(message)}\n`),
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
