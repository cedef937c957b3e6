// Results artifacts through the real @actions/artifact against the loopback results service and GitHub REST API.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import { applyEnv, closedPortUrl, startServices, type Services } from './servers/index.js'

type Mod = typeof import('../src/publish/artifacts.js')
const TOKEN = 'ghs_reporttoken'
const PREFIX = 'wasm-ffi-bench-'

describe('results artifacts', () => {
  let svc: Services
  let mod: Mod
  let tmp = ''
  let restoreEnv: () => void = () => {}
  const asJob = (o: Parameters<Services['jobEnv']>[0]) => {
    restoreEnv()
    restoreEnv = applyEnv({ ...svc.jobEnv(o), ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY: '2' })
  }
  const resultsDir = (tag: string) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'out-'))
    fs.writeFileSync(path.join(dir, `results-${tag}.json`), JSON.stringify({ schema: 'wasm-ffi-bench/results@1', tag }))
    fs.writeFileSync(path.join(dir, `results-${tag}.md`), `# ${tag}\n`)
    return dir
  }
  const upload = async (tag: string) => {
    const dir = resultsDir(tag)
    return mod.uploadResults(
      `${PREFIX}${tag}`,
      fs.readdirSync(dir).map(f => path.join(dir, f)),
      dir
    )
  }

  before(async () => {
    svc = await startServices({ token: TOKEN, runId: 100 })
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-art-'))
    // @actions/github fixes its API base URL when first imported: set the env, then import.
    restoreEnv = applyEnv(svc.env)
    mod = await import('../src/publish/artifacts.js')
  })
  afterEach(() => svc.artifact.faults.clear())
  after(async () => {
    restoreEnv()
    await svc.close()
    fs.rmSync(tmp, { recursive: true, force: true })
  })

  it('uploads in the matrix jobs of run A, lists and downloads them in its report job', async () => {
    asJob({ runId: 100, job: 'bench-linux' })
    const a = await upload('linux-x64')
    assert.equal(a.warning, undefined)
    assert.ok(a.uploaded && a.id)
    asJob({ runId: 100, job: 'bench-macos' })
    assert.equal((await upload('macos-arm64')).uploaded, true)
    const none = await mod.uploadResults(`${PREFIX}none`, [path.join(tmp, 'missing.json')], tmp)
    assert.equal(none.uploaded, false)
    assert.match(none.warning ?? '', /no results files/)
    const other = resultsDir('other')
    assert.equal((await mod.uploadResults('other-artifact', [path.join(other, 'results-other.json')], other)).uploaded, true)

    asJob({ runId: 100, job: 'report' })
    const warnings: string[] = []
    const dest = path.join(tmp, 'same-run')
    const files = await mod.downloadAllResults(dest, { namePrefix: PREFIX, onWarning: w => warnings.push(w) })
    assert.deepEqual(warnings, [])
    assert.deepEqual(
      files.map(f => path.relative(dest, f)).sort(),
      [
        'wasm-ffi-bench-linux-x64/results-linux-x64.json',
        'wasm-ffi-bench-linux-x64/results-linux-x64.md',
        'wasm-ffi-bench-macos-arm64/results-macos-arm64.json',
        'wasm-ffi-bench-macos-arm64/results-macos-arm64.md'
      ].map(p => p.split('/').join(path.sep))
    )
    assert.equal(
      JSON.parse(
        fs.readFileSync(
          files.find(f => f.endsWith('linux-x64.json'))!,
          'utf8'
        )
      ).tag,
      'linux-x64'
    )
  })

  it("downloads another run's artifacts by workflowRunId through the REST API (workflow_run)", async () => {
    asJob({ runId: 200, job: 'comment', event: 'workflow_run' })
    svc.github.state.requests.length = 0
    const warnings: string[] = []
    const dest = path.join(tmp, 'other-run')
    // Run 200 has no artifacts of its own: only the findBy path can find run 100's.
    assert.deepEqual(await mod.downloadAllResults(path.join(tmp, 'own'), { namePrefix: PREFIX, onWarning: w => warnings.push(w) }), [])
    const files = await mod.downloadAllResults(dest, {
      runId: 100,
      owner: 'acme',
      repo: 'bench',
      token: TOKEN,
      namePrefix: PREFIX,
      onWarning: w => warnings.push(w)
    })
    assert.deepEqual(warnings, [])
    assert.equal(files.length, 4)
    assert.ok(files.some(f => f.endsWith('results-macos-arm64.json')))
    const paths = svc.github.state.requests.map(r => `${r.method} ${r.path} ${r.status}`)
    assert.ok(paths.includes('GET /repos/acme/bench/actions/runs/100/artifacts 200'), paths.join('\n'))
    assert.equal(paths.filter(p => /actions\/artifacts\/\d+\/zip 302$/.test(p)).length, 2)
    assert.ok(svc.github.state.requests.every(r => r.auth))
  })

  it('warns instead of throwing when the other run cannot be read', async () => {
    asJob({ runId: 200, job: 'comment' })
    const warnings: string[] = []
    const files = await mod.downloadAllResults(path.join(tmp, 'x'), {
      runId: 100,
      owner: 'acme',
      repo: 'bench',
      token: 'ghs_wrong',
      namePrefix: PREFIX,
      onWarning: w => warnings.push(w)
    })
    assert.deepEqual(files, [])
    assert.match(warnings.join('\n'), /run 100.*Bad credentials|401/)
    warnings.length = 0
    assert.deepEqual(
      await mod.downloadAllResults(path.join(tmp, 'y'), { runId: 100, namePrefix: PREFIX, onWarning: w => warnings.push(w) }),
      []
    )
    assert.match(warnings[0], /token/)
  })

  it('a second upload under the same name is a warning, not a crash', async () => {
    asJob({ runId: 100, job: 'bench-linux' })
    const again = await upload('linux-x64')
    assert.equal(again.uploaded, false)
    assert.match(again.warning ?? '', /409|already exists/)
  })

  it('a results service that is down is a warning on upload and on download', async () => {
    asJob({ runId: 300, job: 'bench' })
    const restore = applyEnv({ ACTIONS_RESULTS_URL: `${await closedPortUrl()}/` })
    try {
      const up = await upload('down')
      assert.equal(up.uploaded, false)
      assert.match(up.warning ?? '', /ECONNREFUSED|network/i)
      const warnings: string[] = []
      assert.deepEqual(await mod.downloadAllResults(path.join(tmp, 'z'), { namePrefix: PREFIX, onWarning: w => warnings.push(w) }), [])
      assert.match(warnings.join('\n'), /ECONNREFUSED|network/i)
    } finally {
      restore()
    }
  })

  it('skips an artifact whose content does not match its upload digest, and removes what was extracted', async () => {
    asJob({ runId: 500, job: 'bench-linux' })
    assert.equal((await upload('linux-x64')).uploaded, true)
    asJob({ runId: 500, job: 'bench-windows' })
    assert.equal((await upload('windows-x64')).uploaded, true)
    // Swap the stored zip of one artifact for another valid zip: only the digest can tell.
    const [linux, windows] = ['linux-x64', 'windows-x64'].map(tag =>
      svc.store.artifacts.find(a => a.runId === 500 && a.name === `${PREFIX}${tag}`)!
    )
    svc.store.blobs.get(linux!.blobPath)!.data = svc.store.blobs.get(windows!.blobPath)!.data
    asJob({ runId: 500, job: 'report' })
    const warnings: string[] = []
    const dest = path.join(tmp, 'digest')
    const files = await mod.downloadAllResults(dest, { namePrefix: PREFIX, onWarning: w => warnings.push(w) })
    assert.deepEqual(warnings, [`artifact ${PREFIX}linux-x64: its content does not match the digest recorded at upload; skipped`])
    assert.deepEqual(files.map(f => path.relative(dest, f)).sort(), [
      path.join(`${PREFIX}windows-x64`, 'results-windows-x64.json'),
      path.join(`${PREFIX}windows-x64`, 'results-windows-x64.md')
    ])
    assert.equal(fs.existsSync(path.join(dest, `${PREFIX}linux-x64`)), false)
  })

  it('reads a bounded number of artifacts of a bounded size', async () => {
    asJob({ runId: 500, job: 'report' })
    const warnings: string[] = []
    const capped = await mod.downloadAllResults(path.join(tmp, 'capped'), {
      namePrefix: PREFIX,
      onWarning: w => warnings.push(w),
      limits: { maxArtifacts: 1, maxArtifactBytes: 1 }
    })
    assert.deepEqual(capped, [])
    assert.equal(warnings.length, 2, warnings.join('\n'))
    assert.match(warnings[0]!, /^2 artifacts named wasm-ffi-bench-\*: only the first 1 are read$/)
    assert.match(warnings[1]!, /^artifact wasm-ffi-bench-linux-x64: \d+ bytes, more than the 1 allowed; skipped$/)
  })
})
