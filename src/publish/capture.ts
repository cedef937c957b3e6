// @actions/cache and @actions/artifact report some failures only by logging them (core.warning/error/info)
// and returning a "nothing happened" value. To hand the caller a reason instead of a duplicated log line,
// those specific lines are captured from stdout (where @actions/core writes workflow commands) while the
// library call runs. Calls must not overlap; the action runs them one after another.
import os from 'node:os'

/** Reverses @actions/core's escaping of workflow command data. */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

export async function captureLibraryMessages<T>(fn: () => Promise<T>, swallow: RegExp): Promise<{ value: T; messages: string[] }> {
  const messages: string[] = []
  const original = process.stdout.write
  const write = original.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    // @actions/core writes strings; binary chunks (e.g. the test runner's own protocol) pass untouched.
    if (typeof chunk !== 'string') return write(chunk, ...rest)
    const text = chunk
    const kept: string[] = []
    for (const line of text.split(os.EOL)) {
      const m = /^(?:::(?:warning|error)(?: [^:]*)?::)?(.*)$/s.exec(line)
      const message = unescapeData(m ? m[1] : line)
      if (line && swallow.test(message)) messages.push(message)
      else kept.push(line)
    }
    const rest_ = kept.join(os.EOL)
    return rest_ ? write(rest_, ...rest) : true
  }) as typeof process.stdout.write
  try {
    return { value: await fn(), messages }
  } finally {
    process.stdout.write = original
  }
}
