import {Flags} from '@oclif/core'

import {agreement, type AgreementReport} from '../../analysis/agreement.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {shortId} from '../../notes/ids.js'
import {halteplaatsName} from '../../study/lookup.js'
import {subjectOf} from '../../ui/note-view.js'
import {renderTable} from '../../ui/table.js'

/** The interviewer of each note, as a coder: the narratives written in the note itself. */
const INTERVIEWER = 'interviewer'

export default class TagAgreement extends StudyCommand {
  static override description = `Meet hoe goed codeurs het eens zijn over de narratieven: voor de notities die door twee codeurs zijn gecodeerd Cohen's kappa per narratief en over alles; bij meer codeurs Krippendorff's alpha; en de lijst van notities waarover ze het oneens zijn, om samen te bespreken.

De interviewer van een notitie telt als codeur "interviewer": dat zijn de narratieven in de notitie zelf. Een andere codeur telt mee voor elke notitie die hij tagde (tag add, tag import, tag review), ook als hij er geen narratief in vond.

Kappa en alpha lopen tot 1 (volledig eens); 0 is niet beter dan toeval. Als vuistregel (Landis en Koch): boven 0,80 uitstekend, 0,61-0,80 goed, 0,41-0,60 matig, daaronder zwak.`

  static override examples = [
    {command: '<%= config.bin %> tag agreement', description: 'Alle codeurs, met de interviewers als één codeur.'},
    {command: '<%= config.bin %> tag agreement --coders interviewer,joost', description: 'De interviewers tegenover de analist.'},
    {command: '<%= config.bin %> tag agreement --coders anna,bram --json', description: 'Twee codeurs, als JSON.'},
  ]

  static override flags = {
    coders: Flags.string({description: 'De codeurs om te vergelijken, met komma\'s (id\'s uit het team, of "interviewer").'}),
  }

  static override summary = 'Meet de overeenstemming tussen codeurs (kappa, alpha).'

  async run(): Promise<AgreementReport> {
    const {flags} = await this.parse(TagAgreement)
    const {store, study} = await this.openStudy(flags.study)
    const coders = flags.coders?.split(',').map((c) => c.trim()).filter(Boolean)
    for (const coder of coders ?? []) {
      if (coder !== INTERVIEWER && !study.team.some((m) => m.id === coder)) {
        throw new UserError(`"${coder}" is geen codeur in deze studie (--coders).`, {hint: `Kies uit: ${[INTERVIEWER, ...study.team.map((m) => m.id)].join(', ')}.`})
      }
    }

    if (coders && coders.length < 2) throw new UserError('Geef minstens twee codeurs om te vergelijken (--coders anna,bram).')
    const method = study.methodDefinition
    const decisions = store.tags.decisions()
    // By default the interviewers (as one coder) come first, then every other coder.
    const others = [...new Set(decisions.map((d) => d.coder))].filter((c) => c !== INTERVIEWER).sort()
    const report = agreement(decisions, method.narratives.map((n) => n.id), {coders: coders ?? [INTERVIEWER, ...others]})
    if (report.units === 0) {
      this.log(`Er zijn nog geen notities die door twee of meer van deze codeurs (${report.coders.join(', ')}) zijn gecodeerd.`)
      this.log('Laat een tweede codeur taggen met karavaan tag add, tag import of tag review.')
      return report
    }

    const value = (n: null | number) => (n === null ? '–' : n.toFixed(2).replace('.', ','))
    const verdict = (n: null | number) => (n === null ? '' : n > 0.8 ? 'uitstekend' : n > 0.6 ? 'goed' : n > 0.4 ? 'matig' : 'zwak')
    const two = report.coders.length === 2
    const main = (row: {alpha: null | number; kappa: null | number}) => (two ? row.kappa : row.alpha)
    this.log(`Codeurs: ${report.coders.join(', ')} · ${report.units} notities door meer dan één van hen gecodeerd\n`)
    this.log(
      renderTable(
        ['narratief', 'eens', two ? 'kappa' : 'alpha', 'oordeel', ...(two ? ['alpha'] : [])],
        [
          ...report.perNarrative.map((row) => {
            const n = method.narratives.find((x) => x.id === row.narrative)!
            return [`${n.number}. ${n.short}`, `${Math.round(row.observed * 100)}%`, value(main(row)), verdict(main(row)), ...(two ? [value(row.alpha)] : [])]
          }),
          ['alles samen', `${Math.round(report.overall.observed * 100)}%`, value(main(report.overall)), verdict(main(report.overall)), ...(two ? [value(report.overall.alpha)] : [])],
        ],
        {align: ['left', 'right', 'right', 'left', 'right']},
      ),
    )
    if (report.disagreements.length > 0) {
      this.log(`\nOm te bespreken (${report.disagreements.length}):`)
      for (const d of report.disagreements.slice(0, 25)) {
        const note = store.notes.get(d.note)!
        const n = method.narratives.find((x) => x.id === d.narrative)!
        this.log(`  - ${shortId(note.id)} (${halteplaatsName(study, note.halteplaats)}, ${subjectOf(study, note)}): ${n.number}. ${n.short} — wel: ${d.tagged.join(', ')}; niet: ${d.notTagged.join(', ')}`)
      }

      if (report.disagreements.length > 25) this.log(`  … en nog ${report.disagreements.length - 25}; alles staat in --json.`)
    }

    return report
  }
}
