// The one JSON line a host program writes to its report file (hosts/*, "report file" interface).
import { FFI_LOOP_NAMES, FFI_METRICS, type FfiLoop, type FfiMetric, type Phase } from '../vocabulary.js'

/** `loop_ns` (the host's export loop without the call) and `guest_loop_ns` (the guest's import loop), in ns per iteration. */
export interface HostReport extends Partial<Record<FfiLoop, number>> {
  runtime?: string
  version?: string
  phases_ns?: Record<Phase, number>
  /** per-call figures with the loop costs below already subtracted */
  ffi?: Record<FfiMetric, number>
}

function checkNumber(key: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`"${key}" is not a non-negative number`)
}

export function parseReport(text: string): HostReport {
  const line = text.trim().split(/\r?\n/).pop()
  if (!line) throw new Error('empty report')
  const report = JSON.parse(line) as HostReport
  for (const group of [report.phases_ns, report.ffi]) {
    if (group === undefined) continue
    for (const [key, value] of Object.entries(group)) checkNumber(key, value)
  }
  if (report.ffi) {
    // A host program older than these names would otherwise feed undefined into the samples.
    for (const key of FFI_METRICS) if (!(key in report.ffi)) throw new Error(`ffi report has no "${key}"`)
    for (const key of FFI_LOOP_NAMES) checkNumber(key, report[key])
  }
  if (!report.phases_ns && !report.ffi) throw new Error('report has neither phases_ns nor ffi')
  return report
}
