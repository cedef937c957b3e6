// Results from another run are checked field by field; a clean copy of the checked fields goes on, nothing else.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { analyse, applyBaseline } from '../src/analyse/index.js'
import { LIMITS, validateResults, validateResultsFile, validateResultsText } from '../src/publish/validate-results.js'
import { RESULTS_SCHEMA, type Results } from '../src/types.js'
import {
  comparison,
  countedHost,
  INSTRUCTION_RUN,
  results as fixture,
  regressedResults,
  scalingResults
} from './fixtures/report-results.js'
import { GATE, syntheticRaw } from './fixtures/synthetic-raw.js'

/** What a results file holds after the trip through JSON (NaN becomes null). */
const roundTrip = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>

function analysed(): Results {
  const base = analyse(syntheticRaw({ seed: 1, sizes: [1000, 100000] }), GATE)
  const head = analyse(syntheticRaw({ seed: 2, sizes: [1000, 100000], scale: { go: 1.3 } }), GATE)
  return applyBaseline(head, base, { source: 'cache:wasm-ffi-bench-results-v1-Linux-X64', threshold: 0.1, alpha: 0.05 })
}

function refusal(value: unknown): string {
  const checked = validateResults(value)
  assert.equal(checked.results, null, 'refused')
  return checked.refused!.what
}

