// End to end, the bundled dist/ with a runner's environment: a pull request cannot save the baseline, a build
// that prints workflow commands cannot issue them, a rate-limited cache service and a full disk leave the run's
// outputs and gate in place.
import assert from 'node:assert/strict'
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { pullRequestPayload, pushPayload, runAction, STACK_LINE, type ActionRun } from './e2e/harness.js'
import { runnerCommand } from './fixtures/runner-commands.js'
import { startServices, type Services } from './servers/index.js'

// The node host alone: these scenarios are about the process and service edges, not about the numbers.
const INPUTS = { hosts: 'node', iterations: '2', warmup: '0', ffi: 'false', 'github-token': 'ghs_process-token' }
const linux = process.platform === 'linux'
let services: Services

before(async () => {
  services = await startServices({ owner: 'acme', repo: 'bench' })
})
after(() => services.close())

/** The annotations a run made, shown with the test so its observed behaviour is on record. */
const annotations = (run: ActionRun): string =>
  run.stdout
    .split('\n')
    .filter(line => /^::(warning|error)::/.test(line))
    .join('\n')

const baselines = () => services.cache.state.entries.filter(e => e.committed && e.key.startsWith('wasm-ffi-bench-results-'))

function prRun(runId: number, extra: { inputs?: Record<string, string>; env?: Record<string, string> } = {}): Promise<ActionRun> {
  return runAction({
    inputs: { mode: 'run', ...INPUTS, ...extra.inputs },
    event: 'pull_request',
    payload: pullRequestPayload(21),
    ref: 'refs/pull/21/merge',
    serviceEnv: services.jobEnv({ runId, job: 'measure', event: 'pull_request', pullRequests: [21] }),
    env: extra.env
  })
}

test('save-baseline: always on a pull_request is refused with a warning', async () => {
  const run = await prRun(600, { inputs: { 'save-baseline': 'always' } })
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /::warning::save-baseline: always is refused on a pull_request event/)
  assert.doesNotMatch(run.stdout, /baseline saved/)
  assert.equal(baselines().length, 0)
})

test('a build step that prints workflow commands reaches the log neutralised', { skip: !linux && 'a POSIX shell shim' }, async () => {
  // A `go` on PATH that answers `go version` and fails `go build` printing commands to the runner.
  const shims = mkdtempSync(path.join(os.tmpdir(), 'wfb-shim-'))
  const lines = [
    '::add-mask::x',
    '  ::stop-commands::hijacked',
    '##[set-output name=verdict]pass',
    '::set-env name=NODE_OPTIONS::--require=/tmp/x'
  ]
  writeFileSync(
    path.join(shims, 'go'),
    `#!/bin/sh\nif [ "$1" = version ]; then echo "go version go1.99.0-shim linux/amd64"; exit 0; fi\n` +
      lines.map(line => `echo '${line}' >&2`).join('\n') +
      '\nexit 1\n'
  )
  chmodSync(path.join(shims, 'go'), 0o755)
  const run = await prRun(601, {
    inputs: { hosts: 'node,go', 'optional-hosts': 'go', 'go-version': 'path' },
    env: { PATH: `${shims}${path.delimiter}${process.env.PATH}` }
  })
  assert.equal(run.code, 0, run.stdout)
  assert.match(run.stdout, /^> ::add-mask::x$/m, 'the line is shown, quoted')
  assert.match(run.stdout, /##%5Bset-output name=verdict\]pass/)
  for (const line of run.stdout.split(/\r\n|\r|\n/)) {
    const command = runnerCommand(line)
    assert.ok(!['stop-commands', 'set-output', 'set-env'].includes(command ?? ''), `a command in the log: ${line}`)
    assert.ok(!(command === 'add-mask' && /::add-mask::x\s*$/.test(line)), `a command in the log: ${line}`)
  }
  assert.equal(run.outputs.verdict, 'inconclusive', 'nothing was compared')
})

test(
  'a full disk for the results and the summary: errors name the files, outputs and gate are still set',
  { skip: !linux && '/dev/full' },
  async t => {
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'wfb-full-'))
    mkdirSync(path.join(runnerTemp, 'wasm-ffi-bench'))
    const resultsFile = path.join(runnerTemp, 'wasm-ffi-bench', 'results-linux-x64.json')
    symlinkSync('/dev/full', resultsFile)
    const run = await prRun(602, { env: { RUNNER_TEMP: runnerTemp, GITHUB_STEP_SUMMARY: '/dev/full' } })
    t.diagnostic(`exit ${run.code}, outputs ${JSON.stringify(run.outputs)}\n${annotations(run)}`)
    assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
    assert.match(run.stdout, new RegExp(`::error::${resultsFile.replaceAll('/', '\\/')} not written: ENOSPC: no space left on device`))
    assert.match(run.stdout, /::error::job summary not written to \/dev\/full: ENOSPC: no space left on device/)
    assert.equal(run.code, 0, 'a clean run stays green')
    assert.equal(run.outputs.verdict, 'inconclusive', 'nothing was compared')
    assert.equal(run.outputs.results, '', 'no output points at the unwritten file')
    assert.match(run.outputs.markdown, /report-linux-x64\.md$/)
    assert.deepEqual(JSON.parse(run.outputs.regressions), [])
  }
)

for (const protocol of ['v2', 'v1'] as const) {
  test(`a cache service answering 429 (${protocol}) to every call: warnings, the run passes and reports`, async t => {
    services.cache.state.rateLimitNext(50)
    const serviceEnv = services.jobEnv({ runId: protocol === 'v2' ? 603 : 604, job: 'measure', event: 'push' })
    const run = await runAction({
      inputs: { mode: 'run', ...INPUTS },
      event: 'push',
      payload: pushPayload(),
      serviceEnv:
        protocol === 'v2' ? { ...serviceEnv, ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: services.cache.url } : serviceEnv
    })
    services.cache.state.faults.clear()
    t.diagnostic(`exit ${run.code}, verdict ${run.outputs.verdict}\n${annotations(run)}`)
    assert.equal(run.code, 0, run.stdout)
    assert.doesNotMatch(run.stdout, /::error::/)
    assert.match(run.stdout, /::warning::build cache not restored: /)
    assert.match(run.stdout, /::warning::baseline restore failed: .*429.*: the report shows "no baseline"/)
    assert.match(run.stdout, /::warning::baseline not saved: baseline save failed: /)
    assert.match(run.summary, /no baseline/i)
    assert.equal(run.outputs.verdict, 'inconclusive', 'nothing was compared')
    assert.equal(baselines().length, 0)
  })
}
