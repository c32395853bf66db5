import {Args, Flags, type Interfaces} from '@oclif/core'

import {requireRecord, type RecordOf} from '../records/registry.js'
import {HISTORY_CONTENT, HISTORY_TITLES, recordAtVersion, versionsOf} from '../material/kinds.js'
import {removeRecord, restoreRecord} from '../records/trash.js'
import {capitalise, KINDS, type KindId, type MaterialKindId, theKind} from '../model/kinds.js'
import type {MaterialVersion} from '../model/material.js'
import {shortId} from '../records/ids.js'
import {readSettings} from '../settings/settings.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {requireAudience, requireHalteplaats, requireNarrative, requireTheme} from '../study/lookup.js'
import {useColour} from '../ui/diff-view.js'
import {renderMaterialHistory} from '../ui/material-view.js'
import {StudyCommand} from './study-command.js'

/*
 * The commands every kind of record has, made from the registry (src/model/kinds.ts): the nouns,
 * articles and pronouns of their help and messages come from there, so `finding rm` and
 * `advice rm` differ only where the kinds really differ.
 */

type Example = string | {command: string; description: string}

/** Help that cannot be said from the nouns alone. */
export interface HelpText {
  description: string
  examples: Example[]
}

export interface TrashOptions {
  /** The help in full, for a kind whose text does not follow the pattern. */
  description?: string
  /** Where a record in the trash stops counting: "lijsten en het rapport" unless given. */
  hides?: string
  /** The description of the id argument, for a kind whose text does not follow the pattern. */
  id?: string
}

/** `<topic> rm` and `<topic> restore`: moving a record to the trash and back. */
export function trashCommand(kind: KindId, verb: 'restore' | 'rm', options: TrashOptions = {}): typeof StudyCommand {
  const {labels, topic} = KINDS[kind]
  const help =
    verb === 'rm'
      ? {
          description: `Verplaatst een ${labels.singular} naar de prullenbak. ${capitalise(labels.subject)} telt dan niet meer mee in ${options.hides ?? 'lijsten en het rapport'}, maar ${labels.subject} blijft bewaard met al ${labels.possessive} versies. Terugzetten kan altijd met karavaan ${topic} restore.`,
          id: `Id van ${theKind(kind)} (de korte id is genoeg).`,
          summary: `Verplaats een ${labels.singular} naar de prullenbak.`,
        }
      : {
          description: `Haalt een ${labels.singular} terug uit de prullenbak, zoals ${labels.subject} was.`,
          id: `Id in de prullenbak (zie karavaan ${topic} list --deleted).`,
          summary: `Zet een ${labels.singular} terug uit de prullenbak.`,
        }

  const command = class extends StudyCommand {
    static override args = {id: Args.string({description: options.id ?? help.id, required: true})}
    static override description = options.description ?? help.description
    static override examples = [`<%= config.bin %> ${topic} ${verb} 3f9a21c7`]
    static override summary = help.summary

    async run(): Promise<RecordOf[KindId]> {
      const {args, flags} = await this.parse(command)
      const {store} = await this.openStudy(flags.study)
      const by = readSettings(this.config.configDir).interviewer
      if (verb === 'restore') {
        const record = restoreRecord(store, kind, args.id, by)
        this.log(`${labels.capital} ${shortId(record.id)} is teruggezet.`)
        return record
      }

      const record = removeRecord(store, kind, args.id, by)
      this.log(`${labels.capital} ${shortId(record.id)} staat in de prullenbak. Terugzetten: karavaan ${topic} restore ${shortId(record.id)}`)
      return record
    }
  }
  return command
}

/** `<topic> history`: every version of a finding, reflection or advice. */
export function historyCommand<K extends MaterialKindId>(kind: K): typeof StudyCommand {
  const {topic} = KINDS[kind]
  const the = theKind(kind)
  const command = class extends StudyCommand {
    static override args = {id: Args.string({description: `Id van ${the}.`, required: true})}
    static override description = `Toont elke versie van ${the}: wanneer, door wie en wat er gebeurde (aangemaakt, bewerkt, naar de prullenbak, teruggezet). Van de eerste versie zie je de hele tekst; van elke latere versie wat er veranderde: welke velden, en woord voor woord wat er uit de tekst ging [-zo-] en wat erbij kwam {+zo+}. Met --json krijg je per versie de hele inhoud. Geen versie gaat ooit verloren.`
    static override examples = [`<%= config.bin %> ${topic} history 3f9a21c7`, `<%= config.bin %> ${topic} history 3f9a21c7 --json`]
    static override summary = `Toon alle versies van ${the}.`

    async run(): Promise<Array<MaterialVersion<RecordOf[K]>>> {
      const {args, flags} = await this.parse(command)
      const {store, study} = await this.openStudy(flags.study)
      const versions = versionsOf(store, kind, requireRecord(store, kind, args.id).id)
      const content = (data: RecordOf[K]) => HISTORY_CONTENT[kind](data, study)
      this.log(renderMaterialHistory(versions, (data) => HISTORY_TITLES[kind](data, study), content, {colour: useColour()}))
      return versions
    }
  }
  return command
}

