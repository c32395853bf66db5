import {Flags} from '@oclif/core'
import {once} from 'node:events'

import {noteFilterFlags} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {checkFilter} from '../../notes/filter.js'
import {shortId} from '../../records/ids.js'
import {requireNote} from '../../notes/lookup.js'
import {MIN_EXAMPLES} from '../../tagging/model.js'
import {type StudyModel, studyModelOffThread} from '../../tagging/study-model.js'
import type {Method} from '../../method/schema.js'
import {suggestInParallel, suggestionsAsJson} from '../../tagging/suggest-parallel.js'
import {formatDate} from '../../parse/date.js'
import {colorOnStdout, formatScore, marks, matchedWords, quotedSentence} from '../../ui/suggestion-view.js'
import {plural} from '../../model/plural.js'

/** The last line of tag suggest: whether the study's model took part, what it learned from, and if not, why. */
function modelStatusLine(learned: StudyModel, method: Method): string {
  const {coded, corpus, retrained} = learned.status
  const codedNotes = plural(coded, 'gecodeerde notitie', 'gecodeerde notities')
  if (learned.model) {
    const numbers = learned.status.narratives.map((id) => method.narratives.find((n) => n.id === id)!.number)
    const from = corpus > 0 ? `geleerd van ${corpus.toLocaleString('nl-NL')} ${corpus === 1 ? 'tekst' : 'teksten'} uit het korpus van de kit en ${codedNotes} van jullie` : `geleerd van ${codedNotes}`
    return `Het model van deze studie (${from}${retrained ? ', zojuist bijgewerkt' : ''}) weegt mee bij narratief ${numbers.join(', ')}.`
  }

  return `Alleen de cues: de kit leert mee zodra er per narratief minstens ${MIN_EXAMPLES} notities met en ${MIN_EXAMPLES} zonder zijn gecodeerd, en het model daarmee in een proef op jullie eigen codering minstens zo precies is als de cues (nu ${codedNotes}).`
}

export default class TagSuggest extends StudyCommand {
  static override description = `Stelt narratieven voor bij notities, met de reden: de woorden in een zin die passen bij de woorden of uitdrukkingen (cues) uit het methodebestand, gemarkeerd, en die zin. Een voorstel is nooit een tag: neem het over met karavaan tag review of karavaan tag add.

De cues staan per narratief in methods/karavaan.yaml (of in de eigen kopie van de studie), zodat je ze kunt lezen en aanvullen. De kit vergelijkt woordstammen ("loketten" past bij "loket") en let op ontkenningen ("het loket is gelukkig nog gewoon open" telt niet). Narratieven die al op een notitie staan, worden niet nog eens voorgesteld, tenzij je --all geeft.

Daarnaast weegt een klein model van deze studie mee. Het begint met het korpus van de kit (bijna 2.000 verzonnen veldnotities en fragmenten van acht schrijvers, elk met de narratieven die erin zitten) en leert van jullie eigen codering, die vier keer zo zwaar weegt. Als reden noemt het de woorden van de zin die in het korpus en deze studie vaak bij het narratief staan. Het model staat in de studiemap (narratiefmodel.json) en gaat nooit mee in een bundel of export. Met --no-model alleen de cues.`

  static override examples = [
    {command: '<%= config.bin %> tag suggest --halteplaats wendelo', description: 'Voorstellen voor alle notities uit Wendelo.'},
    {command: '<%= config.bin %> tag suggest --note 3f9a21c7', description: 'Voorstellen voor één notitie.'},
    {command: '<%= config.bin %> tag suggest --json > voorstellen.json', description: 'Als JSON: {note, narrative, score, cues, matched, sentence, start, end, model: {probability, words}}.'},
    {command: '<%= config.bin %> tag suggest --no-model', description: 'Alleen de cues, zonder het model.'},
  ]

  static override flags = {
    ...noteFilterFlags,
    all: Flags.boolean({description: 'Stel ook narratieven voor die al op de notitie staan.'}),
    model: Flags.boolean({allowNo: true, default: true, description: 'Laat het model van deze studie meewegen (geleerd van het korpus van de kit en jullie codering); --no-model: alleen de cues.'}),
    note: Flags.string({description: 'Alleen voor deze notitie.', helpValue: '<id>'}),
  }

  static override summary = 'Stel narratieven voor bij notities, met de reden.'

  async run(): Promise<undefined> {
    const {flags} = await this.parse(TagSuggest)
    const {store, study} = await this.openStudy(flags.study)
    const method = study.methodDefinition
    const filter = checkFilter(study, flags)
    const notes = flags.note ? [requireNote(store, flags.note)] : store.notes.iterateTexts(filter)
    const learned = flags.model ? await studyModelOffThread(store, study) : undefined
    const matching = {all: flags.all, expected: flags.note ? 1 : store.notes.count(filter), model: learned?.model?.data}
    if (this.jsonEnabled()) {
      // Streamed, one suggestion at a time: a study of 100,000 notes gives some 150,000 of them,
      // which oclif's pretty-printed JSON would first build in memory as a whole.
      // Streamed in chunks of about 64 kB: one write per suggestion cost half a second on 100,000 notes.
      let count = 0
      let chunk = '['
      for await (const json of suggestionsAsJson(notes, method, matching)) {
        chunk += `${count++ === 0 ? '\n' : ',\n'}  ${json}`
        if (chunk.length < 65_536) continue
        const flushed = process.stdout.write(chunk)
        chunk = ''
        if (!flushed) await once(process.stdout, 'drain')
      }

      process.stdout.write(`${chunk}${count === 0 ? ']\n' : '\n]\n'}`)
      return undefined
    }

    const suggestions = suggestInParallel(notes, method, matching)
    const style = marks(colorOnStdout())
    let count = 0
    let lastNote = ''
    for await (const suggestion of suggestions) {
      count++
      if (suggestion.note !== lastNote) {
        const note = store.notes.get(suggestion.note)!
        this.log(`\n${shortId(note.id)} · ${study.halteplaatsen.find((h) => h.id === note.halteplaats)?.name} · ${note.group ?? note.activity} · ${formatDate(note.date)}`)
        lastNote = suggestion.note
      }

      const narrative = method.narratives.find((n) => n.id === suggestion.narrative)!
      const reason = suggestion.cues.length > 0 ? `door: ${matchedWords(suggestion, style)}` : 'door het model van deze studie'
      this.log(`  ${narrative.number}. ${narrative.short} (${formatScore(suggestion.score)}) — ${reason}`)
      if (suggestion.model && suggestion.model.words.length > 0) {
        this.log(`     in het korpus en deze studie vaak bij narratief ${narrative.number}: ${suggestion.model.words.join(', ')}`)
      }

      this.log(`     ${quotedSentence(suggestion.sentence)}`)
    }

    this.log(count === 0 ? 'Geen nieuwe voorstellen.' : `\n${plural(count, 'voorstel', 'voorstellen')}. Neem ${count === 1 ? 'het' : 'ze'} over met: karavaan tag review`)
    if (learned) this.log(modelStatusLine(learned, method))
    return undefined
  }
}
