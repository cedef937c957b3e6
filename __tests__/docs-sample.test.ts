// The sample comment in docs/ is what the renderer writes for the sample's real results: a change to the report
// shows here first (regenerate with `npm run sample`, which also redraws docs/sample-comment.png).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { SAMPLE_MARKDOWN, sampleComment, sampleResults } from '../scripts/render-sample.js'

test('docs/sample-comment.md is what the renderer writes for docs/sample/ (npm run sample)', () => {
  assert.ok(sampleResults().length > 0, 'docs/sample/ holds the results of a real run')
  assert.equal(readFileSync(SAMPLE_MARKDOWN, 'utf8'), sampleComment())
})

test('the sample names no path of the machine it ran on', () => {
  assert.doesNotMatch(readFileSync(SAMPLE_MARKDOWN, 'utf8'), /\/root\/|\/home\/|\/tmp\/|\/work\//)
})
