import {describe, expect, it} from 'vitest'

import {agreement, cohenKappa, type CodingDecision, krippendorffAlpha} from '../../src/analysis/agreement.js'

const NARRATIVES = ['onzichtbare-overheid', 'onzichtbare-burger', 'ongelijke-behandeling', 'ongehoorde-burger', 'ervaren-incompetentie']

/** Two coders' yes/no decisions from a 2×2 table: [yes/yes, yes/no, no/yes, no/no] (first coder first). */
function pairs(table: [number, number, number, number]): {a: boolean[]; b: boolean[]} {
  const cells: Array<[boolean, boolean, number]> = [[true, true, table[0]], [true, false, table[1]], [false, true, table[2]], [false, false, table[3]]]
  const a: boolean[] = []
  const b: boolean[] = []
  for (const [x, y, count] of cells) {
    for (let i = 0; i < count; i++) {
      a.push(x)
      b.push(y)
    }
  }

  return {a, b}
}

/** Paired categorical decisions from a confusion matrix: rows are the first coder, columns the second. */
function fromMatrix(categories: string[], matrix: number[][]): {a: string[]; b: string[]} {
  const a: string[] = []
  const b: string[] = []
  matrix.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let k = 0; k < count; k++) {
        a.push(categories[i])
        b.push(categories[j])
      }
    }),
  )
  return {a, b}
}

// Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, readers A and B say yes or no.
// Both yes 20, A yes B no 5, A no B yes 10, both no 15.
// p_o = 35/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6; p_e = 0.5·0.6 + 0.5·0.4 = 0.5;
// κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
const WIKIPEDIA = pairs([20, 5, 10, 15])

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers
// A–D, twelve units, values 1–5, missing data. Published nominal α = 0.743. Here as units × coders
// (the paper prints coders × units).
const KRIPPENDORFF_2011: Array<Array<string | null>> = [
  ['1', '1', null, '1'],
  ['2', '2', '3', '2'],
  ['3', '3', '3', '3'],
  ['3', '3', '3', '3'],
  ['2', '2', '2', '2'],
  ['1', '2', '3', '4'],
  ['4', '4', '4', '4'],
  ['1', '1', '2', '1'],
  ['2', '2', '2', '2'],
  [null, '5', '5', '5'],
  [null, null, '1', '1'],
  [null, '3', null, null],
]

