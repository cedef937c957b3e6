// Every wasmtime-based host uses the same wasmtime major version, pinned in src/versions.ts.
import { describe as suite, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { WASMTIME_GO, WASMTIME_GO_MODULE, WASMTIME_MAJOR, WASMTIME_PY, WASMTIME_VERSION } from '../src/versions.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')
const major = (version: string): number => Number(version.replace(/^v/, '').split('.')[0])

suite('pinned versions', () => {
  it('agree with each other', () => {
    assert.match(WASMTIME_VERSION, /^\d+\.\d+\.\d+$/)
    assert.equal(major(WASMTIME_PY), WASMTIME_MAJOR)
    assert.equal(major(WASMTIME_GO), WASMTIME_MAJOR)
    assert.ok(WASMTIME_GO_MODULE.endsWith(`/v${WASMTIME_MAJOR}`), WASMTIME_GO_MODULE)
  })

  it('hosts/go/go.mod requires wasmtime-go of the pinned version', () => {
    const gomod = read('hosts/go/go.mod')
    const escaped = WASMTIME_GO_MODULE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    const m = new RegExp(`${escaped}\\s+(v[\\d.]+)`).exec(gomod)
    assert.ok(m, `go.mod does not require ${WASMTIME_GO_MODULE}`)
    assert.equal(m[1], WASMTIME_GO)
    assert.match(read('hosts/go/go.sum'), new RegExp(`${escaped} ${WASMTIME_GO.replace(/\./g, '\\.')} `))
  })

  it('hosts/python/requirements.txt pins the wasmtime wheel', () => {
    const m = /^wasmtime==(\S+)/m.exec(read('hosts/python/requirements.txt'))
    assert.ok(m, 'requirements.txt does not pin wasmtime==')
    assert.equal(m[1], WASMTIME_PY)
  })

  it('hosts/rust/Cargo.toml and Cargo.lock use the pinned wasmtime crates', () => {
    const toml = read('hosts/rust/Cargo.toml')
    for (const crate of ['wasmtime', 'wasmtime-wasi']) {
      const m = new RegExp(`^${crate}\\s*=\\s*\\{[^}]*version\\s*=\\s*"=?([\\d.]+)"`, 'm').exec(toml)
      assert.ok(m, `Cargo.toml has no ${crate} dependency with a version`)
      assert.equal(m[1], WASMTIME_VERSION, crate)
      const lock = new RegExp(`\\[\\[package\\]\\]\\nname = "${crate}"\\nversion = "([^"]+)"`).exec(read('hosts/rust/Cargo.lock'))
      assert.ok(lock, `Cargo.lock has no ${crate}`)
      assert.equal(lock[1], WASMTIME_VERSION, `${crate} in Cargo.lock`)
    }
  })

  it('all state the same major version', () => {
    const majors = [
      major(/wasmtime-go\/v\d+\s+(v[\d.]+)/.exec(read('hosts/go/go.mod'))![1]),
      major(/^wasmtime==(\S+)/m.exec(read('hosts/python/requirements.txt'))![1]),
      major(/^wasmtime\s*=.*version\s*=\s*"=?([\d.]+)"/m.exec(read('hosts/rust/Cargo.toml'))![1])
    ]
    assert.deepEqual(majors, [WASMTIME_MAJOR, WASMTIME_MAJOR, WASMTIME_MAJOR])
  })
})
