// The guest: bundled, a user's crate, or a prebuilt module, and the clear errors for a bad `wasm`.
import { after, before, describe as suite, it } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll, buildContext, buildGuest } from '../src/builders/index.js'
import { findWasmRustc } from '../src/toolchains/rust.js'
import type { GuestModules } from '../src/types.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-guest-'))
const cacheRoot = path.join(tmp, 'cache')
const ctx = buildContext({ repoRoot, cacheRoot })
const wasmOnly = (wasm: string) => buildAll({ repoRoot, hosts: [], guest: null, wasm, ffi: true, cacheRoot })

suite('guest', { timeout: 15 * 60_000 }, () => {
  let bundled: GuestModules
  before(async () => {
    bundled = await buildGuest(ctx, { guest: null, wasm: null })
  })
  after(() => rmSync(tmp, { recursive: true, force: true }))

  it('builds the bundled guest into the cache, keyed by sources and compiler', async () => {
    assert.match(bundled.workload, /[\\/]guest[\\/][0-9a-f]{16}[\\/]workload\.wasm$/)
    assert.equal(bundled.ffi, path.join(path.dirname(bundled.workload), 'ffi.wasm'))
    const log: string[] = []
    const again = await buildGuest({ ...ctx, log: m => log.push(m) }, { guest: null, wasm: null })
    assert.deepEqual(again, bundled)
    assert.match(log.join('\n'), /guest: cached/)
  })

  it('builds a user crate with cargo, picking the bin named workload and the ffi cdylib', async () => {
    const crate = path.join(tmp, 'my-guest')
    cpSync(path.join(repoRoot, 'guest'), crate, { recursive: true, filter: src => !src.includes(`${path.sep}target`) })
    const user = await buildGuest(ctx, { guest: crate, wasm: null })
    assert.notEqual(path.dirname(user.workload), path.dirname(bundled.workload))
    assert.ok(user.ffi)
  })

  it('accepts a prebuilt command module, without an ffi module', async () => {
    const out = await wasmOnly(bundled.workload)
    assert.deepEqual(out.guest, { workload: bundled.workload, ffi: null })
    assert.deepEqual(out.hosts, [])
  })

  it('rejects a missing file', async () => {
    const missing = path.join(tmp, 'nope.wasm')
    await assert.rejects(wasmOnly(missing), { message: `wasm: file not found: ${missing}` })
  })

  it('rejects a file that is not WebAssembly', async () => {
    const text = path.join(tmp, 'readme.wasm')
    writeFileSync(text, 'hello, I am not a module\n')
    await assert.rejects(wasmOnly(text), { message: `wasm: ${text} is not a WebAssembly module` })
    const corrupt = path.join(tmp, 'corrupt.wasm')
    writeFileSync(corrupt, Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff]))
    await assert.rejects(wasmOnly(corrupt), (error: Error) => error.message.startsWith(`wasm: ${corrupt} is not a WebAssembly module (`))
  })

  it('rejects a module without _start (a reactor such as the ffi module)', async () => {
    await assert.rejects(wasmOnly(bundled.ffi!), {
      message: `wasm: ${bundled.ffi} has no _start export (it must be a WASI command module)`
    })
  })

  it('rejects a guest folder that is not a crate', async () => {
    await assert.rejects(buildGuest(ctx, { guest: tmp, wasm: null }), { message: `guest: ${tmp} is not a Rust crate (no Cargo.toml)` })
  })

  it('names both fixes when no rustc has the wasm target', async () => {
    // The running Node stands in for a rustc without the target: `node --print sysroot` fails.
    const noPath = { ...ctx, env: { ...process.env, PATH: '' } }
    await assert.rejects(findWasmRustc(noPath, [process.execPath]), (error: Error) => {
      assert.match(error.message, /tried: .*node.* \(no wasm32-wasip1\/wasm32-wasi std\)/)
      assert.match(error.message, /no Rust compiler with a wasm32-wasip1 or wasm32-wasi standard library/)
      assert.match(error.message, /rustup target add wasm32-wasip1/)
      assert.match(error.message, /libstd-rust-dev-wasm32/)
      return true
    })
  })
})
