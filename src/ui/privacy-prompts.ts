import type {GateChoice} from '../privacy/gate.js'
import {askSelect} from './prompts.js'

/** The question of the privacy gate, the same for every output: nothing first, so Enter writes nothing. */
export async function askOutputChoice(): Promise<GateChoice> {
  return askSelect<GateChoice>('Wat wil je doen?', [
    {name: 'Niets schrijven (afbreken)', short: 'niets geschreven', value: 'refuse'},
    {name: 'Vervangen door plaatshouders ([naam], [telefoonnummer] …), alleen in het bestand; de studie blijft zoals hij is', short: 'plaatshouders', value: 'pseudonymise'},
    {name: 'Toch schrijven met de persoonsgegevens, en die keuze vastleggen', short: 'toch schrijven, vastgelegd', value: 'allow'},
  ])
}

export type PersonalDataChoice = 'allow' | 'edit' | 'pseudonymise' | 'stop'

/**
 * What to do with personal data found in what is being saved, in a terminal: the same question
 * for a new note, an edit of a note and a new finding. `edit` names how the person removes them
 * themselves ("De tekst opnieuw openen in nano"), `stop` where the text is kept.
 */
export async function askPersonalDataChoice(labels: {edit: string; stop: string}): Promise<PersonalDataChoice> {
  return askSelect<PersonalDataChoice>('Wat wil je doen?', [
    {name: 'Vervangen door vaste plaatshouders ([naam-3f7a9c], [telefoonnummer-91c2e0] …) en opslaan', short: 'vervangen', value: 'pseudonymise'},
    {name: labels.edit, short: 'zelf aanpassen', value: 'edit'},
    {name: 'Toch opslaan met persoonsgegevens, en die keuze vastleggen', short: 'toch opslaan, vastgelegd', value: 'allow'},
    {name: labels.stop, short: 'stoppen', value: 'stop'},
  ])
}
