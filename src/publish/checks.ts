// The checks that results from another run pass field by field (publish/validate-results.ts): each returns a clean
// value or throws Invalid naming the field's path and what is wrong with it.

/** The most rounds the iterations input allows (validate-results.ts LIMITS.samples). */
export const SAMPLES = 10_000

export class Invalid extends Error {}

export type Check<T> = (value: unknown, path: string) => T

function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`)
}

export const describeValue = (v: unknown): string =>
  v === undefined ? 'missing' : v === null ? 'null' : `a ${Array.isArray(v) ? 'list' : typeof v}`

export const str =
  (max: number, pattern?: RegExp): Check<string> =>
  (v, p) => {
    if (typeof v !== 'string') return fail(p, `expected text, got ${describeValue(v)}`)
    if (v.length > max) return fail(p, `longer than ${max} characters`)
    if (pattern && !pattern.test(v)) return fail(p, `"${v.slice(0, 40)}" does not match ${pattern}`)
    return v
  }

export const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, p) =>
    (values as readonly unknown[]).includes(v) ? (v as T) : fail(p, `expected one of ${values.join(', ')}`)

export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, `expected true or false, got ${describeValue(v)}`))

export const num =
  (min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Check<number> =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(p, `expected a finite number, got ${describeValue(v)}`)
    if (v < min || v > max) return fail(p, `${v} is outside [${min}, ${max}]`)
    return v
  }

export const int =
  (min: number, max: number): Check<number> =>
  (v, p) =>
    Number.isInteger(num(min, max)(v, p)) ? (v as number) : fail(p, `${String(v)} is not a whole number`)

/** A figure the analysis could not compute: JSON has no NaN, so it arrives as null and is NaN again (a dash). */
export const figure =
  (min?: number, max?: number): Check<number> =>
  (v, p) =>
    v === null ? Number.NaN : num(min, max)(v, p)

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, p) =>
    v === null ? null : check(v, p)

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : check(v, p)

export const list =
  <T>(check: Check<T>, max: number): Check<T[]> =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, `expected a list, got ${describeValue(v)}`)
    if (v.length > max) return fail(p, `more than ${max} entries`)
    return v.map((item, i) => check(item, `${p}[${i}]`))
  }

export const pair =
  (check: Check<number>): Check<[number, number]> =>
  (v, p) => {
    if (!Array.isArray(v) || v.length !== 2) return fail(p, 'expected a pair [low, high]')
    return [check(v[0], `${p}[0]`), check(v[1], `${p}[1]`)]
  }

type Shape = Record<string, Check<unknown>>
type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> }

/** Only the listed fields are copied: an unexpected field is dropped, never passed on. */
export const obj =
  <S extends Shape>(shape: S): Check<Checked<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, `expected an object, got ${describeValue(v)}`)
    const out: Record<string, unknown> = {}
    for (const [key, check] of Object.entries(shape)) {
      const value = check((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key)
      if (value !== undefined) out[key] = value
    }
    return out as Checked<S>
  }

/** Text to text with any keys, bounded (a host's toolchain record: tool -> version). */
export const textMap =
  (maxEntries: number, key: Check<string>, value: Check<string>): Check<Record<string, string>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, `expected an object, got ${describeValue(v)}`)
    const entries = Object.entries(v as Record<string, unknown>)
    if (entries.length > maxEntries) return fail(p, `more than ${maxEntries} entries`)
    return Object.fromEntries(entries.map(([k, x]) => [key(k, `${p} key`), value(x, `${p}.${k}`)]))
  }

export const record = <K extends string, T>(keys: readonly K[], check: Check<T>): Check<Record<K, T>> =>
  obj(Object.fromEntries(keys.map(key => [key, check]))) as Check<Record<K, T>>

export const hex = (max: number) => str(max, /^[0-9a-f]*$/)
export const hostName = str(40, /^[a-z0-9-]+$/)

/** Descriptive statistics of one figure, with its raw samples (types.ts Stats). */
export const stats = obj({
  samples: list(num(), SAMPLES),
  n: int(0, SAMPLES),
  mean: num(),
  median: num(),
  min: num(),
  max: num(),
  sd: num(0),
  mad: num(0),
  ci95: pair(num()),
  outliers: int(0, SAMPLES)
})
