import {Args, Flags} from '@oclif/core'

import {readTextFile} from '../../cli/note-flags.js'
import {StudyCommand} from '../../cli/study-command.js'
import {KINDS} from '../../model/kinds.js'
import {shortId} from '../../records/ids.js'
import type {Resolved} from '../../exchange/bundle/conflicts.js'
import {readSettings} from '../../settings/settings.js'
import {formatTimestamp} from '../../parse/date.js'

export default class ConflictsResolve extends StudyCommand {
  static override args = {
    id: Args.string({description: 'Id van de notitie, bevinding, het reflectiegesprek of advies met een conflict (zie karavaan conflicts).', required: true}),
  }

  static override description = `Lost een conflict op met een nieuwe versie die alle concurrerende versies afsluit: de versie die je kiest met --choose, of een tekst die je zelf uit de versies samenvoegt (--text, met de andere gegevens van de gekozen of de getoonde versie). Dat kan bij notities, bevindingen, reflectiegesprekken en adviezen; --text niet bij een reflectiegesprek (dat heeft drie teksten): kies daar een versie en pas die daarna aan met karavaan reflect edit. De oude versies blijven in de geschiedenis (karavaan note history, finding history, …). De oplossing gaat met je volgende bundel mee, zodat het conflict ook op de andere laptops verdwijnt.

In een terminal vraagt het commando welke versie blijft, als je niets meegeeft.`

  static override examples = [
    {command: '<%= config.bin %> conflicts resolve 3f9a21c7 --choose 8d02b4e1', description: 'Versie 8d02b4e1 blijft.'},
    {command: '<%= config.bin %> conflicts resolve 3f9a21c7 --text samengevoegd.txt', description: 'Een tekst die je zelf uit beide versies hebt samengevoegd.'},
    {command: '<%= config.bin %> conflicts resolve 5c81d0e2 --choose a41f9b03', description: 'Ook voor een bevinding, reflectiegesprek of advies: versie a41f9b03 blijft.'},
  ]

  static override flags = {
    // The Dutch spellings of the first versions keep working, unlisted.
    choose: Flags.string({aliases: ['kies'], description: 'De versie die blijft (id uit karavaan conflicts).', helpValue: '<versie-id>'}),
    text: Flags.file({aliases: ['tekst'], description: 'Bestand met de samengevoegde tekst (UTF-8); - leest van de standaardinvoer.', exists: false, helpValue: '<bestand>'}),
  }

  static override summary = 'Los een conflict op: kies een versie of voeg de teksten samen.'

  async run(): Promise<Resolved> {
    const {args, flags} = await this.parse(ConflictsResolve)
    const {store, study} = await this.openStudy(flags.study)
    const {findConflictTarget, listConflicts, resolveConflict} = await import('../../exchange/bundle/conflicts.js')
    let choose = flags.choose
    if (choose === undefined && flags.text === undefined && this.interactive) {
      const target = findConflictTarget(store, args.id)
      const conflict = listConflicts(store).find((c) => c.id === target.id)
      if (conflict) {
        const {askSelect} = await import('../../ui/prompts.js')
        choose = await askSelect(
          `Welke versie van ${conflict.kind} ${shortId(conflict.id)} blijft?`,
          conflict.versions.map((v) => ({
            description: `${conflict.kind === KINDS.note.labels.singular ? '' : `${v.title}\n`}${v.text}`.slice(0, 400),
            name: `${shortId(v.id)} — versie ${v.version}, ${formatTimestamp(v.changedAt)}${v.changedBy ? ` door ${v.changedBy}` : ''}`,
            value: v.id,
          })),
        )
      }
    }

    const text = flags.text === undefined ? undefined : readTextFile(flags.text)
    const by = readSettings(this.config.configDir).interviewer
    const resolved = resolveConflict(store, study, args.id, {by, choose, text})
    const how = text === undefined ? ` met versie ${shortId(resolved.from)}` : ' met de samengevoegde tekst'
    this.log(`Conflict in ${resolved.kind} ${shortId(resolved.id)} opgelost${how}; bewaard als versie ${resolved.version}.`)
    return resolved
  }
}
