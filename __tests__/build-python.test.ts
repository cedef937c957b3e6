// The Python host's virtual environment is installed with hashes: the pinned requirements build a venv that runs
// the host, and a requirements file whose hash does not match what PyPI serves is refused by pip.
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { buildContext, buildHosts } from '../src/builders/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-python-'))

/** A checkout holding only the Python host, with its requirements as given. */
function checkoutWith(requirements: string): string {
  const root = path.join(tmp, `checkout-${Math.random().toString(16).slice(2)}`)
  cpSync(path.join(repoRoot, 'hosts', 'python'), path.join(root, 'hosts', 'python'), { recursive: true })
  writeFileSync(path.join(root, 'hosts', 'python', 'requirements.txt'), requirements)
  return root
}

describe('python host requirements', { timeout: 15 * 60_000 }, () => {
  const pinned = readFileSync(path.join(repoRoot, 'hosts', 'python', 'requirements.txt'), 'utf8')

  it('pins every requirement with hashes', () => {
    const requirements = pinned
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter(line => line && !line.startsWith('#'))
    assert.deepEqual(
      requirements.map(line => line.split(/[=;\s]/)[0]),
      ['wasmtime', 'importlib_resources', 'zipp']
    )
    for (const line of requirements) assert.match(line, /==\S+.*--hash=sha256:[0-9a-f]{64}/, line)
  })

  it('builds the venv with --require-hashes and the host reports its runtime', async () => {
    const root = checkoutWith(pinned)
    const built = await buildHosts(['python'], buildContext({ repoRoot: root, cacheRoot: path.join(tmp, 'cache-ok') }))
    assert.deepEqual(built.failures, [])
    assert.equal(built.hosts[0].runtime, 'wasmtime-py')
    assert.equal(built.hosts[0].version, '39.0.0')
  })

  it('refuses a wheel whose hash does not match the pin', async () => {
    const tampered = pinned.replace(/sha256:[0-9a-f]{64}/g, `sha256:${'ab'.repeat(32)}`)
    const root = checkoutWith(tampered)
    const built = await buildHosts(['python'], buildContext({ repoRoot: root, cacheRoot: path.join(tmp, 'cache-bad') }))
    assert.equal(built.hosts.length, 0)
    assert.match(built.failures[0].error, /pip install: exit code 1[\s\S]*DO NOT MATCH THE HASHES/)
  })
})
