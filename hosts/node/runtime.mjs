// What both commands of host.mjs share: node:wasi, the steps that turn module bytes into an instance, errors as
// one line, and the report file.

import { appendFileSync, readFileSync } from 'node:fs'
import process from 'node:process'

export const RUNTIME = 'node:wasi'
export const now = () => process.hrtime.bigint()

// node:wasi prints an ExperimentalWarning on load on some Node versions; keep stderr for real diagnostics.
process.removeAllListeners('warning')
process.on('warning', w => {
  if (w.name !== 'ExperimentalWarning') process.stderr.write(`${w.name}: ${w.message}\n`)
})
export const { WASI } = await import('node:wasi')

/** An error whose message is already the one line to print. */
export class HostError extends Error {}

export function fail(message) {
  throw new HostError(message)
}

export function oneLine(err) {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)
  return text.split('\n')[0].trim()
}

export function appendReport(path, value) {
  try {
    appendFileSync(path, `${JSON.stringify(value)}\n`)
  } catch (e) {
    fail(`cannot write report ${path}: ${e.message}`)
  }
}

export function readModule(path) {
  try {
    return readFileSync(path)
  } catch (e) {
    return fail(`cannot read module ${path}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`)
  }
}

/** A WASI preview 1 context whose guest sees `args`, an empty environment and no preopened directories. */
export function newWasi(args) {
  return new WASI({ version: 'preview1', args, env: {}, preopens: {}, returnOnExit: true })
}

export async function compileModule(bytes, path) {
  try {
    return await WebAssembly.compile(bytes)
  } catch (e) {
    return fail(`cannot compile module ${path}: ${oneLine(e)}`)
  }
}

export async function instantiate(module, imports, path) {
  try {
    return await WebAssembly.instantiate(module, imports)
  } catch (e) {
    return fail(`cannot instantiate module ${path}: ${oneLine(e)}`)
  }
}
