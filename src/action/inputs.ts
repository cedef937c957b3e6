// Reads every action input by its action.yml name; parsing and validation are shared with the CLI.
import * as core from '@actions/core'
import { DEFAULTS, parseConfig, type Config } from '../config.js'

export function readConfig(): Config {
  const raw: Record<string, string> = {}
  for (const name of Object.keys(DEFAULTS)) raw[name] = core.getInput(name)
  const config = parseConfig(raw)
  if (config.githubToken) core.setSecret(config.githubToken)
  return config
}
