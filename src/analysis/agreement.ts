/**
 * Intercoder agreement on narrative tags: how well coders (interviewers, analysts) agree on which
 * narratives a note carries. Pure: decisions in, numbers out; the command reads the store and prints.
 *
 * Each narrative is a binary variable per note (present / absent). A coder who coded a note but
 * tagged nothing has decided "absent" for every narrative; a coder who did not code the note at all
 * is missing for that note. That distinction is the reason decisions are passed per note and coder,
 * with `narratives: []` for a note coded as carrying no narrative.
 */

/** What one coder decided about one note: the narratives they tagged on it (possibly none). */
export interface CodingDecision {
  note: string
  coder: string
  narratives: string[]
}

export interface NarrativeAgreement {
  narrative: string
  /**
   * Units (notes) compared: those coded by at least two of the compared coders. With two coders
   * these are the notes both coded. The same for every narrative, since a coded note is a
   * present/absent decision on each of them.
   */
  units: number
  /**
   * Share of units where the coders agree on this narrative (present/absent): every coder who coded
   * the note decided the same. 0 when there are no units (look at `units`).
   */
  observed: number
  /** Cohen's kappa when exactly two coders, else null; null when undefined (e.g. no variation). */
  kappa: number | null
  /** Krippendorff's alpha (nominal, binary present/absent), any number of coders ≥ 2, missing data allowed. */
  alpha: number | null
}

/** A note and narrative on which the coders who coded the note did not all decide the same. */
export interface Disagreement {
  note: string
  narrative: string
  /** Coders who tagged the narrative on the note, in the order of `AgreementReport.coders`. */
  tagged: string[]
  /** Coders who coded the note but did not tag the narrative. Coders who did not code the note are in neither list. */
  notTagged: string[]
}

export interface AgreementReport {
  /** The compared coders: `options.coders` as given (without repeats), else every coder in the decisions, sorted. */
  coders: string[]
  /** Notes coded by at least two of the coders. */
  units: number
  /** In the order of the narratives argument. */
  perNarrative: NarrativeAgreement[]
  /**
   * All (note × narrative) present/absent decisions pooled into one binary variable, and kappa,
   * alpha and observed agreement computed over that. See `agreement` for why.
   */
  overall: {kappa: number | null; alpha: number | null; observed: number}
  /** By note (in the order notes first appear in the decisions), then narrative (argument order). */
  disagreements: Disagreement[]
}

/**
 * Agreement between coders on the given narratives.
 *
 * Units: only notes coded by at least two of the compared coders count; a note coded by one coder
 * says nothing about agreement, so it is left out of every number (and of `units`). Tags on
 * narratives not in `narratives` are ignored; decisions of coders outside `options.coders` too. Two
 * decisions of one coder on one note are merged (union of their tags).
 *
 * Overall: every (note × narrative) decision is pooled into one binary present/absent variable and
 * kappa and alpha are computed over that, the usual choice for multi-label coding. Why pooled
 * rather than the alternatives:
 * - the mean of the per-narrative values is undefined as soon as one narrative has no variation
 *   (a narrative nobody used in a pilot round), and gives a narrative tagged twice the same weight
 *   as one tagged a hundred times;
 * - treating the whole set of tags on a note as one category counts "anna: A+B, bram: A" as a full
 *   disagreement, and makes chance agreement depend on how many combinations happen to occur.
 * Pooling weights each narrative by its number of decisions and stays defined whenever any
 * narrative varies. Its caveat: it mixes narratives with different base rates, so read it next to
 * the per-narrative values, which are the ones to act on.
 */
export function agreement(decisions: CodingDecision[], narratives: string[], options: {coders?: string[]} = {}): AgreementReport {
  const coders = options.coders ? unique(options.coders) : unique(decisions.map((d) => d.coder)).sort()
  const wantedNarratives = unique(narratives)
  const position = new Map(coders.map((coder, i) => [coder, i]))

  // Per note, one entry per coder (in `coders` order): their tags, or null if they did not code it.
  const byNote = new Map<string, Array<null | Set<string>>>()
  for (const decision of decisions) {
    const i = position.get(decision.coder)
    if (i === undefined) continue
    let tags = byNote.get(decision.note)
    if (!tags) byNote.set(decision.note, (tags = coders.map(() => null)))
    const own = tags[i] ?? (tags[i] = new Set())
    for (const narrative of decision.narratives) own.add(narrative)
  }

  const units: Array<{note: string; tags: Array<null | Set<string>>}> = []
  for (const [note, tags] of byNote) {
    let coded = 0
    for (const own of tags) if (own !== null) coded++
    if (coded >= 2) units.push({note, tags})
  }

  // Each narrative is one present/absent variable over the units; the pooled one takes every
  // (unit × narrative) in the same order, so its sums are those of measuring all rows at once.
  const pooled = new Tally(coders.length)
  const perNarrative = wantedNarratives.map((narrative): NarrativeAgreement => {
    const tally = new Tally(coders.length)
    for (const unit of units) {
      tally.add(unit.tags, narrative)
      pooled.add(unit.tags, narrative)
    }

    return {narrative, units: units.length, ...tally.measure()}
  })

  const disagreements: Disagreement[] = []
  for (const unit of units) {
    for (const narrative of wantedNarratives) {
      const tagged: string[] = []
      const notTagged: string[] = []
      unit.tags.forEach((own, i) => {
        if (own !== null) (own.has(narrative) ? tagged : notTagged).push(coders[i])
      })
      if (tagged.length > 0 && notTagged.length > 0) disagreements.push({note: unit.note, narrative, tagged, notTagged})
    }
  }

  return {coders, units: units.length, perNarrative, overall: pooled.measure(), disagreements}
}

