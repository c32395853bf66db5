/**
 * Boxes of chart items as convex quadrilaterals (turned labels are not axis-aligned), and the two
 * questions the chart tests ask of them: do two boxes overlap, does one lie inside another.
 */
export type Point = readonly [number, number]
export type Quad = readonly [Point, Point, Point, Point]

/** A label's box, as its text runs along its baseline and is turned about its anchor. */
export interface LabelBox {
  quad: Quad
  text: string
}

/** Separating-axis test for two convex polygons; touching edges (within `slack`) do not count. */
export function overlaps(a: Quad, b: Quad, slack = 0.05): boolean {
  for (const polygon of [a, b]) {
    for (let i = 0; i < polygon.length; i++) {
      const [x1, y1] = polygon[i]!
      const [x2, y2] = polygon[(i + 1) % polygon.length]!
      const length = Math.hypot(x2 - x1, y2 - y1)
      if (length === 0) continue
      const axis: Point = [-(y2 - y1) / length, (x2 - x1) / length]
      const project = (quad: Quad) => quad.map(([x, y]) => x * axis[0] + y * axis[1])
      const pa = project(a)
      const pb = project(b)
      if (Math.max(...pa) <= Math.min(...pb) + slack || Math.max(...pb) <= Math.min(...pa) + slack) return false
    }
  }

  return true
}

/** Whether every corner of `inner` lies within the axis-aligned rectangle `outer`. */
export function inside(inner: Quad, outer: {h: number; w: number; x: number; y: number}, slack = 0.05): boolean {
  return inner.every(([x, y]) => x >= outer.x - slack && x <= outer.x + outer.w + slack && y >= outer.y - slack && y <= outer.y + outer.h + slack)
}

export function rectQuad(rect: {h: number; w: number; x: number; y: number}): Quad {
  const x0 = Math.min(rect.x, rect.x + rect.w)
  const y0 = Math.min(rect.y, rect.y + rect.h)
  const x1 = Math.max(rect.x, rect.x + rect.w)
  const y1 = Math.max(rect.y, rect.y + rect.h)
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]
}

/**
 * What is wrong in a chart: labels whose boxes overlap, and labels that run into a swatch, bar or
 * cell without lying wholly on it (a number on its own cell is fine). Empty when all is well.
 */
export function collisions(labels: LabelBox[], rects: Array<{h: number; w: number; x: number; y: number}>): string[] {
  const problems: string[] = []
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlaps(labels[i]!.quad, labels[j]!.quad)) problems.push(`"${labels[i]!.text}" overlapt "${labels[j]!.text}"`)
    }
  }

  for (const label of labels) {
    for (const rect of rects) {
      if (overlaps(label.quad, rectQuad(rect)) && !inside(label.quad, rect)) {
        problems.push(`"${label.text}" loopt in het vlak op ${rect.x.toFixed(1)},${rect.y.toFixed(1)} (${rect.w.toFixed(1)}×${rect.h.toFixed(1)})`)
      }
    }
  }

  return problems
}

/**
 * The box of a label from its advance width: from `ascent` em above the baseline to `descent` em
 * below, turned counter-clockwise by `rotate` degrees about the anchor (y grows downwards).
 */
export function labelQuad(item: {anchor: 'end' | 'middle' | 'start'; rotate?: number; size: number; x: number; y: number}, width: number, ascent = 0.72, descent = 0.22): Quad {
  const start = item.anchor === 'start' ? 0 : item.anchor === 'middle' ? -width / 2 : -width
  const angle = ((item.rotate ?? 0) * Math.PI) / 180
  const corner = (dx: number, dy: number): Point => [item.x + dx * Math.cos(angle) + dy * Math.sin(angle), item.y - dx * Math.sin(angle) + dy * Math.cos(angle)]
  const top = -item.size * ascent
  const bottom = item.size * descent
  return [corner(start, top), corner(start + width, top), corner(start + width, bottom), corner(start, bottom)]
}
