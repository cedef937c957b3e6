// Instruction counts from the OS (macOS's proc_pid_rusage, read by the launcher from each timed workload run), taken
// where valgrind cannot run, and compared like valgrind's. No Mac here: a stand-in launcher writes the timing line
// the macOS launcher writes (launcher/src/main.rs), with a count the test chooses, and the real runner, count stage,
// analysis, comparison and report take it from there.
import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe as suite, it } from 'node:test'
import { analyse } from '../src/analyse/index.js'
import { compareCounts } from '../src/analyse/counts.js'
import { OS_COUNTER, takeOsCounts, ZERO_COUNTS_NOTE } from '../src/instructions/os-counts.js'
import { measure } from '../src/measure/runner.js'
import { instructionsSection } from '../src/report/instructions.js'
import { renderRunReport } from '../src/report/markdown.js'
import type { RawHostRun } from '../src/types.js'
import { standInConfig, standInHost } from './fixtures/stand-in-host.js'
import { GATE } from './fixtures/synthetic-raw.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-os-counts-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

/** The macOS launcher's behaviour: run the program, then one timing line with the count (`--retired N`, ±0.1%). */
const launcher = path.join(tmp, 'macos-launcher')
writeFileSync(
  launcher,
  `#!${process.execPath}
const { spawnSync } = require('node:child_process')
const [timing, ...argv] = process.argv.slice(2)
const started = process.hrtime.bigint()
const run = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit' })
const wall_ns = Number(process.hrtime.bigint() - started)
const retired = Number(argv[argv.indexOf('--retired') + 1])
const instructions = Math.round(retired * (1 + (Math.random() - 0.5) * 0.002))
require('node:fs').writeFileSync(timing, JSON.stringify({ wall_ns, user_ns: 1000, system_ns: 0, instructions }) + '\\n')
process.exit(run.status ?? 1)
`
)
chmodSync(launcher, 0o755)

/** A host that prints the guest's output; its launcher reports `retired` instructions per run. */
const host = (retired: number) =>
  standInHost(
    tmp,
    (wasm, report) => [process.execPath, '-e', 'console.log("Vector length: 3")', wasm, report, '--retired', String(retired)],
    {
      name: 'go'
    }
  )

/** Head and base measured through the stand-in launcher, the counts taken as the count stage takes them. */
async function measured(head: number, base: number) {
  const builds = [host(head), host(base)].map(h => ({ guest: { workload: 'workload.wasm', ffi: null }, hosts: [h], failures: [] }))
  const result = await measure(
    [
      { label: 'head', build: builds[0] },
      { label: 'base', build: builds[1] }
    ],
    standInConfig(builds[0].hosts[0], { iterations: 6, warmup: 1 }),
    {
      workDir: path.join(tmp, `work-${head}-${base}`),
      progress: { round: () => {} },
      timeoutMs: 60_000,
      env: process.env,
      launcher: { path: launcher }
    }
  )
  const runs = result.revisions.map(revision => revision.hosts)
  const info = takeOsCounts(runs, 'not counted: valgrind runs on Linux only, this is macOS')
  return { runs, info }
}

const results = (run: RawHostRun, info: ReturnType<typeof takeOsCounts>) => {
  const raw = {
    runner: { os: 'macOS', arch: 'arm64', cpu: 'Apple M2', cores: 8, memory_gb: 16, node: 'v20' },
    commit: 'head',
    pr: null,
    config: standInConfig(host(1), { iterations: 6, warmup: 1 }),
    spawn_ms: [1, 1, 1],
    clock: { source: 'launcher' as const, note: null },
    hosts: [run]
  }
  return { ...analyse(raw as never, GATE), instructions: info }
}

suite('instruction counts from the OS (macOS)', () => {
  it('are kept per timed workload run, and a +3% change is a regression of the count', async () => {
    const { runs, info } = await measured(1_030_000_000, 1_000_000_000)
    assert.equal(info.counter, OS_COUNTER)
    assert.equal(info.runs, 6, 'one count per measured round, warm-up left out')
    const [head, base] = runs.map(r => r[0])
    assert.equal(head.instructions!.workload.length, 6)
    assert.ok(
      head.instructions!.workload.every(n => Math.abs(n / 1.03e9 - 1) <= 0.0011),
      head.instructions!.workload.join(' ')
    )
    const gate = () => ({ gating: true })
    const [analysedHead, analysedBase] = [head, base].map(run => results(run, info).hosts[0])
    const [change] = compareCounts([analysedHead], [analysedBase], 0.005, gate)
    assert.equal(change.metric, 'instructions')
    assert.equal(change.verdict, 'regression')
    assert.ok(Math.abs(change.change - 0.03) < 0.002, String(change.change))

    const markdown = instructionsSection(results(head, info), 'markdown')!
    assert.match(
      markdown,
      /macOS proc\\_pid\\_rusage, read from the timed workload runs \(at least 6 per host and revision\): no extra runs/
    )
    assert.match(markdown, /^\| go +\| 10[23]\d\.\d\d M ±0\.\d+% \| — +\|$/m, 'no per-call columns')
  })

  it('of an unchanged host stay within the threshold (A/A)', async () => {
    const { runs, info } = await measured(1_000_000_000, 1_000_000_000)
    const [head, base] = runs.map(r => results(r[0], info).hosts[0])
    const [same] = compareCounts([head], [base], 0.005, () => ({ gating: true }))
    assert.equal(same.verdict, '~')
  })

  it('are 0 in a virtual machine (GitHub macOS runners): one line says so, and nothing is compared', async () => {
    const { runs, info } = await measured(0, 0)
    assert.equal(info.counter, null)
    assert.equal(info.note, ZERO_COUNTS_NOTE)
    assert.ok(runs.flat().every(run => run.instructions === undefined))
    assert.equal(instructionsSection(results(runs[0][0], info), 'terminal'), `Instruction counts: ${ZERO_COUNTS_NOTE}.`)
    assert.match(renderRunReport(results(runs[0][0], info)), /macOS reports 0 instructions on this machine/)
  })

  it('are not there without the macOS launcher: the reason valgrind gave stays', () => {
    const info = takeOsCounts([[{ status: 'ok', name: 'go' } as RawHostRun]], 'not counted: valgrind runs on Linux only, this is macOS')
    assert.deepEqual([info.counter, info.note], [null, 'not counted: valgrind runs on Linux only, this is macOS'])
  })
})
