// Turns raw input strings (action inputs or CLI flags, both kebab-case) into a validated Config.
// Every error names the input and what it allows, so the entries can print it without a stack trace.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { HOST_NAMES, isHostName } from './host-registry.js'
import { isHostFolder } from './builders/manifest.js'
import { inputDefault, type InputName } from './inputs.js'
import { FROM_PATH, TOOLCHAINS_FROM_PATH, type ToolchainSettings } from './toolchains/setup.js'
import { GO_VERSION, PYTHON_VERSION } from './versions.js'
import type { GateSettings, MeasureConfig } from './types.js'
import { GATE_GROUPS } from './vocabulary.js'
import { INSTRUCTIONS_MODES, type InstructionSettings } from './instructions/index.js'

export const MODES = ['run', 'report'] as const
export const COMMENT_MODES = ['always', 'on-regression', 'never'] as const
export const SAVE_BASELINE_MODES = ['auto', 'always', 'never'] as const
export const COMPARE_MODES = ['auto', 'baseline', 'none'] as const
export const FUNCTION_LISTS = ['changed', 'all'] as const

export type Mode = (typeof MODES)[number]
export type CommentMode = (typeof COMMENT_MODES)[number]
export type SaveBaselineMode = (typeof SAVE_BASELINE_MODES)[number]
export type CompareMode = (typeof COMPARE_MODES)[number]
export type FunctionLists = (typeof FUNCTION_LISTS)[number]

