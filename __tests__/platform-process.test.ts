// The process layer as a Windows and a macOS runner run it, here with an injected platform: which files
// findOnPath tries and in what order, how a process tree is ended before and after its leader exited (with a
// `taskkill` of our own on PATH that records its arguments), and what the spawn cost's empty process is.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe as suite, it } from 'node:test'
import { childEnv } from '../src/process/env.js'
import { findOnPath, pathCandidates } from '../src/process/exec.js'
import { emptyProcessArgv, PIPE_GRACE_MS, timedRun } from '../src/process/spawn.js'
import { endStragglers, killTree } from '../src/process/tree.js'
import { applyEnv } from './servers/index.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wfb-platform-process-'))
const POSIX = process.platform !== 'win32'
after(() => rmSync(tmp, { recursive: true, force: true }))

const WINDOWS_ENV = {
  Path: 'C:\\hostedtoolcache\\windows\\go\\1.26.8\\x64\\bin;C:\\Windows\\system32',
  PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.PY'
}

suite('findOnPath on Windows', () => {
  it('tries go.com and go.exe, never a file named plain `go` (the bare name came first)', () => {
    assert.deepEqual(pathCandidates('go', WINDOWS_ENV, 'win32'), [
      'C:\\hostedtoolcache\\windows\\go\\1.26.8\\x64\\bin\\go.com',
      'C:\\hostedtoolcache\\windows\\go\\1.26.8\\x64\\bin\\go.exe',
      'C:\\Windows\\system32\\go.com',
      'C:\\Windows\\system32\\go.exe'
    ])
  })

  it('takes a name that already ends in a PATHEXT extension as it is', () => {
    assert.deepEqual(pathCandidates('cmd.exe', { Path: 'C:\\Windows\\system32' }, 'win32'), ['C:\\Windows\\system32\\cmd.exe'])
    assert.deepEqual(pathCandidates('python3.13', { Path: 'C:\\py' }, 'win32'), ['C:\\py\\python3.13.com', 'C:\\py\\python3.13.exe'])
  })

  it('reads PATH and PATHEXT under any spelling (`PATH ?? Path` missed `path` and `PathExt`)', () => {
    for (const key of ['Path', 'PATH', 'path', 'pAtH']) {
      assert.deepEqual(pathCandidates('cargo', { [key]: 'C:\\Users\\runneradmin\\.cargo\\bin', PathExt: '.EXE' }, 'win32'), [
        'C:\\Users\\runneradmin\\.cargo\\bin\\cargo.exe'
      ])
    }
  })

  it('skips .bat and .cmd (Node starts them only through a shell) and unquotes "C:\\Program Files" folders', () => {
    assert.deepEqual(pathCandidates('rustup', { Path: '"C:\\Program Files\\Rust\\bin";;C:\\x', PATHEXT: '.BAT;.CMD;.EXE' }, 'win32'), [
      'C:\\Program Files\\Rust\\bin\\rustup.exe',
      'C:\\x\\rustup.exe'
    ])
  })

  it('joins with backslashes on Windows wherever the code runs', () => {
    assert.deepEqual(pathCandidates('gcc', { Path: 'C:/mingw64/bin' }, 'win32'), ['C:\\mingw64\\bin\\gcc.com', 'C:\\mingw64\\bin\\gcc.exe'])
  })
})

suite('findOnPath on macOS and Linux', () => {
  it('tries the name itself in each PATH folder, ":"-separated', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      assert.deepEqual(pathCandidates('go', { PATH: '/opt/homebrew/bin::/usr/local/go/bin', Path: '/not/this' }, platform), [
        '/opt/homebrew/bin/go',
        '/usr/local/go/bin/go'
      ])
    }
  })

  it('finds a program in a PATH folder of this machine', { skip: !POSIX && 'POSIX file names' }, () => {
    const bin = path.join(tmp, 'bin')
    mkdirSync(bin, { recursive: true })
    writeFileSync(path.join(bin, 'wfb-tool'), '')
    assert.equal(findOnPath('wfb-tool', { PATH: `/nonexistent:${bin}` }, process.platform), path.join(bin, 'wfb-tool'))
    assert.equal(findOnPath('wfb-tool', { Path: bin }, 'linux'), null, 'POSIX names are case-sensitive')
  })
})

