// Hosts of the user's repository: the manifest is checked field by field (one error naming the file and the field),
// `hosts` takes host folders next to the bundled names, a bad host fails alone, and a report that lacks a field is
// that host's error as the user reads it.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { buildContext, buildHosts } from '../src/builders/index.js'
import { fallbackName, HOST_INTERFACE, MANIFEST_FILE, ManifestError, parseManifest } from '../src/builders/manifest.js'
import { userHostSpec } from '../src/builders/user-host.js'
import { InputError, parseConfig } from '../src/config.js'
import { HOST_NAMES } from '../src/host-registry.js'
import { revisionTrees } from '../src/revision/trees.js'
import type { Results } from '../src/types.js'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from './e2e/harness.js'

/** The source CLI, run from a folder outside this checkout (the bundle may be older than the source). */
const TSX = pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href

const FILE = 'bench/my-host/wasm-ffi-bench.host.json'
const GOOD = { name: 'my-go', runtime: 'wasmtime-go (ours)', toolchain: 'go', build: ['go', 'build', '-o', 'host', '.'], run: ['./host'] }
const parse = (value: unknown) => parseManifest(value, FILE, HOST_NAMES)

test('a manifest: the fields, their defaults, one build argv or a list of them', () => {
  const manifest = parse(GOOD)
  assert.equal(manifest.interface, HOST_INTERFACE)
  assert.deepEqual(manifest.build, [['go', 'build', '-o', 'host', '.']])
  assert.equal(manifest.ffi, true)
  assert.deepEqual(manifest.counted, { flags: [], env: {}, perCall: true })
  const steps = parse({
    ...GOOD,
    build: [
      ['go', 'vet'],
      ['go', 'build']
    ],
    ffi: false,
    counted: { env: { GOGC: 'off' }, per_call: false }
  })
  assert.deepEqual(steps.build, [
    ['go', 'vet'],
    ['go', 'build']
  ])
  assert.equal(steps.ffi, false)
  assert.deepEqual(steps.counted, { flags: [], env: { GOGC: 'off' }, perCall: false })
  assert.deepEqual(parse({ name: 'bare', runtime: 'x', run: ['node', 'host.mjs'] }).build, [])
})

test("a user's Python script is named by line counts like the bundled python host's; other hosts are not", () => {
  const spec = (value: unknown) => userHostSpec(parse(value), '/repo/bench/my-host').counted
  assert.equal(spec({ name: 'my-py', runtime: 'x', toolchain: 'python', run: ['python', 'host.py'] })?.pythonLines, true)
  assert.equal(spec({ name: 'my-py', runtime: 'x', toolchain: 'python', run: ['./host.sh'] })?.pythonLines, undefined)
  assert.equal(spec(GOOD)?.pythonLines, undefined)
})

test('a wrong manifest is one error naming the file and the field', () => {
  const cases: Array<[unknown, RegExp]> = [
    [[], /: must be a JSON object$/],
    [{ ...GOOD, name: 'Go Host' }, /"name" must be 1-40 lower-case letters/],
    [{ ...GOOD, name: 'go' }, /"name" "go" is a bundled host's name; choose another, e.g. "my-go"/],
    [{ ...GOOD, runtime: undefined }, /"runtime" must be a label/],
    [{ ...GOOD, run: 'go run .' }, /"run" must be an argument array of 1-64 strings, e.g. \["\.\/host"\], got "go run \."/],
    [{ ...GOOD, run: [] }, /"run" must be an argument array/],
    [{ ...GOOD, build: ['go', 7] }, /"build\[1\]" must be a non-empty string, got 7/],
    [{ ...GOOD, build: [['go', 'vet'], ['']] }, /"build\[1\]\[0\]" must be a non-empty string/],
    [{ ...GOOD, toolchain: 'java' }, /"toolchain" must be one of go, python, rust, node/],
    [{ ...GOOD, interface: 2 }, /"interface" must be 1/],
    [{ ...GOOD, ffi: 'yes' }, /"ffi" must be true or false/],
    [{ ...GOOD, counted: { env: { PATH: '/evil' } } }, /"counted\.env\.PATH" is not an allowed variable name/],
    [{ ...GOOD, bulid: ['make'] }, /"bulid" is not a field of the manifest/]
  ]
  for (const [value, message] of cases) {
    assert.throws(
      () => parse(value),
      (error: Error) => {
        assert.ok(error instanceof ManifestError)
        assert.ok(error.message.startsWith(`${FILE}: `), error.message)
        assert.match(error.message, message)
        return true
      }
    )
  }
  assert.equal(fallbackName('./bench/My_Host/'), 'my-host')
})

test('`hosts` takes host folders next to the bundled names; optional-hosts a manifest name', () => {
  const config = parseConfig({ hosts: 'native, rust, ./bench/my-go-host, bench/py', 'optional-hosts': 'my-go' }, 'cli')
  assert.deepEqual(config.measure.hosts, ['native', 'rust', './bench/my-go-host', 'bench/py'])
  assert.deepEqual(config.gate.optional_hosts, ['my-go'])
  for (const bad of ['../outside', '/abs/host', './a;rm -rf', './x/../../y']) {
    assert.throws(
      () => parseConfig({ hosts: `native,${bad}` }, 'cli'),
      (error: Error) => {
        assert.ok(error instanceof InputError)
        assert.match(error.message, /^Input "hosts" has (host folder|unknown host)/)
        return true
      }
    )
  }
  assert.throws(
    () => parseConfig({ hosts: 'native,pyhton' }, 'cli'),
    /unknown host "pyhton": allowed values are native, go, python, rust, node, or a host folder/
  )
})

test('the base revision builds its own copy of a host folder, even with the bundled guest', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wfb-trees-'))
  const [workspace, revisionRoot, actionRoot] = ['ws', 'rev', 'action'].map(d => path.join(root, d))
  for (const dir of [workspace, revisionRoot, actionRoot]) mkdirSync(dir)
  const trees = revisionTrees({ actionRoot, workspace, revisionRoot, guest: null, wasm: null, hostFolders: ['./bench/h'], cwd: workspace })
  assert.deepEqual(trees, { ok: true, repoRoot: actionRoot, hostsFrom: 'action', guest: null, wasm: null, userRoot: revisionRoot })
  const outside = revisionTrees({ actionRoot, workspace, revisionRoot, guest: null, wasm: null, hostFolders: ['../h'], cwd: workspace })
  assert.equal(outside.ok, false)
})

