// Pinned downloads: the real @actions/tool-cache fetches a made-up asset from a loopback server; it is used when
// its sha256 matches the pin and refused (and deleted) when it does not. Every wasmtime release asset the action
// would download has a pin.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { wasmtimeAsset } from '../src/toolchains/platform.js'
import { downloadVerified } from '../src/toolchains/verified-download.js'
import { WASMTIME_ASSET_SHA256, WASMTIME_VERSION } from '../src/versions.js'
import { applyEnv } from './servers/index.js'

const ASSET = Buffer.from('a made-up wasmtime release asset\n'.repeat(1000))
const ASSET_SHA256 = createHash('sha256').update(ASSET).digest('hex')
const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'wfb-download-'))
let server: http.Server
let url = ''
let restoreEnv: () => void = () => {}

before(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== '/releases/download/v39.0.1/wasmtime-test.tar.xz') return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(ASSET.length) }).end(ASSET)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/download/v39.0.1/wasmtime-test.tar.xz`
  restoreEnv = applyEnv({ RUNNER_TEMP: runnerTemp })
})
after(() => {
  restoreEnv()
  server.close()
})

test('a download whose sha256 matches the pin is used', async () => {
  const file = await downloadVerified(url, ASSET_SHA256.toUpperCase(), 'wasmtime-test.tar.xz')
  assert.ok(file.startsWith(runnerTemp))
  assert.deepEqual(readFileSync(file), ASSET)
})

test("a download keeps the asset's name: tool-cache's zip extraction on Windows falls back to Expand-Archive, which takes .zip files only", async () => {
  const file = await downloadVerified(url, ASSET_SHA256, 'wasmtime-test.tar.xz')
  assert.equal(path.basename(file), 'wasmtime-test.tar.xz')
})

test('a download whose sha256 differs is refused with both hashes, and deleted', async () => {
  const pinned = '0'.repeat(64)
  const before = new Set(readdirSync(runnerTemp))
  await assert.rejects(downloadVerified(url, pinned, 'wasmtime-test.tar.xz'), {
    message: `wasmtime-test.tar.xz: sha256 ${ASSET_SHA256} does not match the pinned ${pinned}; the download is not used`
  })
  assert.deepEqual(
    readdirSync(runnerTemp).filter(name => !before.has(name)),
    [],
    'the refused file was deleted'
  )
})

test('every wasmtime release asset the action downloads has a pinned sha256', () => {
  const platforms: Array<[NodeJS.Platform, string]> = [
    ['linux', 'x64'],
    ['linux', 'arm64'],
    ['darwin', 'x64'],
    ['darwin', 'arm64'],
    ['win32', 'x64']
  ]
  for (const [platform, arch] of platforms) {
    const asset = wasmtimeAsset(WASMTIME_VERSION, platform, arch)!
    assert.match(WASMTIME_ASSET_SHA256[asset.name] ?? '', /^[0-9a-f]{64}$/, asset.name)
  }
  assert.equal(Object.keys(WASMTIME_ASSET_SHA256).length, platforms.length, 'no pin for an asset that is never downloaded')
})
