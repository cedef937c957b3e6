import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  DASH,
  escapeCell,
  formatChange,
  formatCi,
  formatMs,
  formatNs,
  formatP,
  formatPInline,
  formatVerdict,
  terminalWidth
} from '../src/report/format.js'

describe('report formatters', () => {
  it('formats milliseconds and nanoseconds with precision that shrinks as values grow', () => {
    assert.equal(formatMs(65.217), '65.2 ms')
    assert.equal(formatMs(1.2), '1.20 ms')
    assert.equal(formatMs(0.4), '0.400 ms')
    assert.equal(formatMs(1234.56), '1234.6 ms')
    assert.equal(formatNs(12.34), '12.3 ns')
    assert.equal(formatNs(0), '0.0 ns')
  })

  it('prints a dash for missing or non-finite values, never a number', () => {
    for (const value of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(formatMs(value), DASH)
      assert.equal(formatNs(value), DASH)
      assert.equal(formatChange(value), DASH)
      assert.equal(formatP(value), DASH)
    }
    assert.equal(formatCi(null), DASH)
    assert.equal(formatCi([Number.NaN, 1]), DASH)
  })

  it('signs percent changes and intervals', () => {
    assert.equal(formatChange(0.051), '+5.1%')
    assert.equal(formatChange(-0.03), '-3.0%')
    assert.equal(formatChange(0), '+0.0%')
    assert.equal(formatChange(-0.0001), '+0.0%')
    assert.equal(formatCi([0.012, 0.08]), '[+1.2%, +8.0%]')
    assert.equal(formatCi([-0.05, 0.02]), '[-5.0%, +2.0%]')
  })

  it('formats p-values, with a floor of 0.001', () => {
    assert.equal(formatP(0.0123), '0.012')
    assert.equal(formatP(0.001), '0.001')
    assert.equal(formatP(0.0000001), '<0.001')
    assert.equal(formatPInline(0.001), 'p=0.001')
    assert.equal(formatPInline(0.00001), 'p<0.001')
  })

  it('names each verdict with its symbol', () => {
    assert.equal(formatVerdict('regression'), '❌ regression')
    assert.equal(formatVerdict('improvement'), '🟢 improvement')
    assert.equal(formatVerdict('~'), '~')
  })

  it('keeps table cells on one line without column breaks', () => {
    assert.equal(escapeCell('exit 1 | oops\nline two'), 'exit 1 \\| oops line two')
    assert.equal(escapeCell('x'.repeat(300), 10), `${'x'.repeat(9)}…`)
  })

  it('measures emoji as two terminal columns', () => {
    assert.equal(terminalWidth('abc'), 3)
    assert.equal(terminalWidth('🔴 regression'), 13)
    assert.equal(terminalWidth('⚠️ x'), 4)
    assert.equal(terminalWidth('—'), 1)
  })
})
