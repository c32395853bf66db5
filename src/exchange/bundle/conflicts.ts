import {UserError} from '../../errors.js'
import {guardNote} from '../../notes/guard.js'
import {resolveShortId, shortId} from '../../notes/ids.js'
import {requireNote} from '../../notes/lookup.js'
import {requireFields, teamNames} from '../../notes/service.js'
import type {Note, NoteFields} from '../../notes/types.js'
import type {NoteVersionRecord} from '../../store/exchange.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'

export interface ConflictVersion {
  change: NoteVersionRecord['change']
  changedAt: string
  changedBy: null | string
  /** Whether this head is what the study shows now (the latest by time, laptop and id). */
  current: boolean
  device: string
  id: string
  text: string
  version: number
}

export interface Conflict {
  /** The note's id; `karavaan conflicts resolve` takes it (or its short form). */
  id: string
  kind: 'notitie'
  versions: ConflictVersion[]
}

/** Notes changed on two or more laptops from the same version, with the competing versions. */
export function listConflicts(store: Store): Conflict[] {
  return store.exchange.conflictedNotes().map((id) => ({id, kind: 'notitie', versions: versionsOf(store.exchange.heads(id))}))
}

function versionsOf(heads: NoteVersionRecord[]): ConflictVersion[] {
  return heads.map((head, index) => ({
    change: head.change,
    changedAt: head.changedAt,
    changedBy: head.changedBy,
    current: index === heads.length - 1,
    device: head.device,
    id: head.id,
    text: head.text,
    version: head.version,
  }))
}

export interface ResolveOptions {
  by?: null | string
  /** The version to keep (id or a unique start or end of it); without it, the current one. */
  choose?: string
  /** A text written from the versions; the other fields come from the chosen version. */
  text?: string
}

/**
 * Settles a conflict with a new version made from all competing versions at once: the chosen one as
 * it is, or with a merged text. It travels in the next bundle and settles the conflict on every
 * laptop that takes it in.
 */
export function resolveConflict(store: Store, study: Study, id: string, options: ResolveOptions): {note: Note; from: string} {
  const note = requireNote(store, id)
  const heads = store.exchange.heads(note.id)
  if (heads.length < 2) {
    throw new UserError(`Notitie ${shortId(note.id)} heeft geen conflict; er is niets op te lossen.`, {hint: 'Alle conflicten: karavaan conflicts'})
  }

  if (options.choose === undefined && options.text === undefined) {
    throw new UserError(`Kies welke versie van notitie ${shortId(note.id)} blijft, of geef een samengevoegde tekst.`, {
      details: heads.map((head) => `${shortId(head.id)}: versie ${head.version}, ${head.changedAt.slice(0, 16).replace('T', ' ')}${head.changedBy ? ` door ${head.changedBy}` : ''}`),
      hint: `Bijvoorbeeld: karavaan conflicts resolve ${shortId(note.id)} --kies ${shortId(heads[0].id)}`,
    })
  }

  const chosen =
    options.choose === undefined
      ? heads.at(-1)!
      : heads.find(
          (head) =>
            head.id ===
            resolveShortId(options.choose!, (short) => heads.filter((h) => h.id === short || h.id.startsWith(short) || h.id.endsWith(short)).map((h) => h.id), {
              hint: `De versies in dit conflict: ${heads.map((h) => shortId(h.id)).join(', ')}`,
              name: 'versie',
            }),
        )!
  const base: NoteFields = {
    activity: chosen.activity,
    date: chosen.date,
    group: chosen.group,
    halteplaats: chosen.halteplaats,
    interviewer: chosen.interviewer,
    narratives: chosen.narratives,
    participants: chosen.participants,
    roles: chosen.roles,
    text: chosen.text,
    themes: chosen.themes,
  }
  const by = options.by ?? null
  let fields = base
  let personalData = chosen.personalData
  if (options.text !== undefined) {
    // A merged text is new writing: the personal-data guard looks at it as at any edit.
    const guarded = guardNote(requireFields(study, {...base, text: options.text}), 'refuse', by, teamNames(study))
    fields = guarded.fields
    personalData = guarded.override ?? personalData
  }

  const deleted = chosen.change === 'verwijderd' && options.text === undefined
  const resolved = store.transaction(() =>
    store.notes.resolve(note, fields, chosen.id, heads.map((head) => head.id), {by, deleted, personalData}),
  )
  return {from: chosen.id, note: resolved}
}
