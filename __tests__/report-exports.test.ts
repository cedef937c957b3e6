import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { toBencherMetricFormat, toCustomSmallerIsBetter } from '../src/report/exports.js'
import { countedHost, failedHost, host, regressedResults, results, scalingResults } from './fixtures/report-results.js'

/**
 * github-action-benchmark, README "customBiggerIsBetter and customSmallerIsBetter": a JSON array whose entries
 * "only need to provide name, unit, and value", with optional range (variance) and extra (tooltip text);
 * src/extract.ts parses each as { name: string, value: number, range?: string, unit: string, extra?: string }.
 */
function checkCustomBenchmarkJson(json: unknown): void {
  assert.ok(Array.isArray(json), 'an array')
  assert.ok(json.length > 0, 'github-action-benchmark rejects an empty result')
  for (const entry of json as Array<Record<string, unknown>>) {
    assert.equal(typeof entry.name, 'string')
    assert.equal(typeof entry.unit, 'string')
    assert.equal(typeof entry.value, 'number')
    assert.ok(Number.isFinite(entry.value), `${String(entry.name)} has a finite value`)
    for (const optional of ['range', 'extra']) {
      if (optional in entry) assert.equal(typeof entry[optional], 'string', optional)
    }
    assert.deepEqual(
      Object.keys(entry).filter(key => !['name', 'unit', 'value', 'range', 'extra'].includes(key)),
      []
    )
  }
  const names = (json as Array<{ name: string }>).map(entry => entry.name)
  assert.equal(new Set(names).size, names.length, 'names are unique')
}

/**
 * Bencher Metric Format, https://bencher.dev/docs/reference/bencher-metric-format (JSON schema
 * https://bencher.dev/bmf.json): an object of benchmark name -> object of measure -> { value: number,
 * lower_value?: number, upper_value?: number }; names up to 1024 characters, measure slugs up to 64.
 */
function checkBencherMetricFormat(json: unknown): void {
  assert.ok(json !== null && typeof json === 'object' && !Array.isArray(json), 'an object')
  const benchmarks = Object.entries(json as Record<string, unknown>)
  assert.ok(benchmarks.length > 0)
  for (const [name, measures] of benchmarks) {
    assert.ok(name.length > 0 && name.length <= 1024, name)
    assert.ok(measures !== null && typeof measures === 'object' && !Array.isArray(measures), name)
    for (const [measure, metric] of Object.entries(measures as Record<string, Record<string, unknown>>)) {
      assert.match(measure, /^[a-z0-9-]{1,64}$/, 'a measure slug')
      assert.equal(typeof metric.value, 'number')
      assert.ok(Number.isFinite(metric.value))
      for (const bound of ['lower_value', 'upper_value']) {
        if (bound in metric) assert.ok(Number.isFinite(metric[bound]), `${name} ${measure} ${bound}`)
      }
      if ('lower_value' in metric) assert.ok((metric.lower_value as number) <= (metric.value as number))
      if ('upper_value' in metric) assert.ok((metric.upper_value as number) >= (metric.value as number))
      assert.deepEqual(
        Object.keys(metric).filter(key => !['value', 'lower_value', 'upper_value'].includes(key)),
        []
      )
    }
  }
}

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe('customSmallerIsBetter export', () => {
  it('has the documented shape for every fixture', () => {
    for (const run of [results(), regressedResults(), scalingResults()]) checkCustomBenchmarkJson(roundTrip(toCustomSmallerIsBetter(run)))
  })

  it('names benchmarks by runner, host and metric, with the median as value', () => {
    const entries = toCustomSmallerIsBetter(results())
    const go = entries.find(entry => entry.name === 'linux-x64 go workload wall')!
    assert.equal(go.unit, 'ms')
    assert.equal(go.value, 64.9)
    assert.equal(go.range, '95% CI 64.251 to 65.549')
    assert.match(go.extra!, /median of 5/)
    assert.ok(entries.some(entry => entry.name === 'linux-x64 go overhead vs native' && entry.unit === '%'))
    assert.ok(entries.some(entry => entry.name === 'linux-x64 rust ffi import noop' && entry.unit === 'ns/call'))
    assert.ok(entries.some(entry => entry.name === 'linux-x64 harness spawn'))
    // The CPU times and the loop costs subtracted from the per-call figures go along.
    assert.equal(entries.find(entry => entry.name === 'linux-x64 go workload user CPU')?.value, 64.9 * 0.8)
    const loop = entries.find(entry => entry.name === 'linux-x64 go ffi host loop')!
    assert.deepEqual([loop.unit, loop.value], ['ns/iteration', 1.5])
    assert.ok(entries.some(entry => entry.name === 'linux-x64 go ffi guest loop'))
  })

  it('leaves out failed hosts and figures native cannot give', () => {
    const names = toCustomSmallerIsBetter(regressedResults()).map(entry => entry.name)
    assert.ok(!names.some(name => name.includes(' python ')))
    assert.ok(names.includes('linux-x64 native workload wall'))
    assert.ok(!names.some(name => /native (overhead|ffi|phase)/.test(name)))
  })

  it('exports the scaling fit', () => {
    const fixed = toCustomSmallerIsBetter(scalingResults()).find(entry => entry.name === 'linux-x64 go scaling fixed')!
    assert.deepEqual([fixed.unit, fixed.value, fixed.range], ['ms', 50, undefined])
  })
})

