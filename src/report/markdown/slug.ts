/**
 * Anchors for headings. The HTML report gets plain ASCII ids ("Één wijk" → "een-wijk") so links
 * survive any tool; the Markdown report gets the anchors GitHub, GitLab and most editors generate
 * themselves, so its table of contents works where the user opens it.
 */
export type Slugger = (text: string) => string

/** ASCII ids, unique within one document; `reserved` are ids the writer uses for its own parts. */
export function htmlSlugger(reserved: Iterable<string> = []): Slugger {
  const used = new Set(reserved)
  return (text) => {
    const base =
      text
        .normalize('NFKD')
        .replaceAll(/\p{M}/gu, '')
        .replaceAll('ß', 'ss')
        .replaceAll(/[æÆ]/g, 'ae')
        .replaceAll(/[øØ]/g, 'o')
        .toLowerCase()
        .replaceAll(/[^a-z0-9]+/g, '-')
        .replaceAll(/^-+|-+$/g, '') || 'sectie'
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`
    used.add(id)
    return id
  }
}

/** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2. */
export function githubSlugger(): Slugger {
  const occurrences = new Map<string, number>()
  return (text) => {
    const base = text
      .toLowerCase()
      .replaceAll(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replaceAll(' ', '-')
    let id = base
    while (occurrences.has(id)) {
      const count = (occurrences.get(base) ?? 0) + 1
      occurrences.set(base, count)
      id = `${base}-${count}`
    }
    occurrences.set(id, 0)
    return id
  }
}
