// The input table is the one source: action.yml and the README's inputs table are generated from it, the CLI's
// flags and usage come from it, and every default parses.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { parseConfig } from '../src/config.js'
import { cliFlags, INPUTS, KEY_INPUTS } from '../src/inputs.js'
import { actionYaml, formatted, inputsDocWithTables, readmeWithTable } from '../scripts/sync-action.js'
import { REPO_ROOT } from './e2e/harness.js'

test('action.yml is what the input table generates (npm run sync-action)', async () => {
  const file = path.join(REPO_ROOT, 'action.yml')
  assert.equal(readFileSync(file, 'utf8'), await formatted(file, actionYaml()))
})

test("the README's table of the key inputs and docs/inputs.md's tables are what the input table generates", async () => {
  const file = path.join(REPO_ROOT, 'README.md')
  const readme = readFileSync(file, 'utf8')
  assert.equal(readme, await formatted(file, readmeWithTable(readme)))
  for (const name of KEY_INPUTS) assert.match(readme, new RegExp(`\\| \`${name}\` +\\|`), name)
  const docFile = path.join(REPO_ROOT, 'docs', 'inputs.md')
  const doc = readFileSync(docFile, 'utf8')
  assert.equal(doc, await formatted(docFile, inputsDocWithTables(doc)))
  for (const input of INPUTS) assert.match(doc, new RegExp(`\\| \`${input.name}\` +\\|`), input.name)
})

test('every default parses, for the action and for the CLI', () => {
  const action = parseConfig({}, 'action')
  assert.equal(action.gate.fail_on_regression, true)
  assert.deepEqual(action.gate.groups, ['overhead', 'per-call', 'instructions'])
  assert.deepEqual(action.instructions, { mode: 'auto', runs: 3 })
  assert.equal(action.gate.instructions_threshold, 0.005)
  const cli = parseConfig({}, 'cli')
  assert.equal(cli.gate.fail_on_regression, false)
  assert.equal(cli.measure.iterations, action.measure.iterations)
})

test('the CLI has a flag for every input it shares, and its usage lists them', async () => {
  const { USAGE } = await import('../src/cli-flags.js')
  for (const flag of cliFlags()) assert.match(USAGE, new RegExp(`--${flag.name}\\b`), flag.name)
  assert.ok(!USAGE.includes('--mode'), 'mode is the action only')
})
