// Under the table of what changed: per host whose instruction count changed, the functions behind the change,
// collapsed (src/instructions/function-diff.ts finds them). Function names come from the binaries, so every one
// passes the report's one escape; a file is shown by its last parts, never as a local path.
import type { FunctionChange, FunctionDiff, HostResult, Results } from '../types.js'
import { CODE_LAYERS, FFI_METRICS, PER_CALL_COUNTS, type CodeLayer } from '../vocabulary.js'
import { formatChange, formatCount, formatRatio, showText, type TextTarget } from './format.js'
import { comparisonOf, metricLabel } from './metrics.js'
import { table } from './tables.js'

/** Entries shown per list: the results JSON has them all. */
export const SHOWN_FUNCTIONS = 5
export const SHOWN_PER_CALL = 3
/** Characters the lists of one OS may take: a change of every host (a wasmtime update) must leave the comment
 *  its details (report-render.test.ts keeps the largest comment at two thirds of GitHub's limit). */
export const FUNCTIONS_BUDGET = 12_000

interface Shown {
  functions: number
  perCall: number
}

const NODE_HOST = 'node'

/** "hosts/go/main.go", "Python/ceval.c", "wasmtime/_func.py": an installed package's path in it, the host's own
 *  folder, else the file and its directory. */
export function shortFile(file: string): string {
  const path = file.replace(/\\/g, '/')
  const installed = /\/(site-packages|dist-packages|\.deps)\//.exec(path)
  if (installed) return path.slice(installed.index + installed[0].length)
  const host = path.indexOf('hosts/')
  return host >= 0 ? path.slice(host) : path.split('/').filter(Boolean).slice(-2).join('/')
}

const countText = (value: number): string => (value === 0 ? '0' : formatCount(value))
/** Lines executed are whole numbers (a median of two runs may end in .5). */
const linesText = (value: number): string => (Math.abs(value) >= 1e7 ? formatCount(value) : Math.round(value).toLocaleString('en-US'))

const layerLabel = (layer: CodeLayer, host: string): string =>
  layer === 'engine' ? (host === NODE_HOST ? 'V8' : 'wasmtime') : CODE_LAYERS[layer]

function changeText(c: FunctionChange, text = countText): string {
  // A function that ran a few instructions before is better read as a multiple than as +138461569.2%.
  const relative =
    c.relative === null ? 'new' : c.head === 0 ? 'gone' : c.relative >= 9 ? `${formatRatio(1 + c.relative)}` : formatChange(c.relative, 1)
  return `${c.delta > 0 ? '+' : '-'}${text(Math.abs(c.delta))} (${relative})`
}

function rows(diff: FunctionDiff, host: string, shown: number, target: TextTarget, text = countText): string[][] {
  return diff.changes.slice(0, shown).map(c => {
    const where = c.file ? `${shortFile(c.file)}${c.line ? `:${c.line}` : ''}` : '—'
    const pair = c.pair ? ` ↔ ${c.pair}` : ''
    return [
      showText(`${c.function}${pair}`, target, 120),
      layerLabel(c.layer, host),
      showText(where, target, 80),
      text(c.base),
      text(c.head),
      changeText(c, text)
    ]
  })
}

const HEADER = ['function', 'layer', 'where', 'base', 'head', 'change']
const PYTHON_HEADER = ['Python function', 'layer', 'where', 'base lines', 'head lines', 'change']

/** "By layer: binding +1,204, language runtime +5,120": a change spread thinly over many functions shows here. */
function layersLine(diff: FunctionDiff, host: string): string | null {
  if (!diff.layers || diff.layers.length === 0) return null
  const moves = diff.layers.map(l => `${layerLabel(l.layer, host)} ${l.delta > 0 ? '+' : '-'}${countText(Math.abs(l.delta))}`)
  return `By layer: ${moves.join(', ')}.`
}

/** Functions a call did not run before: on a changed call path, the most telling entries, however small. */
const NEW_NAMED = 6

function newLine(diff: FunctionDiff, host: string, target: TextTarget): string | null {
  const added = diff.changes.filter(c => c.relative === null && c.delta > 0)
  if (added.length === 0) return null
  const named = added.slice(0, NEW_NAMED).map(c => {
    const where = c.file ? `, ${shortFile(c.file)}${c.line ? `:${c.line}` : ''}` : ''
    return `${showText(c.function, target, 120)} (${layerLabel(c.layer, host)}${showText(where, target, 80)}, +${countText(c.delta)})`
  })
  const more = added.length > NEW_NAMED ? ` and ${added.length - NEW_NAMED} more` : ''
  return `New on this path: ${named.join('; ')}${more}.`
}

