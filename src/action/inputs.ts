// Reads every action input by its name in the input table; parsing and validation are shared with the CLI.
import * as core from '@actions/core'
import { parseConfig, type Config, type RawInputs } from '../config.js'
import { INPUTS } from '../inputs.js'

export function readConfig(): Config {
  const raw: RawInputs = {}
  for (const input of INPUTS) raw[input.name] = core.getInput(input.name)
  const config = parseConfig(raw, 'action')
  if (config.githubToken) core.setSecret(config.githubToken)
  return config
}