describe('validateResults', () => {
  it('passes real results (analysed, compared, with scaling, same-job) unchanged through JSON', () => {
    const sameJob = fixture({
      compared_with: {
        kind: 'revision',
        commit: 'f'.repeat(40),
        source: 'base of the pull request',
        note: null,
        rounds: 40,
        seconds: 95,
        decided: true
      },
      base: { commit: 'f'.repeat(40), hosts: fixture().hosts },
      comparisons: [comparison('go', 'overhead', 0.2, { ci_level: 0.9875, p_adjusted: 0.004, n: 40, verdict: 'inconclusive' })],
      baseline: { source: 'cache:wasm-ffi-bench-results-v2-Linux-X64', commit: 'e'.repeat(40), cpu: 'AMD EPYC' },
      baseline_comparisons: [comparison('go', 'overhead', 0.01, { gating: false })]
    })
    for (const results of [analysed(), fixture(), regressedResults(), scalingResults(), sameJob]) {
      const json = roundTrip(results)
      const checked = validateResults(json)
      assert.equal(checked.refused, null, checked.refused?.what)
      assert.deepEqual(roundTrip(checked.results), json)
    }
    assert.ok(analysed().comparisons.length > 10, 'the comparisons are covered')
  })

  it("keeps a host's replay environment (the python host's site-packages on Windows), and refuses one that is not text", () => {
    const results = fixture()
    results.hosts[0].env = { PYTHONPATH: 'D:\\a\\_temp\\venv\\Lib\\site-packages' }
    const checked = validateResults(roundTrip(results))
    assert.deepEqual(checked.results?.hosts[0].env, results.hosts[0].env)
    const bad = roundTrip(results) as { hosts: Array<Record<string, unknown>> }
    bad.hosts[0].env = { PYTHONPATH: 7 }
    assert.match(refusal(bad), /env/)
  })

  it('keeps the clock and the CPU times; takes results from before the launcher; refuses an unknown clock', () => {
    type Json = { harness: { clock?: { source: string } }; hosts: Array<{ workload: { cpu_ms?: { user: { median: number } } } }> }
    const json = roundTrip(fixture()) as unknown as Json
    const kept = validateResults(json).results!
    assert.deepEqual(kept.harness.clock, { source: 'launcher', note: null })
    assert.equal(kept.hosts[1]!.workload.cpu_ms!.user.median, json.hosts[1]!.workload.cpu_ms!.user.median)
    const legacy = roundTrip(fixture()) as unknown as Json
    delete legacy.harness.clock
    for (const host of legacy.hosts) delete host.workload.cpu_ms
    assert.equal(validateResults(legacy).refused, null)
    json.harness.clock!.source = 'sundial'
    assert.match(refusal(json), /harness\.clock\.source/)
  })

  it('keeps instruction counts and how they were counted; takes results from before them; refuses a bad count', () => {
    const base = fixture()
    const counted: Results = {
      ...base,
      instructions: INSTRUCTION_RUN,
      hosts: base.hosts.map(h => ({ ...h, instructions: countedHost(h.name, [6.5e8, 6.5e8 + 10]).instructions })),
      comparisons: [comparison('go', 'instructions', 0.01, { unit: 'instructions', p: Number.NaN, ci_level: 1 })]
    }
    const kept = validateResults(roundTrip(counted)).results!
    assert.deepEqual(kept.instructions, counted.instructions)
    assert.equal(kept.hosts[1]!.instructions!.workload!.median, 6.5e8 + 5)
    assert.equal(kept.comparisons[0].metric, 'instructions')
    assert.ok(Number.isNaN(kept.comparisons[0].p))
    const bad = roundTrip(counted) as unknown as { hosts: Array<{ instructions: { workload: { median: unknown } } }> }
    bad.hosts[0]!.instructions.workload.median = 'many'
    assert.match(refusal(bad), /hosts\[0\]\.instructions\.workload\.median: expected a finite number/)
    const old = roundTrip(base) as Record<string, unknown>
    delete old.instructions
    assert.equal(validateResults(old).refused, null)
  })

  it('copies only the fields it checked: anything extra is dropped', () => {
    const json = roundTrip(fixture()) as Record<string, unknown> & { hosts: Array<Record<string, unknown>> }
    json.injected = '<script>alert(1)</script>'
    json.hosts[0]!.shell = 'rm -rf /'
    const checked = validateResults(json)
    assert.ok(checked.results)
    assert.equal('injected' in checked.results, false)
    assert.equal('shell' in checked.results.hosts[0]!, false)
  })

  it('reads a figure the analysis could not compute (null in JSON) as NaN, which reports show as a dash', () => {
    const json = roundTrip(regressedResults()) as { comparisons: Array<Record<string, unknown>> }
    json.comparisons[0]!.change = null
    const checked = validateResults(json)
    assert.ok(Number.isNaN(checked.results!.comparisons[0]!.change))
  })

  // Mutable JSON, any shape: these cases write what a forged file would hold.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Json = Record<string, any>
  const base = () => roundTrip(regressedResults()) as Json
  const CASES: Array<[string, (r: Json) => void, RegExp]> = [
    ['a schema-tagged file without runner', r => delete r.runner, /^is malformed at runner: expected an object, got missing$/],
    ['an unknown OS', r => (r.runner.os = 'Plan9'), /^is malformed at runner\.os: expected one of Linux, macOS, Windows/],
    ['a host name with markup', r => (r.hosts[1].name = '<b>go</b>'), /^is malformed at hosts\[1\]\.name: "<b>go<\/b>" does not match/],
    [
      'a median that is text',
      r => (r.hosts[0].workload.wall_ms.median = 'fast'),
      /hosts\[0\]\.workload\.wall_ms\.median: expected a finite number, got a string/
    ],
    [
      'too many samples',
      r => (r.harness.spawn_ms.samples = new Array(LIMITS.samples + 1).fill(1)),
      /harness\.spawn_ms\.samples: more than 10000 entries/
    ],
    ['too many hosts', r => (r.hosts = new Array(LIMITS.hosts + 1).fill(r.hosts[0])), /^is malformed at hosts: more than 32 entries$/],
    ['a CPU model of 201 characters', r => (r.runner.cpu = 'x'.repeat(201)), /runner\.cpu: longer than 200 characters/],
    [
      'an unknown metric',
      r => (r.comparisons[0].metric = 'overhead; rm -rf /'),
      /comparisons\[0\]\.metric: expected one of overhead, wall_ms/
    ],
    ['a negative PR number', r => (r.pr = -1), /^is malformed at pr: -1 is outside \[1, 1000000000\]$/],
    ['a fractional PR number', r => (r.pr = 1.5), /^is malformed at pr: 1\.5 is not a whole number$/],
    ['a commit that is not hex', r => (r.commit = 'main; echo'), /^is malformed at commit: "main; echo" does not match/],
    ['a p-value above 1', r => (r.comparisons[1].p = 2), /comparisons\[1\]\.p: 2 is outside \[0, 1\]/],
    ['an unknown verdict', r => (r.verdict = 'fine'), /^is malformed at verdict: expected one of pass, regression, error$/],
    [
      'a failed host whose error is not text',
      r => (r.hosts[2].error = { html: '<img>' }),
      /hosts\[2\]\.error: expected text, got a object/
    ],
    ['a baseline source of 301 characters', r => (r.baseline.source = 's'.repeat(301)), /baseline\.source: longer than 300 characters/]
  ]
  for (const [what, mutate, expected] of CASES) {
    it(`refuses ${what}, naming the field`, () => {
      const r = base()
      mutate(r)
      assert.match(refusal(r), expected)
    })
  }

  it('refuses another schema, text that is not JSON, an infinite number and a text over the size cap', () => {
    assert.equal(refusal({ ...base(), schema: 'other/results@2' }), `has schema "other/results@2", expected "${RESULTS_SCHEMA}"`)
    assert.match(refusal(null), /^has schema null/)
    assert.deepEqual(validateResultsText('{"schema": "wasm-ffi').refused?.kind, 'json')
    const infinite = JSON.stringify(base()).replace('"alpha":0.01', '"alpha":1e400')
    assert.match(validateResultsText(infinite).refused!.what, /gate\.alpha: expected a finite number/)
    assert.deepEqual(validateResultsText(' '.repeat(LIMITS.fileBytes + 1)).refused, {
      kind: 'size',
      what: `is larger than ${LIMITS.fileBytes} bytes`
    })
  })

  it("checks a file's size before reading it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-validate-'))
    const big = path.join(dir, 'results-big.json')
    fs.writeFileSync(big, '')
    fs.truncateSync(big, LIMITS.fileBytes + 1) // sparse: no 32 MiB written
    assert.equal(validateResultsFile(big).refused?.kind, 'size')
    assert.equal(validateResultsFile(path.join(dir, 'none.json')).refused?.what, 'is unreadable (ENOENT)')
    const good = path.join(dir, 'results-good.json')
    fs.writeFileSync(good, JSON.stringify(analysed()))
    assert.ok(validateResultsFile(good).results)
    fs.rmSync(dir, { recursive: true })
  })
})
