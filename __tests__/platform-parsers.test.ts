// Every parser of a child's output, on the line endings a Windows program writes (\r\n: Python's print, the C
// runtime's text mode, node --v8-options there) as well as \n.
import assert from 'node:assert/strict'
import { describe as suite, it } from 'node:test'
import { parsePythonProbe } from '../src/host-registry.js'
import { parseVersionLine } from '../src/builders/hosts.js'
import { parseCachegrindOut } from '../src/instructions/counter.js'
import { parseTiming } from '../src/measure/launcher.js'
import { parseReport } from '../src/measure/report-file.js'
import { describeFailure, type ExecResult } from '../src/process/exec.js'
import { failureReason, type TimedRun } from '../src/process/spawn.js'
import { goSemver, goVersionOf } from '../src/toolchains/platform.js'
import { pyvenvHome } from '../src/toolchains/venv.js'
import { parseWasmtimeVersion } from '../src/toolchains/wasmtime-cli.js'
// @ts-expect-error: the node host is plain JavaScript, without types
import { callFlags } from '../hosts/node/v8-flags.mjs'

const crlf = (text: string): string => text.replace(/\n/g, '\r\n')
const both = (text: string): string[] => [text, crlf(text)]

/** What `node --v8-options` prints for a few flags (its layout since Node 12). */
const V8_OPTIONS = `Synopsis:
  shell [options] [--shell] [<file>...]

Options:
  --liftoff (enable Liftoff, the baseline compiler for WebAssembly)
        type: bool  default: --liftoff
  --wasm-tier-up (enable tier up to the optimizing compiler (requires --liftoff to have an effect))
        type: bool  default: --wasm-tier-up
  --jitless (Disable runtime allocation of executable memory.)
        type: bool  default: --no-jitless
  --stack-size (default size of stack region v8 is allowed to use (in kBytes))
        type: int  default: --stack-size=984
`
const CALL_FLAGS = ['liftoff', 'wasm-tier-up', 'jitless', 'stack-size', 'not-in-this-v8']

suite('parsers of child output, on \\r\\n and \\n', () => {
  it('node host: the V8 flags of `node --v8-options` (its regex matched no \\r\\n line, so Windows reported none)', () => {
    for (const text of both(V8_OPTIONS)) {
      assert.deepEqual(callFlags(text, [], CALL_FLAGS), { liftoff: true, 'wasm-tier-up': true, jitless: false })
      assert.deepEqual(callFlags(text, ['--no-liftoff', '--jitless', '--wasm_tier_up'], CALL_FLAGS), {
        liftoff: false,
        'wasm-tier-up': true,
        jitless: true
      })
    }
  })

  it('host version line: the last {"runtime","version"} JSON line', () => {
    for (const text of both('warming up\n{"runtime":"wasmtime-py","version":"39.0.0"}\n')) {
      assert.deepEqual(parseVersionLine(text), { runtime: 'wasmtime-py', version: '39.0.0' })
    }
  })

  it('wasmtime --version', () => {
    for (const text of both('wasmtime 39.0.1 (f2b1a4a 2025-11-20)\n')) assert.equal(parseWasmtimeVersion(text), '39.0.1')
    for (const text of both('wasmtime 39.0.1\n')) assert.equal(parseWasmtimeVersion(text), '39.0.1')
  })

  it('go version', () => {
    for (const text of both('go version go1.26.8 windows/amd64\n')) {
      assert.equal(goVersionOf(text), 'go1.26.8')
      assert.equal(goSemver(goVersionOf(text)!), '1.26.8')
    }
    assert.equal(goVersionOf('go: command not found\r\n'), null)
  })

  it('the python probe of a Python on PATH (print() writes \\r\\n on Windows)', () => {
    for (const text of both('True\n3.13.0\n')) assert.equal(parsePythonProbe(text), '3.13.0')
    for (const text of both('False\n3.8.10\n')) assert.equal(parsePythonProbe(text), null)
    assert.equal(parsePythonProbe(''), null)
  })

  it("pyvenv.cfg's home, as venv writes it on Windows", () => {
    const cfg = 'home = C:\\hostedtoolcache\\windows\\Python\\3.13.0\\x64\ninclude-system-site-packages = false\nversion = 3.13.0\n'
    for (const text of both(cfg)) assert.equal(pyvenvHome(text), 'C:\\hostedtoolcache\\windows\\Python\\3.13.0\\x64')
    assert.equal(pyvenvHome('version = 3.13.0\r\n'), null)
  })

  it("a host's report line and the launcher's timing line", () => {
    const report = '{"runtime":"wasmtime-go","version":"39.0.1","phases_ns":{"setup":1,"compile":2,"instantiate":3,"execute":4}}\n'
    for (const text of both(report)) assert.deepEqual(parseReport(text).phases_ns, { setup: 1, compile: 2, instantiate: 3, execute: 4 })
    for (const text of both('{"wall_ns":2500000,"user_ns":1000000,"system_ns":500000}\n')) {
      assert.deepEqual(parseTiming(text), { wall_ns: 2500000, user_ns: 1000000, system_ns: 500000 })
    }
  })

  it('the tail of a failed step or run, without a \\r in the message', () => {
    for (const stderr of both('warning: one\nerror: the reason\n')) {
      const exec: ExecResult = { ok: false, code: 1, stdout: '', stderr, timedOut: false }
      assert.equal(describeFailure('cargo build', exec, 60_000), 'cargo build: exit code 1\nwarning: one\nerror: the reason')
      const run: TimedRun = { wallMs: 1, exitCode: 2, signal: null, timedOut: false, stdout: Buffer.alloc(0), stderr }
      assert.equal(failureReason(run, 60_000), 'exit code 2: error: the reason')
    }
  })

  it("cachegrind's out file", () => {
    for (const text of both('desc: --cache-sim=no\ncmd: host\nevents: Ir\nfl=x\n1 5\nsummary: 123456\n')) {
      assert.equal(parseCachegrindOut(text), 123456)
    }
  })
})
