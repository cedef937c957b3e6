// The comment as GitHub renders it: cmark-gfm (GitHub's Markdown library, from the distribution's packages) with
// GitHub's extensions, raw HTML passed as GitHub passes it before sanitising (--unsafe: the <details> block).
// The headline comes first, the details are collapsed, data adds no HTML, every table is well-formed; and the
// comment keeps its size budget.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { JSDOM } from 'jsdom'
import { DETAILS_OPEN, MAX_COMMENT_LENGTH, renderCombinedReport } from '../src/report/markdown.js'
import type { Results } from '../src/types.js'
import { failedHost } from './fixtures/report-results.js'
import { ALL_OSES, largestRun, oneHostPullRequest } from './fixtures/report-sizes.js'

const CMARK = '/usr/bin/cmark-gfm'
const missing = existsSync(CMARK) ? false : 'cmark-gfm is not installed (npm run setup installs it)'

/** GitHub's flavour: tables, strikethrough, autolinks and the tag filter. */
export function renderGfm(markdown: string): Document {
  const html = execFileSync(CMARK, ['-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '--unsafe'], {
    input: markdown,
    encoding: 'utf8'
  })
  return new JSDOM(html).window.document
}

const LINKS = {
  runUrl: 'https://github.com/acme/app/actions/runs/42',
  repoUrl: 'https://github.com/acme/app',
  artifactsUrl: 'https://github.com/acme/app/actions/runs/42#artifacts'
}

/** Lines of the part a reviewer sees without opening anything. */
const visibleLines = (markdown: string): number => markdown.split(DETAILS_OPEN)[0]!.trimEnd().split('\n').length

/** A pull request whose data tries to add HTML wherever it is shown. */
function hostile(): Results {
  const run = oneHostPullRequest()
  const html = '<img src=x onerror=alert(1)><script>alert(1)</script></details><details open><iframe src=x>'
  return {
    ...run,
    runner: { ...run.runner, cpu: html },
    hosts: [...run.hosts.slice(0, 4), { ...failedHost('node', html, true), runtime: html }],
    baseline_note: html,
    compared_with: { ...run.compared_with, note: html, source: html }
  }
}

describe('the comment as GitHub renders it', { skip: missing }, () => {
  const runs = ALL_OSES.map(os => oneHostPullRequest(os))
  const document = renderGfm(renderCombinedReport(runs, LINKS))

  it('starts with the headline: the overall status, then one line per OS', () => {
    const first = document.body.firstElementChild!
    assert.equal(first.tagName, 'H2')
    assert.equal(first.textContent, '❌ wasm-ffi-bench: regression')
    const items = [...first.nextElementSibling!.querySelectorAll('li')].map(li => li.textContent)
    assert.equal(first.nextElementSibling!.tagName, 'UL')
    assert.deepEqual(
      items.map(item => item!.split(' ').slice(0, 4).join(' ')),
      ['❌ Linux x64 regression:', '❌ macOS arm64 regression:', '❌ Windows x64 regression:']
    )
  })

  it('links the run, the base commit, the compare view and the results', () => {
    const links = [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))
    assert.deepEqual(links, [
      LINKS.runUrl,
      `${LINKS.repoUrl}/commit/fedcba9876543210fedcba9876543210fedcba98`,
      `${LINKS.repoUrl}/compare/fedcba9876543210fedcba9876543210fedcba98...0123456789abcdef0123456789abcdef01234567`,
      LINKS.artifactsUrl
    ])
  })

  it('collapses the details: one <details>, closed, last, its summary first', () => {
    const details = document.querySelectorAll('details')
    assert.equal(details.length, 1)
    assert.equal(details[0]!.hasAttribute('open'), false)
    assert.equal(details[0]!.firstElementChild!.tagName, 'SUMMARY')
    assert.equal(document.body.lastElementChild, details[0])
    assert.ok(details[0]!.querySelectorAll('table').length >= 9, 'the full tables are inside')
  })

  it('has only well-formed tables: every row as many cells as its header', () => {
    const tables = [...document.querySelectorAll('table')]
    assert.ok(tables.length > 10)
    for (const table of tables) {
      const width = table.querySelectorAll('thead th').length
      assert.ok(width >= 2)
      for (const row of table.querySelectorAll('tbody tr')) assert.equal(row.children.length, width, row.textContent ?? '')
    }
  })

  it('lets no data add HTML', () => {
    const rendered = renderGfm(renderCombinedReport([hostile()], LINKS))
    for (const tag of ['img', 'script', 'iframe']) assert.equal(rendered.querySelectorAll(tag).length, 0, `no <${tag}>`)
    assert.equal(rendered.querySelectorAll('details').length, 1)
    assert.equal(rendered.querySelector('details')!.hasAttribute('open'), false)
    assert.match(rendered.body.textContent ?? '', /<img src=x onerror=alert\(1\)>/, 'the text is shown as text')
  })
})

describe('the size budget of the comment', () => {
  it('shows a one-host pull request in under 25 lines per OS', () => {
    const one = renderCombinedReport([oneHostPullRequest()], LINKS)
    assert.ok(visibleLines(one) < 25, `${visibleLines(one)} lines`)
    const three = renderCombinedReport(
      ALL_OSES.map(os => oneHostPullRequest(os)),
      LINKS
    )
    assert.ok(visibleLines(three) < 25 * 3, `${visibleLines(three)} lines`)
  })

  it('keeps the whole comment for the largest realistic run well under GitHub’s limit, details included', () => {
    const largest = renderCombinedReport(
      ALL_OSES.map(os => largestRun(os)),
      LINKS
    )
    assert.ok(largest.includes(DETAILS_OPEN), 'the details were not dropped')
    assert.ok(largest.length < 0.75 * MAX_COMMENT_LENGTH, `${largest.length} characters`)
    assert.ok(visibleLines(largest) < 25 * 3, `${visibleLines(largest)} lines above the fold`)
  })
})
