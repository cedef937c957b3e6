// Fails when dist/ differs from a fresh build of src/: dist/ is what the action runs, so it must be current.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

// A fresh build from an empty dist/, so that a chunk no entry imports any more shows up as deleted.
rmSync('dist', { recursive: true, force: true })

execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '--config', 'rollup.config.js', '--silent'], { stdio: 'inherit' })
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' }).trim()
if (changed) {
  process.stderr.write(`dist/ is stale; run "npm run build" and commit dist/:\n${changed}\n`)
  process.exit(1)
}
process.stdout.write('dist/ is up to date\n')
