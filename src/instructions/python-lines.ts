// What cachegrind cannot name in a Python host: every Python function runs inside CPython's eval loop, one symbol
// in the counts. So a Python host's workload also runs once per counted run outside valgrind, traced by
// `sys.settrace`: the source lines each Python function executed. The count repeats (to a line in 200,000 here)
// and costs about a second per run, without valgrind. The tracer is a fixed program passed with `-c`; the host's
// argv follows it unchanged.
import type { CodeLayer } from '../vocabulary.js'
import type { Profile } from './profile.js'

/** Runs the script with its arguments as `python script args...` would, and writes per code object the lines it
 *  executed: [{module, name, file, lines: {line: count}}]. Its own lines run before the trace starts. */
const TRACER = `import json, os, runpy, sys, threading
out, script, *args = sys.argv[1:]
counts = {}
def local(frame, event, arg):
    if event == "line":
        key = (frame.f_code, frame.f_lineno)
        counts[key] = counts.get(key, 0) + 1
    return local
def start(frame, event, arg):
    return local
sys.argv = [script, *args]
sys.path[0] = os.path.dirname(os.path.abspath(script))
main = os.path.splitext(os.path.basename(script))[0]
modules = {}
def module_of(code):
    return modules.get(code.co_filename, main if code.co_filename == os.path.abspath(script) else "")
status = 0
threading.settrace(start)
sys.settrace(start)
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit as exit:
    status = exit.code
finally:
    sys.settrace(None)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file:
            modules.setdefault(os.path.abspath(file), name)
    by_code = {}
    for (code, line), n in counts.items():
        lines = by_code.setdefault(code, {})
        lines[line] = lines.get(line, 0) + n
    with open(out, "w") as f:
        json.dump([{"module": module_of(c), "name": getattr(c, "co_qualname", c.co_name), "file": c.co_filename, "lines": l} for c, l in by_code.items()], f)
sys.exit(status)
`

/**
 * The argv of a line-count run of `argv` (`python script args...`), writing to `outFile`; null when the host is
 * not started as a script (`python -m module`, interpreter flags): it keeps its one entry for the eval loop.
 */
export function pythonLinesArgv(argv: readonly string[], outFile: string): string[] | null {
  const [python, script, ...args] = argv
  if (!script || script.startsWith('-') || !/\.py$/i.test(script)) return null
  return [python, '-c', TRACER, outFile, script, ...args]
}

interface TracedCode {
  module: string
  name: string
  file: string
  lines: Record<string, number>
}

/** "wasmtime._func.Func.__call__"; the script's own module by its file name ("host.main"). */
function functionName(code: TracedCode): string {
  const frozen = /^<frozen (.+)>$/.exec(code.file)
  const module = code.module || frozen?.[1] || code.file.replace(/\\/g, '/').split('/').pop()!.replace(/\.py$/i, '')
  return module ? `${module}.${code.name}` : code.name
}

/** One line-count run's output as a profile whose counts are source lines executed. */
export function parsePythonLines(text: string): Profile {
  const codes = JSON.parse(text) as unknown
  if (!Array.isArray(codes)) throw new Error('the line counts are not a list')
  const functions: Profile['functions'] = new Map()
  let total = 0
  for (const code of codes as TracedCode[]) {
    if (typeof code?.name !== 'string' || typeof code.file !== 'string' || typeof code.lines !== 'object' || code.lines === null)
      throw new Error('a malformed entry in the line counts')
    const name = functionName(code)
    const fn = functions.get(name) ?? { instructions: 0, lines: new Map<string, number>() }
    functions.set(name, fn)
    for (const [line, count] of Object.entries(code.lines)) {
      if (!Number.isSafeInteger(count) || count < 0) throw new Error(`a malformed line count in ${name}`)
      const key = `${code.file}:${line}`
      fn.lines.set(key, (fn.lines.get(key) ?? 0) + count)
      fn.instructions += count
      total += count
    }
  }
  if (total === 0) throw new Error('no line was counted')
  return { total, functions }
}

/** A Python function's layer by its file: the installed packages (wasmtime-py and its ctypes calls), the
 *  interpreter's standard library (frozen modules included), else the host's own code. */
export function pythonLayerOf(_name: string, file: string | null): CodeLayer {
  const path = (file ?? '').replace(/\\/g, '/')
  if (/\/(site-packages|dist-packages|\.deps)\//.test(path)) return 'binding'
  if (path.startsWith('<') || /\/lib\/python\d[\d.]*\/|\/Lib\//.test(path)) return 'runtime'
  return 'host'
}
