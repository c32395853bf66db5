import {existsSync, readFileSync, unlinkSync} from 'node:fs'

import {isPromptExit, isUserError, Stopped, UserError} from '../errors.js'
import {commandPath} from '../notes/draft-files.js'
import {readDraft, renderNoteFile, textLineOffset, writeDraft} from '../notes/draft.js'
import type {RawNoteFields} from '../notes/fields.js'
import {describeHits, type LocatedHit, PersonalDataError} from '../notes/guard.js'
import {NoteFieldsError, type WriteOutcome} from '../notes/service.js'
import type {PersonalDataPolicy} from '../privacy/guard.js'
import type {Study} from '../study/load.js'
import {outsidePeriod} from '../study/period.js'

export interface NoteSessionOptions {
  /** The date the person already confirmed: asked at its prompt, or the note's stored date. */
  confirmedDate?: string
  /** The note's file in concepten/: written before anything can go wrong, removed once saved. */
  draft: string
  /** The short id of the note whose new version this is; none for a new note. */
  editOf?: string
  /** $VISUAL or $EDITOR; without one the text is typed here, line by line. */
  editor?: string
  log: (text: string) => void
  policy: PersonalDataPolicy
  raw: RawNoteFields
  /** The one write of the command: addNote or editNote, with the guard. */
  save: (raw: RawNoteFields, policy: PersonalDataPolicy) => WriteOutcome
  study: Study
  today: string
}

/**
 * A note written in a terminal, new or edited: one path for note add and note edit. Everything
 * the person gives lives in a draft in concepten/ until the note is stored. A mistake (a field
 * that does not hold, personal data, an empty text, a date outside the period) is put right where
 * it is, with the person's own text; a stop, chosen or by Ctrl-C, says where the draft is and how
 * to read it in later.
 */
export class NoteSession {
  private confirmedDate?: string
  /** The draft on disk is behind what the person gave here. */
  private dirty = true
  private raw: RawNoteFields

  constructor(private readonly options: NoteSessionOptions) {
    this.raw = {...options.raw}
    this.confirmedDate = options.confirmedDate
  }

  private get what(): string {
    return this.options.editOf ? 'wijziging' : 'notitie'
  }

  private get text(): string {
    return typeof this.raw.text === 'string' ? this.raw.text : ''
  }

  /**
   * Writes the note: `open` first opens the text (the editor, or typing here), `review` shows the
   * summary with save / change one answer / stop. Returns what the save did; the draft is gone.
   */
  async run(steps: {open?: boolean; review?: 'change' | 'save'}): Promise<WriteOutcome> {
    try {
      if (steps.open) await this.openText()
      if (steps.review) await this.review(steps.review)
      return await this.save()
    } catch (error) {
      if (isPromptExit(error)) throw this.stopped()
      if (isUserError(error)) throw this.withDraft(error)
      throw error
    }
  }

  /**
   * Picks up what an earlier session left in the draft (note edit, continuing); the file is never
   * written over with the stored note, even when it cannot be read. Its problems, if any.
   */
  continueDraft(): string[] {
    this.dirty = false
    const read = readDraft(this.options.draft)
    if (read.raw) this.raw = read.raw
    return read.problems
  }

  private persist(): void {
    if (!this.dirty && existsSync(this.options.draft)) return
    writeDraft(this.options.draft, renderNoteFile(this.raw, this.text))
    this.dirty = false
  }

  private change(raw: RawNoteFields): void {
    this.raw = raw
    this.dirty = true
    this.persist()
  }

  private place(): {file: string; study: string} {
    return commandPath(this.options.study.dir, this.options.draft)
  }

  private stopLabel(): string {
    return `Stoppen (bewaard als concept in ${this.place().file})`
  }

  /** How the person picks the draft up later. */
  private pickUp(): string {
    const place = this.place()
    return this.options.editOf
      ? `Neem hem later over met: karavaan note edit ${this.options.editOf}${place.study}`
      : `Lees hem later in met: karavaan import ${place.file}${place.study}`
  }

  private stopped(): Stopped {
    this.persist()
    return new Stopped(`Gestopt; je ${this.what} staat in ${this.place().file}. ${this.pickUp()}`)
  }

  /** An error that ends the session still says where the person's text is kept. */
  private withDraft(error: UserError): UserError {
    if (error instanceof Stopped) return error
    this.persist()
    // The editor's own hint names the file without knowing how this draft is read in; this one does.
    const own = (error.hint ?? '').replace(/\s*Je tekst staat nog in .*$/, '')
    const kept = `Je ${this.what} staat in ${this.place().file}. ${this.pickUp()}`
    return new UserError(error.message, {data: error.data, details: error.details, hint: own ? `${own} ${kept}` : kept})
  }

