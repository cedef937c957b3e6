// Bundles the action entry and the CLI entry into dist/ (committed; the action runs dist/index.js).
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// src/history/chart-library.ts: each inlineText('<package file>') becomes that file's text, so the action (which
// runs without node_modules) carries the dashboard's chart library.
function inlineText() {
  const require = createRequire(import.meta.url)
  return {
    name: 'inline-text',
    transform(code, id) {
      if (!id.endsWith('chart-library.ts')) return null
      return code.replace(/inlineText\('([^']+)'\)/g, (_, specifier) => JSON.stringify(readFileSync(require.resolve(specifier), 'utf8')))
    }
  }
}

export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts' },
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: false,
    entryFileNames: '[name].js',
    chunkFileNames: '[name].js',
    banner: chunk => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '')
  },
  plugins: [
    inlineText(),
    typescript({ noEmit: false, outDir: 'dist', declaration: false, allowImportingTsExtensions: false, include: ['src/**/*.ts'] }),
    nodeResolve({ preferBuiltins: true }),
    commonjs(),
    json()
  ],
  onwarn(warning, warn) {
    // Dependencies (@actions/*, @azure/*) use `this` at module scope and circular imports; both are harmless here.
    if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return
    warn(warning)
  }
}
