// Precision check: N pairs of consecutive runs on unchanged code (the first of each pair is the baseline of
// the second). Prints, per pair, the regressions reported (there should be none) and the widest 95% CI of a
// change. Usage: node scripts/noise-pairs.mjs [pairs=5] [extra CLI flags...]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')
const pairs = Number(process.argv[2] ?? 5)
const flags = process.argv.slice(3)
const dir = mkdtempSync(path.join(os.tmpdir(), 'wfb-noise-'))
const baseline = path.join(dir, 'baseline.json')
const output = path.join(dir, 'results.json')
const bench = args =>
  execFileSync(process.execPath, [cli, '--baseline', baseline, '--output', output, ...flags, ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit']
  })

let widest = null
for (let pair = 1; pair <= pairs; pair++) {
  bench(['--save-baseline'])
  bench([])
  const results = JSON.parse(readFileSync(output, 'utf8'))
  const gating = results.comparisons.filter(c => c.gating)
  const regressions = gating
    .filter(c => c.verdict === 'regression')
    .map(c => `${c.host} ${c.metric} ${(c.change * 100).toFixed(1)}% p=${c.p.toPrecision(2)}`)
  for (const c of gating) {
    const width = c.ci95[1] - c.ci95[0]
    if (!widest || width > widest.width) widest = { width, pair, what: `${c.host} ${c.metric}`, ci95: c.ci95, change: c.change }
  }
  const largest = gating.reduce((a, b) => (Math.abs(b.change) > Math.abs(a.change) ? b : a))
  const what = `${largest.host} ${largest.metric} ${(largest.change * 100).toFixed(1)}% p=${largest.p.toPrecision(2)}`
  console.log(
    `pair ${pair}: verdict ${results.verdict}, ${gating.length} gating comparisons, largest change ${what}, regressions: ${regressions.join('; ') || 'none'}`
  )
}
const pct = x => `${(x * 100).toFixed(1)}%`
console.log(
  `widest gating 95% CI: ${widest.what} in pair ${widest.pair}: change ${pct(widest.change)} [${pct(widest.ci95[0])}, ${pct(widest.ci95[1])}]`
)