  private async select<T>(message: string, choices: Array<{name: string; short?: string; value: T}>): Promise<T> {
    const {askSelect} = await import('../ui/prompts.js')
    return askSelect(message, choices)
  }

  /** The text: in the editor (the whole note file), or typed here; never left empty. */
  private async openText(): Promise<void> {
    if (this.options.editor) await this.openEditor()
    else if (this.text.trim()) await this.changeTypedText()
    else await this.typeText()
  }

  private async openEditor(): Promise<void> {
    const {editFile} = await import('../ui/editor.js')
    const editor = this.options.editor!
    this.persist()
    for (;;) {
      this.options.log(
        this.options.editOf
          ? `De notitie gaat open in ${editor}, met de gegevens bovenaan tussen de regels met ---. Sla op en sluit af.`
          : `De notitie gaat open in ${editor}. Schrijf de tekst onder de tweede regel met ---, sla op en sluit af.`,
      )
      editFile(editor, this.options.draft)
      const read = readDraft(this.options.draft)
      // What the editor left is the person's work: read back or not, it stays as it is in the draft.
      this.dirty = false
      if (read.raw) this.raw = read.raw
      if (read.raw && typeof read.raw.text === 'string' && read.raw.text.trim()) return

      this.options.log(read.raw ? `De notitie heeft nog geen tekst. Hij staat in ${this.place().file}.` : ['De notitie is niet te lezen:', ...read.problems.map((p) => `  - ${p}`), `Je ${this.what} staat in ${this.place().file}.`].join('\n'))
      const choice = await this.select<'open' | 'stop'>('Wat wil je doen?', [
        {name: `Opnieuw openen in ${editor}`, short: 'opnieuw openen', value: 'open'},
        {name: this.stopLabel(), short: 'stoppen', value: 'stop'},
      ])
      if (choice === 'stop') throw this.stopped()
    }
  }

  /** A new text typed line by line; an empty one is asked again. */
  private async typeText(): Promise<void> {
    const {askMultiline} = await import('../ui/multiline.js')
    this.persist()
    let intro = `Typ de notitie. Sluit af met een regel met alleen een punt (.). Tussentijds bewaard in ${this.place().file}.`
    for (;;) {
      const text = await askMultiline(intro, (soFar) => this.change({...this.raw, text: soFar}))
      if (text) {
        this.change({...this.raw, text})
        return
      }

      intro = 'De notitie heeft nog geen tekst. Typ hem alsnog (sluit af met een regel met alleen een punt), of stop met Ctrl-C.'
    }
  }

  /** A text that is there already, changed without an editor: words replaced, or typed anew. */
  private async changeTypedText(): Promise<void> {
    const how = await this.select<'replace' | 'retype'>('Hoe wil je de tekst veranderen?', [
      {name: 'Woorden in de tekst vervangen (of weghalen)', short: 'woorden vervangen', value: 'replace'},
      {name: 'De hele tekst opnieuw typen', short: 'opnieuw typen', value: 'retype'},
    ])
    if (how === 'replace') await this.replaceWords()
    else await this.retype()
  }

  private async replaceWords(): Promise<void> {
    const {askText} = await import('../ui/prompts.js')
    const words = await askText('Welke woorden wil je vervangen? (precies zoals ze in de tekst staan)', {
      validate: (v) => (v.trim() !== '' && this.text.includes(v.trim())) || 'Die woorden staan niet zo in de tekst; typ ze precies over.',
    })
    const by = await askText(`Vervangen door (leeg: "${words}" weghalen)`)
    const count = this.text.split(words).length - 1
    // Words taken out take one space beside them along, so no double space is left where they were.
    const text = by ? this.text.replaceAll(words, by) : this.text.replaceAll(` ${words}`, '').replaceAll(words, '')
    this.change({...this.raw, text})
    this.options.log(`"${words}" ${count === 1 ? '1 keer' : `${count} keer`} ${by ? `vervangen door "${by}"` : 'weggehaald'}.`)
  }

  private async retype(): Promise<void> {
    const {askMultiline} = await import('../ui/multiline.js')
    const before = this.text
    this.options.log(['De tekst nu:', ...before.split('\n').map((line) => `  | ${line}`)].join('\n'))
    try {
      const text = await askMultiline(
        `Typ de nieuwe tekst. Sluit af met een regel met alleen een punt (.); alleen een punt meteen: de tekst blijft zoals hij was. Tussentijds bewaard in ${this.place().file}.`,
        (soFar) => this.change({...this.raw, text: soFar}),
      )
      this.change({...this.raw, text: text || before})
      if (!text) this.options.log('Niets getypt; de tekst blijft zoals hij was.')
    } catch (error) {
      // Ctrl-C halfway through a new text gives up that change, not the text that was there.
      if (isPromptExit(error)) this.change({...this.raw, text: before})
      throw error
    }
  }

