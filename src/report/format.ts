// Small, deterministic formatters shared by every report. A value that is missing or not finite prints as DASH,
// never as a made-up number.

import type { Verdict } from '../types.js'

export const DASH = '—'

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Fixed decimals that shrink as the magnitude grows: 0.123, 1.23, 12.3, 123.4. */
export function formatNumber(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH
  const magnitude = Math.abs(value)
  const decimals = magnitude === 0 ? 1 : magnitude < 1 ? 3 : magnitude < 10 ? 2 : 1
  return value.toFixed(decimals)
}

/** "1.29×", "40×": a multiple, for figures that differ by orders of magnitude. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`
}

/** "65.2 ms" */
export function formatMs(value: number | null | undefined): string {
  return isNumber(value) ? `${formatNumber(value)} ms` : DASH
}

/** "12.3 ns" */
export function formatNs(value: number | null | undefined): string {
  return isNumber(value) ? `${formatNumber(value)} ns` : DASH
}

/** An instruction count: "655.14 M", "8,612", "12.4". */
export function formatCount(value: number | null | undefined): string {
  if (!isNumber(value)) return DASH
  if (Math.abs(value) >= 1e7) return `${(value / 1e6).toFixed(2)} M`
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : formatNumber(value)
}

/** A relative change (0.051 = 5.1%) with its sign: "+5.1%", "-3.0%"; instruction counts take 2 decimals. */
export function formatChange(fraction: number | null | undefined, decimals = 1): string {
  if (!isNumber(fraction)) return DASH
  const percent = (fraction * 100).toFixed(decimals)
  // -0.04% rounds to "-0.0"; print it as "+0.0%" so equal values look equal
  if (Number(percent) === 0) return `+${(0).toFixed(decimals)}%`
  return `${fraction > 0 ? '+' : ''}${percent}%`
}

/** A confidence interval of relative changes: "[+1.2%, +8.0%]". */
export function formatCi(ci: readonly [number, number] | null | undefined, decimals = 1): string {
  if (!ci || !isNumber(ci[0]) || !isNumber(ci[1])) return DASH
  return `[${formatChange(ci[0], decimals)}, ${formatChange(ci[1], decimals)}]`
}

/** A threshold as a reader writes it: 0.01 -> "1%", 0.005 -> "0.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`
}

/** A range of relative changes as plain text: "+1.2% to +8.0%". */
export function formatRange(ci: readonly [number, number] | null | undefined, decimals = 1): string {
  if (!ci || !isNumber(ci[0]) || !isNumber(ci[1])) return DASH
  return `${formatChange(ci[0], decimals)} to ${formatChange(ci[1], decimals)}`
}

/** "+5.1% [+1.2%, +8.0%]" */
export function formatChangeWithCi(fraction: number, ci: readonly [number, number]): string {
  return `${formatChange(fraction)} ${formatCi(ci)}`
}

/** A p-value: "0.012", "<0.001". */
export function formatP(p: number | null | undefined): string {
  if (!isNumber(p)) return DASH
  return p < 0.001 ? '<0.001' : p.toFixed(3)
}

/** A p-value in running text: "p=0.012", "p<0.001". */
export function formatPInline(p: number | null | undefined): string {
  const text = formatP(p)
  return text.startsWith('<') ? `p${text}` : `p=${text}`
}

const VERDICT_SYMBOLS: Record<Verdict, string> = {
  regression: '❌ regression',
  improvement: '🟢 improvement',
  '~': '~',
  inconclusive: '⏳ inconclusive'
}

/** "❌ regression", "🟢 improvement", "~", "⏳ inconclusive" */
export function formatVerdict(verdict: Verdict): string {
  return VERDICT_SYMBOLS[verdict]
}

/** Where text is shown: markdown (comment, job summary) or a terminal. */
export type TextTarget = 'markdown' | 'terminal'

// Control characters (ANSI escapes included), line and paragraph separators, and the bidirectional overrides
// that reorder what a reader sees.
const INVISIBLE = /[\p{Cc}\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/gu

// An absolute path (/home/..., C:\\..., ~/...) names the runner's or the user's machine: a report keeps its last part.
// Not after a word, a dot or a slash, so units (ns/KiB), relative paths and URLs stay as they are.
const ABSOLUTE_PATH = /(?<![\w.:/\\~-])(?:[A-Za-z]:[\\/]|~?\/)(?:[^\s/\\'"`()[\]<>|,;]+[/\\])+([^\s/\\'"`()[\]<>|,;]*)/g

/** Text with every absolute path cut to its last part: "/root/.cache/x/y.wasm" -> "…/y.wasm". */
export function hidePaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, (_, last: string) => `…/${last}`)
}

/** Free text from data as one bounded line: no control characters, no line breaks, no absolute paths. */
function oneLine(text: string, maxLength: number): string {
  const line = hidePaths(String(text).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim())
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line
}

/** Makes free text safe inside a terminal table cell: one line, no column breaks, bounded length. */
export function escapeCell(text: string, maxLength = 200): string {
  return oneLine(text, maxLength).replace(/\|/g, '\\|')
}

// Every character that can open inline markdown: escapes, code, emphasis, strikethrough, links and images,
// raw HTML and comments, entities, table cells, math.
const INLINE_SYNTAX = /[\\`*_~[\]<>&|$!]/g

/**
 * The one escape for text from data (host errors, CPU model, versions, baseline source, anything read from
 * an artifact) shown in markdown: one bounded line in which nothing renders as markup. GitHub links
 * @mentions, #123 and GH-123 after rendering, escapes or not, so a zero-width space breaks them; URLs and
 * www. lose their autolink through an escaped ':' or '.'.
 */
export function escapeMarkdown(text: string, maxLength = 200): string {
  return oneLine(text, maxLength)
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/[@#]/g, '$&\u200b')
    .replace(/\b(gh)-(?=\d)/gi, '$1\u200b-')
}

/** Text from data for the given target: escaped markdown, or one bounded terminal line. */
export function showText(text: string, target: TextTarget, maxLength = 200): string {
  return target === 'markdown' ? escapeMarkdown(text, maxLength) : escapeCell(text, maxLength)
}

/** Width of a string in terminal columns: emoji take two, combining marks and variation selectors none. */
export function terminalWidth(text: string): number {
  let width = 0
  for (const char of text) {
    if (/[\u0300-\u036f\ufe00-\ufe0f\u200d]/u.test(char)) continue
    width += /\p{Extended_Pictographic}/u.test(char) && char.codePointAt(0)! > 0xff ? 2 : 1
  }
  return width
}

/** "48 s", "2.1 min" */
export function formatSeconds(seconds: number): string {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`
}
