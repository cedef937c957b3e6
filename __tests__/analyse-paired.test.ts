import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { median } from 'simple-statistics'
import { mulberry32 } from '../src/analyse/bootstrap.js'
import { hodgesLehmann, signedRankCriticalRank } from '../src/analyse/hodges-lehmann.js'
import { holm } from '../src/analyse/holm.js'
import { normalIsf } from '../src/analyse/normal.js'
import { changeOfLogRatios, doubleRatioChange, logRatios, pairedChange } from '../src/analyse/paired.js'
import { signedRankSumCounts, wilcoxon } from '../src/analyse/wilcoxon.js'

const reference = JSON.parse(readFileSync(new URL('./fixtures/wilcoxon-reference.json', import.meta.url), 'utf8')) as {
  holm: Array<{ p: number[]; adjusted: number[] }>
}

/** Standard normal draws by Box-Muller from a seeded uniform source. */
function normalSource(seed: number): () => number {
  const random = mulberry32(seed)
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

const walshSorted = (d: number[]): number[] => d.flatMap((a, i) => d.slice(i).map(b => (a + b) / 2)).sort((a, b) => a - b)

describe('hodgesLehmann', () => {
  it('is the median of the Walsh averages, its bounds their order statistics at the critical rank', () => {
    const next = normalSource(7)
    for (const n of [1, 2, 3, 7, 10, 31, 64]) {
      const d = Array.from({ length: n }, () => 0.02 + 0.05 * next())
      const walsh = walshSorted(d)
      for (const level of [0.5, 0.95, 0.999]) {
        const { estimate, ci } = hodgesLehmann(d, level)
        assert.equal(estimate, median(walsh))
        const k = signedRankCriticalRank(n, level)
        assert.deepEqual(ci, k === 0 ? [-Infinity, Infinity] : [walsh[k - 1], walsh[walsh.length - k]], `n=${n} level=${level}`)
      }
    }
  })

  it('inverts the exact Wilcoxon test: θ inside the interval is not rejected at 1 - level, θ outside is', () => {
    const next = normalSource(11)
    for (const [n, level] of [
      [9, 0.9],
      [20, 0.95],
      [40, 0.99]
    ]) {
      const d = Array.from({ length: n }, () => 0.03 + 0.1 * next())
      const [lo, hi] = hodgesLehmann(d, level).ci
      const p = (theta: number): number => wilcoxon(d.map(v => v - theta)).p
      const eps = 1e-9
      assert.ok(p(lo + eps) > 1 - level && p(hi - eps) > 1 - level, `n=${n}: inside`)
      assert.ok(p(lo - eps) <= 1 - level && p(hi + eps) <= 1 - level, `n=${n}: outside`)
    }
  })

  it('has the tabled critical ranks, and an unbounded interval where n is too small for the level', () => {
    // Hollander & Wolfe table: n = 10, two-sided 0.05 rejects T+ <= 8, so k = 9; n = 6: T+ = 0 only (1/64).
    assert.equal(signedRankCriticalRank(10, 0.95), 9)
    assert.equal(signedRankCriticalRank(6, 0.95), 1)
    assert.equal(signedRankCriticalRank(5, 0.95), 0)
    assert.deepEqual(hodgesLehmann([0.1, 0.2, 0.3, 0.4, 0.5], 0.95).ci, [-Infinity, Infinity])
  })

  it('takes critical ranks from the exact distribution (checked by counting sign flips) up to n = 200', () => {
    for (const n of [20, 51]) {
      const counts = signedRankSumCounts(Array.from({ length: n }, (_, i) => i + 1))
      for (const level of [0.9, 0.95, 0.99, 0.9995]) {
        let below = 0
        let exact = 0
        while ((below + counts[2 * exact]) / 2 ** n <= (1 - level) / 2) below += counts[2 * exact++]
        assert.equal(signedRankCriticalRank(n, level), exact, `n=${n} level=${level}`)
      }
    }
  })

  it('uses a conservative normal approximation above n = 200, close to the exact rank', () => {
    const n = 201
    // exact counts of T+ over the 2^201 sign assignments, in BigInt
    const counts = new Array<bigint>((n * (n + 1)) / 2 + 1).fill(0n)
    counts[0] = 1n
    for (let rank = 1; rank <= n; rank++) for (let s = (rank * (rank + 1)) / 2; s >= rank; s--) counts[s] += counts[s - rank]
    for (const level of [0.95, 0.99, 0.9995]) {
      // largest k with P(T+ <= k - 1) <= (1 - level) / 2, in integers: 2^n (1 - level) / 2 scaled by 1e6
      const limit = (2n ** BigInt(n) * BigInt(Math.round((1 - level) * 1e6))) / 2000000n
      let below = 0n
      let exact = 0
      while (below + counts[exact] <= limit) below += counts[exact++]
      const k = signedRankCriticalRank(n, level)
      assert.ok(k <= exact && k >= 0.995 * exact, `level ${level}: normal ${k}, exact ${exact}`)
    }
  })

  it('covers the true centre at the nominal rate (2000 seeded draws per case)', () => {
    const gaussian = (random: () => number): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    // heavy tails, as occasional slow rounds give
    const laplace = (random: () => number): number => {
      const u = random() - 0.5
      return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u))
    }
    const cases = [
      { n: 12, centre: 0.03, spread: 0.05, noise: gaussian },
      { n: 30, centre: 0.03, spread: 0.05, noise: laplace },
      { n: 80, centre: -0.01, spread: 0.1, noise: gaussian }
    ]
    for (const [index, { n, centre, spread, noise }] of cases.entries()) {
      const random = mulberry32(100 + index)
      let covered = 0
      for (let i = 0; i < 2000; i++) {
        const [lo, hi] = hodgesLehmann(
          Array.from({ length: n }, () => centre + spread * noise(random)),
          0.95
        ).ci
        if (lo <= centre && centre <= hi) covered++
      }
      const coverage = covered / 2000
      assert.ok(coverage >= 0.93 && coverage <= 0.97, `n=${n}: coverage ${coverage}`)
    }
  })

  it('rejects empty and non-finite input', () => {
    assert.throws(() => hodgesLehmann([], 0.95), /no differences/)
    assert.throws(() => hodgesLehmann([0.1, Infinity], 0.95), /finite/)
    assert.throws(() => hodgesLehmann([0.1], 1), /level/)
  })
})

