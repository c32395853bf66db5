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

const PRESENT = 'ja'
const ABSENT = 'nee'

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
  const compared = new Set(coders)

  const byNote = new Map<string, Map<string, Set<string>>>()
  for (const decision of decisions) {
    if (!compared.has(decision.coder)) continue
    let byCoder = byNote.get(decision.note)
    if (!byCoder) byNote.set(decision.note, (byCoder = new Map()))
    let tags = byCoder.get(decision.coder)
    if (!tags) byCoder.set(decision.coder, (tags = new Set()))
    for (const narrative of decision.narratives) tags.add(narrative)
  }

  // One row per note, one entry per coder (in `coders` order): their tags, or null if they did not code it.
  const units = [...byNote]
    .filter(([, byCoder]) => byCoder.size >= 2)
    .map(([note, byCoder]) => ({note, tags: coders.map((coder) => byCoder.get(coder) ?? null)}))

  const rowsOf = (narrative: string) => units.map((unit) => unit.tags.map((tags) => (tags === null ? null : tags.has(narrative) ? PRESENT : ABSENT)))
  const pooled: Array<Array<string | null>> = []
  const perNarrative = wantedNarratives.map((narrative): NarrativeAgreement => {
    const rows = rowsOf(narrative)
    pooled.push(...rows)
    return {narrative, units: rows.length, ...measure(rows, coders.length)}
  })

  const disagreements: Disagreement[] = []
  for (const unit of units) {
    for (const narrative of wantedNarratives) {
      const tagged = coders.filter((_, i) => unit.tags[i]?.has(narrative) === true)
      const notTagged = coders.filter((_, i) => unit.tags[i]?.has(narrative) === false)
      if (tagged.length > 0 && notTagged.length > 0) disagreements.push({note: unit.note, narrative, tagged, notTagged})
    }
  }

  return {coders, units: units.length, perNarrative, overall: measure(pooled, coders.length), disagreements}
}

/** Observed agreement, kappa (two coders only) and alpha over a units × coders matrix of present/absent. */
function measure(rows: Array<Array<string | null>>, coderCount: number): {kappa: number | null; alpha: number | null; observed: number} {
  const agreed = rows.filter((row) => new Set(row.filter((value) => value !== null)).size <= 1).length
  return {
    kappa: coderCount === 2 ? cohenKappa(rows.map((row) => String(row[0])), rows.map((row) => String(row[1]))) : null,
    alpha: krippendorffAlpha(rows),
    observed: rows.length === 0 ? 0 : agreed / rows.length,
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
