// The CLI's flags and usage, derived from the input table (src/inputs.ts).
import type { ParseArgsConfig } from 'node:util'
import type { RawInputs } from './config.js'
import { cliFlags, INPUTS, type InputSpec } from './inputs.js'

function usageLine(flag: InputSpec): string {
  const cli = flag.cli!
  const name = 'switch' in cli ? (cli.negatable ? `--${flag.name} | --no-${flag.name}` : `--${flag.name}`) : `--${flag.name} ${cli.arg}`
  const fallback = 'switch' in cli || !flag.action?.default ? '' : ` (default ${flag.action.default})`
  return `  ${name.padEnd(28)} ${flag.description}${fallback}`
}

export const USAGE = `Usage: npm run bench -- [options]   (or: npx wasm-ffi-bench [options])

${cliFlags().map(usageLine).join('\n')}
  ${'--help'.padEnd(28)} This text.
`

export function parseOptions(): ParseArgsConfig['options'] {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } }
  for (const flag of cliFlags()) {
    const isSwitch = 'switch' in flag.cli!
    options[flag.name] = { type: isSwitch ? 'boolean' : 'string' }
    if (isSwitch && 'negatable' in flag.cli! && flag.cli.negatable) options[`no-${flag.name}`] = { type: 'boolean' }
  }
  return options
}

export type Values = Record<string, string | boolean | undefined>

/** Flags -> raw inputs: a switch is "true"/"false", `--no-X` turns X off, a value flag passes as it is. */
export function rawInputs(values: Values): RawInputs {
  const raw: Record<string, string> = {}
  for (const flag of INPUTS.filter((input: InputSpec) => input.cli)) {
    const value = values[flag.name]
    if (typeof value === 'string') raw[flag.name] = value
    else if (value === true) raw[flag.name] = 'true'
    if (values[`no-${flag.name}`]) raw[flag.name] = 'false'
  }
  return raw as RawInputs
}

/** An explicitly empty value (`--hosts ""`) is a mistake, not a request for the default: the error names the flag. */
export function emptyFlagError(values: Values): string | null {
  const flag = cliFlags().find(spec => typeof values[spec.name] === 'string' && (values[spec.name] as string).trim() === '')
  return flag ? `--${flag.name} is empty: give a value or leave the flag out (${flag.description.replace(/\.$/, '')})` : null
}
