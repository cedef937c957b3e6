// Hostile strings in every text field of the results, through the real renderer, parsed as GitHub-flavoured
// markdown (micromark + GFM, raw HTML allowed as GitHub allows it) into a DOM: nothing they carry renders as
// markup, and the report around them keeps every section, table, row and cell it has with plain strings.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JSDOM } from 'jsdom'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { escapeMarkdown } from '../src/report/format.js'
import { COMMENT_MARKER, renderCombinedReport } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'
import { comparison, failedHost, host, regressedResults, scalingResults } from './fixtures/report-results.js'

const HOSTILE = [
  '# Heading\n## injected',
  'Setext heading\n===',
  '[click here](https://evil.example/phish) ![pixel](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)><script>alert(1)</script><a href="https://evil.example">a</a>',
  '<!-- the rest of the report is a comment now',
  '```\nfenced: everything after is code',
  '<details><summary>hidden',
  '</details></td></tr></table><table><tr><td>',
  '| a | b |\n|---|---|\n| forged | row |',
  'cc @octocat and @acme/maintainers, see #1 and acme/bench#2 and GH-3',
  'https://evil.example/autolink www.evil.example mail@evil.example',
  '**bold** __bold__ *em* _em_ ~~strike~~ `code` $x^2$',
  '&lt;b&gt; &#60;img src=x&#62; &amp;',
  '> quote\n- list\n1. list\n---',
  '[ref]: https://evil.example/ref\n[ref]',
  '<https://evil.example/angle> [^1]\n\n[^1]: footnote',
  '\u202Egnp.exe\u202C \u001b[31mred\u001b[0m \u0000nul',
  'line\r\nbreak\u2028separator'
]

/** Results with `text` in every field a report shows, on a run that has every table. */
function hostile(text: string, os = 'Linux', kind: Results['compared_with']['kind'] = 'revision'): Results {
  const scaled = scalingResults()
  const regressed = regressedResults()
  const named = (name: string) => ({ name, runtime: text, version: text })
  return {
    ...regressed,
    runner: { os, arch: 'x64', cpu: text, node: text },
    commit: text,
    hosts: [
      { ...host('native', 48.9), ...named('native'), scaling: scaled.hosts[0]!.scaling },
      { ...host('go', 64.9), ...named('go'), scaling: scaled.hosts[1]!.scaling },
      { ...failedHost('python', text), runtime: text, version: text },
      { ...host(text, 65.4), runtime: text, version: text }
    ],
    comparisons: [
      ...regressed.comparisons.map(c => ({ ...c, note: text })),
      comparison(text, 'overhead', 0.3, { note: text }),
      { ...comparison('go', 'wall_ms', 0.2), metric: text as 'wall_ms', note: text }
    ],
    compared_with: { kind, commit: text, source: text, note: text, rounds: 30, seconds: 60, decided: false },
    base: { commit: text, hosts: [] },
    baseline: { source: text, commit: text, cpu: text },
    baseline_note: text,
    baseline_comparisons: [comparison(text, 'overhead', 0.2, { note: text, gating: false })],
    gate: { ...regressed.gate, groups: [text as 'overhead'] },
    verdict: 'error'
  }
}

const parse = (markdown: string) =>
  new JSDOM(micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })).window.document

/** The structure of a document: every element with its nesting, without text. */
function skeleton(document: Document): string[] {
  return [...document.body.querySelectorAll('*')].map(e => {
    let depth = 0
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) depth++
    return `${depth}:${e.tagName}`
  })
}

function comments(document: Document): string[] {
  const walker = document.createTreeWalker(document, 128 /* NodeFilter.SHOW_COMMENT */)
  const found: string[] = []
  while (walker.nextNode()) found.push(walker.currentNode.nodeValue ?? '')
  return found
}

const RUN_URL = 'https://github.com/acme/bench/actions/runs/300'
// The plain run has ordinary strings where the hostile one has the hostile text: same tables, rows and cells.
const plain = parse(
  renderCombinedReport([hostile('plain text'), { ...hostile('plain text', 'macOS', 'baseline'), verdict: 'pass' }], { runUrl: RUN_URL })
)

