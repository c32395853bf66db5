import {DEFAULT_THRESHOLD} from './suggest.js'

/*
 * Fitting the study model: L2-regularised logistic regression for all narratives at once, and
 * the calibration that keeps it from suggesting less precisely than the cues. Plain arithmetic
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
}

/** Weights of K narratives side by side: weights[feature · K + k]. */
export interface Fit {
  bias: Float64Array
  weights: Float64Array
}

/** A suggestion's score from its cues and the model's chance: two independent chances, as the cues combine among themselves. */
export function combineScores(cue: number, model: number): number {
  return 1 - (1 - cue) * (1 - model)
}

// --- fitting ------------------------------------------------------------------------------------

/** When the largest gradient of a pass is below this, the fit is done (LIBLINEAR's default is 0.1). */
const DUAL_EPSILON = 0.01
const MAX_PASSES = 200
const MAX_NEWTON = 100
/**
 * Feature visits a fit may spend: up to MAX_PASSES passes over a few hundred notes, about six
 * over ten thousand (it then stops before the last digits settle), so that retraining stays
 * within two seconds. On the learning curves a budget twice or seven times as large changed
 * no figure.
 */
const WORK_BUDGET = 15_000_000

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
    for (let k = 0; k < K; k++) {
      const y = problem.labels[r * K + k]
      if (Number.isNaN(y)) continue
      if (y > 0) {
        narrativeOf.push(k)
        signOf.push(1)
        boundOf.push(C * y)
      }

      if (y < 1) {
        narrativeOf.push(k)
        signOf.push(-1)
        boundOf.push(C * (1 - y))
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

// --- calibration --------------------------------------------------------------------------------

/** Shifts of the model's log-odds that calibration tries, from cautious to bold. */
const SHIFTS = Array.from({length: 41}, (_, i) => -6 + i * 0.2)
/** Calibration looks at this many texts at most: enough to choose a shift, few enough to stay fast. */
const CALIBRATION_TEXTS = 1000
/** Standard errors below its measured precision that what the model adds is held to. */
const WILSON_Z = 1
/** Without (m)any cue suggestions to compare with, what the model adds must still be right this often. */
const MIN_PRECISION = 0.5

/**
 * One shift of the log-odds for all narratives: the one that, in cross-validation on the
 * training texts and combined with the cues, finds the most (F1), while what the model adds to
 * the cues is right at least as often as the cues are (the lower end of its likely range, so
 * not by luck). One shift for all, so that it rests on five times the decisions; undefined (no
 * model at all) when no shift beats the cues. Measured on the learning curves
 * (bench/learning-curve.mjs): a shift per narrative, or no safety margin, found more but let
 * precision fall below the cues alone.
 */
export function calibrateShift(matrix: Matrix, problem: Problem, cues: (row: number) => Float64Array, lambda: number, folds: number): number | undefined {
  const sampled = sample(problem)
  const z = outOfFold(matrix, sampled, lambda, folds)
  const K = problem.narratives
  const count = (shift: number | undefined) => {
    let tp = 0
    let fp = 0
    let fn = 0
    let added = 0
    let addedRight = 0
    for (let r = 0; r < sampled.rows.length; r++) {
      const cue = cues(sampled.rows[r])
      for (let k = 0; k < K; k++) {
        const label = sampled.labels[r * K + k]
        if (Number.isNaN(label)) continue
        const byCues = cue[k] >= DEFAULT_THRESHOLD
        const yes = byCues || (shift !== undefined && combineScores(cue[k], 1 / (1 + Math.exp(-(z[r * K + k] + shift)))) >= DEFAULT_THRESHOLD)
        const wanted = label > 0.5
        if (yes && wanted) tp++
        else if (yes) fp++
        else if (wanted) fn++
        if (yes && !byCues) {
          added++
          if (wanted) addedRight++
        }
      }
    }

    // Smoothed (Laplace), so that a single right cue suggestion does not set the bar at 1.
    return {added, addedRight, f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), precision: (tp + 1) / (tp + fp + 2)}
  }

  const alone = count(undefined)
  const floor = Math.max(alone.precision, MIN_PRECISION)
  const allowed = SHIFTS.map((shift) => {
    const {added, addedRight, f1} = count(shift)
    return added > 0 && wilsonLow(addedRight, added) >= floor && f1 > alone.f1 + 1e-9 ? f1 : undefined
  })
  const bestF1 = Math.max(...allowed.map((f1) => f1 ?? -1))
  if (bestF1 < 0) return undefined
  // Of the shifts that do best, the middle one: a narrow margin on the training notes would be
  // the first thing a new note's other words undo.
  const best = SHIFTS.filter((_, i) => allowed[i] !== undefined && allowed[i]! >= bestF1 - 1e-9)
  return best[Math.floor((best.length - 1) / 2)]
}

/** The lower end of the Wilson interval of a proportion right / n, at WILSON_Z standard errors. */
function wilsonLow(right: number, n: number): number {
  const z = WILSON_Z
  const p = right / n
  const z2 = z * z
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n)
}

/** At most CALIBRATION_TEXTS of a problem's rows, spread evenly over them. */
function sample(problem: Problem): Problem {
  const {labels, narratives: K, rows} = problem
  if (rows.length <= CALIBRATION_TEXTS) return problem
  const stride = rows.length / CALIBRATION_TEXTS
  const picked = Array.from({length: CALIBRATION_TEXTS}, (_, i) => Math.floor(i * stride))
  return {labels: Float64Array.from({length: picked.length * K}, (_, j) => labels[picked[Math.floor(j / K)] * K + (j % K)]), narratives: K, rows: Int32Array.from(picked, (r) => rows[r])}
}

/** Log-odds of every row and narrative of a problem, each from a model trained without the fold the row is in. */
function outOfFold(matrix: Matrix, problem: Problem, lambda: number, folds: number): Float64Array {
  const {labels, narratives: K, rows} = problem
  const z = new Float64Array(rows.length * K)
  for (let f = 0; f < folds; f++) {
    const train: number[] = []
    const trainLabels: number[] = []
    for (let r = 0; r < rows.length; r++) {
      if (r % folds === f) continue
      train.push(rows[r])
      for (let k = 0; k < K; k++) trainLabels.push(labels[r * K + k])
    }

    const fit = fitLogistic(matrix, {labels: Float64Array.from(trainLabels), narratives: K, rows: Int32Array.from(train)}, lambda, WORK_BUDGET / (2 * folds))
    for (let r = f; r < rows.length; r += folds) {
      const row = rows[r]
      const v = matrix.values[row]
      for (let k = 0; k < K; k++) z[r * K + k] = fit.bias[k]
      for (let c = matrix.rowStart[row]; c < matrix.rowStart[row + 1]; c++) {
        const base = matrix.columns[c] * K
        for (let k = 0; k < K; k++) z[r * K + k] += fit.weights[base + k] * v
      }
    }
  }

  return z
}