/** A user repository holding host folders; `files` maps a path to its content. */
function userRepository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wfb-user-hosts-'))
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), content)
  }
  return root
}

/** A host in Node that keeps the interface but writes `report` as its workload report. */
const NODE_HOST = (report: string) => `
import { appendFileSync } from 'node:fs'
const [command, , , reportFile] = process.argv.slice(2)
if (command === 'version') console.log(JSON.stringify({ runtime: 'none', version: '1.0.0' }))
else if (command === 'workload') { console.log('hello'); appendFileSync(reportFile, ${JSON.stringify(report)} + '\\n') }
else process.exit(2)
`
const manifest = (name: string) => JSON.stringify({ name, runtime: 'test', toolchain: 'node', run: ['node', 'host.mjs'], ffi: false })

test('a bad manifest fails its host alone, with the error naming the file and the field', async () => {
  const root = userRepository({
    [`bench/bad/${MANIFEST_FILE}`]: JSON.stringify({ ...GOOD, run: 'node host.mjs' }),
    [`bench/Broken_Host/${MANIFEST_FILE}`]: '{"name": "Broken Host",',
    [`bench/good/${MANIFEST_FILE}`]: manifest('good'),
    'bench/good/host.mjs': NODE_HOST('{"phases_ns":{"setup":1,"compile":1,"instantiate":1,"execute":1}}'),
    [`bench/twin/${MANIFEST_FILE}`]: manifest('good'),
    'bench/twin/host.mjs': NODE_HOST('{}')
  })
  const built = await buildHosts(
    ['./bench/bad', './bench/Broken_Host', './bench/good', './bench/none', './bench/twin'],
    buildContext({ repoRoot: REPO_ROOT }),
    root
  )
  assert.deepEqual(
    built.hosts.map(h => [h.name, h.runtime, h.version]),
    [['good', 'test', '1.0.0']]
  )
  assert.deepEqual(built.failures, [
    {
      // The manifest's own name where that field is right.
      name: 'my-go',
      error: `./bench/bad/${MANIFEST_FILE}: "run" must be an argument array of 1-64 strings, e.g. ["./host"], got "node host.mjs"`
    },
    // Nothing usable in it: the folder names it.
    {
      name: 'broken-host',
      error: `./bench/Broken_Host/${MANIFEST_FILE}: not valid JSON (Expected double-quoted property name in JSON at position 23)`
    },
    { name: 'none', error: './bench/none: no such folder' },
    { name: 'good', error: './bench/twin: the name "good" is taken by another host of this run' }
  ])
})

test('a host whose report lacks a field fails with that field named; the others are measured', () => {
  const root = userRepository({
    [`bench/no-execute/${MANIFEST_FILE}`]: manifest('no-execute'),
    'bench/no-execute/host.mjs': NODE_HOST('{"phases_ns":{"setup":1,"compile":1,"instantiate":1}}'),
    [`bench/bad/${MANIFEST_FILE}`]: '{"name": "bad", "runtime": "x"}'
  })
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      TSX,
      path.join(REPO_ROOT, 'src', 'cli.ts'),
      '--hosts',
      'native,node,./bench/no-execute,./bench/bad',
      '--iterations',
      '2',
      '--warmup',
      '0',
      '--no-ffi',
      '--instructions',
      'off'
    ],
    { cwd: root, encoding: 'utf8', timeout: 300_000 }
  )
  assert.equal(cli.status, 1, cli.stderr)
  assert.match(cli.stderr, /warning: bad: \.\/bench\/bad\/wasm-ffi-bench\.host\.json: "run" must be an argument array/)
  assert.match(
    cli.stderr,
    /warning: no-execute failed: workload: its report \(host interface 1, docs\/host-interface\.md\): "phases_ns" has no "execute"/
  )
  assert.match(cli.stderr, /error: a required host failed/)
  const results = JSON.parse(readFileSync(path.join(root, '.wasm-ffi-bench', 'results.json'), 'utf8')) as Results
  const status = Object.fromEntries(results.hosts.map(h => [h.name, h.status]))
  assert.deepEqual(status, { native: 'ok', node: 'ok', 'no-execute': 'failed', bad: 'failed' })
  process.stdout.write(
    `# ${cli.stderr
      .split('\n')
      .filter(l => /warning|error/.test(l))
      .join('\n# ')}\n`
  )
})
