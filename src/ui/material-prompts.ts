import {existsSync, readFileSync, unlinkSync} from 'node:fs'

import type {AdviceInput} from '../material/advice.js'
import type {EvidenceInput} from '../material/evidence.js'
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
export async function askLongText(study: Study, message: string, name: string, initial = '', keep?: (textSoFar: string) => void): Promise<string> {
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
  // The caller keeps the text in a draft of its own (finding add): no second file.
  if (keep) return askMultiline(`${message} Sluit af met een regel met alleen een punt (.).`, keep)
  try {
    return await askMultiline(`${message} Sluit af met een regel met alleen een punt (.).`, (soFar) => writeDraft(draft, soFar))
  } finally {
    // Typed and returned, or Ctrl-C ("Gestopt; er is niets opgeslagen"): either way no longer needed.
    if (existsSync(draft)) unlinkSync(draft)
  }
}

export const FINDING_ANSWERS = ['title', 'text', 'halteplaatsen', 'themes', 'narratives', 'evidence', 'figures'] as const
export type FindingAnswer = (typeof FINDING_ANSWERS)[number]

/**
 * Asks what the flags did not give of a finding. `keep` receives the finding after each answer
 * and `keepText` the text while it is typed, so a stop halfway loses nothing.
 */
export async function askFindingFields(
  study: Study,
  given: FindingInput,
  evidenceChoices: (scope: EvidenceScope) => Array<Choice<EvidenceInput>>,
  keep: {answer?: (input: FindingInput) => void; afterText?: (input: FindingInput) => Promise<void>; text?: (input: FindingInput) => void} = {},
  figureChoices?: FigureChoices,
): Promise<FindingInput> {
  let input = {...given}
  for (const field of FINDING_ANSWERS) {
    // A figure given with --context but without a verdict is asked its verdict only.
    const missing = field === 'text' ? input.text === undefined : field === 'figures' ? !input.figures?.length || input.figures.some((f) => !f.verdict) : !input[field]?.length
    if (missing) {
      input = await askFindingField(study, input, field, evidenceChoices, keep.text, figureChoices)
      keep.answer?.(input)
    }

    // Before the lists, so no one picks evidence for a finding that is already there.
    if (field === 'text') await keep.afterText?.(input)
  }

  return input
}

/** Asks one answer of a finding, with what it holds now ticked or filled in. */
export async function askFindingField(
  study: Study,
  given: FindingInput,
  field: FindingAnswer,
  evidenceChoices: (scope: EvidenceScope) => Array<Choice<EvidenceInput>>,
  keepText?: (input: FindingInput) => void,
  figureChoices?: FigureChoices,
): Promise<FindingInput> {
  const method = study.methodDefinition
  const input = {...given}
  switch (field) {
    case 'title': {
      input.title = await askText('Titel van de bevinding (in één zin)', {default: given.title || undefined, validate: (v) => v.trim() !== '' || 'Een bevinding heeft een titel nodig.'})
      break
    }

    case 'text': {
      input.text = await askLongText(study, 'Schrijf de bevinding uit.', 'bevinding', given.text ?? '', keepText && ((text) => keepText({...input, text})))
      break
    }

    case 'halteplaatsen': {
      input.halteplaatsen = await askCheckbox('Over welke halteplaatsen gaat het? (niets aangevinkt: de hele studie)', study.halteplaatsen.map((h) => ({name: h.name, value: h.id})), given.halteplaatsen)
      break
    }

    case 'themes': {
      input.themes = await askCheckbox("Welke thema's?", method.themes.map((t) => ({name: t.name, value: t.id})), given.themes)
      break
    }

    case 'narratives': {
      input.narratives = await askCheckbox('Welke narratieven van wantrouwen klinken erin door? (niets aangevinkt mag ook)', method.narratives.map((n) => ({description: `“${n.voice}”`, name: `${n.number}. ${n.name}`, value: n.id})), given.narratives)
      break
    }

    case 'evidence': {
      const choices = evidenceChoices({halteplaatsen: input.halteplaatsen, narratives: input.narratives, themes: input.themes})
      if (choices.length > 0) {
        // What is chosen already is ticked when the list holds it; evidence the list does not hold stays as it was.
        const same = (a: EvidenceInput, b: EvidenceInput) => a.note === b.note && a.tag === b.tag && a.quote === b.quote
        const listed = (given.evidence ?? []).filter((e) => choices.some((c) => same(c.value, e)))
        const initial = choices.filter((c) => listed.some((e) => same(c.value, e))).map((c) => c.value)
        const chosen = await askSearchCheckbox('Welke notities en passages onderbouwen de bevinding?', choices, {initial, none: 'niets gekozen: de bevinding wordt een concept'})
        input.evidence = [...(given.evidence ?? []).filter((e) => !listed.includes(e)), ...chosen]
      }

      break
    }

    case 'figures': {
      input.figures = await askFigures(input, figureChoices?.(input.halteplaatsen) ?? [])
      break
    }
  }

  return input
}