  private async review(start: 'change' | 'save'): Promise<void> {
    const [{reviewAnswers}, {askNoteField, noteAnswers}] = await Promise.all([import('../ui/summary.js'), import('../ui/note-prompts.js')])
    const edit = this.options.editOf
    const outcome = await reviewAnswers({
      answers: () => noteAnswers(this.options.study, this.raw),
      change: async (key) => {
        if (key === 'text') await this.openText()
        else {
          const before = this.raw.date
          this.change(await askNoteField(this.options.study, this.raw, key, this.options.today))
          // A date asked at its prompt was confirmed there.
          if (key === 'date' && this.raw.date !== before) this.confirmedDate = String(this.raw.date)
        }
      },
      question: edit ? `Notitie ${edit} opslaan als nieuwe versie?` : 'De notitie opslaan?',
      save: edit ? 'Opslaan als nieuwe versie' : 'Opslaan',
      startWithChange: start === 'change',
      stop: this.stopLabel(),
      title: edit ? `Notitie ${edit}:` : 'De notitie:',
    })
    if (outcome === 'stop') throw this.stopped()
  }

  /** A date outside the period is questioned once, when it was not confirmed at its prompt. */
  private async checkDate(): Promise<void> {
    const date = typeof this.raw.date === 'string' ? this.raw.date.trim() : String(this.raw.date ?? '')
    const {typedDate} = await import('../ui/date-prompt.js')
    const iso = typedDate(date)
    if (!iso || !outsidePeriod(this.options.study.period, iso) || iso === this.confirmedDate) return
    const [{confirmDate}, {askNoteField}] = await Promise.all([import('../ui/date-prompt.js'), import('../ui/note-prompts.js')])
    if (await confirmDate(iso, this.options.study.period)) this.confirmedDate = iso
    else {
      this.change(await askNoteField(this.options.study, this.raw, 'date', this.options.today))
      this.confirmedDate = String(this.raw.date)
    }
  }

  /** Saves through the guard; what it refuses is put right here, never thrown away. */
  private async save(): Promise<WriteOutcome> {
    let policy = this.options.policy
    for (;;) {
      await this.checkDate()
      try {
        const outcome = this.options.save(this.raw, policy)
        if (existsSync(this.options.draft)) unlinkSync(this.options.draft)
        return outcome
      } catch (error) {
        if (error instanceof PersonalDataError) policy = await this.onPersonalData(error.hits, policy)
        else if (error instanceof NoteFieldsError) await this.onFieldProblems(error)
        else throw error
      }
    }
  }

  private async onPersonalData(hits: LocatedHit[], policy: PersonalDataPolicy): Promise<PersonalDataPolicy> {
    this.persist()
    // In the editor the person sees the whole file: name the line there, not in the bare text.
    const offset = this.options.editor ? textLineOffset(readFileSync(this.options.draft, 'utf8')) : 0
    this.options.log(['De notitie bevat persoonsgegevens:', ...describeHits(hits, offset).map((d) => `  - ${d}`)].join('\n'))
    const {askPersonalDataChoice} = await import('../ui/privacy-prompts.js')
    const choice = await askPersonalDataChoice({
      edit: this.options.editor ? `De notitie opnieuw openen in ${this.options.editor} en ze zelf weghalen` : 'Ze zelf weghalen of vervangen',
      stop: this.stopLabel(),
    })
    if (choice === 'stop') throw this.stopped()
    if (choice !== 'edit') return choice
    if (this.options.editor) await this.openEditor()
    else {
      if (hits.some((hit) => hit.part === 'rol')) {
        const {askNoteField} = await import('../ui/note-prompts.js')
        this.change(await askNoteField(this.options.study, this.raw, 'roles', this.options.today))
      }

      if (hits.some((hit) => hit.part === 'tekst')) await this.changeTypedText()
    }

    return policy
  }

  private async onFieldProblems(error: NoteFieldsError): Promise<void> {
    this.persist()
    this.options.log(['Niet alle gegevens van de notitie kloppen:', ...error.details.map((d) => `  - ${d}`)].join('\n'))
    if (!this.options.editor) {
      await this.review('change')
      return
    }

    const choice = await this.select<'open' | 'stop'>('Wat wil je doen?', [
      {name: `Opnieuw openen in ${this.options.editor} en verbeteren`, short: 'opnieuw openen', value: 'open'},
      {name: this.stopLabel(), short: 'stoppen', value: 'stop'},
    ])
    if (choice === 'stop') throw this.stopped()
    await this.openEditor()
  }
}