describe('hostile strings in every text field', () => {
  for (const text of HOSTILE) {
    it(`render as text: ${JSON.stringify(text).slice(0, 60)}`, () => {
      const markdown = renderCombinedReport([hostile(text), { ...hostile(text, 'macOS', 'baseline'), verdict: 'pass' }], {
        runUrl: RUN_URL
      })
      assert.ok(markdown.startsWith(`${COMMENT_MARKER}\n`), 'the marker opens the comment')
      const document = parse(markdown)

      assert.deepEqual(comments(document), [' wasm-ffi-bench:comment '], 'the marker is the only comment')
      assert.deepEqual(skeleton(document), skeleton(plain), 'every section, table, row and cell is where it is with plain text')
      assert.deepEqual(
        [...document.querySelectorAll('a')].map(a => a.getAttribute('href')),
        [RUN_URL],
        'the only link is the run link'
      )
      for (const tag of ['img', 'script', 'h1', 'h5', 'h6', 'em', 'del', 'code:not(pre > code)', 'blockquote', 'ol', 'hr', 'sup', 'input'])
        assert.equal(document.querySelectorAll(tag).length, 0, `no <${tag}>`)
      assert.deepEqual(
        [...document.querySelectorAll('h2, h3, h4')].map(h => h.tagName),
        [...plain.querySelectorAll('h2, h3, h4')].map(h => h.tagName)
      )
      // The report's own bold OS names and status list, and nothing the data could add.
      for (const tag of ['strong', 'ul', 'li'])
        assert.equal(document.querySelectorAll(tag).length, plain.querySelectorAll(tag).length, `<${tag}> only where the report puts it`)
      assert.equal(document.querySelectorAll('details').length, 1, 'one collapsed details section')

      // GitHub links mentions and references in text, not in code blocks (the Mermaid charts).
      const prose = document.body.cloneNode(true) as HTMLElement
      for (const pre of prose.querySelectorAll('pre')) pre.remove()
      assert.doesNotMatch(prose.textContent ?? '', /@[a-z]/i, 'no @mention GitHub would link')
      assert.doesNotMatch(prose.textContent ?? '', /#\d|\bGH-\d/i, 'no issue reference GitHub would link')
      const visible = (document.body.textContent ?? '').replace(/\u200b/g, '')
      // The text itself is shown, as one line: readers see what the data said.
      const firstWord = text
        .replace(/[\p{Cc}\u2028\u202e\u202c]/gu, ' ')
        .trim()
        .split(/\s+/)[0]!
      assert.ok(visible.includes(firstWord), `"${firstWord}" is visible`)
    })
  }
})

describe('escapeMarkdown', () => {
  it('backslash-escapes inline syntax and keeps ordinary text as it was', () => {
    assert.equal(escapeMarkdown('wasmtime-go 44.0.0 (linux, 64-bit): exit code 1'), 'wasmtime-go 44.0.0 (linux, 64-bit): exit code 1')
    assert.equal(
      escapeMarkdown('a|b <c> [d](e) *f* `g` ~h~ $i$ &j; !k \\l'),
      'a\\|b \\<c\\> \\[d\\](e) \\*f\\* \\`g\\` \\~h\\~ \\$i\\$ \\&j; \\!k \\\\l'
    )
  })

  it('breaks GitHub references, mentions and autolinks with a zero-width space or an escape', () => {
    assert.equal(escapeMarkdown('@octocat #12 GH-3'), '@\u200boctocat #\u200b12 GH\u200b-3')
    assert.equal(escapeMarkdown('https://x.example www.x.example'), 'https\\://x.example www\\.x.example')
  })

  it('makes one bounded line without control or bidirectional characters', () => {
    assert.equal(escapeMarkdown('a\nb\r\nc\u2028d\u202ee\u001b[0m'), 'a b c d e \\[0m')
    assert.equal(escapeMarkdown('x'.repeat(50), 10), `${'x'.repeat(9)}…`)
  })
})
