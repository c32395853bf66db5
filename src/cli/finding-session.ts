import {existsSync, unlinkSync} from 'node:fs'
import {stringify} from 'yaml'

import {isPromptExit, isUserError, Stopped, UserError} from '../errors.js'
import type {FindingInput} from '../material/findings.js'
import {MaterialPersonalDataError} from '../material/guard.js'
import type {EvidenceInput} from '../material/evidence.js'
import type {EvidenceScope} from '../material/pickers.js'
import type {SimilarFinding} from '../material/similar.js'
import type {WriteOutcome} from '../material/writes.js'
import type {Finding} from '../model/material.js'
import {commandPath} from '../notes/draft-files.js'
import {draftPath, draftStamp, writeDraft} from '../notes/draft.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import type {Study} from '../study/load.js'
import type {Choice} from '../ui/prompts.js'

export interface FindingSessionOptions {
  /** Notes and tagged passages that can back a finding about this scope, the likeliest first. */
  evidenceChoices: (scope: EvidenceScope) => Array<Choice<EvidenceInput>>
  /** The context figures of these halteplaatsen (all for none), to test the finding against. */
  figureChoices?: (halteplaatsen: string[] | undefined) => Array<Choice<string>>
  given: FindingInput
  log: (text: string) => void
  policy: PersonalDataPolicy
  save: (input: FindingInput, policy: PersonalDataPolicy) => WriteOutcome<Finding>
  /** Findings whose title or text is nearly this one's. */
  similar?: (candidate: {text?: string; title?: string}) => SimilarFinding[]
  study: Study
}

/**
 * A finding written in a terminal: the questions, a summary with save / change one answer / stop,
 * and the guard's refusal put right there. Until it is stored, the finding is a file in concepten/
 * that `karavaan material import` reads, written after every answer and while the text is typed.
 */
