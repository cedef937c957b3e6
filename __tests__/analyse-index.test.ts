import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { analyse, applyBaseline, configHash } from '../src/analyse/index.js'
import { RESULTS_SCHEMA, type Results } from '../src/types.js'
import { CONFIG, syntheticRaw, GATE } from './fixtures/synthetic-raw.js'

describe('analyse', () => {
  it('builds results without a baseline', () => {
    const r = analyse(syntheticRaw(), GATE)
    assert.equal(r.schema, RESULTS_SCHEMA)
    assert.deepEqual(r.comparisons, [])
    assert.equal(r.baseline, null)
    assert.equal(r.baseline_note, null)
    assert.equal(r.verdict, 'pass')
    assert.equal(r.harness.spawn_ms.n, 30)
    assert.ok(!Number.isNaN(Date.parse(r.created_at)))
    assert.match(r.config_hash, /^[0-9a-f]{16}$/)
  })

  it('keeps the clock and describes CPU time per workload run; none with the Node clock or for a failed host', () => {
    const r = analyse(syntheticRaw({ failed: ['rust'] }), GATE)
    assert.deepEqual(r.harness.clock, { source: 'launcher', note: null })
    const go = r.hosts.find(h => h.name === 'go')!.workload.cpu_ms!
    assert.equal(go.user.n, 30)
    assert.ok(Math.abs(go.user.median - 65 * 0.8) < 2, `user ${go.user.median}`)
    assert.ok(Math.abs(go.system.median - 65 * 0.1) < 0.3, `system ${go.system.median}`)
    assert.equal(r.hosts.find(h => h.name === 'rust')!.workload.cpu_ms, null)

    const raw = syntheticRaw()
    const nodeClock = analyse(
      {
        ...raw,
        clock: { source: 'node', note: 'launcher not built: x' },
        hosts: raw.hosts.map(h => ({ ...h, cpu_ms: null }))
      },
      GATE
    )
    assert.equal(nodeClock.harness.clock.source, 'node')
    assert.ok(nodeClock.hosts.every(h => h.workload.cpu_ms === null))
  })

  it('computes overhead against native per round, none for native itself', () => {
    const raw = syntheticRaw()
    const r = analyse(raw, GATE)
    const native = r.hosts.find(h => h.name === 'native')!
    const python = r.hosts.find(h => h.name === 'python')!
    assert.equal(native.workload.overhead_vs_native, null)
    const ov = python.workload.overhead_vs_native!
    // 107/49 - 1 = 1.18, ±3% noise
    assert.ok(Math.abs(ov.median - (107 / 49 - 1)) < 0.08, `overhead ${ov.median}`)
    assert.ok(ov.ci95[0] <= ov.median && ov.median <= ov.ci95[1])
  })

  it('converts phases to ms, keeps ffi in ns, and says null where a host cannot report', () => {
    const r = analyse(syntheticRaw(), GATE)
    const go = r.hosts.find(h => h.name === 'go')!
    const native = r.hosts.find(h => h.name === 'native')!
    assert.ok(Math.abs(go.workload.phases_ms.compile!.median - 20) < 1)
    assert.ok(Math.abs(go.ffi.export_noop_ns!.median - 20) < 1)
    assert.equal(native.workload.phases_ms.setup, null)
    assert.equal(native.ffi.export_add_ns, null)
    assert.ok(go.workload.wall_ms!.samples.length === 30)
  })

  it('relates per-call costs to the rust host', () => {
    const r = analyse(syntheticRaw(), GATE)
    const python = r.hosts.find(h => h.name === 'python')!
    const rust = r.hosts.find(h => h.name === 'rust')!
    const native = r.hosts.find(h => h.name === 'native')!
    const expected = python.ffi.export_noop_ns!.median / rust.ffi.export_noop_ns!.median - 1
    assert.equal(python.ffi_vs_rust.export_noop_ns, expected)
    assert.ok(expected > 30) // 900 ns vs 20 ns
    assert.equal(rust.ffi_vs_rust.export_noop_ns, null)
    assert.equal(native.ffi_vs_rust.import_noop_ns, null)
  })

  it('gives a failed host null figures, no overhead for others when native failed, and verdict error', () => {
    const r = analyse(syntheticRaw({ failed: ['native'] }), GATE)
    const native = r.hosts.find(h => h.name === 'native')!
    assert.equal(native.status, 'failed')
    assert.equal(native.error, 'exit code 1')
    assert.equal(native.workload.wall_ms, null)
    assert.equal(native.workload.phases_ms.execute, null)
    assert.equal(native.ffi.memory_copy_ns_per_kib, null)
    assert.equal(r.hosts.find(h => h.name === 'go')!.workload.overhead_vs_native, null)
    assert.equal(r.verdict, 'error')
  })

  it('fits scaling per host with its overhead against native', () => {
    const r = analyse(syntheticRaw({ sizes: [1e5, 5e5, 1e6] }), GATE)
    const python = r.hosts.find(h => h.name === 'python')!.scaling!
    assert.ok(Math.abs(python.fixed_ms - 107) < 3, `fixed ${python.fixed_ms}`)
    assert.ok(Math.abs(python.per_item_ns - 20) < 5, `per item ${python.per_item_ns}`)
    assert.equal(python.points.length, 3)
    assert.ok(Math.abs(python.overhead_vs_native.fixed! - (107 / 49 - 1)) < 0.2)
    assert.deepEqual(r.hosts.find(h => h.name === 'native')!.scaling!.overhead_vs_native, { fixed: null, per_item: null })
    assert.equal(analyse(syntheticRaw(), GATE).hosts[0].scaling, null)
  })
})

