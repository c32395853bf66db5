import {reflectionFlags, reflectionFromFlags} from '../../cli/material-flags.js'
import {replacedLine, writeOptionsOf} from '../../cli/material-writes.js'
import {privacyFlagsFor} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {UserError} from '../../errors.js'
import {findingChoices} from '../../material/pickers.js'
import {addReflection, type ReflectionInput} from '../../material/reflections.js'
import type {Reflection} from '../../model/material.js'
import {shortId} from '../../records/ids.js'
import {halteplaatsName} from '../../study/lookup.js'
import {formatDate} from '../../parse/date.js'
import {theKind} from '../../model/kinds.js'

export default class ReflectAdd extends StudyCommand {
  static override description = `Legt een reflectiegesprek vast: per halteplaats het gesprek waarin vertegenwoordigers van de groepen en betrokkenen het beeld van de Karavaan toetsen. Je noteert de datum, wie er waren (naar rol en aantal, nooit met namen), en wat het gesprek bevestigde, nuanceerde en aanvulde — met de bevindingen waar dat over ging.

Rollen: bewoners, jongeren, sleutelfiguren, ondernemers, professionals, ambtenaren, bestuurders, raadsleden en onderzoekers (de lijst staat in het methodebestand, onder reflectionRoles).

In een terminal vraagt reflect add wat je niet met opties gaf, met lijsten voor de halteplaats, de rollen en de bevindingen.`

  static override examples = [
    {command: '<%= config.bin %> reflect add', description: 'Stap voor stap invullen.'},
    {
      command: '<%= config.bin %> reflect add --halteplaats wendelo --date 2026-10-06 --participant bewoners:5 --participant ambtenaren:2 --confirmed "Het verdwijnen van de bus raakt vooral ouderen." --confirms 3f9a21c7 --nuanced "De dorpsraad voelt zich wel gehoord." --nuances 8d0e5a11',
      description: 'Alles met opties.',
    },
  ]

  static override flags = {...reflectionFlags, ...privacyFlagsFor(theKind('reflection'))}

  static override summary = 'Leg een reflectiegesprek vast.'

  async run(): Promise<Reflection> {
    const {flags} = await this.parse(ReflectAdd)
    const {store, study} = await this.openStudy(flags.study)
    let input: ReflectionInput = reflectionFromFlags(flags)
    if (this.interactive) {
      const {askReflectionFields} = await import('../../ui/material-prompts.js')
      input = await askReflectionFields(study, input, new Date().toISOString().slice(0, 10), () => findingChoices(store))
    } else {
      const missing = [input.halteplaats ? '' : '--halteplaats', input.date ? '' : '--date'].filter(Boolean)
      if (missing.length > 0) throw new UserError(`Zonder vragen kan reflect add het gesprek niet opslaan: ${missing.join(' en ')} ontbreekt.`, {hint: 'Geef deze opties mee, of start reflect add in een terminal. Zie: karavaan reflect add --help'})
    }

    const outcome = addReflection(store, study, input, writeOptionsOf(this.config.configDir, flags))
    const r = outcome.record
    this.log([`Opgeslagen: reflectiegesprek ${shortId(r.id)} (${halteplaatsName(study, r.halteplaats)}, ${formatDate(r.date)}).`, ...replacedLine(outcome.replaced)].join('\n'))
    return r
  }
}
