import {Args, Flags} from '@oclif/core'
import {existsSync, statSync} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'

import {KaravaanCommand} from '../cli/base-command.js'
import {isPromptExit, isUserError, Stopped, UserError} from '../errors.js'
import {HALTEPLAATS_COUNT} from '../method/contract.js'
import {BUILT_IN_METHOD} from '../method/path.js'
import {requireDate} from '../parse/date.js'
import {type InitAnswers, initDraftPath, readInitDraft, removeInitDraft, writeInitDraft} from '../study/init-draft.js'
import {existingStudy, scaffoldStudy, type ScaffoldResult, type StudyDraft} from '../study/scaffold.js'
import {parseHalteplaatsSpec, parseMemberSpec} from '../study/specs.js'

export default class Init extends KaravaanCommand {
  static override args = {
    map: Args.directory({default: '.', description: 'Map voor de nieuwe studie (wordt gemaakt als hij nog niet bestaat). Standaard: de huidige map.'}),
  }

  static override description = `Maakt een nieuwe Karavaan-studie aan: study.yaml (titel, opdrachtgever, periode, de vier halteplaatsen en het team), de database karavaan.db, de map inbox/ voor notities en de map rapporten/.

In een terminal vraagt init naar wat je niet met opties hebt meegegeven. Zonder terminal (in een script), met --yes of met --json vraagt init niets: geef dan alles met opties mee. Er wordt pas iets geschreven als alles klopt. Een map met een bestaande studie wordt niet overschreven, tenzij je --force geeft; ook dan blijft de database bewaard.`

  static override examples = [
    {command: '<%= config.bin %> init veenland', description: 'Een studie aanmaken; init vraagt naar de gegevens.'},
    {
      command:
        '<%= config.bin %> init veenland --yes --title "Karavaan Veenland 2026" --client "Gemeente Veenstad" --halteplaats "kanaalzone:Kanaalzone:Veenstad:stadswijk" --halteplaats "wendelo:Wendelo:Oost-Veenland:dorp in krimpregio" --halteplaats "vlonders:De Vlonders:Almerwaard:vinex-wijk" --halteplaats "havenkwartier:Havenkwartier:Westerduin:kustplaats" --interviewer "anna:Anna Visser" --interviewer bram',
      description: 'Alles met opties, zonder vragen (voor scripts).',
    },
  ]

  static override flags = {
    client: Flags.string({description: 'Opdrachtgever van het onderzoek.', helpValue: '<naam>'}),
    end: Flags.string({description: 'Einde van het veldwerk, zoals 2026-12-18 of 18-12-2026. Standaard: een jaar na het begin.', helpValue: '<datum>'}),
    force: Flags.boolean({description: 'Schrijf study.yaml opnieuw in een map die al een studie bevat. De oude study.yaml wordt bewaard als .bak; de database blijft staan.'}),
    halteplaats: Flags.string({description: 'Halteplaats als id:Naam:Gemeente:type; precies vier keer.', helpValue: '<id:Naam:Gemeente:type>', multiple: true}),
    interviewer: Flags.string({description: 'Teamlid als id, id:Naam of id:Naam:rol (rol: projectleider, onderzoeker, interviewer of analist; standaard interviewer); mag vaker.', helpValue: '<id:Naam:rol>', multiple: true}),
    method: Flags.string({default: 'karavaan', description: 'De methode: "karavaan" (ingebouwd) of het pad naar een eigen kopie van methods/karavaan.yaml.', helpValue: '<naam|bestand>'}),
    start: Flags.string({description: 'Begin van het veldwerk, zoals 2026-02-02 of 2-2-2026. Standaard: vandaag.', helpValue: '<datum>'}),
    title: Flags.string({description: 'Titel van de studie.', helpValue: '<titel>'}),
    yes: Flags.boolean({char: 'y', description: 'Vraag niets: neem de standaardwaarden voor wat niet is opgegeven.'}),
  }

  static override summary = 'Maak een nieuwe studie aan.'