describe('pairedChange and doubleRatioChange', () => {
  it('turn paired times into the relative change, its interval and the Wilcoxon p', () => {
    const base = [64, 66, 65, 63, 67, 65, 64, 66, 65, 64, 66, 65]
    const factors = [1.05, 1.02, 1.04, 1.03, 1.06, 1.01, 1.03, 1.05, 1.02, 1.04, 1.03, 1.07]
    const head = base.map((b, i) => b * factors[i])
    const result = pairedChange(head, base, 0.95)
    assert.ok(result)
    const d = factors.map(f => Math.log(f))
    const { estimate, ci } = hodgesLehmann(d, 0.95)
    assert.equal(result.n, 12)
    assert.ok(Math.abs(result.change - (Math.exp(estimate) - 1)) < 1e-12)
    assert.ok(Math.abs(result.ci[0] - (Math.exp(ci[0]) - 1)) < 1e-12 && Math.abs(result.ci[1] - (Math.exp(ci[1]) - 1)) < 1e-12)
    assert.equal(result.p, 2 / 4096) // every round slower: the exact smallest p for n = 12
    assert.ok(result.ci[0] > 0.01 && result.ci[1] < 0.06)
  })

  it('cancels what native shares with the host in the double ratio', () => {
    const random = mulberry32(3)
    const rounds = 25
    // each round's machine state scales both revisions of both hosts; the host got 10% slower, native did not
    const machine = Array.from({ length: rounds }, () => 1 + random())
    const nativeBase = machine.map(m => 50 * m)
    const nativeHead = machine.map(m => 50 * m)
    const hostBase = machine.map(m => 65 * m)
    const hostHead = machine.map(m => 71.5 * m)
    const result = doubleRatioChange(hostHead, nativeHead, hostBase, nativeBase, 0.95)
    assert.ok(result)
    assert.ok(Math.abs(result.change - 0.1) < 1e-12, `${result.change}`)
    // native 10% slower too: the overhead did not change
    const slowerNative = nativeHead.map(v => v * 1.1)
    const same = doubleRatioChange(hostHead, slowerNative, hostBase, nativeBase, 0.95)
    assert.ok(same && Math.abs(same.change) < 1e-12)
  })

  it('gives null for samples that are not positive, and rejects unpaired samples', () => {
    assert.equal(pairedChange([1, 0], [1, 1], 0.95), null)
    assert.equal(doubleRatioChange([1, 2], [1, 1], [1, 1], [1, -1], 0.95), null)
    assert.equal(logRatios([1, NaN], [1, 1]), null)
    assert.throws(() => pairedChange([1, 2], [1], 0.95), /equal length/)
    assert.throws(() => changeOfLogRatios([], 0.95), /no differences/)
  })
})

describe('holm', () => {
  it('matches statsmodels multipletests(method="holm")', () => {
    assert.ok(reference.holm.length >= 5)
    for (const { p, adjusted } of reference.holm) {
      const ours = holm(p)
      ours.forEach((v, i) => assert.ok(Math.abs(v - adjusted[i]) <= 1e-12, `p=${p[i]}: ${v} vs ${adjusted[i]}`))
    }
  })

  it('is monotone in p, at least the raw p, capped at 1, and empty for no p-values', () => {
    const p = [0.04, 0.001, 0.3, 0.02, 0.9]
    const adjusted = holm(p)
    const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b])
    for (let i = 1; i < order.length; i++) assert.ok(adjusted[order[i]] >= adjusted[order[i - 1]])
    adjusted.forEach((a, i) => assert.ok(a >= p[i] && a <= 1))
    assert.deepEqual(holm([]), [])
    assert.throws(() => holm([0.1, NaN]), /\[0, 1\]/)
  })
})

describe('normalIsf', () => {
  it('matches scipy.stats.norm.isf', () => {
    const cases: Array<[number, number]> = [
      [0.025, 1.9599639845400545],
      [0.00625, 2.497705474412373],
      [0.0005, 3.2905267314918945],
      [1e-12, 7.034483825301131],
      [0.975, -1.959963984540054]
    ]
    for (const [p, z] of cases) assert.ok(Math.abs(normalIsf(p) - z) <= 1e-12 * Math.abs(z), `isf(${p})`)
    assert.equal(normalIsf(0.5), 0)
    assert.throws(() => normalIsf(0), /\(0, 1\)/)
  })
})
