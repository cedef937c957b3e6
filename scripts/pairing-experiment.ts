// Issue 25's experiment: which way of pairing head and base makes the timed comparison least noisy, without bias.
// Every host runs as head and base, A/A (the same program) and with an injected +3% (the head spins for 3% of the
// host's wall time before it becomes the host: hold.c), under each design:
//   back-to-back       today's: head and base one after the other, in a random order (measure/runner.ts)
//   duet               both started together, released by a barrier in a random order (Bulej et al., ICPE 2020)
//   duet, pinned       the same, each on its own core, cores assigned at random (taskset; Linux)
//   ..., 1 thread      the same with wasmtime compiling on one thread in both revisions (RAYON_NUM_THREADS=1)
// and records the wall time and the CPU time (user + system of the process tree) the launcher measures, so CPU
// time as the compared figure comes from the same runs. The designs take turns round by round, so a busy
// stretch of the machine hits them all.
// Usage: node --import tsx scripts/pairing-experiment.ts [--rounds 100] [--hosts native,go,...]
//        [--designs "back-to-back;duet"] [--out file.json]
// Then: node --import tsx scripts/pairing-experiment.ts --report file.json  (the tables again, from saved samples)
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { median } from 'simple-statistics'
import { buildAll, buildContext, buildLauncher } from '../src/builders/index.js'
import { HOST_NAMES } from '../src/host-registry.js'
import { parseTiming } from '../src/measure/launcher.js'
import { shuffle } from '../src/measure/shuffle.js'
import type { RunnableHost } from '../src/types.js'
import { DESIGNS, VARIANTS, type Design, type Samples, type Variant } from './pairing/designs.js'
import { report } from './pairing/report.js'

const repoRoot = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '100' },
    hosts: { type: 'string', default: HOST_NAMES.join(',') },
    designs: { type: 'string', default: DESIGNS.map(d => d.name).join(';') },
    out: { type: 'string', default: path.join(repoRoot, '.wasm-ffi-bench', 'pairing-experiment.json') },
    report: { type: 'string' }
  }
})

if (values.report) {
  console.log(report(JSON.parse(readFileSync(values.report, 'utf8')) as Samples))
  process.exit(0)
}

const work = mkdtempSync(path.join(os.tmpdir(), 'wfb-pairing-'))
const hold = path.join(work, 'hold')
const cc = spawnSync('cc', ['-O2', '-o', hold, path.join(repoRoot, 'scripts', 'pairing', 'hold.c')], { encoding: 'utf8' })
if (cc.status !== 0) throw new Error(`cc: ${cc.stderr}`)

const ctx = buildContext({ repoRoot, log: line => console.error(line) })
const launcherBuild = await buildLauncher(ctx)
if (launcherBuild.path === null) throw new Error(launcherBuild.error)
const launcher = launcherBuild.path
const built = await buildAll({
  repoRoot,
  hosts: values.hosts.split(','),
  guest: null,
  wasm: null,
  ffi: false,
  log: line => console.error(line)
})
if (built.failures.length > 0) throw new Error(JSON.stringify(built.failures))

interface Timed {
  wallMs: number
  cpuMs: number
}

