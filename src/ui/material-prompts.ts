import {existsSync, readFileSync, unlinkSync} from 'node:fs'
import {relative} from 'node:path'

import {UserError} from '../errors.js'
import type {AdviceInput} from '../material/advice.js'
import type {EvidenceInput} from '../material/evidence.js'
import type {FindingInput} from '../material/findings.js'
import type {EvidenceScope} from '../material/pickers.js'
import type {ReflectionInput} from '../material/reflections.js'
import type {SimilarFinding} from '../material/similar.js'
import {draftPath, writeDraft} from '../notes/draft.js'
import type {Study} from '../study/load.js'
import {isIsoDate} from '../study/dates.js'
import {findingSummary, similarWarning} from './material-view.js'
import {askCheckbox, askSearchCheckbox, askSelect, askText, type Choice} from './prompts.js'

/**
 * A long text: in the user's editor when one is set, otherwise line by line. The text is kept in
 * the study's drafts folder while it is written, so a crash does not lose it.
 */
export async function askLongText(study: Study, message: string, name: string, initial = ''): Promise<string> {
  const {preferredEditor, editFile} = await import('./editor.js')
  const draft = draftPath(study, `${name}-${new Date().toISOString().replaceAll(/[:.]/g, '-')}.txt`)
  const editor = preferredEditor()
  if (editor) {
    writeDraft(draft, initial)
    process.stdout.write(`${message} De tekst gaat open in ${editor}; sla op en sluit af.\n`)
    editFile(editor, draft)
    const text = readFileSync(draft, 'utf8').trim()
    unlinkSync(draft)
    return text
  }

  const {askMultiline} = await import('./multiline.js')
  try {
    return await askMultiline(`${message} Sluit af met een regel met alleen een punt (.).`, (soFar) => writeDraft(draft, soFar))
  } finally {
    // Typed and returned, or Ctrl-C ("Afgebroken; er is niets opgeslagen"): either way no longer needed.
    if (existsSync(draft)) unlinkSync(draft)
  }
}

/** What finding add hands the questions, so that they never read the store themselves. */
export interface FindingSources {
  /** Notes and tagged passages that can back a finding about this scope, the likeliest first. */
  evidence: (scope: EvidenceScope) => Array<Choice<EvidenceInput>>
  /** Findings whose title or text is nearly this one's. */
  similar: (candidate: {text?: string; title?: string}) => SimilarFinding[]
}

export async function askFindingFields(study: Study, given: FindingInput, sources: FindingSources): Promise<FindingInput> {
  const method = study.methodDefinition
  const input = {...given}
  let asked = false
  if (!input.title) {
    asked = true
    input.title = await askText('Titel van de bevinding (in één zin)', {validate: (v) => v.trim() !== '' || 'Een bevinding heeft een titel nodig.'})
  }

  // A text typed here is kept when the user stops; one from --text or --file is there already.
  const typed = input.text === undefined
  if (typed) {
    asked = true
    input.text = await askLongText(study, 'Schrijf de bevinding uit.', 'bevinding')
  }

  // Before the lists, so no one picks evidence for a finding that is already there.
  const similar = sources.similar({text: input.text ?? '', title: input.title})
  if (similar.length > 0) {
    process.stdout.write(`${similarWarning(similar)}\n`)
    const goOn = await askSelect('Toch een nieuwe bevinding maken?', [
      {name: 'ja, dit is een andere bevinding', value: true},
      {name: 'nee, stoppen (er wordt niets opgeslagen)', value: false},
    ])
    if (!goOn) stop(study, typed ? input.text : undefined)
  }

  if (!input.halteplaatsen?.length) {
    asked = true
    input.halteplaatsen = await askCheckbox('Over welke halteplaatsen gaat het? (niets aangevinkt: de hele studie)', study.halteplaatsen.map((h) => ({name: h.name, value: h.id})))
  }

  if (!input.themes?.length) {
    asked = true
    input.themes = await askCheckbox("Welke thema's?", method.themes.map((t) => ({name: t.name, value: t.id})))
  }

  if (!input.narratives?.length) {
    asked = true
    input.narratives = await askCheckbox('Welke narratieven van wantrouwen klinken erin door? (niets aangevinkt mag ook)', method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})))
  }

  const choices = sources.evidence({halteplaatsen: input.halteplaatsen, narratives: input.narratives, themes: input.themes})
  const pick = async (initial: EvidenceInput[]) => {
    const chosen = await askSearchCheckbox('Welke notities en passages onderbouwen de bevinding?', choices, {initial, none: 'niets gekozen: de bevinding wordt een concept'})
    input.evidence = chosen
  }

  const askedEvidence = !input.evidence?.length && choices.length > 0
  if (askedEvidence) await pick([])
  // Only a person who answered questions is shown what they answered; options alone need no check.
  if (!asked && !askedEvidence) return input

  for (;;) {
    process.stdout.write(`\n${findingSummary(study, input, choices)}\n\n`)
    const next = await askSelect<'edit' | 'save' | 'stop'>('Zo opslaan?', [
      {name: 'ja, opslaan', value: 'save'},
      ...(choices.length > 0 ? [{name: 'nee, de onderbouwing aanpassen', value: 'edit' as const}] : []),
      {name: 'nee, stoppen (er wordt niets opgeslagen)', value: 'stop'},
    ])
    if (next === 'save') return input
    if (next === 'stop') stop(study, typed ? input.text : undefined)
    // The same choice objects, so what was ticked is ticked again.
    await pick(choices.filter((c) => input.evidence?.includes(c.value)).map((c) => c.value))
  }
}

