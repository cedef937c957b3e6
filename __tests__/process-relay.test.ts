// Build output relayed into the job log cannot issue workflow commands: lines are read the way the runner reads
// them (fixtures/runner-commands.ts).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { actionLogger } from '../src/action/outcome.js'
import { describeFailure, exec } from '../src/process/exec.js'
import { inertText } from '../src/process/relay.js'
import { runnerCommand } from './fixtures/runner-commands.js'

const HOSTILE = [
  '::add-mask::x',
  '   ::stop-commands::resume-token',
  'Compiling ##[set-output name=verdict]pass',
  'ok\r::set-env name=A::b'
]

test('hostile lines are made inert and stay readable', () => {
  assert.deepEqual(
    HOSTILE.map(line => runnerCommand(line)),
    ['add-mask', 'stop-commands', 'set-output', null],
    'the runner would run these as they are'
  )
  const inert = inertText(HOSTILE.join('\n'))
  const lines = inert.split('\n')
  assert.equal(lines.length, 5, 'a carriage return splits a line for the runner, so it splits here too')
  assert.deepEqual(lines.map(runnerCommand), [null, null, null, null, null])
  assert.equal(lines[0], '> ::add-mask::x')
  assert.equal(lines[2], 'Compiling ##%5Bset-output name=verdict]pass')
  assert.equal(inertText('   Compiling guest v0.1.0'), '   Compiling guest v0.1.0', 'ordinary output is unchanged')
})

test('a failed build step printing workflow commands reaches the action log neutralised', async () => {
  const script = HOSTILE.map(line => `console.error(${JSON.stringify(line)})`).join(';') + ';process.exit(2)'
  const result = await exec(process.execPath, ['-e', script], { timeoutMs: 30_000 })
  assert.equal(result.ok, false)
  // As src/builders/hosts.ts logs a host whose build failed.
  const logged = captureStdout(() => actionLogger.info(`go: failed: ${describeFailure('go build', result, 30_000)}`))
  assert.match(logged, /add-mask::x/, 'the line is still shown')
  for (const line of logged.split(/\r\n|\r|\n/)) assert.equal(runnerCommand(line), null, `a command in the log: ${line}`)
})

function captureStdout(fn: () => void): string {
  const chunks: string[] = []
  const write = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk))
    return true
  }) as typeof process.stdout.write
  try {
    fn()
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}
