// The V8 flags that decide how JS calls Wasm, as a node process runs them: read from `node --v8-options` and the
// process's exec_argv. Its own module so that a test can give it the output of any platform (CRLF on Windows).

// Each flag is listed as `  --name (description)` with `        type: bool  default: --name` (or --no-name) below.
const LISTED = /^\s+--([\w-]+) \(.*\)\n\s+type: bool\s+default: --(no-)?/gm

/** `names` as `node --v8-options` prints their defaults, overridden by `execArgv`: { name: on }. */
export function callFlags(v8Options, execArgv, names) {
  const flags = {}
  for (const [, name, no] of v8Options.replace(/\r\n?/g, '\n').matchAll(LISTED)) {
    if (names.includes(name)) flags[name] = no === undefined
  }
  for (const arg of execArgv) {
    const [, no, name] = /^--(no-)?([\w-]+)$/.exec(arg.replaceAll('_', '-')) ?? []
    if (name in flags) flags[name] = no === undefined
  }
  return flags
}
