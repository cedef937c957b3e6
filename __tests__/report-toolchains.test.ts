// Every toolchain that shaped a figure: one table in the report's details, and a baseline measured with other
// toolchains compared but flagged, on each comparison of the hosts concerned and in the report's notes.
import assert from 'node:assert/strict'
import { describe as suite, it } from 'node:test'
import { applyBaseline } from '../src/analyse/index.js'
import { validateResults } from '../src/publish/validate-results.js'
import { renderRunReport, renderTerminal } from '../src/report/markdown.js'
import type { HostResult } from '../src/types.js'
import { host, results } from './fixtures/report-results.js'
import { row } from './fixtures/report-tables.js'

const GO = { go: '1.26.8', 'wasmtime-go': '39.0.1', 'guest rustc': '1.95.0 (wasm32-wasip1)' }
const withToolchains = (h: HostResult, toolchains: Record<string, string>): HostResult => ({ ...h, toolchains })

suite('the toolchain table', () => {
  const run = results({
    hosts: [
      withToolchains(host('native', 48.9), {
        'wasmtime-cli': '39.0.1',
        'wasmtime-cli build': 'release asset wasmtime-v39.0.1-x86_64-linux.tar.xz'
      }),
      withToolchains(host('go', 64.9), GO),
      host('python', 107.4)
    ]
  })

  it('lists each host’s toolchain in the details, in the markdown and in the terminal', () => {
    const markdown = renderRunReport(run)
    const details = markdown.slice(markdown.indexOf('<details>'))
    assert.match(details, /#### Toolchains\n\n\| host +\| toolchain +\|/)
    assert.deepEqual(row(details, 'go', '#### Toolchains'), ['go', 'go 1.26.8, wasmtime-go 39.0.1, guest rustc 1.95.0 (wasm32-wasip1)'])
    // Markdown escapes (x86\_64) read as the plain text.
    assert.deepEqual(
      row(details, 'native', '#### Toolchains').map(cell => cell.replace(/\\(.)/g, '$1')),
      ['native', 'wasmtime-cli 39.0.1, wasmtime-cli build release asset wasmtime-v39.0.1-x86_64-linux.tar.xz']
    )
    assert.throws(() => row(details.slice(details.indexOf('#### Toolchains'), details.indexOf('#### Harness')), 'python'), /no table row/)
    assert.match(renderTerminal(run), /Toolchains\n-+\n\| host/)
  })

  it('has no section when no host recorded one', () => {
    assert.doesNotMatch(renderRunReport(results()), /Toolchains/)
  })

  it('keeps a hostile record inside its cell', () => {
    const hostile = results({ hosts: [withToolchains(host('go', 64.9), { 'go|x': '1.26\n#### injected' })] })
    const markdown = renderRunReport(hostile)
    assert.doesNotMatch(markdown, /^#### injected/m)
    assert.equal(row(markdown, 'go', '#### Toolchains').length, 2)
  })
})

suite('a baseline measured with other toolchains', () => {
  const python = (version: string) => ({ python: version, 'wasmtime-py': '39.0.0' })
  const measured = (pythonVersion: string) =>
    results({
      hosts: [
        withToolchains(host('native', 48.9), { 'wasmtime-cli': '39.0.1' }),
        withToolchains(host('go', 64.9), GO),
        withToolchains(host('python', 107.4), python(pythonVersion))
      ]
    })

  it('is compared, with a note on every comparison of the host whose toolchain differs', () => {
    const compared = applyBaseline(measured('3.13.0'), measured('3.12.1'), { source: 'cache:key', threshold: 0.1, alpha: 0.01 })
    assert.ok(compared.comparisons.length > 0)
    for (const c of compared.comparisons) {
      if (c.host === 'python') assert.match(c.note ?? '', /toolchain differs from the baseline: python 3\.12\.1 → 3\.13\.0$/)
      else assert.doesNotMatch(c.note ?? '', /toolchain/)
    }
    assert.equal(compared.baseline_note, 'baseline measured with other toolchains (python: python 3.12.1 → 3.13.0)')
    assert.match(
      renderRunReport(compared),
      /^Stored baseline: baseline measured with other toolchains \(python: python 3\.12\.1 → 3\.13\.0\)\.$/m
    )
  })

  it('keeps the flag when the baseline is only context beside a same-job comparison', () => {
    const options = { source: 'cache:key', threshold: 0.1, alpha: 0.01, asContext: true }
    const compared = applyBaseline(measured('3.13.0'), measured('3.12.1'), options)
    const python = compared.baseline_comparisons.filter(c => c.host === 'python')
    assert.ok(python.length > 0)
    for (const c of python) {
      assert.match(c.note ?? '', /^cached baseline: context, not gated; /)
      assert.match(c.note ?? '', /toolchain differs from the baseline: python 3\.12\.1 → 3\.13\.0$/)
    }
  })

  it('is not flagged when the toolchains are the same', () => {
    const compared = applyBaseline(measured('3.13.0'), measured('3.13.0'), { source: 'cache:key', threshold: 0.1, alpha: 0.01 })
    assert.equal(compared.baseline_note, null)
    assert.ok(compared.comparisons.every(c => !c.note?.includes('toolchain')))
  })

  it('from before toolchains were recorded, says that it cannot tell', () => {
    const compared = applyBaseline(measured('3.13.0'), results(), { source: 'cache:key', threshold: 0.1, alpha: 0.01 })
    assert.match(
      compared.baseline_note ?? '',
      /^baseline measured with other toolchains \(native: not recorded in the baseline; go: not recorded/
    )
  })
})

suite('a toolchain record read back from an artifact or a cached baseline', () => {
  const written = (toolchains: unknown) =>
    JSON.parse(JSON.stringify(results({ hosts: [host('native', 48.9), { ...host('go', 64.9), toolchains } as HostResult] })))

  it('survives validation as text to text', () => {
    const checked = validateResults(written(GO))
    assert.deepEqual(checked.results?.hosts[1].toolchains, GO)
    assert.equal(checked.results?.hosts[0].toolchains, undefined)
  })

  it('refuses the file when the record is not text, or too large', () => {
    assert.deepEqual(validateResults(written({ go: 1 })).refused, {
      kind: 'field',
      what: 'is malformed at hosts[1].toolchains.go: expected text, got a number'
    })
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`tool${i}`, '1']))
    assert.match(validateResults(written(many)).refused?.what ?? '', /hosts\[1\]\.toolchains: more than 32 entries/)
    assert.match(
      validateResults(written({ go: 'x'.repeat(301) })).refused?.what ?? '',
      /hosts\[1\]\.toolchains\.go: longer than 300 characters/
    )
  })
})