// Krippendorff (2011), section A: binary data, two observers, ten units, no missing data.
// Published α = 0.095.
const BINARY_2011 = {
  a: [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  b: [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
}

describe('cohenKappa', () => {
  it('gives κ = 0.40 for the Wikipedia yes/no example', () => {
    expect(WIKIPEDIA.a).toHaveLength(50)
    expect(cohenKappa(WIKIPEDIA.a, WIKIPEDIA.b)).toBeCloseTo(0.4, 10)
  })

  it('gives κ = 0.65 for a three-category example computed by hand', () => {
    // 30 items, first coder in rows, second in columns:
    //            x   y   z   | row
    //        x   8   1   1   | 10
    //        y   2   6   2   | 10
    //        z   0   1   9   | 10
    //      col  10   8  12   | 30
    // p_o = (8 + 6 + 9) / 30 = 23/30
    // p_e = (10·10 + 10·8 + 10·12) / 30² = 300/900 = 1/3
    // κ = (23/30 − 10/30) / (1 − 10/30) = (13/30) / (20/30) = 0.65
    const {a, b} = fromMatrix(['x', 'y', 'z'], [[8, 1, 1], [2, 6, 2], [0, 1, 9]])
    expect(cohenKappa(a, b)).toBeCloseTo(0.65, 10)
  })

  it('gives κ = 0.0909 for the Krippendorff (2011) binary data, where α is 0.095', () => {
    // p_o = 6/10; A says 1 on 2/10, B on 4/10; p_e = 0.2·0.4 + 0.8·0.6 = 0.56; κ = 0.04/0.44 = 1/11.
    const a = BINARY_2011.a.map(String)
    const b = BINARY_2011.b.map(String)
    expect(cohenKappa(a, b)).toBeCloseTo(1 / 11, 10)
  })

  it('is 1 for perfect agreement, and −1 when two coders always disagree on a balanced binary split', () => {
    expect(cohenKappa(['x', 'y', 'z', 'x'], ['x', 'y', 'z', 'x'])).toBe(1)
    expect(cohenKappa([true, false, true, false], [false, true, false, true])).toBe(-1)
  })

  it('is null, not NaN, when undefined: no items, or both coders always used the same one category', () => {
    expect(cohenKappa([], [])).toBeNull()
    expect(cohenKappa([false, false, false], [false, false, false])).toBeNull()
  })

  it('refuses lists that are not paired', () => {
    expect(() => cohenKappa([true, false], [true])).toThrow(/paarsgewijs/)
  })
})

describe('krippendorffAlpha', () => {
  it('gives the published nominal α = 0.743 for the Krippendorff (2011) 4 × 12 example with missing data', () => {
    // By hand, following the paper: unit 12 has one value and drops out; n = 40 pairable values,
    // n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3, so n² − Σ n_c² = 1600 − 384 = 1216. Disagreement
    // Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) = 6/3 (unit 2) + 12/3 (unit 6) + 6/3 (unit 8) = 8.
    // α = 1 − 39 · 8 / 1216 = 1 − 312/1216 = 0.7434.
    const alpha = krippendorffAlpha(KRIPPENDORFF_2011)
    expect(alpha).toBeCloseTo(0.743, 3)
    expect(alpha).toBeCloseTo(1 - 312 / 1216, 12)
  })

  it('gives the published α = 0.095 for the Krippendorff (2011) binary example, two coders, no missing data', () => {
    const units = BINARY_2011.a.map((value, i) => [String(value), String(BINARY_2011.b[i])])
    const alpha = krippendorffAlpha(units)
    expect(alpha).toBeCloseTo(0.095, 3)
    // For two coders without missing data, α is Scott's π corrected for sample size:
    // α = π + (1 − π) / 2N. Here p_0 = 14/20, p_1 = 6/20, p_e = 0.7² + 0.3² = 0.58, p_o = 0.6,
    // π = (0.6 − 0.58) / 0.42 = 1/21 ≈ 0.048, and 1/21 + (20/21) / 20 = 2/21 ≈ 0.0952.
    const pi = 1 / 21
    expect(alpha).toBeCloseTo(pi + (1 - pi) / 20, 12)
  })

  it('matches Scott\'s π the same way on the Wikipedia kappa data (α = κ = 0.40 there)', () => {
    // p_yes = 55/100, p_e = 0.55² + 0.45² = 0.505, π = (0.7 − 0.505) / 0.495 = 0.3939...;
    // α = π + (1 − π)/100 = 0.4 exactly (1 − 99 · 30 / 4950).
    const units = WIKIPEDIA.a.map((value, i) => [String(value), String(WIKIPEDIA.b[i])])
    const pi = (0.7 - 0.505) / 0.495
    expect(krippendorffAlpha(units)).toBeCloseTo(pi + (1 - pi) / 100, 12)
    expect(krippendorffAlpha(units)).toBeCloseTo(0.4, 12)
  })

  it('is 1 for perfect agreement, also with missing values', () => {
    expect(krippendorffAlpha([['a', 'a', null], ['b', null, 'b'], ['a', 'a', 'a']])).toBe(1)
  })

  it('is null, not NaN, when undefined: nothing pairable, or a single value throughout', () => {
    expect(krippendorffAlpha([])).toBeNull()
    expect(krippendorffAlpha([['a', null], [null, 'b']])).toBeNull()
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a', 'a']])).toBeNull()
  })
})

/** Decisions of two coders on one narrative, per the 2×2 table, on notes n01…; other narratives untagged. */
function decisionsFromTable(narrative: string, table: [number, number, number, number]): CodingDecision[] {
  const {a, b} = pairs(table)
  return a.flatMap((tagA, i) => {
    const note = `n${String(i + 1).padStart(2, '0')}`
    return [
      {note, coder: 'anna', narratives: tagA ? [narrative] : []},
      {note, coder: 'bram', narratives: b[i] ? [narrative] : []},
    ]
  })
}

describe('agreement', () => {
  it('reports kappa and alpha per narrative and pooled over all (note × narrative) decisions', () => {
    const report = agreement(decisionsFromTable('ongehoorde-burger', [20, 5, 10, 15]), NARRATIVES)

    expect(report.coders).toEqual(['anna', 'bram'])
    expect(report.units).toBe(50)
    expect(report.perNarrative.map((n) => n.narrative)).toEqual(NARRATIVES)

    const ongehoord = report.perNarrative.find((n) => n.narrative === 'ongehoorde-burger')!
    expect(ongehoord.units).toBe(50)
    expect(ongehoord.observed).toBeCloseTo(0.7, 12)
    expect(ongehoord.kappa).toBeCloseTo(0.4, 12)
    expect(ongehoord.alpha).toBeCloseTo(0.4, 12)

    // Nobody tagged the other four: they agree on every note, but chance-corrected agreement is undefined.
    for (const other of report.perNarrative.filter((n) => n.narrative !== 'ongehoorde-burger')) {
      expect(other).toEqual({narrative: other.narrative, units: 50, observed: 1, kappa: null, alpha: null})
    }

    // Pooled: 250 decisions, agreed on 35 + 200 → p_o = 0.94; anna tagged 25/250 = 0.1, bram
    // 30/250 = 0.12; p_e = 0.1·0.12 + 0.9·0.88 = 0.804; κ = (0.94 − 0.804)/(1 − 0.804) = 0.136/0.196.
    expect(report.overall.observed).toBeCloseTo(0.94, 12)
    expect(report.overall.kappa).toBeCloseTo(0.136 / 0.196, 12)
    // α over the same pooled units: n = 500, 15 disagreeing units · 2 = 30, n_ja = 55, n_nee = 445;
    // α = 1 − 499 · 30 / (500² − 55² − 445²) = 1 − 14970/48950.
    expect(report.overall.alpha).toBeCloseTo(1 - 14_970 / 48_950, 12)

    expect(report.disagreements).toHaveLength(15)
    expect(new Set(report.disagreements.map((d) => d.narrative))).toEqual(new Set(['ongehoorde-burger']))
  })

  it('gives 1 for perfect agreement and lists no disagreements', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-overheid', 'ongehoorde-burger']},
      {note: 'n1', coder: 'bram', narratives: ['ongehoorde-burger', 'onzichtbare-overheid']},
      {note: 'n2', coder: 'anna', narratives: []},
      {note: 'n2', coder: 'bram', narratives: []},
      {note: 'n3', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n3', coder: 'bram', narratives: ['onzichtbare-overheid']},
    ]
    const report = agreement(decisions, NARRATIVES)
    expect(report.perNarrative[0]).toEqual({narrative: 'onzichtbare-overheid', units: 3, observed: 1, kappa: 1, alpha: 1})
    expect(report.overall).toEqual({kappa: 1, alpha: 1, observed: 1})
    expect(report.disagreements).toEqual([])
  })

  it('gives null, not NaN, when there is no variation at all', () => {
    const decisions: CodingDecision[] = ['n1', 'n2', 'n3'].flatMap((note) => [
      {note, coder: 'anna', narratives: []},
      {note, coder: 'bram', narratives: []},
    ])
    const report = agreement(decisions, NARRATIVES)
    expect(report.units).toBe(3)
    expect(report.overall).toEqual({kappa: null, alpha: null, observed: 1})
    for (const n of report.perNarrative) expect(n).toMatchObject({kappa: null, alpha: null, observed: 1})
    expect(JSON.stringify(report)).not.toContain('NaN')
  })

  it('has no units and only nulls with a single coder', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-burger']},
      {note: 'n2', coder: 'anna', narratives: []},
    ]
    const report = agreement(decisions, NARRATIVES)
    expect(report.coders).toEqual(['anna'])
    expect(report.units).toBe(0)
    expect(report.overall).toEqual({kappa: null, alpha: null, observed: 0})
    for (const n of report.perNarrative) expect(n).toEqual({narrative: n.narrative, units: 0, observed: 0, kappa: null, alpha: null})
    expect(report.disagreements).toEqual([])
  })

  it('leaves out notes coded by only one of the two coders', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n1', coder: 'bram', narratives: ['onzichtbare-overheid']},
      {note: 'n2', coder: 'anna', narratives: []},
      {note: 'n2', coder: 'bram', narratives: []},
      // Only anna coded n3; were it counted, it would be a disagreement and lower kappa.
      {note: 'n3', coder: 'anna', narratives: ['onzichtbare-overheid', 'ervaren-incompetentie']},
      {note: 'n4', coder: 'bram', narratives: ['ongelijke-behandeling']},
    ]
    const report = agreement(decisions, NARRATIVES)
    expect(report.units).toBe(2)
    expect(report.perNarrative[0]).toEqual({narrative: 'onzichtbare-overheid', units: 2, observed: 1, kappa: 1, alpha: 1})
    expect(report.disagreements).toEqual([])
  })

  it('counts a note coded with no narrative as a decision "absent", not as missing', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['ongelijke-behandeling']},
      {note: 'n1', coder: 'bram', narratives: []},
    ]
    const report = agreement(decisions, NARRATIVES)
    expect(report.units).toBe(1)
    expect(report.disagreements).toEqual([{note: 'n1', narrative: 'ongelijke-behandeling', tagged: ['anna'], notTagged: ['bram']}])
  })

  it('names the note, the narrative and who did and did not tag it, in note then narrative order', () => {
    const decisions: CodingDecision[] = [
      {note: 'n7', coder: 'cora', narratives: ['ervaren-incompetentie']},
      {note: 'n7', coder: 'anna', narratives: ['onzichtbare-burger', 'ervaren-incompetentie']},
      {note: 'n7', coder: 'bram', narratives: ['onzichtbare-burger']},
      {note: 'n2', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n2', coder: 'bram', narratives: ['onzichtbare-overheid']},
      {note: 'n2', coder: 'dirk', narratives: []},
    ]
    const report = agreement(decisions, NARRATIVES)
    expect(report.coders).toEqual(['anna', 'bram', 'cora', 'dirk'])
    expect(report.disagreements).toEqual([
      // Dirk did not code n7 and cora did not code n2: they are in neither list there.
      {note: 'n7', narrative: 'onzichtbare-burger', tagged: ['anna', 'bram'], notTagged: ['cora']},
      {note: 'n7', narrative: 'ervaren-incompetentie', tagged: ['anna', 'cora'], notTagged: ['bram']},
      {note: 'n2', narrative: 'onzichtbare-overheid', tagged: ['anna', 'bram'], notTagged: ['dirk']},
    ])
  })

  it('gives alpha but no kappa for more than two coders, with missing data allowed', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n1', coder: 'bram', narratives: ['onzichtbare-overheid']},
      {note: 'n1', coder: 'cora', narratives: []},
      {note: 'n2', coder: 'anna', narratives: []},
      {note: 'n2', coder: 'cora', narratives: []},
      {note: 'n3', coder: 'bram', narratives: ['onzichtbare-overheid']},
      {note: 'n3', coder: 'cora', narratives: ['onzichtbare-overheid']},
    ]
    const report = agreement(decisions, NARRATIVES)
    const overheid = report.perNarrative[0]
    expect(overheid.units).toBe(3)
    expect(overheid.kappa).toBeNull()
    expect(overheid.observed).toBeCloseTo(2 / 3, 12)
    expect(overheid.alpha).toBeCloseTo(krippendorffAlpha([['ja', 'ja', 'nee'], ['nee', null, 'nee'], [null, 'ja', 'ja']])!, 12)
    // By hand: n = 7 (ja 4, nee 3); only n1 disagrees: (9 − 4 − 1)/2 = 2; α = 1 − 6·2/(49 − 16 − 9) = 0.5.
    expect(overheid.alpha).toBeCloseTo(0.5, 12)
    expect(report.overall.kappa).toBeNull()
  })

  it('compares only the coders asked for, in the order given', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n1', coder: 'bram', narratives: []},
      {note: 'n1', coder: 'cora', narratives: ['onzichtbare-overheid']},
      {note: 'n2', coder: 'anna', narratives: []},
      {note: 'n2', coder: 'bram', narratives: []},
      {note: 'n3', coder: 'bram', narratives: ['onzichtbare-overheid']},
      {note: 'n3', coder: 'cora', narratives: ['onzichtbare-overheid']},
    ]
    const report = agreement(decisions, NARRATIVES, {coders: ['cora', 'anna']})
    expect(report.coders).toEqual(['cora', 'anna'])
    expect(report.units).toBe(1)
    expect(report.perNarrative[0]).toMatchObject({units: 1, observed: 1, kappa: null, alpha: null})
    expect(report.disagreements).toEqual([])

    const annaBram = agreement(decisions, NARRATIVES, {coders: ['anna', 'bram']})
    expect(annaBram.units).toBe(2)
    // anna ja/nee, bram nee/nee: p_o = 1/2, p_e = (1/2)·0 + (1/2)·1 = 1/2 → κ = 0.
    expect(annaBram.perNarrative[0].kappa).toBe(0)
    expect(annaBram.disagreements).toEqual([{note: 'n1', narrative: 'onzichtbare-overheid', tagged: ['anna'], notTagged: ['bram']}])
  })

  it('ignores tags outside the narratives asked for and merges repeated decisions of one coder on one note', () => {
    const decisions: CodingDecision[] = [
      {note: 'n1', coder: 'anna', narratives: ['iets-anders']},
      {note: 'n1', coder: 'anna', narratives: ['onzichtbare-overheid']},
      {note: 'n1', coder: 'bram', narratives: ['onzichtbare-overheid']},
    ]
    const report = agreement(decisions, ['onzichtbare-overheid'])
    expect(report.perNarrative).toEqual([{narrative: 'onzichtbare-overheid', units: 1, observed: 1, kappa: null, alpha: null}])
    expect(report.disagreements).toEqual([])
  })
})