  async run(): Promise<Omit<ScaffoldResult, 'backup'> & {backup: null | string}> {
    const {args, flags} = await this.parse(Init)
    const present = existingStudy(args.map)
    if ((present.studyFile || present.database) && !flags.force) {
      // Say so before asking a single question.
      throw new UserError(`In ${args.map} staat al een studie; er is niets overschreven.`, {
        hint: 'Kies een andere map, of gebruik --force om study.yaml opnieuw te schrijven (de database blijft altijd bewaard).',
      })
    }

    // Before the first answer is kept in MAP/concepten/.
    if (existsSync(args.map) && !statSync(args.map).isDirectory()) throw new UserError(`${args.map} bestaat al en is geen map; er is niets geschreven.`, {hint: 'Kies een andere naam voor de studiemap.'})

    if (flags.start !== undefined) flags.start = requireDate(flags.start, '--start')
    if (flags.end !== undefined) flags.end = requireDate(flags.end, '--end')

    const given: Partial<StudyDraft> = {
      client: flags.client,
      halteplaatsen: flags.halteplaats?.map((spec) => parseHalteplaatsSpec(spec)),
      method: methodReference(flags.method, args.map),
      period: flags.start || flags.end ? ({end: flags.end, start: flags.start} as StudyDraft['period']) : undefined,
      team: flags.interviewer?.map((spec) => parseMemberSpec(spec)),
      title: flags.title,
    }
    if (given.halteplaatsen && given.halteplaatsen.length !== HALTEPLAATS_COUNT) {
      throw new UserError(`Een Karavaan heeft precies ${HALTEPLAATS_COUNT} halteplaatsen; je gaf er ${given.halteplaatsen.length} met --halteplaats.`, {
        hint: 'Geef --halteplaats vier keer, als id:Naam:Gemeente:type.',
      })
    }

    const defaults = defaultPeriod(flags.start)
    const interactive = this.interactive && !flags.yes
    const draft = interactive ? await this.askDraft(args.map, given, defaults) : completeFromFlags(given, defaults)
    let result: ScaffoldResult
    try {
      result = scaffoldStudy(args.map, draft, {force: flags.force})
    } catch (error) {
      // The answers typed in the terminal are kept; say where, so a refusal costs no retyping.
      if (!interactive || !isUserError(error) || !existsSync(initDraftPath(args.map))) throw error
      throw new UserError(error.message, {details: error.details, hint: [error.hint, `Je antwoorden staan in ${initDraftPath(args.map)}. ${continueLine(args.map)}`].filter(Boolean).join(' ')})
    }

    removeInitDraft(args.map)
    this.log(`Studie "${result.study.title}" aangemaakt in ${result.dir}`)
    this.log(`  study.yaml, karavaan.db${result.keptDatabase ? ' (bestaande database bewaard)' : ''}, inbox/ en rapporten/`)
    if (result.backup) this.log(`  de vorige study.yaml staat in ${result.backup}`)
    this.log('Volgende stap: leg contextcijfers vast (karavaan context import) en plan de gesprekken (karavaan plan set).')
    return {...result, backup: result.backup ?? null}
  }

  /**
   * The questions, the summary with change one answer, and the answers kept in concepten/init.yaml
   * of the new study as they are given: a stop there, chosen or by Ctrl-C, loses none of them.
   */
  private async askDraft(dir: string, given: Partial<StudyDraft>, defaults: {end: string; start: string}): Promise<StudyDraft> {
    const [{askStudyDraft, reviewStudyDraft}, {askSelect}] = await Promise.all([import('../ui/init-prompts.js'), import('../ui/prompts.js')])
    const file = initDraftPath(dir)
    let answers: InitAnswers = given
    const earlier = readInitDraft(dir)
    if (earlier) {
      const goOn = await askSelect(`In ${file} staan de antwoorden van een init die niet is afgemaakt. Wat wil je?`, [
        {name: 'Verder met die antwoorden', short: 'verder', value: true},
        {name: 'Opnieuw beginnen (die antwoorden vervallen)', short: 'opnieuw beginnen', value: false},
      ])
      // What the options give now goes before what was answered then.
      if (goOn) answers = {...earlier, ...definedOnly(given), period: {...earlier.period, ...definedOnly(given.period ?? {})}}
    }

    const keep = (value: InitAnswers) => writeInitDraft(dir, value)
    const stopped = () => new Stopped(`Gestopt; je antwoorden staan in ${file}. ${continueLine(dir)}`)
    try {
      const draft = await askStudyDraft(answers, defaults, keep)
      keep(draft)
      const reviewed = await reviewStudyDraft(draft, {dir, keep, stop: `Stoppen (je antwoorden blijven bewaard in ${file})`})
      if (reviewed.action === 'stop') throw stopped()
      return reviewed.draft
    } catch (error) {
      if (isPromptExit(error) && existsSync(file)) throw stopped()
      throw error
    }
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** "Ga later verder met: karavaan init veenland" */
function continueLine(dir: string): string {
  return `Ga later verder met: karavaan init${dir === '.' ? '' : ` ${/^[\w./@:+-]+$/.test(dir) ? dir : `"${dir}"`}`}`
}

function completeFromFlags(given: Partial<StudyDraft>, defaults: {end: string; start: string}): StudyDraft {
  const missing = [
    given.title ? '' : '--title',
    given.client ? '' : '--client',
    given.halteplaatsen ? '' : `--halteplaats (${HALTEPLAATS_COUNT} keer)`,
    given.team ? '' : '--interviewer',
  ].filter(Boolean)
  if (missing.length > 0) {
    throw new UserError(`Zonder vragen kan init geen studie maken: ${missing.join(', ')} ${missing.length === 1 ? 'ontbreekt' : 'ontbreken'}. Er is niets geschreven.`, {
      hint: 'Geef deze opties mee, of start init in een terminal zonder --yes om de vragen te beantwoorden. Zie: karavaan init --help',
    })
  }

  return {...(given as StudyDraft), period: {end: given.period?.end ?? defaults.end, start: given.period?.start ?? defaults.start}}
}

function defaultPeriod(start?: string): {end: string; start: string} {
  const from = start && /^\d{4}-\d{2}-\d{2}$/.test(start) ? new Date(`${start}T00:00:00Z`) : new Date()
  const begin = from.toISOString().slice(0, 10)
  const until = new Date(Date.UTC(from.getUTCFullYear() + 1, from.getUTCMonth(), from.getUTCDate() - 1))
  return {end: until.toISOString().slice(0, 10), start: begin}
}

/** A method file given on the command line is relative to where the user is; study.yaml keeps it relative to the study. */
function methodReference(method: string, studyDir: string): string {
  if (method === BUILT_IN_METHOD || isAbsolute(method)) return method
  return relative(resolve(studyDir), resolve(method)) || method
}
