// Run by Windows Node under Wine (bundled by windows-wine.test.ts): the harness's own process layer, on win32,
// starts the launcher, which starts a Node that starts another Node. The timeout must end all of them: the
// grandchild's heartbeat file stops growing.
import { statSync, writeFileSync } from 'node:fs'
import { timedRun } from '../../src/process/spawn.js'

const [launcher, timingFile, heartbeat, resultFile] = process.argv.slice(2)
const grandchild = `setInterval(() => require('fs').appendFileSync(${JSON.stringify(heartbeat)}, '.'), 50)`
const child = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'ignore' }); setInterval(() => {}, 1000)`
const beats = (): number => {
  try {
    return statSync(heartbeat).size
  } catch {
    return 0
  }
}

const run = await timedRun([launcher, timingFile, process.execPath, '-e', child], { timeoutMs: 10_000 })
const atReturn = beats()
await new Promise(resolve => setTimeout(resolve, 3000))
writeFileSync(resultFile, JSON.stringify({ timedOut: run.timedOut, wallMs: run.wallMs, atReturn, threeSecondsLater: beats() }))