describe('Bencher Metric Format export', () => {
  it('has the documented shape for every fixture', () => {
    for (const run of [results(), regressedResults(), scalingResults()]) checkBencherMetricFormat(roundTrip(toBencherMetricFormat(run)))
  })

  it('puts times in the latency measure, in nanoseconds, bounded by the 95% interval', () => {
    const bmf = toBencherMetricFormat(results())
    const wall = bmf['linux-x64 go workload wall']!.latency!
    assert.equal(wall.value, 64.9e6)
    assert.ok(Math.abs(wall.lower_value! - 64.251e6) < 1e-3)
    assert.ok(Math.abs(wall.upper_value! - 65.549e6) < 1e-3)
    assert.equal(bmf['linux-x64 go ffi export noop']!.latency!.value, 12.3)
    const overhead = bmf['linux-x64 go overhead vs native']!['overhead-vs-native']!
    assert.ok(Math.abs(overhead.value - (64.9 / 48.9 - 1) * 100) < 1e-9)
  })

  it('carries the same benchmarks as the customSmallerIsBetter export', () => {
    const run = regressedResults()
    assert.deepEqual(
      Object.keys(toBencherMetricFormat(run)),
      toCustomSmallerIsBetter(run).map(entry => entry.name)
    )
  })

  it('exports only the harness when every host failed', () => {
    const run = results({ hosts: [failedHost('native', 'missing'), failedHost('go', 'crashed')] })
    assert.deepEqual(Object.keys(toBencherMetricFormat(run)), ['linux-x64 harness spawn'])
    assert.deepEqual(
      toCustomSmallerIsBetter(results({ hosts: [host('native', 50)] })).map(entry => entry.name),
      [
        'linux-x64 native workload wall',
        'linux-x64 native workload user CPU',
        'linux-x64 native workload system CPU',
        'linux-x64 harness spawn'
      ]
    )
  })
})

describe('instruction counts', () => {
  it('are exported per host: the workload count and instructions per call, as Bencher instructions', () => {
    const counted = countedHost('go', [617_000_000, 617_000_100], { export_noop_ns: [8391], memory_copy_ns_per_kib: [125] })
    const run = results({ hosts: [host('native', 48.9), counted] })
    const custom = toCustomSmallerIsBetter(run)
    checkCustomBenchmarkJson(custom)
    const byName = new Map(custom.map(entry => [entry.name, entry]))
    assert.deepEqual(
      [...byName.keys()].filter(name => name.includes('instructions')),
      ['linux-x64 go workload instructions', 'linux-x64 go ffi export noop instructions', 'linux-x64 go ffi memory copy instructions']
    )
    assert.equal(byName.get('linux-x64 go workload instructions')?.value, 617_000_050)
    assert.equal(byName.get('linux-x64 go ffi export noop instructions')?.unit, 'instructions/call')
    assert.equal(byName.get('linux-x64 go ffi memory copy instructions')?.unit, 'instructions/KiB')
    const bmf = toBencherMetricFormat(run)
    assert.equal(bmf['linux-x64 go workload instructions'].instructions.value, 617_000_050)
  })
})
