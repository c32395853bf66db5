import {existsSync, readFileSync, unlinkSync} from 'node:fs'

import type {AdviceInput} from '../material/advice.js'
import type {FindingInput} from '../material/findings.js'
import type {EvidenceScope} from '../material/pickers.js'
import type {ReflectionInput} from '../material/reflections.js'
import {draftPath, writeDraft} from '../notes/draft.js'
import type {Study} from '../study/load.js'
import {askDate} from './date-prompt.js'
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

export async function askFindingFields(study: Study, given: FindingInput, evidenceChoices: (scope: EvidenceScope) => Array<Choice<string>>): Promise<FindingInput> {
  const method = study.methodDefinition
  const input = {...given}
  if (!input.title) input.title = await askText('Titel van de bevinding (in één zin)', {validate: (v) => v.trim() !== '' || 'Een bevinding heeft een titel nodig.'})
  if (input.text === undefined) input.text = await askLongText(study, 'Schrijf de bevinding uit.', 'bevinding')
  if (!input.halteplaatsen?.length) {
    input.halteplaatsen = await askCheckbox('Over welke halteplaatsen gaat het? (niets aangevinkt: de hele studie)', study.halteplaatsen.map((h) => ({name: h.name, value: h.id})))
  }

  if (!input.themes?.length) input.themes = await askCheckbox("Welke thema's?", method.themes.map((t) => ({name: t.name, value: t.id})))
  if (!input.narratives?.length) {
    input.narratives = await askCheckbox('Welke narratieven van wantrouwen klinken erin door? (niets aangevinkt mag ook)', method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})))
  }

  if (!input.evidence?.length) {
    const choices = evidenceChoices({halteplaatsen: input.halteplaatsen, narratives: input.narratives, themes: input.themes})
    if (choices.length > 0) {
      const chosen = await askSearchCheckbox('Welke notities onderbouwen de bevinding? (niets aangevinkt: een concept zonder onderbouwing)', choices)
      input.evidence = chosen.map((note) => ({note}))
    }
  }

  return input
}

export async function askReflectionFields(study: Study, given: ReflectionInput, today: string, findingChoices: () => Array<Choice<string>>): Promise<ReflectionInput> {
  const input = {...given}
  if (!input.halteplaats) input.halteplaats = await askSelect('Halteplaats', study.halteplaatsen.map((h) => ({description: `${h.gemeente}, ${h.type}`, name: h.name, value: h.id})))
  if (!input.date) input.date = await askDate('Datum (zoals 15-10-2026 of 15 oktober 2026)', {default: today})
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