export interface ShowOptions<K extends MaterialKindId, R> extends HelpText {
  /** The description of the id argument, when it says more than the pattern. */
  id?: string
  /** What the command prints and returns for one version of the record. */
  view(store: Store, study: Study, record: RecordOf[K], options: {version?: number}): {data: R; text: string}
}

/** `<topic> show`: one record, or one of its earlier versions with --version. */
export function showCommand<K extends MaterialKindId, R>(kind: K, options: ShowOptions<K, R>): typeof StudyCommand {
  const {labels} = KINDS[kind]
  const command = class extends StudyCommand {
    static override args = {id: Args.string({description: options.id ?? `Id van ${theKind(kind)} (de korte id is genoeg).`, required: true})}
    static override description = options.description
    static override examples = options.examples
    static override flags = {version: Flags.integer({description: 'Toon deze (eerdere) versie.', helpValue: '<nummer>', min: 1})}
    static override summary = `Toon een ${labels.singular}.`

    async run(): Promise<R> {
      const {args, flags} = await this.parse(command)
      const {store, study} = await this.openStudy(flags.study)
      const current = requireRecord(store, kind, args.id)
      const record = flags.version === undefined ? current : recordAtVersion(store, kind, current, flags.version)
      const {data, text} = options.view(store, study, record, {version: flags.version})
      this.log(text)
      return data
    }
  }
  return command
}

/** The filters a list can offer; each value is checked against the study before the list is read. */
export interface ListFilter {
  audience?: string
  deleted?: boolean
  draft?: boolean
  finding?: string
  halteplaats?: string
  narrative?: string
  theme?: string
}

type FilterFlags = {[F in Exclude<keyof ListFilter, 'deleted'>]?: Interfaces.FlagInput[string]}

export interface ListOptions<T> extends HelpText {
  /** The kind's own filters; their names say how a value is checked (a --theme must be a theme). */
  filters: FilterFlags
  list(store: Store, study: Study, filter: ListFilter): T[]
  render(study: Study, records: T[]): string
}

/** `<topic> list`: the records of a kind, filtered, with --deleted for the trash. */
export function listCommand<T>(kind: MaterialKindId, options: ListOptions<T>): typeof StudyCommand {
  const {plural} = KINDS[kind].labels
  const flags = {deleted: Flags.boolean({description: `Toon de ${plural} in de prullenbak.`, helpGroup: 'FILTER'}), ...options.filters}
  const command = class extends StudyCommand {
    static override description = options.description
    static override examples = options.examples
    // In the order of their names, as every command lists its flags.
    static override flags = Object.fromEntries(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b))) as Interfaces.FlagInput
    static override summary = `Toon de ${plural}.`

    async run(): Promise<T[]> {
      const {flags} = await this.parse(command)
      const {store, study} = await this.openStudy(flags.study)
      const records = options.list(store, study, checkListFilter(store, study, flags as ListFilter))
      this.log(options.render(study, records))
      return records
    }
  }
  return command
}

/** The filter with every value checked and written as the store knows it (a narrative's number as its id). */
function checkListFilter(store: Store, study: Study, flags: ListFilter): ListFilter {
  const given = <V>(value: V | undefined, check: (value: V) => V) => (value === undefined ? undefined : check(value))
  return {
    theme: given(flags.theme, (theme) => requireTheme(study, theme)),
    narrative: given(flags.narrative, (narrative) => requireNarrative(study, narrative)),
    halteplaats: given(flags.halteplaats, (halteplaats) => requireHalteplaats(study, halteplaats)),
    audience: given(flags.audience, (audience) => requireAudience(study, audience)),
    finding: given(flags.finding, (finding) => requireRecord(store, 'finding', finding).id),
    deleted: flags.deleted,
    draft: flags.draft ? true : undefined,
  }
}
