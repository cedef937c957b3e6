// End to end, the bundled dist/ as a runner runs it, with no go and no python on PATH and an empty tool cache: the
// action sets both up from a loopback download server (real archives of this machine's Go and CPython builds in the
// official layouts), builds and measures all five hosts; a second run finds them in the tool cache and downloads
// nothing; a run with another Python is compared with the stored baseline, flagged as such in the comment.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe as suite, it } from 'node:test'
import { findOnPath } from '../src/process/exec.js'
import { COMMENT_MARKER } from '../src/report/markdown.js'
import { cacheRoot } from '../src/toolchains/platform.js'
import type { Results } from '../src/types.js'
import { goArchive, osVersion, pythonArchive, type Archive } from './fixtures/toolchain-archives.js'
import { pullRequestPayload, pushPayload, runAction, STACK_LINE, type ActionRun } from './e2e/harness.js'
import { startDownloadServer, type DownloadServer } from './servers/downloads.js'
import { startServices, type Services } from './servers/index.js'

const HOSTS = ['native', 'go', 'python', 'rust', 'node']
const PR = 21
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-e2e-toolchains-'))
const toolCache = path.join(tmp, 'tool-cache')
let services: Services
let downloads: DownloadServer
let go: Archive & { version: string }
let python: Array<Archive & { version: string }>
let searchPath = ''
let buildCache = ''

/** The machine's PATH with every go and python taken out: a folder holding one becomes links to the rest of it. */
function pathWithoutGoAndPython(): string {
  const hidden = /^(go|gofmt|python[0-9.]*(-config)?)$/
  return (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir, index) => {
      const entries = existsSync(dir) ? readdirSync(dir) : []
      if (!entries.some(entry => hidden.test(entry))) return dir
      const links = path.join(tmp, 'path', String(index))
      mkdirSync(links, { recursive: true })
      for (const entry of entries.filter(e => !hidden.test(e))) symlinkSync(path.join(dir, entry), path.join(links, entry))
      return links
    })
    .join(':')
}

/** A fresh build cache, sharing only what takes many minutes to compile (the wasmtime CLI, cargo's target dir). */
function freshBuildCache(): string {
  const dir = path.join(tmp, 'build-cache')
  const shared = cacheRoot(process.env, process.platform, os.homedir())
  mkdirSync(dir, { recursive: true })
  for (const slow of ['wasmtime-cli', 'cargo-target']) {
    mkdirSync(path.join(shared, slow), { recursive: true })
    symlinkSync(path.join(shared, slow), path.join(dir, slow))
  }
  return dir
}

before(async () => {
  go = goArchive()
  python = [pythonArchive('3.13.0'), pythonArchive('3.12.1')]
  downloads = await startDownloadServer()
  downloads.file(`/go/${go.name}`, go.file)
  downloads.goList([{ version: go.version, filename: go.name, sha256: go.sha256 }])
  for (const build of python) downloads.file(`/python/${build.name}`, build.file)
  const arch = process.arch
  downloads.pythonManifest(
    python.map(b => ({
      version: b.version,
      filename: b.name,
      platform: process.platform,
      platform_version: osVersion(),
      arch,
      path: `/python/${b.name}`
    }))
  )
  services = await startServices({ owner: 'acme', repo: 'bench' })
  searchPath = pathWithoutGoAndPython()
  buildCache = freshBuildCache()
})
after(async () => {
  await Promise.all([downloads.close(), services.close()])
  rmSync(tmp, { recursive: true, force: true })
})

async function bench(
  runId: number,
  event: 'push' | 'pull_request',
  inputs: Record<string, string> = {}
): Promise<ActionRun & { seconds: number }> {
  const start = performance.now()
  const run = await runAction({
    inputs: {
      mode: 'run',
      iterations: '3',
      warmup: '1',
      compare: 'baseline',
      'go-version': go.version,
      'go-download-base-url': downloads.goBase,
      'python-mirror': downloads.pythonMirror,
      ...inputs
    },
    event,
    payload: event === 'push' ? pushPayload() : pullRequestPayload(PR),
    ref: event === 'push' ? 'refs/heads/main' : `refs/pull/${PR}/merge`,
    serviceEnv: services.jobEnv({
      runId,
      job: 'measure',
      event,
      pullRequests: event === 'push' ? [] : [PR],
      headSha: runId.toString(16).padStart(40, 'c')
    }),
    env: { PATH: searchPath, RUNNER_TOOL_CACHE: toolCache, WASM_FFI_BENCH_CACHE: buildCache }
  })
  assert.doesNotMatch(run.stdout + run.stderr, STACK_LINE)
  return { ...run, seconds: (performance.now() - start) / 1000 }
}

const results = (run: ActionRun): Results => JSON.parse(readFileSync(run.outputs.results, 'utf8')) as Results
const host = (r: Results, name: string) => r.hosts.find(h => h.name === name)!
const downloaded = (): string[] => downloads.requests.map(r => `${r.status} ${r.path}${r.query}`)
/** The action's lines that say where each toolchain came from and how long each host took to get ready. */
const setupLines = (run: ActionRun): string =>
  run.stdout
    .split('\n')
    .filter(l => /^(go|python): (Go|Python) |: ready, /.test(l))
    .join('\n  ')

