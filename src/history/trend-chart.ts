// The comment's trend charts: Mermaid `xychart-beta` line charts that GitHub renders, one line per host. The
// chart type has no legend, so every chart sets its palette and the caption names each colour with a square.
import { chartNumber, quote } from '../report/mermaid.js'

/** Line colours and the squares that name them in the caption, in the same order. */
export const LINE_COLOURS = [
  { hex: '#1c7ed6', square: '🟦' },
  { hex: '#f76707', square: '🟧' },
  { hex: '#2f9e44', square: '🟩' },
  { hex: '#e03131', square: '🟥' },
  { hex: '#9c36b5', square: '🟪' },
  { hex: '#8d5524', square: '🟫' },
  { hex: '#f2c200', square: '🟨' },
  { hex: '#212529', square: '⬛' }
] as const

export interface Line {
  label: string
  values: number[]
  /** index into LINE_COLOURS: a host keeps its colour in every chart of its OS */
  colour: number
}

const colourOf = (line: Line) => LINE_COLOURS[line.colour % LINE_COLOURS.length]!

function axisRange(values: number[]): [number, number] {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = hi === lo ? Math.max(Math.abs(hi) * 0.05, 1) : (hi - lo) * 0.1
  const low = lo >= 0 && lo - pad < 0 ? 0 : lo - pad
  return [Number(low.toPrecision(3)), Number((hi + pad).toPrecision(3))]
}

/** A fenced line chart over the x labels; each line has a value at every label (at most LINE_COLOURS lines). */
export function lineChart(title: string, unit: string, xLabels: string[], lines: Line[]): string {
  const shown = lines.slice(0, LINE_COLOURS.length)
  const [yMin, yMax] = axisRange(shown.flatMap(line => line.values))
  const palette = shown.map(line => colourOf(line).hex).join(', ')
  return [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${palette}"`,
    '---',
    'xychart-beta',
    `    title ${quote(title)}`,
    `    x-axis [${xLabels.map(quote).join(', ')}]`,
    `    y-axis ${quote(unit)} ${chartNumber(yMin)} --> ${chartNumber(yMax)}`,
    ...shown.map(line => `    line [${line.values.map(chartNumber).join(', ')}]`),
    '```'
  ].join('\n')
}

/** "🟦 go · 🟧 python": which colour is which line. */
export function legendLine(lines: Line[]): string {
  return lines
    .slice(0, LINE_COLOURS.length)
    .map(line => `${colourOf(line).square} ${line.label}`)
    .join(' · ')
}

const BARS = '▁▂▃▄▅▆▇█'

/** One character per point, scaled from the series' lowest to its highest value; a missing figure is a dot. */
export function sparkline(values: Array<number | null>): string {
  const present = values.filter((v): v is number => v !== null)
  if (present.length === 0) return ''
  const lo = Math.min(...present)
  const span = Math.max(...present) - lo
  return values.map(v => (v === null ? '·' : BARS[span === 0 ? 3 : Math.round(((v - lo) / span) * (BARS.length - 1))])).join('')
}
