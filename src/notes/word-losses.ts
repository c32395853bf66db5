import {plural} from '../model/plural.js'

/**
 * What a Word document held that its note does not: counted per kind, so that the import can say
 * so per file instead of dropping it without a word. Kept apart from the reader (docx.ts) so the
 * command can describe it without loading the XML parser.
 */
export interface WordLosses {
  /** Comments in the margin (w:comment), replies included. */
  comments: number
  /** OLE objects, charts and SmartArt: content the note cannot hold as text. */
  embeddedObjects: number
  /** Headers and footers with text of their own (a page number alone does not count). */
  headersFooters: number
  /** Pictures and drawn shapes. */
  images: number
  /** Text boxes: their text is in the note, as paragraphs after the one they were anchored to. */
  textBoxes: number
  /** Tracked changes (insertions, deletions, moves, formatting), accepted as the document shows them. */
  trackedChanges: number
}

export const NO_WORD_LOSSES: WordLosses = {comments: 0, embeddedObjects: 0, headersFooters: 0, images: 0, textBoxes: 0, trackedChanges: 0}

/** "a, b en c" */
function listOf(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`
}

/**
 * One Dutch sentence for what a Word file lost on the way in, or undefined when it lost nothing:
 * "2 afbeeldingen en 1 opmerking niet overgenomen; 3 bijgehouden wijzigingen aanvaard zoals het
 * document ze toont (verwijderde tekst weggelaten)".
 */
export function describeWordLosses(losses: WordLosses): string | undefined {
  const dropped = [
    losses.images > 0 ? plural(losses.images, 'afbeelding', 'afbeeldingen') : '',
    losses.comments > 0 ? plural(losses.comments, 'opmerking', 'opmerkingen') : '',
    losses.embeddedObjects > 0 ? plural(losses.embeddedObjects, 'ingesloten object', 'ingesloten objecten') : '',
    losses.headersFooters > 0 ? plural(losses.headersFooters, 'kop- of voettekst', 'kop- en voetteksten') : '',
  ].filter(Boolean)
  const parts: string[] = []
  if (dropped.length > 0) parts.push(`${listOf(dropped)} niet overgenomen`)
  if (losses.trackedChanges > 0) {
    parts.push(`${plural(losses.trackedChanges, 'bijgehouden wijziging', 'bijgehouden wijzigingen')} aanvaard zoals het document ze toont (verwijderde tekst weggelaten)`)
  }

  if (losses.textBoxes > 0) parts.push(`tekst uit ${plural(losses.textBoxes, 'tekstvak', 'tekstvakken')} als gewone alinea overgenomen`)
  return parts.length > 0 ? parts.join('; ') : undefined
}
