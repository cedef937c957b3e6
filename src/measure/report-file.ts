// The one JSON line a host program writes to its report file (hosts/*, "report file" interface).
import { FFI_LOOP_NAMES, FFI_METRICS, PHASES, type FfiLoop, type FfiMetric, type Phase } from '../vocabulary.js'

/** `loop_ns` (the host's export loop without the call) and `guest_loop_ns` (the guest's import loop), in ns per iteration. */
export interface HostReport extends Partial<Record<FfiLoop, number>> {
  runtime?: string
  version?: string
  phases_ns?: Record<Phase, number>
  /** per-call figures with the loop costs below already subtracted */
  ffi?: Record<FfiMetric, number>
}

function checkNumber(key: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`"${key}" must be a non-negative number, got ${JSON.stringify(value) ?? 'nothing'}`)
  }
}

/** Checks the report line of one command (docs/host-interface.md, "The report"); errors name the field. */
export function parseReport(text: string, command: 'workload' | 'ffi' | null = null): HostReport {
  const line = text.trim().split(/\r?\n/).pop()
  if (!line) throw new Error('the report file is empty (the command must append one JSON line)')
  let report: HostReport
  try {
    report = JSON.parse(line) as HostReport
  } catch (error) {
    throw new Error(`the last line is not JSON (${(error as Error).message})`)
  }
  if (typeof report !== 'object' || report === null || Array.isArray(report)) throw new Error('the last line is not a JSON object')
  for (const [name, group] of [
    ['phases_ns', report.phases_ns],
    ['ffi', report.ffi]
  ] as const) {
    if (group === undefined) continue
    if (typeof group !== 'object' || group === null) throw new Error(`"${name}" must be an object`)
    for (const [key, value] of Object.entries(group)) checkNumber(`${name}.${key}`, value)
  }
  if (report.phases_ns) {
    for (const phase of PHASES) if (!(phase in report.phases_ns)) throw new Error(`"phases_ns" has no "${phase}"`)
  }
  if (report.ffi) {
    // A host program older than these names would otherwise feed undefined into the samples.
    for (const key of FFI_METRICS) if (!(key in report.ffi)) throw new Error(`"ffi" has no "${key}"`)
    for (const key of FFI_LOOP_NAMES) checkNumber(key, report[key])
  }
  if (command === 'workload' && !report.phases_ns) throw new Error('it has no "phases_ns"')
  if (command === 'ffi' && !report.ffi) throw new Error('it has no "ffi"')
  if (!report.phases_ns && !report.ffi) throw new Error('it has neither "phases_ns" nor "ffi"')
  return report
}
