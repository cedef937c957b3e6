// The one JSON line a host program writes to its report file (hosts/*, "report file" interface).
import type { FfiMetric, Phase } from '../vocabulary.js'

export interface HostReport {
  runtime?: string
  version?: string
  phases_ns?: Record<Phase, number>
  ffi?: Record<FfiMetric, number>
}

export function parseReport(text: string): HostReport {
  const line = text.trim().split(/\r?\n/).pop()
  if (!line) throw new Error('empty report')
  const report = JSON.parse(line) as HostReport
  for (const group of [report.phases_ns, report.ffi]) {
    if (group === undefined) continue
    for (const [key, value] of Object.entries(group)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`"${key}" is not a non-negative number`)
    }
  }
  if (!report.phases_ns && !report.ffi) throw new Error('report has neither phases_ns nor ffi')
  return report
}
