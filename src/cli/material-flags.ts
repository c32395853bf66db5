import {Flags} from '@oclif/core'

import type {AdviceInput} from '../material/advice.js'
import {parseContextFlag} from '../material/figures.js'
import type {FindingInput} from '../material/findings.js'
import type {ReflectionInput} from '../material/reflections.js'
import {textFromFlags} from './note-flags.js'

const text = {
  file: Flags.file({description: 'Lees de tekst uit dit bestand.', exclusive: ['text'], helpValue: '<bestand>'}),
  text: Flags.string({description: 'De tekst.', exclusive: ['file'], helpValue: '<tekst>'}),
}

/** The fields of a finding, for finding add and finding edit. */
export const findingFlags = {
  ...text,
  context: Flags.string({
    description: 'Contextcijfer waaraan de bevinding is getoetst, met het oordeel: ID:bevestigt, ID:nuanceert of ID:spreekt-tegen. ID is de (korte) id uit karavaan context list --json, of indicator@halteplaats (met @jaar als het cijfer er voor meer jaren is); mag vaker.',
    helpValue: '<id[:oordeel]>',
    multiple: true,
  }),
  halteplaats: Flags.string({description: 'Halteplaats waar de bevinding over gaat; mag vaker. Zonder: de hele studie.', helpValue: '<id>', multiple: true}),
  narrative: Flags.string({description: 'Narratief (id, nummer 1-5 of naam); mag vaker.', helpValue: '<id|1-5>', multiple: true}),
  note: Flags.string({description: 'Notitie die de bevinding onderbouwt (id, korte id of het pad waarmee ze is ingelezen); mag vaker.', helpValue: '<id|pad>', multiple: true}),
  tag: Flags.string({description: 'Getagde passage die de bevinding onderbouwt (tag-id uit karavaan tag list); mag vaker.', helpValue: '<id>', multiple: true}),
  theme: Flags.string({description: 'Thema uit de methode; mag vaker.', helpValue: '<id>', multiple: true}),
  title: Flags.string({description: 'De titel: de bevinding in één zin.', helpValue: '<titel>'}),
}

export function findingFromFlags(flags: {file?: string; halteplaats?: string[]; narrative?: string[]; text?: string; theme?: string[]; title?: string}): Omit<FindingInput, 'evidence'> {
  return {halteplaatsen: flags.halteplaats, narratives: flags.narrative, text: textFromFlags(flags), themes: flags.theme, title: flags.title}
}

export function figuresFromFlags(flags: {context?: string[]}): FindingInput['figures'] {
  return flags.context?.length ? flags.context.map((value) => parseContextFlag(value)) : undefined
}

export function evidenceFromFlags(flags: {note?: string[]; tag?: string[]}): FindingInput['evidence'] {
  const evidence = [...(flags.note ?? []).map((note) => ({note})), ...(flags.tag ?? []).map((tag) => ({tag}))]
  return evidence.length > 0 ? evidence : undefined
}

export const reflectionFlags = {
  added: Flags.string({description: 'Wat het gesprek aanvulde: nieuwe punten of voorbeelden.', helpValue: '<tekst>'}),
  'adds-to': Flags.string({description: 'Bevinding die het gesprek aanvulde (id); mag vaker.', helpValue: '<id>', multiple: true}),
  confirmed: Flags.string({description: 'Wat het gesprek bevestigde.', helpValue: '<tekst>'}),
  confirms: Flags.string({description: 'Bevinding die het gesprek bevestigde (id); mag vaker.', helpValue: '<id>', multiple: true}),
  date: Flags.string({description: 'Datum van het gesprek, zoals 2026-10-15, 15-10-2026 of "15 oktober 2026".', helpValue: '<datum>'}),
  halteplaats: Flags.string({description: 'Halteplaats: id of naam.', helpValue: '<id>'}),
  nuanced: Flags.string({description: 'Wat het gesprek nuanceerde of bijstelde.', helpValue: '<tekst>'}),
  nuances: Flags.string({description: 'Bevinding die het gesprek nuanceerde (id); mag vaker.', helpValue: '<id>', multiple: true}),
  participant: Flags.string({description: 'Deelnemers naar rol, met een aantal: bewoners:4 (nooit namen); mag vaker. Rollen: zie karavaan reflect add --help.', helpValue: '<rol:aantal>', multiple: true}),
}

export function reflectionFromFlags(flags: {
  added?: string
  'adds-to'?: string[]
  confirmed?: string
  confirms?: string[]
  date?: string
  halteplaats?: string
  nuanced?: string
  nuances?: string[]
  participant?: string[]
}): ReflectionInput {
  return {
    added: flags.added,
    addedFindings: flags['adds-to'],
    confirmed: flags.confirmed,
    confirmedFindings: flags.confirms,
    date: flags.date,
    halteplaats: flags.halteplaats,
    nuanced: flags.nuanced,
    nuancedFindings: flags.nuances,
    participants: flags.participant,
  }
}

export const adviceFlags = {
  ...text,
  audience: Flags.string({description: 'Doelgroep: gemeenten, professionals of rijksoverheid.', helpValue: '<doelgroep>'}),
  example: Flags.string({description: 'Instrument of inspirerend voorbeeld dat het advies aanhaalt, zoals spiegelgesprek of erfturbine-gesprekken (zie karavaan method show); mag vaker.', helpValue: '<id>', multiple: true}),
  finding: Flags.string({description: 'Bevinding waar het advies op antwoordt (id); mag vaker.', helpValue: '<id>', multiple: true}),
  frame: Flags.string({description: 'Kader uit de methode, zoals perspectief-nabij-zichtbaar of route-responsief (zie karavaan method show).', helpValue: '<id>'}),
  title: Flags.string({description: 'De titel: het advies in één zin.', helpValue: '<titel>'}),
}

export function adviceFromFlags(flags: {audience?: string; example?: string[]; file?: string; finding?: string[]; frame?: string; text?: string; title?: string}): AdviceInput {
  return {audience: flags.audience, examples: flags.example, findings: flags.finding, frame: flags.frame, text: textFromFlags(flags), title: flags.title}
}

/** True when any value was given, so an edit without options can say what it needs. */
export function anyGiven(values: object): boolean {
  return Object.values(values).some((value) => value !== undefined)
}
