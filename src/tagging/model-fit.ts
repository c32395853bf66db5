/*
 * Fitting the study model: L2-regularised logistic regression for all narratives at once, and
 * the operating point that keeps it from suggesting less precisely than the cues. Plain arithmetic
 * on a sparse matrix of training texts; deterministic.
 */

/** The training texts as a sparse matrix: row i has the features columns[rowStart[i]..rowStart[i+1]), all worth values[i]. */
export interface Matrix {
  columns: Int32Array
  features: number
  rowStart: Int32Array
  /** One value per row: every feature of a row has the same value. */
  values: Float64Array
}

/** What to learn: for some rows of the matrix, per narrative (K of them) the share of decisions that said yes, NaN for none. */
export interface Problem {
  /** labels[r · narratives + k]: row rows[r], narrative k. */
  labels: Float64Array
  narratives: number
  rows: Int32Array
  /** How much row r counts (default 1): a study's own notes weigh more than the kit's corpus. */
  weights?: Float64Array
}

/** Weights of K narratives side by side: weights[feature · K + k]. */
export interface Fit {
  bias: Float64Array
  weights: Float64Array
}

// --- fitting ------------------------------------------------------------------------------------

/** When the largest gradient of a pass is below this, the fit is done (LIBLINEAR's default is 0.1). */
const DUAL_EPSILON = 0.01
const MAX_PASSES = 200
const MAX_NEWTON = 100
/**
 * Feature visits a fit may spend: up to MAX_PASSES passes over a few hundred notes, about four
 * over ten thousand (it then stops before the last digits settle), so that retraining stays
 * within two seconds. The learning curves (at most 200 notes) never reach it.
 */
const WORK_BUDGET = 10_000_000

/**
 * Minimises, per narrative, ½‖w‖² + C·Σ log-loss with C = 1/λ, by coordinate descent on the
 * dual problem (Yu, Huang and Lin 2011, the method of LIBLINEAR): passes over the rows, each
 * row's dual variables solved by small Newton steps, the weights kept up to date. All
 * narratives go in one pass, since they share the rows. The bias is a feature of value 1. A
 * soft label y (coders who disagree) is a yes with weight y and a no with weight 1 − y. Rows
 * are visited in an order drawn from a fixed seed, so the answer is always the same.
 */
