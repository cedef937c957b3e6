// Baselines through the real @actions/cache (v1 by default, v2 once) against the loopback cache service.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { baselineKey, restoreBaseline, saveBaseline } from '../src/publish/baseline.js'
import { applyEnv, closedPortUrl, startServices, type Services } from './servers/index.js'

const DIR = path.join('.wasm-ffi-bench', 'baseline')
const keysFor = (sha: string) =>
  baselineKey({ prefix: 'wasm-ffi-bench', schema: 'wasm-ffi-bench/results@1', os: 'Linux', arch: 'X64', configHash: 'abc123', sha })

describe('baseline in the Actions cache', () => {
  let svc: Services
  let restoreEnv: () => void = () => {}
  let workspace = ''
  const cwd = process.cwd()

  // Simulates the run job writing its results into the baseline directory of the workspace.
  function writeBaseline(content: string): void {
    fs.mkdirSync(path.join(workspace, DIR), { recursive: true })
    fs.writeFileSync(path.join(workspace, DIR, 'baseline.json'), content)
  }
  const read = (file: string | null) => (file ? fs.readFileSync(file, 'utf8') : null)

  before(async () => {
    svc = await startServices()
  })
  after(() => svc.close())
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-ws-'))
    restoreEnv = applyEnv({
      ...svc.env,
      ACTIONS_CACHE_SERVICE_V2: undefined,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: fs.mkdtempSync(path.join(os.tmpdir(), 'wfb-tmp-'))
    })
    // @actions/cache globs relative paths from the cwd and tars from GITHUB_WORKSPACE; on a runner they agree.
    process.chdir(workspace)
    svc.cache.state.entries.length = 0
    svc.cache.state.faults.clear()
    svc.cache.state.corruptArchives = false
  })
  afterEach(() => {
    restoreEnv()
    process.chdir(cwd)
    fs.rmSync(workspace, { recursive: true, force: true })
  })

  it('builds keys that restore by prefix', () => {
    const k = keysFor('deadbeef')
    assert.equal(k.key, 'wasm-ffi-bench-results-v1-Linux-X64-abc123-deadbeef')
    assert.equal(k.restorePrefix, 'wasm-ffi-bench-results-v1-Linux-X64-abc123-')
    assert.ok(k.key.startsWith(k.restorePrefix))
    assert.ok(!baselineKey({ prefix: 'p,q', schema: 's@1', os: 'a b', arch: 'x', configHash: 'h', sha: 's' }).key.includes(','))
  })

  it('saves, then restores the newest baseline by prefix for a new commit', async () => {
    writeBaseline('{"commit":"aaa"}')
    assert.deepEqual(await saveBaseline(DIR, keysFor('aaa').key), { saved: true })
    writeBaseline('{"commit":"bbb"}')
    assert.deepEqual(await saveBaseline(path.join(DIR, 'baseline.json'), keysFor('bbb').key), { saved: true })
    // Another configuration's entry is newer but must not match the prefix.
    writeBaseline('{"commit":"other"}')
    await saveBaseline(
      DIR,
      baselineKey({
        ...{ prefix: 'wasm-ffi-bench', schema: 'wasm-ffi-bench/results@1', os: 'Linux', arch: 'X64' },
        configHash: 'zzz',
        sha: 'ccc'
      }).key
    )
    fs.rmSync(path.join(workspace, DIR), { recursive: true })

    const r = await restoreBaseline(DIR, keysFor('ccc'))
    assert.equal(r.warning, undefined)
    assert.equal(r.hit, keysFor('bbb').key)
    assert.equal(read(r.file), '{"commit":"bbb"}')
    assert.ok(
      svc.cache.state.requests.some(q => q.method === 'PATCH' && q.auth),
      'uploaded in chunks with the runtime token'
    )
  })

  it("never restores the current commit's own entry: a re-run is not compared with itself", async () => {
    writeBaseline('A')
    await saveBaseline(DIR, keysFor('aaa').key)
    writeBaseline('B')
    await saveBaseline(DIR, keysFor('bbb').key)
    // Another commit gets the newest entry, even when an older one is the exact key it would have saved.
    const older = await restoreBaseline(DIR, keysFor('aaa'))
    assert.equal(older.hit, keysFor('bbb').key)
    assert.equal(read(older.file), 'B')
    // The newest entry is this commit's own (its first attempt saved it): no baseline, and the reason.
    const own = await restoreBaseline(DIR, keysFor('bbb'))
    assert.deepEqual([own.hit, own.file], [null, null])
    assert.match(own.warning ?? '', /newest baseline in the cache \(.*-bbb\) is this commit's own.*never compared with itself/)
    assert.ok(!fs.existsSync(path.join(workspace, DIR, 'baseline.json')), 'the restored file is removed again')
  })

  it('a miss is not a warning', async () => {
    assert.deepEqual(await restoreBaseline(DIR, keysFor('none')), { hit: null, file: null })
  })

  it('a reserve conflict (key already saved) is a warning', async () => {
    writeBaseline('A')
    assert.equal((await saveBaseline(DIR, keysFor('aaa').key)).saved, true)
    const again = await saveBaseline(DIR, keysFor('aaa').key)
    assert.equal(again.saved, false)
    assert.match(again.warning ?? '', /reserve/i)
  })

  it('5xx answers become warnings on save and restore', async () => {
    writeBaseline('A')
    svc.cache.state.failNext(1, 500)
    const saved = await saveBaseline(DIR, keysFor('aaa').key)
    assert.equal(saved.saved, false)
    assert.match(saved.warning ?? '', /500/)
    svc.cache.state.failNext(1, 500)
    const r = await restoreBaseline(DIR, keysFor('aaa'))
    assert.equal(r.hit, null)
    assert.match(r.warning ?? '', /500/)
  })

  for (const protocol of ['v1', 'v2'] as const) {
    it(`a 429 from the cache service (${protocol}) is a warning on restore and save, never a failure`, async t => {
      const restore = applyEnv(protocol === 'v2' ? { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: svc.cache.url } : {})
      try {
        const limited = () => svc.cache.state.requests.filter(q => q.status === 429).length
        const before = limited()
        writeBaseline('A')
        svc.cache.state.rateLimitNext(1)
        const saved = await saveBaseline(DIR, keysFor('aaa').key)
        assert.equal(saved.saved, false)
        // The library reports a refused reservation as "another job may be creating this cache"; the reason follows.
        assert.match(
          saved.warning ?? '',
          protocol === 'v1'
            ? /Unable to reserve cache.*Request was blocked due to exceeding usage/
            : /Unable to reserve cache.*rate limit will reset in 60 seconds/
        )
        assert.deepEqual(await saveBaseline(DIR, keysFor('aaa').key), { saved: true }, 'the next save goes through')
        svc.cache.state.rateLimitNext(1)
        const restored = await restoreBaseline(DIR, keysFor('bbb'))
        assert.deepEqual([restored.hit, restored.file], [null, null])
        assert.match(
          restored.warning ?? '',
          protocol === 'v1'
            ? /baseline restore failed: .*429/
            : /baseline restore failed: .*Rate limited.*429.*rate limit will reset in 60 seconds/
        )
        t.diagnostic(`observed (${protocol}): save: ${saved.warning}; restore: ${restored.warning}`)
        assert.equal(limited() - before, 2, 'a rate limit is not retried')
      } finally {
        restore()
      }
    })
  }

  it('garbage answers and a corrupt archive become warnings', async () => {
    svc.cache.state.garbageNext(1)
    const r = await restoreBaseline(DIR, keysFor('aaa'))
    assert.equal(r.file, null)
    assert.ok(r.warning)
    writeBaseline('A')
    await saveBaseline(DIR, keysFor('aaa').key)
    svc.cache.state.corruptArchives = true
    const bad = await restoreBaseline(DIR, keysFor('aaa'))
    assert.equal(bad.file, null)
    assert.ok(bad.warning, 'a tar failure is reported')
  })

  it('a cache service that is down gives warnings, never throws', { timeout: 20_000 }, async () => {
    const down = `${await closedPortUrl()}/`
    const restore = applyEnv({ ACTIONS_CACHE_URL: down })
    try {
      // Only the restore: each call costs the library's two 5 s retry sleeps; save fails the same way.
      const r = await restoreBaseline(DIR, keysFor('aaa'))
      assert.equal(r.hit, null)
      assert.match(r.warning ?? '', /ECONNREFUSED|connect/i)
    } finally {
      restore()
    }
  })

  it('no cache service configured is a warning', async () => {
    const restore = applyEnv({ ACTIONS_CACHE_URL: undefined, ACTIONS_RESULTS_URL: undefined })
    try {
      assert.match((await restoreBaseline(DIR, keysFor('a'))).warning ?? '', /not available/)
    } finally {
      restore()
    }
  })

  it('works with cache service v2 (Twirp + blob storage)', async () => {
    const restore = applyEnv({ ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: svc.cache.url })
    try {
      writeBaseline('v2-A')
      assert.deepEqual(await saveBaseline(DIR, keysFor('aaa').key), { saved: true })
      writeBaseline('v2-B')
      assert.deepEqual(await saveBaseline(DIR, keysFor('bbb').key), { saved: true })
      fs.rmSync(path.join(workspace, DIR), { recursive: true })
      const r = await restoreBaseline(DIR, keysFor('ccc'))
      assert.equal(r.hit, keysFor('bbb').key)
      assert.equal(read(r.file), 'v2-B')
      assert.ok(svc.cache.state.requests.some(q => q.path.endsWith('/CreateCacheEntry')))
    } finally {
      restore()
    }
  })
})