/** Stops without storing anything, keeping a typed text in the drafts folder where doctor and status find it. */
function stop(study: Study, text: string | undefined): never {
  if (!text?.trim()) throw new UserError('Gestopt; er is niets opgeslagen.')
  const file = draftPath(study, `bevinding-${new Date().toISOString().replaceAll(/[:.]/g, '-')}.txt`)
  writeDraft(file, text)
  const shown = relative(process.cwd(), file) || file
  throw new UserError('Gestopt; er is niets opgeslagen.', {hint: `Je tekst staat in ${shown}; gebruik hem later met: karavaan finding add --file ${shown}`})
}

export async function askReflectionFields(study: Study, given: ReflectionInput, today: string, findingChoices: () => Array<Choice<string>>): Promise<ReflectionInput> {
  const input = {...given}
  if (!input.halteplaats) input.halteplaats = await askSelect('Halteplaats', study.halteplaatsen.map((h) => ({description: `${h.gemeente}, ${h.type}`, name: h.name, value: h.id})))
  if (!input.date) input.date = await askText('Datum (jaar-maand-dag)', {default: today, validate: (v) => isIsoDate(v.trim()) || 'Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2026-10-15.'})
  if (!input.participants?.length) {
    const roles = study.methodDefinition.reflectionRoles
    const chosen = await askCheckbox('Wie namen deel? (naar rol, nooit namen)', roles.map((r) => ({description: r.description, name: r.name, value: r.id})))
    input.participants = []
    for (const role of chosen) {
      const count = await askText(`Hoeveel ${roles.find((r) => r.id === role)?.name.toLowerCase()}? (leeg: niet geteld)`, {validate: (v) => v.trim() === '' || /^\d+$/.test(v.trim()) || 'Geef een aantal, zoals 4 (of laat leeg).'})
      input.participants.push(count.trim() ? `${role}:${count.trim()}` : role)
    }
  }

  const choices = findingChoices()
  for (const [verdict, label] of [['confirmed', 'bevestigde'], ['nuanced', 'nuanceerde'], ['added', 'vulde aan']] as const) {
    if (input[verdict] === undefined) input[verdict] = await askLongText(study, `Wat ${label} het gesprek? (leeg laten mag)`, `reflectie-${verdict}`)
    const key = `${verdict}Findings` as const
    // Nothing written under this heading: no findings to link either, one question fewer.
    if (!input[key]?.length && choices.length > 0 && input[verdict]?.trim()) input[key] = await askCheckbox(`Welke bevindingen ${label} het gesprek?`, choices)
  }

  return input
}

export async function askAdviceFields(study: Study, given: AdviceInput, findingChoices: () => Array<Choice<string>>): Promise<AdviceInput> {
  const method = study.methodDefinition
  const input = {...given}
  if (!input.audience) input.audience = await askSelect('Voor welke doelgroep?', method.audiences.map((a) => ({description: a.description, name: a.name, value: a.id})))
  if (!input.title) input.title = await askText('Titel van het advies (in één zin)', {validate: (v) => v.trim() !== '' || 'Een advies heeft een titel nodig.'})
  if (input.text === undefined) input.text = await askLongText(study, 'Schrijf het advies uit.', 'advies')
  if (!input.findings?.length) {
    const choices = findingChoices()
    if (choices.length > 0) input.findings = await askCheckbox('Op welke bevindingen antwoordt het advies?', choices)
  }

  if (input.frame === undefined) {
    input.frame = await askSelect<null | string>('Bij welk kader past het advies?', [
      {name: 'geen', value: null},
      ...method.frames.map((f) => ({description: f.description, name: `${f.name} (${f.kind})`, value: f.id})),
    ])
  }

  return input
}