const hasEntries = (diff: FunctionDiff | undefined): boolean => !!diff && (diff.changes.length > 0 || (diff.layers?.length ?? 0) > 0)

function noiseLine(diff: FunctionDiff, unit: string): string {
  return `Left out as noise: ${diff.within_noise} functions that moved by less than ${formatCount(diff.noise)} ${unit} (the count's spread between runs, or the function's own).`
}

function hostSection(run: Results, host: HostResult, target: TextTarget, shown: Shown): string | null {
  const changes = host.instructions?.function_changes
  if (!changes) return null
  const parts: string[] = []
  const total = comparisonOf(run, host.name, 'instructions')
  if (changes.workload.changes.length > 0) {
    const more = changes.workload.changes.length - shown.functions
    parts.push(table([HEADER, ...rows(changes.workload, host.name, shown.functions, target)], target))
    if (more > 0) parts.push(`${more} more in the results JSON.`)
  } else {
    parts.push('No function moved beyond the noise in the workload.')
  }
  const workloadLayers = layersLine(changes.workload, host.name)
  if (workloadLayers) parts.push(workloadLayers)
  parts.push(noiseLine(changes.workload, 'instructions'))
  const python = changes.python_lines
  if (python && hasEntries(python)) {
    // CPython's eval loop is one entry above: which Python functions ran more or fewer lines.
    parts.push(`Python functions (source lines executed in the workload; noise ${linesText(python.noise)} lines):`)
    if (python.changes.length > 0)
      parts.push(table([PYTHON_HEADER, ...rows(python, host.name, shown.functions, target, linesText)], target))
    const pythonLayers = layersLine(python, host.name)
    if (pythonLayers) parts.push(pythonLayers)
  }
  for (const metric of FFI_METRICS) {
    const diff = changes.per_call?.[PER_CALL_COUNTS[metric]]
    if (!diff || !hasEntries(diff) || shown.perCall === 0) continue
    parts.push(`Per call, ${metricLabel(metric)} (instructions per call; noise ${formatCount(diff.noise)}):`)
    if (diff.changes.length > 0) parts.push(table([HEADER, ...rows(diff, host.name, shown.perCall, target)], target))
    const perCallNew = newLine(diff, host.name, target)
    if (perCallNew) parts.push(perCallNew)
    const perCallLayers = layersLine(diff, host.name)
    if (perCallLayers) parts.push(perCallLayers)
  }
  const change = total ? ` ${formatChange(total.change, 2)}` : ''
  const summary = `${showText(host.name, target)}: the functions behind the instruction change${change}, head against base`
  if (target === 'terminal') return `${summary}\n${parts.join('\n')}`
  return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`
}

/**
 * Whether a host has a list to show: a function moved beyond the noise, or its workload count changed (a change
 * spread thinly over many functions is said to be so). A per-call count left open by its own jitter, with no
 * function beyond the noise, shows nothing.
 */
function hasList(run: Results, host: HostResult): boolean {
  const changes = host.instructions?.function_changes
  if (!changes) return false
  const listed = [changes.workload, ...Object.values(changes.per_call ?? {}), changes.python_lines ?? undefined].some(hasEntries)
  const workload = comparisonOf(run, host.name, 'instructions')
  return listed || (workload !== undefined && workload.verdict !== '~' && workload.verdict !== 'inconclusive')
}

/**
 * The collapsed function lists of one OS's hosts whose instruction count changed (`all`: every host compared
 * with its base, A/A ones included); empty when there is none.
 */
export function functionChangeSections(run: Results, target: TextTarget, all = false): string {
  if (run.compared_with.kind !== 'revision') return ''
  const hosts = run.hosts.filter(host => host.status === 'ok' && (all || hasList(run, host)))
  // Fewer entries where many hosts changed at once; the results JSON keeps them all.
  const tries: Shown[] = [
    { functions: SHOWN_FUNCTIONS, perCall: SHOWN_PER_CALL },
    { functions: SHOWN_FUNCTIONS, perCall: 1 },
    { functions: 3, perCall: 0 },
    { functions: 1, perCall: 0 }
  ]
  let text = ''
  for (const shown of tries) {
    text = hosts
      .map(host => hostSection(run, host, target, shown))
      .filter((s): s is string => s !== null)
      .join('\n\n')
    if (text.length <= FUNCTIONS_BUDGET) break
  }
  return text
}