export function fitLogistic(matrix: Matrix, problem: Problem, lambda: number, budget = WORK_BUDGET): Fit {
  const K = problem.narratives
  const C = 1 / lambda
  const {columns, rowStart, values} = matrix
  const weights = new Float64Array(matrix.features * K)
  const bias = new Float64Array(K)
  const rows = problem.rows
  // Where each entry's weights start: the column times K, worked out once.
  const base = new Int32Array(columns.length)
  for (let c = 0; c < columns.length; c++) base[c] = columns[c] * K

  // The dual variables, per row: for each narrative with a decision, a yes and/or a no.
  const first = new Int32Array(rows.length + 1)
  const narrativeOf: number[] = []
  const signOf: number[] = []
  const boundOf: number[] = []
  let work = 0
  for (let r = 0; r < rows.length; r++) {
    // A row that counts w times has its loss, and so the bound of its dual variables, times w.
    const cw = C * (problem.weights?.[r] ?? 1)
    for (let k = 0; k < K; k++) {
      const y = problem.labels[r * K + k]
      if (Number.isNaN(y)) continue
      if (y > 0) {
        narrativeOf.push(k)
        signOf.push(1)
        boundOf.push(cw * y)
      }

      if (y < 1) {
        narrativeOf.push(k)
        signOf.push(-1)
        boundOf.push(cw * (1 - y))
      }
    }

    first[r + 1] = narrativeOf.length
    work += rowStart[rows[r] + 1] - rowStart[rows[r]] + 1
  }

  const n = narrativeOf.length
  // alpha[2i] is the dual variable, alpha[2i + 1] its bound minus it: both kept, for precision near the bound.
  const alpha = new Float64Array(2 * n)
  const xx = new Float64Array(rows.length)
  const step = new Float64Array(K)
  const scaled = new Float64Array(K)
  const update = (row: number) => {
    const v = values[row]
    for (let k = 0; k < K; k++) {
      scaled[k] = step[k] * v
      bias[k] += step[k]
    }

    for (let c = rowStart[row], end = rowStart[row + 1]; c < end; c++) {
      const at = base[c]
      for (let k = 0; k < K; k++) weights[at + k] += scaled[k]
    }
  }

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    xx[r] = (rowStart[row + 1] - rowStart[row]) * values[row] * values[row] + 1
    step.fill(0)
    for (let i = first[r]; i < first[r + 1]; i++) {
      const a = Math.min(0.001 * boundOf[i], 1e-8)
      alpha[2 * i] = a
      alpha[2 * i + 1] = boundOf[i] - a
      step[narrativeOf[i]] += signOf[i] * a
    }

    update(row)
  }

  const order = Int32Array.from({length: rows.length}, (_, r) => r)
  const random = seeded(0x6b_72_76_61)
  const wx = new Float64Array(K)
  const passes = Math.max(1, Math.min(MAX_PASSES, Math.floor(budget / Math.max(1, work))))
  let innerEps = 1e-2
  for (let pass = 0; pass < passes; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }

    let gMax = 0
    let newtonSteps = 0
    for (let s = 0; s < order.length; s++) {
      const r = order[s]
      if (first[r] === first[r + 1]) continue
      const row = rows[r]
      const v = values[row]
      const from = rowStart[row]
      const to = rowStart[row + 1]
      wx.fill(0)
      for (let c = from; c < to; c++) {
        const at = base[c]
        for (let k = 0; k < K; k++) wx[k] += weights[at + k]
      }

      for (let k = 0; k < K; k++) wx[k] = bias[k] + wx[k] * v

      step.fill(0)
      let moved = false
      const a = xx[r]
      for (let i = first[r]; i < first[r + 1]; i++) {
        const k = narrativeOf[i]
        const sign = signOf[i]
        const bound = boundOf[i]
        const b = sign * wx[k]
        // Solve for the smaller of alpha and bound − alpha: the better conditioned of the two.
        let ind1 = 2 * i
        let ind2 = 2 * i + 1
        let direction = 1
        if (0.5 * a * (alpha[ind2] - alpha[ind1]) + b < 0) {
          ind1 = 2 * i + 1
          ind2 = 2 * i
          direction = -1
        }

        const old = alpha[ind1]
        let z = old
        if (bound - z < 0.5 * bound) z *= 0.1
        let gp = a * (z - old) + direction * b + Math.log(z / (bound - z))
        gMax = Math.max(gMax, Math.abs(gp))
        let inner = 0
        while (inner <= MAX_NEWTON && Math.abs(gp) >= innerEps) {
          const gpp = a + bound / (bound - z) / z
          const next = z - gp / gpp
          z = next <= 0 ? z * 0.1 : next
          gp = a * (z - old) + direction * b + Math.log(z / (bound - z))
          inner++
          newtonSteps++
        }

        if (inner > 0) {
          alpha[ind1] = z
          alpha[ind2] = bound - z
          const delta = direction * (z - old) * sign
          step[k] += delta
          // The next variable of this row and narrative sees the weights as they are now.
          wx[k] += delta * a
          moved = true
        }
      }

      if (moved) update(row)
    }

    if (gMax < DUAL_EPSILON) break
    if (newtonSteps <= n / 10) innerEps = Math.max(1e-8, 0.1 * innerEps)
  }

  return {bias, weights}
}

/** mulberry32: a small generator with a fixed seed, so that the same rows give the same model everywhere. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d_2b_79_f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

// --- the operating point --------------------------------------------------------------------

/**
 * Where the model takes part, in log-odds: a suggestion the cues make stays when the model's
 * log-odds are at least `keep` (null: always), and the model adds one the cues do not make when
 * they are at least `add` (null: never). So the model can both drop the cue suggestions this
 * study's coders reject and add the ones the cues miss.
 */
