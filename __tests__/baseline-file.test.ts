// A baseline that cannot be compared is ignored with a reason, never used and never fatal.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { checkBaseline, readBaselineText } from '../src/baseline-file.js'
import { results } from './fixtures/report-results.js'
import { RESULTS_SCHEMA } from '../src/types.js'

const current = results({ config_hash: 'abc123' })
const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-baseline-'))

test('a baseline of the same schema and configuration is used', () => {
  const read = checkBaseline(JSON.stringify(results({ config_hash: 'abc123' })), 'cache', current)
  assert.equal(read.warning, null)
  assert.equal(read.baseline?.config_hash, 'abc123')
})

const REJECTED: Array<[string, string, RegExp]> = [
  ['corrupt', '{"schema": "wasm-ffi-bench/res', /is not valid JSON; ignored/],
  [
    'foreign schema',
    JSON.stringify({ ...results(), schema: 'other-tool/results@3' }),
    new RegExp(`has schema "other-tool/results@3", expected "${RESULTS_SCHEMA}"; ignored`)
  ],
  ['incomplete', JSON.stringify({ schema: RESULTS_SCHEMA }), /is incomplete; ignored/],
  [
    'another configuration',
    JSON.stringify(results({ config_hash: 'ffff00' })),
    /measured with another configuration \(ffff00 vs abc123\); ignored/
  ]
]

for (const [what, text, warning] of REJECTED) {
  test(`a ${what} baseline is ignored with a warning`, () => {
    const read = checkBaseline(text, 'cache', current)
    assert.equal(read.baseline, null)
    assert.match(read.warning!, warning)
  })
}

test('a missing or unreadable baseline file is a warning', () => {
  assert.match(readBaselineText(path.join(dir, 'none.json')).warning!, /^no baseline at /)
  assert.match(readBaselineText(dir).warning!, /is unreadable \(EISDIR\)/)
  const file = path.join(dir, 'baseline.json')
  writeFileSync(file, JSON.stringify(results({ config_hash: 'abc123' })))
  assert.equal(checkBaseline(readBaselineText(file).text!, file, current).warning, null)
})