/**
 * Kappa, alpha and observed agreement of present/absent rows, counted as they come instead of
 * kept: the sums `cohenKappa` and `krippendorffAlpha` make over the same rows in the same order,
 * so the numbers are theirs to the last bit (a unit test holds them to that), without a row of
 * strings per unit and narrative (on 10,000 notes that was most of the time of a page).
 */
class Tally {
  private agreed = 0
  private disagreement = 0
  private first = {absent: 0, present: 0}
  private n = 0
  private rows = 0
  private same = 0
  private second = {absent: 0, present: 0}
  private totals = {absent: 0, present: 0}

  constructor(private readonly coderCount: number) {}

  add(tags: Array<null | Set<string>>, narrative: string): void {
    let present = 0
    let absent = 0
    for (const own of tags) {
      if (own === null) continue
      if (own.has(narrative)) present++
      else absent++
    }

    this.rows++
    if (present === 0 || absent === 0) this.agreed++
    if (this.coderCount === 2) {
      // Two coders: both coded every unit (a unit has at least two of them).
      const a = tags[0]!.has(narrative)
      const b = tags[1]!.has(narrative)
      if (a === b) this.same++
      if (a) this.first.present++
      else this.first.absent++
      if (b) this.second.present++
      else this.second.absent++
    }

    const m = present + absent
    if (m < 2) return
    this.totals.present += present
    this.totals.absent += absent
    this.disagreement += (m * m - (present * present + absent * absent)) / (m - 1)
    this.n += m
  }

  measure(): {alpha: null | number; kappa: null | number; observed: number} {
    const {n, rows} = this
    let kappa: null | number = null
    if (this.coderCount === 2 && rows > 0) {
      const chance = this.first.present * this.second.present + this.first.absent * this.second.absent
      kappa = chance === rows * rows ? null : (this.same * rows - chance) / (rows * rows - chance)
    }

    const expected = n * n - this.totals.present * this.totals.present - this.totals.absent * this.totals.absent
    return {
      alpha: expected === 0 ? null : 1 - ((n - 1) * this.disagreement) / expected,
      kappa,
      observed: rows === 0 ? 0 : this.agreed / rows,
    }
  }
}

/**
 * Cohen's kappa for two coders who each put the same items in one of any number of categories:
 * κ = (p_o − p_e) / (1 − p_e), with p_e from each coder's own category shares. `a[i]` and `b[i]`
 * are the two decisions on item i. Null when undefined: no items, or both coders used one and the
 * same category throughout (p_e = 1).
 */
export function cohenKappa(a: boolean[] | string[], b: boolean[] | string[]): number | null {
  if (a.length !== b.length) throw new Error(`cohenKappa: ${a.length} beslissingen tegenover ${b.length}; de lijsten moeten paarsgewijs zijn`)
  const n = a.length
  if (n === 0) return null
  const countsA = new Map<string, number>()
  const countsB = new Map<string, number>()
  let agreed = 0
  for (let i = 0; i < n; i++) {
    const x = String(a[i])
    const y = String(b[i])
    if (x === y) agreed++
    countsA.set(x, (countsA.get(x) ?? 0) + 1)
    countsB.set(y, (countsB.get(y) ?? 0) + 1)
  }

  // In whole counts, n² · p_e and n² · p_o, so that the "undefined" test and perfect agreement are exact.
  let chance = 0
  for (const [category, count] of countsA) chance += count * (countsB.get(category) ?? 0)
  if (chance === n * n) return null
  return (agreed * n - chance) / (n * n - chance)
}

/**
 * Krippendorff's alpha for nominal data, following Krippendorff (2011), "Computing Krippendorff's
 * Alpha-Reliability": `units[u][c]` is coder c's value for unit u, null when c did not code u. Rows
 * may differ in length; for nominal data only the values within a unit matter, not who gave them.
 * Units with fewer than two values cannot be paired and are left out.
 *
 * α = 1 − (n − 1) · Σ_u [(m_u² − Σ_c n_uc²) / (m_u − 1)] / (n² − Σ_c n_c²)
 * with m_u the number of values in unit u, n_uc how many of them are c, n_c = Σ_u n_uc and n = Σ_u m_u
 * over pairable units: 1 − D_o/D_e written with the coincidence matrix summed out. Null when
 * undefined: no pairable units, or every pairable value the same (D_e = 0).
 */
export function krippendorffAlpha(units: Array<Array<string | null>>): number | null {
  const totals = new Map<string, number>()
  let n = 0
  let disagreement = 0
  for (const unit of units) {
    const values = unit.filter((value): value is string => value !== null)
    const m = values.length
    if (m < 2) continue
    const counts = new Map<string, number>()
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
    let same = 0
    for (const [value, count] of counts) {
      same += count * count
      totals.set(value, (totals.get(value) ?? 0) + count)
    }

    disagreement += (m * m - same) / (m - 1)
    n += m
  }

  let expected = n * n
  for (const count of totals.values()) expected -= count * count
  if (expected === 0) return null
  return 1 - ((n - 1) * disagreement) / expected
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

/**
 * The value a verdict is given on: kappa when exactly two coders are compared, else alpha, as
 * `tag agreement` reads it.
 */
export function mainMeasure(report: Pick<AgreementReport, 'coders'>, row: {alpha: null | number; kappa: null | number}): null | number {
  return report.coders.length === 2 ? row.kappa : row.alpha
}

/** Landis and Koch's rule of thumb in words (above 0.80 uitstekend, …); empty when the value is undefined. */
export function agreementVerdict(value: null | number): string {
  return value === null ? '' : value > 0.8 ? 'uitstekend' : value > 0.6 ? 'goed' : value > 0.4 ? 'matig' : 'zwak'
}