export interface OperatingPoint {
  add: null | number
  keep: null | number
  /**
   * The length in words of nineteen in twenty of the notes the point was measured on. A longer
   * note holds more words that weigh nothing and so gets lower chances than the point expects:
   * the model then drops no cue suggestion there (it may still add one). Absent in older files.
   */
  words?: number
}

/** Whether the cues and the model together suggest a narrative, at an operating point, for a note of `words` words. */
export function decides(point: OperatingPoint, cueSuggests: boolean, logOdds: number, words = 0): boolean {
  if (cueSuggests) return point.keep === null || logOdds >= point.keep || (point.words !== undefined && words > point.words)
  return point.add !== null && logOdds >= point.add
}

const GRID = Array.from({length: 33}, (_, i) => -4 + i * 0.25)
const KEEPS: Array<null | number> = [null, ...GRID]
const ADDS: Array<null | number> = [null, ...GRID.map((x) => x + 2)]
/** Cross-validation looks at this many notes at most: enough to choose, few enough to stay fast. */
const CALIBRATION_TEXTS = 1000
/** What the model must add to the cues' F1 in cross-validation to take part at all. */
const MIN_GAIN = 0.01

/** The rows cross-validation measures on, with their fold: whole notes, folds by note. */
export interface Folds {
  /** Per matrix row, its fold (0..folds − 1); a note's passages and rejections share its fold. */
  fold: Int32Array
  folds: number
  /** Per matrix row, 1 when it is a whole note (what suggestions are made on). */
  whole: Uint8Array
}

/**
 * The operating point chosen by cross-validation on the training notes only: out-of-fold
 * log-odds for every whole note (the model of each fold trained without that fold's notes, nor
 * their passages and rejections), then the point with the best micro-F1 whose precision is at
 * least the cues' own precision on the same notes (both smoothed, so that a handful of notes
 * sets no bar of 1). Undefined, and the cues alone, when no point beats the cues' F1 by
 * MIN_GAIN: then the model would only add noise.
 */
export function chooseOperatingPoint(matrix: Matrix, problem: Problem, cueSuggests: (row: number) => Uint8Array, lambda: number, folds: Folds): OperatingPoint | undefined {
  const K = problem.narratives
  const measured: number[] = []
  for (let r = 0; r < problem.rows.length; r++) if (folds.whole[problem.rows[r]] === 1) measured.push(r)
  if (measured.length < 2 * folds.folds) return undefined
  const stride = Math.max(1, measured.length / CALIBRATION_TEXTS)
  const picked = new Set(Array.from({length: Math.min(measured.length, CALIBRATION_TEXTS)}, (_, i) => measured[Math.floor(i * stride)]))
  const z = outOfFold(matrix, problem, lambda, folds, picked)

  const rows = [...picked]
  const labels: number[] = []
  const cue: number[] = []
  const odds: number[] = []
  for (const r of rows) {
    const suggests = cueSuggests(problem.rows[r])
    for (let k = 0; k < K; k++) {
      const label = problem.labels[r * K + k]
      if (Number.isNaN(label)) continue
      labels.push(label > 0.5 ? 1 : 0)
      cue.push(suggests[k])
      odds.push(z.get(r)![k])
    }
  }

  const count = (point: OperatingPoint | undefined) => {
    let tp = 0
    let fp = 0
    let fn = 0
    let added = 0
    let addedRight = 0
    let dropped = 0
    let droppedRight = 0
    for (let i = 0; i < labels.length; i++) {
      const byCues = cue[i] === 1
      const yes = point ? decides(point, byCues, odds[i]) : byCues
      if (yes && labels[i] === 1) tp++
      else if (yes) fp++
      else if (labels[i] === 1) fn++
      if (yes && !byCues) {
        added++
        addedRight += labels[i]
      } else if (!yes && byCues) {
        dropped++
        droppedRight += labels[i]
      }
    }

    return {added, addedRight, dropped, droppedRight, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), precision: (tp + 1) / (tp + fp + 2)}
  }

  // What the model changes must be safe, not lucky: the suggestions it adds right at least as
  // often as the cues' own (the lower end of their likely range), the ones it drops right at
  // most as often (the upper end). Then the precision of the whole can only stay or rise.
  const alone = count(undefined)
  const allowed: Array<{f1: number; point: OperatingPoint; precision: number}> = []
  for (const keep of KEEPS) {
    for (const add of ADDS) {
      if (keep === null && add === null) continue
      const point = {add, keep}
      const c = count(point)
      if (c.f1 < alone.f1 + MIN_GAIN) continue
      if (c.added > 0 && wilson(c.addedRight, c.added, -WILSON_Z) < alone.precision) continue
      if (c.dropped > 0 && wilson(c.droppedRight, c.dropped, WILSON_Z) > alone.precision) continue
      allowed.push({f1: c.f1, point, precision: c.precision})
    }
  }

  if (allowed.length === 0) return undefined
  // Row values are 1/√words (model.ts, scale): the lengths of the measured notes, back from them.
  const lengths = rows.map((r) => Math.round(1 / matrix.values[problem.rows[r]] ** 2)).sort((a, b) => a - b)
  const words = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))]
  const f1 = Math.max(...allowed.map((a) => a.f1))
  const precision = Math.max(...allowed.filter((a) => a.f1 >= f1 - 1e-9).map((a) => a.precision))
  // Of the points that do best, the middle one: a point at the edge of what the training notes
  // allow is the first that a new note's other words push over.
  // Where the training notes do not tell (no cue suggestion there to keep or drop, say), the
  // model leaves the cues as they are.
  let best = allowed.filter((a) => a.f1 >= f1 - 1e-9 && a.precision >= precision - 1e-9)
  if (best.some((a) => a.point.keep === null)) best = best.filter((a) => a.point.keep === null)
  if (best.some((a) => a.point.add === null)) best = best.filter((a) => a.point.add === null)
  return {...best[Math.floor((best.length - 1) / 2)].point, words}
}