/** The context figures of the finding's halteplaatsen, as a list to pick from (the value is the figure's id). */
export type FigureChoices = (halteplaatsen: string[] | undefined) => Array<Choice<string>>

const VERDICT_OPTIONS = [
  {description: 'Het cijfer laat hetzelfde zien als wat we hoorden.', name: 'bevestigt', value: 'bevestigt'},
  {description: 'Het cijfer laat een deel zien, of een ander beeld ernaast.', name: 'nuanceert', value: 'nuanceert'},
  {description: 'Het cijfer laat iets anders zien dan wat we hoorden.', name: 'spreekt tegen', value: 'spreekt-tegen'},
]

/**
 * Which figures test the finding, and per figure its verdict. Figures given without a verdict
 * (--context ID) are only asked their verdict; otherwise the figures of the finding's
 * halteplaatsen are offered, with those chosen before ticked.
 */
async function askFigures(given: FindingInput, choices: Array<Choice<string>>): Promise<FindingInput['figures']> {
  const figures = [...(given.figures ?? [])]
  const label = (ref: string | undefined) => choices.find((c) => c.value === ref)?.name ?? ref ?? 'dit cijfer'
  const verdict = (ref: string | undefined, current?: string) => askSelect(`Wat zegt ${label(ref)} over de bevinding?`, VERDICT_OPTIONS, current && VERDICT_OPTIONS.some((o) => o.value === current) ? current : undefined)
  if (figures.some((f) => !f.verdict)) {
    for (const f of figures) if (!f.verdict) f.verdict = await verdict(f.ref)
    return figures
  }

  if (choices.length === 0) return given.figures
  const listed = figures.filter((f) => choices.some((c) => c.value === f.ref))
  const chosen = await askCheckbox('Aan welke contextcijfers toets je de bevinding? (niets aangevinkt mag ook)', choices, listed.map((f) => f.ref!))
  const picked = []
  for (const ref of chosen) picked.push({ref, verdict: await verdict(ref, listed.find((f) => f.ref === ref)?.verdict)})
  return [...figures.filter((f) => !listed.includes(f)), ...picked]
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

export async function askAdviceFields(
  study: Study,
  given: AdviceInput,
  findingChoices: () => Array<Choice<string>>,
  /** The examples to offer, those that fit the frame and the findings' narratives first. */
  exampleChoices: (frame: null | string | undefined, findings: string[]) => Array<Choice<string> & {fits: boolean}> = () => [],
): Promise<AdviceInput> {
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

  const examples = input.examples === undefined ? exampleChoices(input.frame, input.findings ?? []) : []
  if (examples.length > 0) {
    // What fits the frame and the narratives of the findings comes first; typing narrows the list.
    input.examples = await askSearchCheckbox(
      'Welke instrumenten of inspirerende voorbeelden haalt het advies aan? (typ om te zoeken)',
      examples.map(({fits, ...c}) => (fits ? {...c, name: `${c.name} · past bij dit advies`} : c)),
      {none: 'geen'},
    )
  }

  return input
}
