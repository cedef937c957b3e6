// Progress of the measurement rounds: a bar on a terminal, one line per round otherwise (and in Actions logs).
import type { Progress } from './measure/runner.js'

export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return lineProgress(line => stream.write(`${line}\n`))
  return {
    round(done, total, line) {
      const width = 24
      const filled = Math.round((done / total) * width)
      stream.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${line}`
          .slice(0, stream.columns ?? 120)
          .padEnd(stream.columns ?? 120)
      )
      if (done === total) stream.write('\n')
    }
  }
}

export function lineProgress(write: (line: string) => void): Progress {
  return { round: (done, total, line) => write(`[${done}/${total}] ${line}`) }
}
