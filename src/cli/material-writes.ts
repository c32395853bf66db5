import {UserError} from '../errors.js'
import {KINDS, type KindId} from '../model/kinds.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import {shortId} from '../records/ids.js'
import {readSettings} from '../settings/settings.js'
import type {Study} from '../study/load.js'
import {policyOf} from './note-flags.js'
import {plural} from '../model/plural.js'

/*
 * What the add and edit commands of every kind share: who writes, what the guard may do, and how
 * the result is told. The fields themselves differ per kind (src/cli/material-flags.ts).
 */

/** This laptop's interviewer as the author, and the personal-data policy the flags ask for. */
export function writeOptionsOf(configDir: string, flags: {'allow-personal-data'?: boolean; pseudonymise?: boolean}): {by: null | string; policy: PersonalDataPolicy} {
  return {by: readSettings(configDir).interviewer ?? null, policy: policyOf(flags)}
}

/** "2 persoonsgegevens vervangen door een plaatshouder.", or nothing when none were replaced. */
export function replacedLine(replaced: readonly unknown[]): string[] {
  return replaced.length > 0 ? [`${plural(replaced.length, 'persoonsgegeven', 'persoonsgegevens')} vervangen door een plaatshouder.`] : []
}

/** What an edit did: nothing, or a new version. */
export function editedLine(kind: KindId, id: string, outcome: {change: string; version: number}): string {
  const {capital, singular} = KINDS[kind].labels
  return outcome.change === 'ongewijzigd' ? `Niets veranderd aan ${singular} ${shortId(id)}.` : `${capital} ${shortId(id)} bewaard als versie ${outcome.version}.`
}

/**
 * The new text of a record, written in the user's editor, for an edit given no options; refused
 * without a terminal or an editor. `examples` are the options the message suggests instead.
 */
export async function textFromEditor(kind: KindId, study: Study, record: {id: string; text: string}, options: {examples: string; interactive: boolean}): Promise<string> {
  const {preferredEditor} = await import('../ui/editor.js')
  if (!options.interactive || !preferredEditor()) {
    throw new UserError(`Geef op wat er verandert (bijv. ${options.examples}), of stel een editor in (EDITOR) om de tekst in een terminal te bewerken.`, {hint: `Zie: karavaan ${KINDS[kind].topic} edit --help`})
  }

  const {askLongText} = await import('../ui/material-prompts.js')
  return askLongText(study, `Tekst van ${KINDS[kind].labels.singular} ${shortId(record.id)}.`, `bewerk-${shortId(record.id)}`, record.text)
}