export interface Config {
  mode: Mode
  /** what shapes the measurement; hashed whole to key the baseline */
  measure: MeasureConfig
  /** how results are judged */
  gate: GateSettings
  timeoutMinutes: number
  /** what the run is compared with (the action; the CLI compares with --compare-with REF or its baseline file) */
  compare: CompareMode
  /** measuring stops when every gating comparison is decided or this budget is spent */
  timeBudgetMinutes: number
  comment: CommentMode
  /** whose function lists the report shows */
  functionLists: FunctionLists
  saveBaseline: SaveBaselineMode
  baselineKeyPrefix: string
  githubToken: string
  /** the Go and Python the action sets up for the hosts; the CLI takes those on PATH */
  toolchains: ToolchainSettings
  instructions: InstructionSettings
  /** the trend: how many default-branch runs it reads, and the rise of an instruction count that is drift */
  history: { runs: number; driftThreshold: number }
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

export type RawInputs = Partial<Record<InputName, string>>

/** Raw strings (action inputs or CLI flags) -> Config; `where` picks the defaults of the action or the CLI. */
export function parseConfig(raw: RawInputs, where: 'action' | 'cli' = 'action'): Config {
  const get = (name: InputName): string => (raw[name] ?? '').trim() || inputDefault(name, where)
  const hosts = parseHostList('hosts', get('hosts'), 'folders')
  if (hosts.length === 0) throw new InputError('hosts', `must name at least one of ${HOST_NAMES.join(', ')}, or a host folder`)
  return {
    mode: parseChoice('mode', get('mode'), MODES),
    measure: parseMeasure(get, hosts),
    gate: {
      threshold: parsePercent('threshold', get('threshold')),
      baseline_threshold: parsePercent('baseline-threshold', get('baseline-threshold')),
      instructions_threshold: parsePercent('instructions-threshold', get('instructions-threshold')),
      alpha: parseNumber('alpha', get('alpha'), Number.MIN_VALUE, 0.5, 'a probability greater than 0 and at most 0.5, e.g. 0.01'),
      groups: parseList('gate', get('gate'), GATE_GROUPS),
      optional_hosts: parseHostList('optional-hosts', get('optional-hosts'), 'names'),
      fail_on_regression: parseBoolean('fail-on-regression', get('fail-on-regression')),
      fail_on_inconclusive: parseBoolean('fail-on-inconclusive', get('fail-on-inconclusive'))
    },
    timeoutMinutes: parseNumber(
      'timeout-minutes',
      get('timeout-minutes'),
      Number.MIN_VALUE,
      360,
      'a number of minutes greater than 0 and at most 360'
    ),
    compare: parseChoice('compare', get('compare'), COMPARE_MODES),
    timeBudgetMinutes: parseNumber(
      'time-budget-minutes',
      get('time-budget-minutes'),
      Number.MIN_VALUE,
      360,
      'a number of minutes greater than 0 and at most 360'
    ),
    comment: parseChoice('comment', get('comment'), COMMENT_MODES),
    functionLists: parseChoice('function-lists', get('function-lists'), FUNCTION_LISTS),
    saveBaseline: parseChoice('save-baseline', get('save-baseline'), SAVE_BASELINE_MODES),
    baselineKeyPrefix: parseKeyPrefix(get('baseline-key-prefix')),
    githubToken: raw['github-token']?.trim() ?? '',
    toolchains: where === 'cli' ? TOOLCHAINS_FROM_PATH : parseToolchains(get),
    instructions: {
      mode: parseChoice('instructions', get('instructions'), INSTRUCTIONS_MODES),
      runs: parseInteger('instruction-runs', get('instruction-runs'), 1, 20)
    },
    history: {
      runs: parseInteger('history-runs', get('history-runs'), 0, 100),
      driftThreshold: parsePercent('drift-threshold', get('drift-threshold'))
    }
  }
}

function parseToolchains(get: (name: InputName) => string): ToolchainSettings {
  return {
    go: {
      version: parseToolchainVersion('go-version', get('go-version'), GO_VERSION),
      source: parseUrl('go-download-base-url', get('go-download-base-url'))
    },
    python: {
      version: parseToolchainVersion('python-version', get('python-version'), PYTHON_VERSION),
      source: parseUrl('python-mirror', get('python-mirror'))
    }
  }
}

/** FROM_PATH, or a version or semver range as setup-go and setup-python take them (1.26.8, 1.26, ^3.12, >=3.11 <3.14). */
function parseToolchainVersion(input: InputName, value: string, example: string): string {
  if (value === FROM_PATH || (/^[0-9A-Za-z.*+~^<>=| -]{1,64}$/.test(value) && /\d/.test(value))) return value
  const [major, minor] = example.split('.')
  throw new InputError(
    input,
    `must be "${FROM_PATH}" (the one on PATH) or a version such as ${example}, ${major}.${minor} or ^${major}.${minor}, got "${value}"`
  )
}

function parseUrl(input: InputName, value: string): string {
  try {
    const url = new URL(value)
    if (url.protocol === 'https:' || url.protocol === 'http:') return value.replace(/\/+$/, '')
  } catch {
    // reported below
  }
  throw new InputError(input, `must be an http(s) URL, got "${value}"`)
}

function parseMeasure(get: (name: InputName) => string, hosts: string[]): MeasureConfig {
  const guest = get('guest') || null
  const wasm = get('wasm') || null
  if (guest && !existsSync(path.join(guest, 'Cargo.toml'))) {
    throw new InputError('guest', `must be a directory holding a Rust crate (Cargo.toml), got "${guest}"`)
  }
  if (wasm && !(existsSync(wasm) && statSync(wasm).isFile())) {
    throw new InputError('wasm', `must be the path of a .wasm command module, got "${wasm}" (file not found)`)
  }
  if (guest && wasm) throw new InputError('wasm', 'cannot be combined with "guest": give a guest crate or a prebuilt module, not both')
  const sizes = get('sizes')
    ? get('sizes')
        .split(',')
        .map(s => parseInteger('sizes', s.trim(), 1, 1_000_000_000))
    : []
  if (sizes.length === 1)
    throw new InputError('sizes', 'needs at least two sizes to fit fixed and per-item cost, e.g. "10000,100000,999999"')
  return {
    hosts,
    iterations: parseInteger('iterations', get('iterations'), 1, 10_000),
    warmup: parseInteger('warmup', get('warmup'), 0, 1_000),
    guest,
    wasm,
    guest_args: splitArgs(get('guest-args')),
    ffi: parseBoolean('ffi', get('ffi')),
    sizes
  }
}

function parseList<T extends string>(input: string, value: string, allowed: readonly T[]): T[] {
  const items = value.split(/[\s,]+/).filter(Boolean)
  for (const item of items) parseChoice(input, item, allowed)
  return [...new Set(items)] as T[]
}

/** A host folder: a relative path inside the repository (its base revision builds its own copy), no shell characters. */
const HOST_FOLDER = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]{1,200}$/
/** A host folder's name is its manifest's, which optional-hosts may name: lower case, digits, "-". */
const MANIFEST_NAME = /^[a-z][a-z0-9-]{0,39}$/

/** Bundled host names, and in `hosts` also host folders ("./bench/my-go-host"); in optional-hosts any host's name. */
function parseHostList(input: string, value: string, others: 'folders' | 'names'): string[] {
  const names = value.split(/[\s,]+/).filter(Boolean)
  for (const name of names) {
    if (isHostName(name)) continue
    if (others === 'names' && MANIFEST_NAME.test(name)) continue
    if (others === 'folders' && isHostFolder(name)) {
      if (HOST_FOLDER.test(name)) continue
      throw new InputError(
        input,
        `has host folder "${name}": it must be a relative path inside the repository (letters, digits, ".", "_", "-", "/"; no "..")`
      )
    }
    const allowed =
      others === 'folders'
        ? `${HOST_NAMES.join(', ')}, or a host folder such as ./bench/my-host`
        : `${HOST_NAMES.join(', ')} or a host folder's manifest name`
    throw new InputError(input, `has unknown host "${name}": allowed values are ${allowed}`)
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

function parsePercent(input: InputName, value: string): number {
  return parseNumber(input, value, 0, 1000, 'a percentage between 0 and 1000, e.g. 3') / 100
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
