// Turns raw input strings (action inputs or CLI flags, both kebab-case) into a validated Config.
// Every error names the input and what it allows, so the entries can print it without a stack trace.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import type { MeasureConfig } from './types.js'

export const HOST_NAMES = ['native', 'go', 'python', 'rust', 'node'] as const
export const MODES = ['run', 'report'] as const
export const COMMENT_MODES = ['always', 'on-regression', 'never'] as const
export const SAVE_BASELINE_MODES = ['auto', 'always', 'never'] as const

export type Mode = (typeof MODES)[number]
export type CommentMode = (typeof COMMENT_MODES)[number]
export type SaveBaselineMode = (typeof SAVE_BASELINE_MODES)[number]

export interface Config {
  mode: Mode
  measure: MeasureConfig
  failOnRegression: boolean
  comment: CommentMode
  saveBaseline: SaveBaselineMode
  baselineKeyPrefix: string
  githubToken: string
}

/** Defaults shared by action.yml, the CLI help and the README. */
export const DEFAULTS: Record<string, string> = {
  mode: 'run',
  hosts: HOST_NAMES.join(','),
  'optional-hosts': '',
  iterations: '20',
  warmup: '2',
  guest: '',
  wasm: '',
  'guest-args': '',
  ffi: 'true',
  sizes: '',
  threshold: '10',
  alpha: '0.01',
  'fail-on-regression': 'true',
  comment: 'always',
  'save-baseline': 'auto',
  'baseline-key-prefix': 'wasm-ffi-bench',
  'timeout-minutes': '10',
  'github-token': ''
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(`Input "${input}" ${message}`)
    this.name = 'InputError'
  }
}

export type RawInputs = Record<string, string | undefined>

export function parseConfig(raw: RawInputs): Config {
  const get = (name: string): string => (raw[name] ?? '').trim() || DEFAULTS[name]
  const hosts = parseHostList('hosts', get('hosts'))
  if (hosts.length === 0) throw new InputError('hosts', `must name at least one of ${HOST_NAMES.join(', ')}`)
  const optionalHosts = parseHostList('optional-hosts', get('optional-hosts'))
  const guest = get('guest') || null
  const wasm = get('wasm') || null
  if (guest && !existsSync(path.join(guest, 'Cargo.toml'))) {
    throw new InputError('guest', `must be a directory holding a Rust crate (Cargo.toml), got "${guest}"`)
  }
  if (wasm && !(existsSync(wasm) && statSync(wasm).isFile())) {
    throw new InputError('wasm', `must be the path of a .wasm command module, got "${wasm}" (file not found)`)
  }
  if (guest && wasm) throw new InputError('wasm', 'cannot be combined with "guest": give a guest crate or a prebuilt module, not both')
  const iterations = parseInteger('iterations', get('iterations'), 1, 10_000)
  const sizes = get('sizes')
    ? get('sizes')
        .split(',')
        .map(s => parseInteger('sizes', s.trim(), 1, 1_000_000_000))
    : []
  if (sizes.length === 1)
    throw new InputError('sizes', 'needs at least two sizes to fit fixed and per-item cost, e.g. "10000,100000,999999"')
  return {
    mode: parseChoice('mode', get('mode'), MODES),
    measure: {
      hosts,
      optional_hosts: optionalHosts,
      iterations,
      warmup: parseInteger('warmup', get('warmup'), 0, 1_000),
      guest,
      wasm,
      guest_args: splitArgs(get('guest-args')),
      ffi: parseBoolean('ffi', get('ffi')),
      sizes,
      threshold: parseNumber('threshold', get('threshold'), 0, 1000, 'a percentage between 0 and 1000, e.g. 10') / 100,
      alpha: parseNumber('alpha', get('alpha'), Number.MIN_VALUE, 0.5, 'a probability greater than 0 and at most 0.5, e.g. 0.01'),
      timeout_minutes: parseNumber(
        'timeout-minutes',
        get('timeout-minutes'),
        Number.MIN_VALUE,
        360,
        'a number of minutes greater than 0 and at most 360'
      )
    },
    failOnRegression: parseBoolean('fail-on-regression', get('fail-on-regression')),
    comment: parseChoice('comment', get('comment'), COMMENT_MODES),
    saveBaseline: parseChoice('save-baseline', get('save-baseline'), SAVE_BASELINE_MODES),
    baselineKeyPrefix: parseKeyPrefix(get('baseline-key-prefix')),
    githubToken: raw['github-token']?.trim() ?? ''
  }
}

function parseHostList(input: string, value: string): string[] {
  const names = value
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!(HOST_NAMES as readonly string[]).includes(name)) {
      throw new InputError(input, `has unknown host "${name}": allowed values are ${HOST_NAMES.join(', ')}`)
    }
  }
  return [...new Set(names)]
}

function parseChoice<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(input, `must be one of ${allowed.join(', ')}, got "${value}"`)
}

function parseInteger(input: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(input, `must be a whole number from ${min} to ${max}, got "${value}"`)
  }
  return Number(value)
}

function parseNumber(input: string, value: string, min: number, max: number, allowed: string): number {
  const n = Number(value)
  if (value === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new InputError(input, `must be ${allowed}, got "${value}"`)
  }
  return n
}

function parseBoolean(input: string, value: string): boolean {
  if (/^(true|yes|1)$/i.test(value)) return true
  if (/^(false|no|0)$/i.test(value)) return false
  throw new InputError(input, `must be true or false, got "${value}"`)
}

function parseKeyPrefix(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) {
    throw new InputError('baseline-key-prefix', `must be 1-64 letters, digits, ".", "_" or "-", got "${value}"`)
  }
  return value
}

/** Splits guest arguments on whitespace; they are passed as an argument array and never reach a shell. */
export function splitArgs(value: string): string[] {
  return value.split(/\s+/).filter(Boolean)
}