let serial = 0
/** Starts one measured process: [taskset] [hold WAIT 0 --] launcher timing hold 0 SPIN host...; `release` lets it go. */
function start(host: RunnableHost, design: Design, spin: number, core: number | null): { release(): void; done: Promise<Timed> } {
  const id = serial++
  const timing = path.join(work, `timing-${id}.json`)
  const reportFile = path.join(work, `report-${id}.jsonl`)
  const measured = [launcher, timing, hold, '0', String(spin), ...host.workloadArgv(built.guest.workload, reportFile, [])]
  const held = design.concurrent ? [hold, '1', '0', ...measured] : measured
  const argv = core === null ? held : ['taskset', '-c', String(core), ...held]
  const child = spawn(argv[0], argv.slice(1), {
    cwd: host.cwd,
    env: { ...process.env, ...host.env, ...design.env },
    stdio: [design.concurrent ? 'pipe' : 'ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<Timed>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', code => {
      try {
        if (code !== 0) throw new Error(`${host.name} exited ${code}: ${stderr.trim().split('\n').pop()}`)
        const t = parseTiming(readFileSync(timing, 'utf8'))
        if ('error' in t) throw new Error(t.error)
        resolve({ wallMs: t.wall_ns / 1e6, cpuMs: (t.user_ns + t.system_ns) / 1e6 })
      } catch (error) {
        reject(error as Error)
      } finally {
        rmSync(timing, { force: true })
        rmSync(reportFile, { force: true })
      }
    })
  })
  return { release: () => child.stdin?.end('x'), done }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** One pair: head and base under the design; which one goes first (and on which core) is random. */
async function pair(host: RunnableHost, design: Design, headSpin: number): Promise<{ head: Timed; base: Timed; headFirst: boolean }> {
  const headFirst = Math.random() < 0.5
  if (!design.concurrent) {
    const first = await start(host, design, headFirst ? headSpin : 0, null).done
    const second = await start(host, design, headFirst ? 0 : headSpin, null).done
    return headFirst ? { head: first, base: second, headFirst } : { head: second, base: first, headFirst }
  }
  const headCore = Math.random() < 0.5 ? 0 : 1
  const head = start(host, design, headSpin, design.pin ? headCore : null)
  const base = start(host, design, 0, design.pin ? 1 - headCore : null)
  await sleep(30) // both blocked on the barrier's read
  for (const p of headFirst ? [head, base] : [base, head]) p.release()
  return { head: await head.done, base: await base.done, headFirst }
}

// The injected change: spin iterations worth 3% of each host's median wall time on this machine.
const spinNs = (() => {
  const n = 200_000_000
  const times = Array.from({ length: 5 }, () => {
    const t0 = process.hrtime.bigint()
    spawnSync(hold, ['0', String(n), 'true'])
    return Number(process.hrtime.bigint() - t0)
  })
  return Math.min(...times) / n
})()
const spins = new Map<string, number>()
for (const host of built.hosts) {
  const walls: number[] = []
  for (let i = 0; i < 9; i++) walls.push((await start(host, DESIGNS[0], 0, null).done).wallMs)
  spins.set(host.name, Math.round((0.03 * median(walls) * 1e6) / spinNs))
  console.error(`${host.name}: median wall ${median(walls).toFixed(1)} ms, +3% = ${spins.get(host.name)} iterations`)
}

const samples: Samples = { machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}`, spin_ns: spinNs, rounds: 0, cells: [] }
const cell = (design: Design, variant: Variant, host: string) => {
  let found = samples.cells.find(c => c.design === design.name && c.variant === variant && c.host === host)
  if (!found) {
    found = { design: design.name, variant, host, head_wall: [], base_wall: [], head_cpu: [], base_cpu: [], head_first: [], seconds: 0 }
    samples.cells.push(found)
  }
  return found
}

const designs = values.designs.split(';').map(name => {
  const design = DESIGNS.find(d => d.name === name.trim())
  if (!design) throw new Error(`--designs: no design "${name}" (designs: ${DESIGNS.map(d => d.name).join('; ')})`)
  return design
})
const rounds = Number(values.rounds)
for (let round = 0; round < rounds; round++) {
  for (const design of shuffle(designs)) {
    for (const variant of shuffle(VARIANTS)) {
      for (const host of shuffle(built.hosts)) {
        const t0 = performance.now()
        const { head, base, headFirst } = await pair(host, design, variant === '+3%' ? spins.get(host.name)! : 0)
        const c = cell(design, variant, host.name)
        c.seconds += (performance.now() - t0) / 1000
        c.head_wall.push(head.wallMs)
        c.base_wall.push(base.wallMs)
        c.head_cpu.push(head.cpuMs)
        c.base_cpu.push(base.cpuMs)
        c.head_first.push(headFirst)
      }
    }
  }
  samples.rounds = round + 1
  writeFileSync(values.out, JSON.stringify(samples))
  console.error(`round ${round + 1}/${rounds}`)
}
rmSync(work, { recursive: true, force: true })
console.log(report(samples))
