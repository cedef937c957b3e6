// The functions behind a change of an instruction count, head against base, and where a host's instructions go.
// A count repeats to a few in 100,000, except where a runtime works on its own schedule: Go's garbage collector
// and its monitor thread move a go host's count by about 100,000 instructions from run to run, spread over the
// runtime's functions. A function is listed only when its move beats both the whole count's spread between runs
// of one revision (the runtime's wobble is inside it) and its own (a function that moves by itself, run to run):
// an A/A run lists nothing, and a change is what stays when the noise is taken out.
import { median } from 'simple-statistics'
import type { FunctionChange, FunctionCount, FunctionCounts, FunctionDiff, LayerChange } from '../types.js'
import { CODE_LAYER_NAMES, type CodeLayer } from '../vocabulary.js'
import { layerOf } from './layers.js'
import { splitLineKey, type MergedProfile, type Profile } from './profile.js'

/** The floor of the noise, as a fraction of the count: a tenth of the default instructions threshold (0.5%). A
 *  count repeats to a few in 100,000, but a change of a few hundred thousand instructions in memcpy from an edited
 *  comment (a longer source file) is real and says nothing to a reviewer. */
export const NOISE_FLOOR = 5e-4
/** Functions kept per host in the results: the listing of a host's counts, and of each list of changes. */
export const TOP_FUNCTIONS = 30
export const MAX_CHANGES = 100

/** Symbols and paths as long as results may carry them (publish/validate-instructions.ts): C++ and Rust
 *  template instances can run to thousands of characters. */
export const MAX_NAME = 1000
const bounded = (text: string): string => (text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text)

export const spread = (xs: readonly number[]): number => (xs.length > 0 ? Math.max(...xs) - Math.min(...xs) : 0)

/** What a function of a layer must move by, beyond its own spread between runs: by default the count's noise. */
export type NoiseOf = (name: string, layer: CodeLayer) => number

const zeroLayers = () => Object.fromEntries(CODE_LAYER_NAMES.map(layer => [layer, 0])) as Record<CodeLayer, number>

/** The line of a function with the most instructions (or, given `sign`, the one that moved most that way). */
function placeOf(lines: ReadonlyMap<string, number>, other?: ReadonlyMap<string, number>, sign = 1) {
  let best: string | null = null
  let bestValue = 0
  for (const [key, count] of lines) {
    const value = sign * (count - (other?.get(key) ?? 0))
    if (value > bestValue) [best, bestValue] = [key, value]
  }
  if (other && best === null) for (const [key, count] of other) if (-sign * count > bestValue) [best, bestValue] = [key, -sign * count]
  if (best === null) return { file: null, line: null }
  const { file, line } = splitLineKey(best)
  return { file: file === null ? null : bounded(file), line }
}

/** Where a host's workload instructions went: per layer, and the functions with the most (medians over runs). */
export function functionCounts(merged: MergedProfile): FunctionCounts {
  const layers = zeroLayers()
  const all: FunctionCount[] = []
  for (const [name, fn] of merged.functions) {
    const place = placeOf(fn.lines)
    const count: FunctionCount = { function: bounded(name), layer: layerOf(name, place.file), ...place, instructions: median(fn.runs) }
    layers[count.layer] += count.instructions
    all.push(count)
  }
  all.sort((a, b) => b.instructions - a.instructions || a.function.localeCompare(b.function))
  return { total: median(merged.totals), layers, top: all.slice(0, TOP_FUNCTIONS) }
}

/** One run per revision (an ffi set's per-call profile) as a merged profile of one run. */
export const single = (profile: Profile): MergedProfile => ({
  totals: [profile.total],
  functions: new Map([...profile.functions].map(([name, fn]) => [name, { runs: [fn.instructions], lines: fn.lines }]))
})

/**
 * The functions whose counts moved between `base` and `head` by more than `noise` and more than their own spread
 * between runs, largest move first. An inlining or a rename is a pair: the function gone, and the one that took
 * its code grown (or new) by about as much; both are listed and name each other.
 */
export function diffFunctions(
  head: MergedProfile,
  base: MergedProfile,
  noise: number,
  noiseOf: NoiseOf = () => noise,
  layerFor: (name: string, file: string | null) => CodeLayer = layerOf
): FunctionDiff {
  const changes: FunctionChange[] = []
  const sums = { head: zeroLayers(), base: zeroLayers() }
  let withinNoise = 0
  for (const name of new Set([...head.functions.keys(), ...base.functions.keys()])) {
    const h = head.functions.get(name)
    const b = base.functions.get(name)
    const headCount = h ? median(h.runs) : 0
    const baseCount = b ? median(b.runs) : 0
    const delta = headCount - baseCount
    if (delta === 0) continue
    const layer = layerFor(name, placeOf(h?.lines ?? b!.lines).file ?? placeOf(b?.lines ?? new Map()).file)
    sums.head[layer] += headCount
    sums.base[layer] += baseCount
    if (Math.abs(delta) <= Math.max(noiseOf(name, layer), spread(h?.runs ?? []), spread(b?.runs ?? []))) {
      withinNoise++
      continue
    }
    const place = placeOf(h?.lines ?? new Map(), b?.lines, Math.sign(delta))
    changes.push({
      function: bounded(name),
      layer,
      ...place,
      base: baseCount,
      head: headCount,
      delta,
      relative: b && baseCount !== 0 ? delta / Math.abs(baseCount) : null
    })
  }
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.function.localeCompare(y.function))
  pairUp(changes, noise)
  // A change spread over many functions, each within the noise, still shows in its layer's sum.
  const layers: LayerChange[] = CODE_LAYER_NAMES.map(layer => ({
    layer,
    base: sums.base[layer],
    head: sums.head[layer],
    delta: sums.head[layer] - sums.base[layer]
  })).filter(l => Math.abs(l.delta) > noise)
  return { noise, changes: changes.slice(0, MAX_CHANGES), within_noise: withinNoise, layers }
}

/** Names the two sides of an inlining or a rename: a gone function and a grown one whose moves cancel out. */
function pairUp(changes: FunctionChange[], noise: number): void {
  for (const gone of changes.filter(c => c.head === 0 && c.base > 0)) {
    const tolerance = Math.max(noise, 0.25 * gone.base)
    const other = changes.find(c => c !== gone && !c.pair && c.delta > 0 && Math.abs(c.delta + gone.delta) <= tolerance)
    if (!other) continue
    gone.pair = other.function
    other.pair = gone.function
  }
}

/** The noise of a host's count: the larger spread of its runs within one revision, and never below the floor. */
export function countNoise(head: readonly number[], base: readonly number[]): number {
  const all = [...head, ...base]
  return Math.max(spread(head), spread(base), NOISE_FLOOR * (all.length > 0 ? median(all) : 0))
}
