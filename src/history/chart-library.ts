// The dashboard's chart library, inlined into the page so that it needs no network when viewed: uPlot (MIT),
// about 51 KB minified with its stylesheet, canvas line charts with a legend that toggles series. Chart.js would
// be 4x the size; hand-drawn SVG would be our code to maintain. The build (rollup.config.js, inline-text) replaces
// every call of inlineText below with the file's text; from source (tests) it is read from node_modules.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

function inlineText(specifier: string): string {
  return readFileSync(createRequire(import.meta.url).resolve(specifier), 'utf8')
}

export function chartLibrary(): { js: string; css: string } {
  return { js: inlineText('uplot/dist/uPlot.iife.min.js'), css: inlineText('uplot/dist/uPlot.min.css') }
}