export async function writeFindingInTerminal(options: FindingSessionOptions): Promise<WriteOutcome<Finding>> {
  const stamp = draftStamp()
  const draft = draftPath(options.study, `bevinding-${stamp}.yaml`)
  const key = `bevinding-${stamp.toLowerCase()}`
  const place = commandPath(options.study.dir, draft)
  let input: FindingInput = {...options.given}
  const keep = (value: FindingInput) => {
    input = value
    writeDraft(draft, renderFindingDraft(key, value, `karavaan material import ${place.file}${place.study}`))
  }

  const pickUp = `Lees hem later in met: karavaan material import ${place.file}${place.study}`
  const stopped = () => {
    // Stopped at the first question: there is nothing to keep.
    if (!existsSync(draft) && Object.values(input).every((value) => value === undefined || (Array.isArray(value) && value.length === 0))) return new Stopped('Gestopt; er is niets opgeslagen.')
    keep(input)
    return new Stopped(`Gestopt; je bevinding staat in ${place.file}. ${pickUp}`)
  }

  const stop = `Stoppen (bewaard als concept in ${place.file})`
  const [{askFindingField, askFindingFields}, {reviewAnswers}, {describeText}, {preferredEditor}] = await Promise.all([
    import('../ui/material-prompts.js'),
    import('../ui/summary.js'),
    import('../ui/note-prompts.js'),
    import('../ui/editor.js'),
  ])
  const review = async (start: 'change' | 'save') => {
    const method = options.study.methodDefinition
    const names = <T extends {id: string; name: string}>(list: readonly T[], ids: readonly string[] | undefined, none: string) => (ids ?? []).map((id) => list.find((x) => x.id === id)?.name ?? id).join(', ') || none
    const action = await reviewAnswers({
      answers: () => [
        {key: 'title' as const, label: 'Titel', value: input.title ?? ''},
        {key: 'text' as const, label: 'Tekst', value: describeText(input.text ?? '')},
        {key: 'halteplaatsen' as const, label: 'Halteplaatsen', value: names(options.study.halteplaatsen, input.halteplaatsen, 'de hele studie')},
        {key: 'themes' as const, label: "Thema's", value: names(method.themes, input.themes, 'geen')},
        {key: 'narratives' as const, label: 'Narratieven', value: names(method.narratives, input.narratives, 'geen')},
        {
          key: 'evidence' as const,
          label: 'Onderbouwing',
          value: input.evidence?.length ? `${input.evidence.length} ${input.evidence.length === 1 ? 'bron' : 'bronnen'}` : 'geen (een concept zonder onderbouwing)',
        },
        {key: 'figures' as const, label: 'Cijfers', value: input.figures?.length ? input.figures.map((f) => f.verdict?.replace('-', ' ') ?? '?').join(', ') : 'geen'},
      ],
      async change(field) {
        if (field === 'text' && input.text && !preferredEditor()) options.log(['De tekst nu:', ...input.text.split('\n').map((line) => `  | ${line}`)].join('\n'))
        const before = input
        let next: FindingInput
        try {
          next = await askFindingField(options.study, input, field, options.evidenceChoices, keep, options.figureChoices)
        } catch (error) {
          // Ctrl-C halfway through a new text gives up that change, not the text that was there.
          if (isPromptExit(error)) input = before
          throw error
        }

        // Typed anew without an editor: only a dot keeps the text that was there.
        if (field === 'text' && !next.text && before.text) next.text = before.text
        keep(next)
      },
      question: 'De bevinding opslaan?',
      save: 'Opslaan',
      startWithChange: start === 'change',
      stop,
      title: 'De bevinding:',
    })
    if (action === 'stop') throw stopped()
  }

  try {
    // A finding that is nearly one there already: said right after the text, before the lists.
    const afterText = async (answered: FindingInput) => {
      const similar = options.similar?.({text: answered.text ?? '', title: answered.title}) ?? []
      if (similar.length === 0) return
      const [{similarWarning}, {askSelect}] = await Promise.all([import('../ui/material-view.js'), import('../ui/prompts.js')])
      options.log(similarWarning(similar))
      const goOn = await askSelect('Toch een nieuwe bevinding maken?', [
        {name: 'ja, dit is een andere bevinding', value: true},
        {name: `nee, stoppen (bewaard als concept in ${place.file})`, value: false},
      ])
      if (!goOn) throw stopped()
    }

    input = await askFindingFields(options.study, input, options.evidenceChoices, {afterText, answer: keep, text: keep}, options.figureChoices)
    keep(input)
    await review('save')
    let policy = options.policy
    for (;;) {
      try {
        const outcome = options.save(input, policy)
        if (existsSync(draft)) unlinkSync(draft)
        return outcome
      } catch (error) {
        if (!isUserError(error)) throw error
        options.log([error.message, ...error.details.map((d) => `  - ${d}`)].join('\n'))
        if (!(error instanceof MaterialPersonalDataError)) {
          await review('change')
          continue
        }

        const {askPersonalDataChoice} = await import('../ui/privacy-prompts.js')
        const choice = await askPersonalDataChoice({edit: 'Ze zelf weghalen (de titel of de tekst veranderen)', stop})
        if (choice === 'stop') throw stopped()
        if (choice === 'edit') await review('change')
        else policy = choice
      }
    }
  } catch (error) {
    if (isPromptExit(error)) throw stopped()
    if (isUserError(error) && !(error instanceof Stopped)) {
      keep(input)
      throw new UserError(error.message, {data: error.data, details: error.details, hint: [error.hint?.replace(/\s*Je tekst staat nog in .*$/, ''), `Je bevinding staat in ${place.file}. ${pickUp}`].filter(Boolean).join(' ')})
    }

    throw error
  }
}

/** The finding as one entry of a file for `karavaan material import`. */
function renderFindingDraft(key: string, input: FindingInput, command: string): string {
  const finding: Record<string, unknown> = {key, title: input.title ?? ''}
  if (input.text !== undefined) finding.text = input.text
  for (const field of ['halteplaatsen', 'themes', 'narratives', 'evidence'] as const) if (input[field]?.length) finding[field] = input[field]
  if (input.figures?.length) finding.cijfers = input.figures.map((f) => ({...(f.ref ? {id: f.ref} : {}), ...(f.indicator ? {indicator: f.indicator} : {}), ...(f.halteplaats ? {halteplaats: f.halteplaats} : {}), ...(f.year ? {jaar: f.year} : {}), ...(f.verdict ? {oordeel: f.verdict} : {})}))
  return `# Een bevinding die nog niet is opgeslagen. Lees hem in met: ${command}\n${stringify({findings: [finding]}, {lineWidth: 0})}`
}