suite('the action sets up Go and Python itself', { timeout: 45 * 60_000 }, () => {
  it('has neither go nor python on PATH, and an empty tool cache', () => {
    for (const program of ['go', 'python3', 'python']) assert.equal(findOnPath(program, { PATH: searchPath }), null, program)
    assert.equal(existsSync(toolCache), false)
  })

  it('sets both up from the downloads, builds and measures all five hosts, and records every toolchain', async () => {
    const run = await bench(500, 'push')
    console.log(`first run (empty tool cache): ${run.seconds.toFixed(1)} s\n  ${setupLines(run)}`)
    assert.equal(run.code, 0, run.stdout)
    assert.deepEqual(downloaded(), [
      '200 /go/?mode=json&include=all',
      `200 /go/${go.name}`,
      '200 /python/versions-manifest.json',
      `200 /python/${python[0].name}`
    ])
    assert.ok(existsSync(path.join(toolCache, 'go', go.version, `${process.arch}.complete`)))
    assert.ok(existsSync(path.join(toolCache, 'Python', '3.13.0', `${process.arch}.complete`)))
    assert.match(run.stdout, new RegExp(`go: Go ${go.version} from ${downloads.goBase}/${go.name}`))
    const r = results(run)
    console.log(`results: ${run.outputs.results}\n${JSON.stringify(Object.fromEntries(r.hosts.map(h => [h.name, h.toolchains])), null, 2)}`)
    assert.deepEqual(
      r.hosts.map(h => [h.name, h.status]),
      HOSTS.map(name => [name, 'ok'])
    )
    assert.equal(host(r, 'go').toolchains?.go, go.version)
    assert.equal(host(r, 'go').toolchains?.['wasmtime-go'], host(r, 'go').version)
    assert.equal(host(r, 'python').toolchains?.python, '3.13.0')
    assert.equal(host(r, 'python').toolchains?.['wasmtime-py'], host(r, 'python').version)
    assert.match(host(r, 'rust').toolchains?.rustc ?? '', /^\d+\.\d+\.\d+/)
    assert.match(host(r, 'native').toolchains?.['wasmtime-cli build'] ?? '', /^(release asset|cargo install)/)
    assert.equal(host(r, 'node').toolchains?.v8, process.versions.v8)
    for (const h of r.hosts) assert.match(h.toolchains?.['guest rustc'] ?? '', /\(wasm32-wasip?1?\)$/, h.name)
    assert.match(run.summary, /#### Toolchains/)
    assert.match(run.summary, /\| python \| python 3\.13\.0, wasmtime-py /)
  })

  it('finds both in the tool cache the second time and downloads nothing', async () => {
    const before = downloaded()
    const run = await bench(501, 'pull_request')
    console.log(`second run (tool cache): ${run.seconds.toFixed(1)} s\n  ${setupLines(run)}`)
    assert.equal(run.code, 0, run.stdout)
    assert.deepEqual(downloaded(), before, 'no download')
    assert.match(run.stdout, new RegExp(`go: Go ${go.version} from tool cache`))
    assert.match(run.stdout, /python: Python 3\.13\.0 from tool cache/)
    const r = results(run)
    assert.equal(r.compared_with.kind, 'baseline')
    assert.doesNotMatch(r.baseline_note ?? '', /other toolchains/, 'the same toolchains as the baseline')
  })

  it('compares a run with another Python with the baseline, and says so in the comment', async () => {
    const before = downloaded().length
    const run = await bench(502, 'pull_request', { 'python-version': '3.12.1' })
    assert.equal(run.code, 0, run.stdout)
    assert.deepEqual(downloaded().slice(before), ['200 /python/versions-manifest.json', `200 /python/${python[1].name}`])
    const r = results(run)
    assert.equal(host(r, 'python').toolchains?.python, '3.12.1')
    assert.equal(r.compared_with.kind, 'baseline')
    assert.match(r.baseline_note ?? '', /baseline measured with other toolchains \(python: python 3\.13\.0 → 3\.12\.1\)/)
    const python312 = r.comparisons.filter(c => c.host === 'python')
    assert.ok(python312.length > 0 && python312.every(c => c.note?.includes('toolchain differs from the baseline: python 3.13.0 → 3.12.1')))
    assert.ok(r.comparisons.filter(c => c.host !== 'python').every(c => !c.note?.includes('toolchain')))

    const report = await runAction({
      inputs: { mode: 'report', 'github-token': 'ghs_e2e-toolchains-token' },
      event: 'pull_request',
      payload: pullRequestPayload(PR),
      ref: `refs/pull/${PR}/merge`,
      serviceEnv: services.jobEnv({ runId: 502, job: 'report', event: 'pull_request', pullRequests: [PR] })
    })
    assert.equal(report.code, 0, report.stdout)
    const comment = (services.github.state.comments.get(`acme/bench#${PR}`) ?? []).find(c => c.body.includes(COMMENT_MARKER))!
    const flag = comment.body.split('\n').find(line => line.includes('other toolchains'))
    const table = comment.body.split('\n').filter(line => /^\| (host|python|go) +\| (toolchain|python |go )/.test(line))
    console.log(`the flag in the comment: ${flag}\n  ${table.join('\n  ')}`)
    assert.match(flag ?? '', /^Stored baseline: .*baseline measured with other toolchains \(python: python 3\.13\.0 → 3\.12\.1\)/)
    assert.match(comment.body, /\| python \| python 3\.12\.1, wasmtime-py /)
  })

  it('refuses a Go archive whose sha256 differs from the release list, naming Go and the version', async () => {
    rmSync(path.join(toolCache, 'go'), { recursive: true, force: true })
    downloads.goList([{ version: go.version, filename: go.name, sha256: python[0].sha256 }])
    const run = await bench(503, 'push', { hosts: 'go,node', 'save-baseline': 'never' })
    assert.equal(run.code, 1)
    const message = `Go ${go.version}: ${go.name} has sha256 ${go.sha256}, but the release list gives ${python[0].sha256}; not installed`
    assert.equal(host(results(run), 'go').error, message)
    assert.match(run.stdout, /::error::/)
    assert.ok(!existsSync(path.join(toolCache, 'go', go.version)), 'nothing installed')
  })
})
