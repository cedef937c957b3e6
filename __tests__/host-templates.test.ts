// The templates a user copies: each bundled host (but native) is a host folder with a manifest. Copied out of
// this repository into another one, renamed, it builds from its manifest (into the build cache), answers
// `version`, prints the guest's bytes from `workload` with a full report, and gives every figure from `ffi`.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, test } from 'node:test'
import { buildContext, buildGuest, buildHosts } from '../src/builders/index.js'
import { MANIFEST_FILE, readManifest } from '../src/builders/manifest.js'
import { HOST_NAMES, hostSpec } from '../src/host-registry.js'
import { parseReport } from '../src/measure/report-file.js'
import type { GuestModules } from '../src/types.js'
import { FFI_METRICS } from '../src/vocabulary.js'
import { REPO_ROOT } from './e2e/harness.js'

const TEMPLATES = ['go', 'python', 'rust', 'node'] as const
const userRepo = mkdtempSync(path.join(os.tmpdir(), 'wfb-user-repo-'))
let guest: GuestModules

before(async () => {
  guest = await buildGuest(buildContext({ repoRoot: REPO_ROOT }), { guest: null, wasm: null })
})

test("each bundled host's manifest says what its registry entry says", () => {
  for (const name of TEMPLATES) {
    const manifest = readManifest(path.join(REPO_ROOT, 'hosts', name), `hosts/${name}`, [])
    const spec = hostSpec(name)!
    assert.equal(manifest.name, spec.name)
    assert.equal(manifest.runtime, spec.runtime)
    assert.equal(manifest.toolchain, name)
    assert.deepEqual(manifest.counted.flags, spec.counted?.flags ?? [])
    assert.deepEqual(manifest.counted.env, spec.counted?.env ?? {})
    assert.equal(manifest.counted.perCall, spec.counted?.perCall ?? true)
  }
})

for (const name of TEMPLATES) {
  test(`the ${name} template builds and runs from a copy outside this repository`, { timeout: 40 * 60_000 }, async () => {
    const folder = path.join(userRepo, 'bench', `my-${name}-host`)
    cpSync(path.join(REPO_ROOT, 'hosts', name), folder, {
      recursive: true,
      filter: source => !/[\\/](target|node_modules|__pycache__|\.deps)$/.test(source)
    })
    // What a user does after copying: give it a name of its own.
    const manifestFile = path.join(folder, MANIFEST_FILE)
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string }
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, name: `my-${name}` }, null, 2))

    const logs: string[] = []
    const ctx = buildContext({ repoRoot: REPO_ROOT, log: line => logs.push(line) })
    const built = await buildHosts([`./bench/my-${name}-host`], ctx, userRepo)
    assert.deepEqual(built.failures, [], logs.join('\n'))
    const host = built.hosts[0]
    assert.equal(host.name, `my-${name}`)
    assert.equal(host.runtime, hostSpec(name)!.runtime, 'the manifest names the runtime shown')
    assert.match(host.version, /^v?\d+\.\d+\.\d+/)
    assert.ok(!HOST_NAMES.includes(host.name as never))
    // Built hosts run from their copy in the build cache, never from the checkout.
    assert.ok(name === 'node' || !host.cwd.startsWith(userRepo), host.cwd)

    const run = (argv: string[]) => spawnSync(argv[0], argv.slice(1), { cwd: host.cwd, encoding: 'utf8', timeout: 300_000 })
    const workloadReport = path.join(userRepo, `${name}-workload.jsonl`)
    const workload = run(host.workloadArgv(guest.workload, workloadReport, ['1000']))
    assert.equal(workload.status, 0, workload.stderr)
    assert.match(workload.stdout, /^Vector length: 1000\n/)
    const phases = parseReport(readFileSync(workloadReport, 'utf8'), 'workload').phases_ns!
    for (const [phase, ns] of Object.entries(phases)) assert.ok(ns > 0, `${phase} = ${ns}`)

    const ffiReport = path.join(userRepo, `${name}-ffi.jsonl`)
    const ffi = run([...host.ffiArgv(guest.ffi!, ffiReport)!, '--target-ms', '5'])
    assert.equal(ffi.status, 0, ffi.stderr)
    const parsed = parseReport(readFileSync(ffiReport, 'utf8'), 'ffi')
    assert.deepEqual(Object.keys(parsed.ffi!).sort(), [...FFI_METRICS].sort())

    // The second build of the same folder is the cached one.
    const again = await buildHosts([`./bench/my-${name}-host`], buildContext({ repoRoot: REPO_ROOT }), userRepo)
    assert.equal(again.hosts[0]?.key, host.key)
  })
}
