// Where a counted run's instructions went: cachegrind's out file, read per function and per source line
// (valgrind's documented format: `fl=` and `fn=` lines, then "line count..." lines; `events:` names the columns
// and `summary:` gives the totals). Parsing it here is one pass over a few hundred KB and needs neither Perl nor
// Python (cg_annotate of valgrind 3.19 is Perl, of 3.21+ Python); cg_diff would not merge runs or tell noise.

/** The one entry for all code without a symbol: in these hosts, the guest's JIT-compiled code and trampolines. */
export const NO_SYMBOL = '(no symbol)'

/** A line's key, `file:line`, where the out file names a file (`???` it does not). */
const lineKey = (file: string, line: number): string => `${file}:${line}`

export interface FunctionProfile {
  /** instructions of the function, inlined code from other files included */
  instructions: number
  /** `file:line` -> instructions; line 0 where the code has no line information */
  lines: Map<string, number>
}

export interface Profile {
  total: number
  functions: Map<string, FunctionProfile>
}

/** One out file's instructions per function (keyed by symbol: inlined code under other files stays its caller's). */
export function parseProfile(text: string): Profile {
  const functions = new Map<string, FunctionProfile>()
  let column = -1
  let file = '???'
  let current: FunctionProfile | null = null
  let summed = 0
  let total = Number.NaN
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    if (line === '') continue
    const c = line.charCodeAt(0)
    if (c >= 48 && c <= 57) {
      if (!current || column < 0) throw new Error('a count line before "events:" and "fn="')
      const fields = line.split(' ')
      const count = Number(fields[column + 1] ?? 0)
      if (!Number.isSafeInteger(count)) throw new Error(`a malformed count line "${line.slice(0, 60)}"`)
      if (count === 0) continue
      current.instructions += count
      const key = lineKey(file, Number(fields[0]))
      current.lines.set(key, (current.lines.get(key) ?? 0) + count)
      summed += count
    } else if (line.startsWith('fl=')) {
      file = line.slice(3)
    } else if (line.startsWith('fn=')) {
      const name = line.slice(3)
      const key = name === '???' ? NO_SYMBOL : name
      current = functions.get(key) ?? { instructions: 0, lines: new Map() }
      functions.set(key, current)
    } else if (line.startsWith('events:')) {
      column = line.slice(7).trim().split(/\s+/).indexOf('Ir')
    } else if (line.startsWith('summary:')) {
      total = Number(line.slice(8).trim().split(/\s+/)[column])
    }
  }
  if (column < 0 || !Number.isSafeInteger(total) || total <= 0)
    throw new Error('no instruction count (no "events: Ir" and "summary:" lines)')
  if (summed !== total) throw new Error(`the functions' instructions (${summed}) do not add up to the summary (${total})`)
  return { total, functions }
}

/** Several runs of one program: per function its count in each run (0 where a run did not execute it). */
export interface MergedProfile {
  totals: number[]
  functions: Map<string, { runs: number[]; lines: Map<string, number> }>
}

/** Merges runs of one host and revision; a line's count is its mean over the runs. */
export function mergeProfiles(profiles: readonly Profile[]): MergedProfile {
  const functions: MergedProfile['functions'] = new Map()
  profiles.forEach((profile, run) => {
    for (const [name, fn] of profile.functions) {
      const merged = functions.get(name) ?? { runs: new Array<number>(profiles.length).fill(0), lines: new Map() }
      functions.set(name, merged)
      merged.runs[run] = fn.instructions
      for (const [key, count] of fn.lines) merged.lines.set(key, (merged.lines.get(key) ?? 0) + count / profiles.length)
    }
  })
  return { totals: profiles.map(p => p.total), functions }
}

/**
 * Instructions per call of every function, from an ffi set's two runs: the doubled run less the base, over the
 * calls added (start-up and compilation cancel out as they do for the figure itself).
 */
export function perCallProfile(base: Profile, doubled: Profile, calls: number): Profile {
  const functions = new Map<string, FunctionProfile>()
  for (const name of new Set([...base.functions.keys(), ...doubled.functions.keys()])) {
    const b = base.functions.get(name)
    const d = doubled.functions.get(name)
    // Most of a process (start-up, compilation) runs the same in both: no lines to place, and none to build.
    if ((b?.instructions ?? 0) === (d?.instructions ?? 0)) {
      functions.set(name, { instructions: 0, lines: new Map() })
      continue
    }
    const lines = new Map<string, number>()
    for (const key of new Set([...(b?.lines.keys() ?? []), ...(d?.lines.keys() ?? [])]))
      lines.set(key, ((d?.lines.get(key) ?? 0) - (b?.lines.get(key) ?? 0)) / calls)
    functions.set(name, { instructions: ((d?.instructions ?? 0) - (b?.instructions ?? 0)) / calls, lines })
  }
  return { total: (doubled.total - base.total) / calls, functions }
}

/** "file:line" split back; a file of "???" (no debug info) has neither, and line 0 no line. */
export function splitLineKey(key: string): { file: string | null; line: number | null } {
  const at = key.lastIndexOf(':')
  const file = key.slice(0, at)
  const line = Number(key.slice(at + 1))
  if (file === '???') return { file: null, line: null }
  return { file, line: line > 0 ? line : null }
}