/**
 * Standard errors of the bounds in chooseOperatingPoint, chosen on the tune parts of the learning
 * curves (bench/learning-curve.mjs). One was right for the model over words alone: half of one
 * then let precision fall a point below the cues'. With the word lists as features (model-lists.ts)
 * half of one keeps precision at or above the cues' on all four tune sets and lets the model take
 * part more often (fourth-hand study, 200 coded notes: F1 0.70 → 0.73). A rule on the precision
 * of the whole (instead of on what changes) let it fall.
 */
const WILSON_Z = 0.5

/** One end of the Wilson interval of a proportion right / n: the lower with a negative z, the upper with a positive one. */
function wilson(right: number, n: number, z: number): number {
  const p = right / n
  const z2 = z * z
  return (p + z2 / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n)
}

/** Log-odds per narrative of the picked rows, each from a model trained without the fold the row is in. */
function outOfFold(matrix: Matrix, problem: Problem, lambda: number, folds: Folds, picked: Set<number>): Map<number, Float64Array> {
  const {labels, narratives: K, rows} = problem
  const z = new Map<number, Float64Array>()
  for (let f = 0; f < folds.folds; f++) {
    const train: number[] = []
    const trainLabels: number[] = []
    const trainWeights: number[] = []
    for (let r = 0; r < rows.length; r++) {
      if (folds.fold[rows[r]] === f) continue
      train.push(rows[r])
      trainWeights.push(problem.weights?.[r] ?? 1)
      for (let k = 0; k < K; k++) trainLabels.push(labels[r * K + k])
    }

    const fit = fitLogistic(matrix, {labels: Float64Array.from(trainLabels), narratives: K, rows: Int32Array.from(train), weights: Float64Array.from(trainWeights)}, lambda, WORK_BUDGET / (2 * folds.folds))
    for (const r of picked) {
      const row = rows[r]
      if (folds.fold[row] !== f) continue
      const v = matrix.values[row]
      const out = Float64Array.from(fit.bias)
      for (let c = matrix.rowStart[row]; c < matrix.rowStart[row + 1]; c++) {
        const base = matrix.columns[c] * K
        for (let k = 0; k < K; k++) out[k] += fit.weights[base + k] * v
      }

      z.set(r, out)
    }
  }

  return z
}
