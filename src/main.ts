// The action: read inputs, run the chosen mode. Bad input ends in one ::error:: line and exit 1.
import * as core from '@actions/core'
import { InputError } from './config.js'
import { readConfig } from './action/inputs.js'
import { eventInfo } from './action/github-event.js'
import { reportMode } from './action/report-mode.js'
import { runMode } from './action/run-mode.js'

export async function run(): Promise<void> {
  try {
    const config = readConfig()
    const event = eventInfo()
    if (config.mode === 'report') await reportMode(config, event)
    else await runMode(config, event)
  } catch (error) {
    if (error instanceof InputError) core.setFailed(error.message)
    else core.setFailed(`wasm-ffi-bench: ${(error as Error).message}`)
  }
}