describe('agreement counted as it goes', () => {
  /** The rows of the definition, measured with the general functions: what `agreement` must equal to the bit. */
  function reference(decisions: CodingDecision[], narratives: string[], coders: string[]) {
    const byNote = new Map<string, Map<string, Set<string>>>()
    for (const d of decisions) {
      if (!coders.includes(d.coder)) continue
      const byCoder = byNote.get(d.note) ?? byNote.set(d.note, new Map()).get(d.note)!
      const tags = byCoder.get(d.coder) ?? byCoder.set(d.coder, new Set()).get(d.coder)!
      for (const n of d.narratives) tags.add(n)
    }

    const units = [...byNote.values()].filter((m) => m.size >= 2).map((m) => coders.map((c) => m.get(c) ?? null))
    const rowsOf = (n: string) => units.map((u) => u.map((tags) => (tags === null ? null : tags.has(n) ? 'ja' : 'nee')))
    const measure = (rows: Array<Array<null | string>>) => ({
      alpha: krippendorffAlpha(rows),
      kappa: coders.length === 2 ? cohenKappa(rows.map((r) => String(r[0])), rows.map((r) => String(r[1]))) : null,
      observed: rows.length === 0 ? 0 : rows.filter((r) => new Set(r.filter((v) => v !== null)).size <= 1).length / rows.length,
    })
    return {overall: measure(narratives.flatMap(rowsOf)), perNarrative: narratives.map((n) => ({narrative: n, units: units.length, ...measure(rowsOf(n))}))}
  }

  it('gives exactly the kappa, alpha and observed agreement of the general functions, for two and three coders with gaps', () => {
    let seed = 7
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
    for (let round = 0; round < 20; round++) {
      const decisions: CodingDecision[] = []
      for (let note = 0; note < 200; note++) {
        for (const coder of ['anna', 'bram', 'joost']) {
          if (random() < 0.3) continue
          decisions.push({coder, narratives: NARRATIVES.filter(() => random() < 0.25 + round / 100), note: `n${note}`})
        }
      }

      for (const coders of [['anna', 'bram'], ['anna', 'bram', 'joost']]) {
        const report = agreement(decisions, NARRATIVES, {coders})
        const expected = reference(decisions, NARRATIVES, coders)
        expect(report.perNarrative).toEqual(expected.perNarrative)
        expect(report.overall).toEqual(expected.overall)
      }
    }
  })
})