/** A `taskkill` on PATH that records its arguments and ends the process it names, as the real one would. */
function fakeTaskkill(): { log: string; restore: () => void } {
  const bin = path.join(tmp, 'taskkill-bin')
  const log = path.join(tmp, `taskkill-${Math.random().toString(16).slice(2)}.log`)
  mkdirSync(bin, { recursive: true })
  const script = `#!${process.execPath}
const args = process.argv.slice(2)
require('node:fs').appendFileSync(${JSON.stringify(log)}, args.join(' ') + '\\n')
try { process.kill(Number(args[args.indexOf('/PID') + 1]), 'SIGKILL') } catch {}
`
  writeFileSync(path.join(bin, 'taskkill'), script)
  chmodSync(path.join(bin, 'taskkill'), 0o755)
  return { log, restore: applyEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` }) }
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!condition() && Date.now() < until) await new Promise(r => setTimeout(r, 20))
  return condition()
}

suite('ending a process tree', { skip: !POSIX && 'runs a POSIX stand-in for taskkill' }, () => {
  it('Windows: a tree still running (timeout, interruption) is ended with taskkill /T /F /PID', async () => {
    const taskkill = fakeTaskkill()
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    const exited = new Promise(resolve => child.on('exit', resolve))
    try {
      killTree(child.pid!, 'win32')
      // The stand-in creates its log before it writes the line: wait for the whole line.
      assert.ok(await waitFor(() => existsSync(taskkill.log) && readFileSync(taskkill.log, 'utf8').endsWith('\n'), 5_000), 'taskkill ran')
      assert.equal(readFileSync(taskkill.log, 'utf8'), `/T /F /PID ${child.pid}\n`)
      await exited
    } finally {
      taskkill.restore()
    }
  })

  it('Windows: after the leader exited no taskkill runs (its PID is gone or names another process now)', async () => {
    const taskkill = fakeTaskkill()
    try {
      endStragglers(4242, 'win32')
      await new Promise(r => setTimeout(r, 300))
      assert.equal(existsSync(taskkill.log), false, 'taskkill was started')
    } finally {
      taskkill.restore()
    }
  })

  it('macOS: after the leader exited its process group is still ended, with the grandchild that outlived it', async () => {
    const pidFile = path.join(tmp, 'grandchild.pid')
    const script = `
      const sleeper = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid))
      process.exit(0)`
    const leader = spawn(process.execPath, ['-e', script], { stdio: 'ignore', detached: true })
    await new Promise(resolve => leader.on('exit', resolve))
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    // A killed process whose new parent has not reaped it yet is a zombie (state Z): it counts as ended.
    const running = (): boolean => {
      const state = spawnSync('ps', ['-o', 'stat=', '-p', String(grandchild)], { encoding: 'utf8' }).stdout.trim()
      return state !== '' && !state.startsWith('Z')
    }
    assert.ok(running(), 'the grandchild outlived the leader')
    endStragglers(leader.pid!, 'darwin')
    assert.ok(await waitFor(() => !running(), 5_000), 'the grandchild was ended with the group')
  })
})

suite('a child that exits while a grandchild holds its pipes', () => {
  it('is not timed out by a timeout that falls in the grace after its exit (Windows then ran taskkill on its gone PID)', async () => {
    const script = `
      require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { stdio: ['ignore', 'inherit', 'inherit'] })
      setTimeout(() => process.exit(0), 100)`
    const run = await timedRun([process.execPath, '-e', script], { timeoutMs: 100 + PIPE_GRACE_MS / 2 })
    assert.equal(run.timedOut, false)
    assert.equal(run.exitCode, 0)
  })
})

suite("a child's environment on Windows", () => {
  it("keeps the python host's PYTHONPATH and Windows' own spellings (Path, PathExt, ComSpec, SystemRoot) through the allow-list", () => {
    const env = {
      Path: 'C:\\Windows',
      PathExt: '.EXE',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe',
      SystemRoot: 'C:\\Windows',
      PythonPath: 'C:\\v\\Lib\\site-packages',
      GITHUB_TOKEN: 'x'
    }
    const kept = childEnv(env)
    assert.deepEqual(Object.keys(kept).sort(), ['ComSpec', 'Path', 'PathExt', 'PythonPath', 'SystemRoot'])
  })
})

suite("the spawn cost's empty process", () => {
  const launcher = 'C:\\hostedtoolcache\\windows\\wasm-ffi-bench\\launcher\\win32-x64-0123456789abcdef\\wasm-ffi-bench-launcher.exe'

  it("Windows: the launcher crate's empty program beside the launcher, not cmd.exe (which measured a shell's start)", () => {
    assert.deepEqual(emptyProcessArgv('win32', launcher, { ComSpec: 'C:\\Windows\\system32\\cmd.exe' }), [
      'C:\\hostedtoolcache\\windows\\wasm-ffi-bench\\launcher\\win32-x64-0123456789abcdef\\wasm-ffi-bench-empty.exe'
    ])
  })

  it('Windows without a launcher: cmd.exe, found under any spelling of ComSpec', () => {
    assert.deepEqual(emptyProcessArgv('win32', null, { COMSPEC: 'D:\\Windows\\system32\\cmd.exe' }), [
      'D:\\Windows\\system32\\cmd.exe',
      '/d',
      '/c',
      'rem'
    ])
    assert.deepEqual(emptyProcessArgv('win32', null, {}), ['cmd.exe', '/d', '/c', 'rem'])
  })

  it('macOS and Linux: true, with or without the launcher', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      assert.deepEqual(emptyProcessArgv(platform, '/cache/launcher/x/wasm-ffi-bench-launcher', {}), ['true'])
      assert.deepEqual(emptyProcessArgv(platform, null, {}), ['true'])
    }
  })
})