describe('configHash', () => {
  it('ignores host order, but not what shapes the measurement', () => {
    const base = configHash(CONFIG)
    assert.equal(configHash({ ...CONFIG, hosts: [...CONFIG.hosts].reverse() }), base)
    assert.notEqual(configHash({ ...CONFIG, iterations: 31 }), base)
    assert.notEqual(configHash({ ...CONFIG, guest_args: ['1000'] }), base)
    assert.notEqual(configHash({ ...CONFIG, sizes: [10, 20] }), base)
  })
})

describe('applyBaseline', () => {
  it('records where the baseline came from, and a note when there is none', () => {
    const r = analyse(syntheticRaw(), GATE)
    const withBase = applyBaseline(r, analyse(syntheticRaw({ seed: 9, cpu: 'other' }), GATE), {
      threshold: 0.1,
      alpha: 0.05,
      source: 'file.json'
    })
    assert.deepEqual(withBase.baseline, { source: 'file.json', commit: 'c0ffee', cpu: 'other' })
    assert.match(withBase.baseline_note ?? '', /another CPU model/)
    assert.ok(withBase.comparisons.length > 0)
    assert.deepEqual(r.comparisons, []) // input not modified
    const none = applyBaseline(r, null, { threshold: 0.1, alpha: 0.05, source: '', note: 'no baseline: cache miss' })
    assert.equal(none.baseline, null)
    assert.equal(none.baseline_note, 'no baseline: cache miss')
    assert.equal(none.verdict, 'pass')
  })

  it('notes a baseline timed by another clock, such as one from before the launcher', () => {
    const r = analyse(syntheticRaw(), GATE)
    const opts = { threshold: 0.1, alpha: 0.05, source: 'file.json' }
    assert.equal(applyBaseline(r, analyse(syntheticRaw({ seed: 9 }), GATE), opts).baseline_note, null)
    const old = analyse(syntheticRaw({ seed: 9 }), GATE)
    const legacy = { ...old, harness: { spawn_ms: old.harness.spawn_ms } } as unknown as Results
    assert.equal(
      applyBaseline(r, legacy, opts).baseline_note,
      "the baseline's wall times come from the node clock, this run's from the launcher clock"
    )
  })
})
