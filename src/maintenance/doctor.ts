import {chmodSync, lstatSync, readdirSync, unlinkSync} from 'node:fs'
import {join, relative} from 'node:path'

import {isUserError} from '../errors.js'
import {HAS_POSIX_MODES} from '../fs/private.js'
import {describeAge, describeSize, draftHint, DRAFTS_DIR, type DraftFile, listDrafts, removeDrafts, scanDrafts} from '../notes/draft-files.js'
import {
  foreignKeyProblems,
  halteplaatsenInUse,
  integrityProblems,
  interviewersInUse,
  notesWithBrokenHistory,
  orphanTags,
  rebuildSearchIndex,
  searchIndexInStep,
  tagCodesInUse,
} from '../store/health.js'
import {openStore} from '../store/open.js'
import type {Store} from '../store/store.js'
import type {OutputOverride} from '../model/output-override.js'
import {plural} from '../model/plural.js'
import {shortId} from '../records/ids.js'
import {loadStudy, type Study} from '../study/load.js'

export interface Check {
  /** A stable name for scripts (--json). */
  id: string
  /** What was checked, in Dutch. */
  label: string
  ok: boolean
  /** What was found, in Dutch. */
  detail: string
  /** Set when --fix repaired it. */
  fixed?: boolean
  /** What the user can do when it was not (or cannot be) repaired. */
  hint?: string
  /** One line per thing found, when each needs its own words (the drafts in concepten/). */
  items?: string[]
}

export interface DoctorReport {
  checks: Check[]
  /** True when nothing is wrong any more (after repairs). */
  ok: boolean
}

const MAX_LISTED = 5
const listed = (items: string[]) => items.slice(0, MAX_LISTED).join(', ') + (items.length > MAX_LISTED ? ` en nog ${items.length - MAX_LISTED}` : '')

/**
 * Checks a study: study.yaml, file rights, leftovers of interrupted commands, drafts in
 * concepten/, the database (integrity, references, search index, tags, note histories) and
 * study.yaml against the data. With fix, repairs what can be repaired without touching anyone's
 * words: the search index (derived from the notes), file rights, and temporary files the kit
 * itself left behind. A draft holds someone's words, so it goes only with fix and yes both, and
 * only when it is older than a day.
 */
export async function examineStudy(dir: string, options: {cacheDir?: string; fix?: boolean; yes?: boolean} = {}): Promise<DoctorReport> {
  const checks: Check[] = []
  const done = () => ({checks, ok: checks.every((check) => check.ok || check.fixed)})
  let study: Study
  try {
    study = await loadStudy(dir, {cacheDir: options.cacheDir})
    checks.push({detail: `studie "${study.title}" (id ${study.id})`, id: 'study-yaml', label: 'study.yaml', ok: true})
  } catch (error) {
    if (!isUserError(error)) throw error
    checks.push({detail: [error.message, ...error.details].join(' '), hint: error.hint, id: 'study-yaml', label: 'study.yaml', ok: false})
    return done()
  }

  checks.push(checkRights(dir, Boolean(options.fix)), checkLeftovers(dir, Boolean(options.fix)))
  const drafts = await checkDrafts(study, Boolean(options.fix), Boolean(options.fix && options.yes))
  if (drafts) checks.push(drafts)
  let store: Store
  try {
    store = openStore(dir, study.id)
    checks.push({detail: 'geopend, hoort bij deze studie', id: 'database', label: 'Database', ok: true})
  } catch (error) {
    if (!isUserError(error)) throw error
    checks.push({detail: error.message, hint: error.hint, id: 'database', label: 'Database', ok: false})
    return done()
  }

  try {
    checks.push(...checkDatabase(store, study, Boolean(options.fix)))
    const overrides = checkOverrides(store)
    if (overrides) checks.push(overrides)
  } finally {
    store.close()
  }

  return done()
}

function checkDatabase(store: Store, study: Study, fix: boolean): Check[] {
  const checks: Check[] = []
  const restoreHint = 'Dit herstelt karavaan niet zelf. Zet een backup terug met karavaan backup restore BESTAND (voorheen karavaan restore; de huidige database wordt bewaard).'
  const integrity = integrityProblems(store)
  checks.push(
    integrity.length === 0
      ? {detail: 'in orde', id: 'integrity', label: 'Samenhang van de database (integrity_check)', ok: true}
      : {detail: `beschadigd: ${integrity.slice(0, 3).join('; ')}`, hint: restoreHint, id: 'integrity', label: 'Samenhang van de database (integrity_check)', ok: false},
  )

  const foreign = foreignKeyProblems(store)
  checks.push(
    foreign.length === 0
      ? {detail: 'elke verwijzing wijst naar iets dat bestaat', id: 'foreign-keys', label: 'Verwijzingen tussen tabellen', ok: true}
      : {
          detail: foreign.map((f) => `${plural(f.count, 'rij', 'rijen')} in ${f.table} ${f.count === 1 ? 'wijst' : 'wijzen'} naar een ontbrekende rij in ${f.parent}`).join('; '),
          hint: restoreHint,
          id: 'foreign-keys',
          label: 'Verwijzingen tussen tabellen',
          ok: false,
        },
  )

  const searchLabel = 'Zoekindex gelijk met de notities'
  if (searchIndexInStep(store)) {
    checks.push({detail: 'in orde', id: 'search-index', label: searchLabel, ok: true})
  } else if (fix) {
    rebuildSearchIndex(store)
    const ok = searchIndexInStep(store)
    checks.push({detail: ok ? 'liep niet gelijk; opnieuw opgebouwd uit de notities' : 'liep niet gelijk en is na opnieuw opbouwen nog niet in orde', fixed: ok, hint: ok ? undefined : restoreHint, id: 'search-index', label: searchLabel, ok: false})
  } else {
    checks.push({detail: 'loopt niet gelijk met de notities: zoeken kan notities missen', hint: 'Herstel met: karavaan doctor --fix (de index wordt opnieuw opgebouwd; de notities blijven zoals ze zijn).', id: 'search-index', label: searchLabel, ok: false})
  }

  const orphans = orphanTags(store)
  checks.push(
    orphans === 0
      ? {detail: 'elke tag hoort bij een bestaande notitie', id: 'tags', label: 'Tags', ok: true}
      : {detail: `${plural(orphans, 'tag hoort', 'tags horen')} bij een notitie die niet bestaat`, hint: restoreHint, id: 'tags', label: 'Tags', ok: false},
  )

  const broken = notesWithBrokenHistory(store)
  checks.push(
    broken.length === 0
      ? {detail: 'elke notitie heeft een volledige versiegeschiedenis', id: 'versions', label: 'Versies van notities', ok: true}
      : {detail: `${plural(broken.length, 'notitie', 'notities')} met een onvolledige geschiedenis: ${listed(broken.map((id) => id.slice(-8)))}`, hint: restoreHint, id: 'versions', label: 'Versies van notities', ok: false},
  )

  const known = new Set(study.halteplaatsen.map((h) => h.id))
  const unknownPlaces = [...halteplaatsenInUse(store)].filter(([id]) => !known.has(id))
  checks.push(
    unknownPlaces.length === 0
      ? {detail: 'alle halteplaatsen in de gegevens staan in study.yaml', id: 'halteplaatsen', label: 'Halteplaatsen: study.yaml en gegevens', ok: true}
      : {
          detail: `in gebruik maar niet in study.yaml: ${listed(unknownPlaces.map(([id, n]) => `${id} (${n}×)`))}`,
          hint: 'Zet deze halteplaatsen terug in study.yaml (ook als de naam veranderde, moet de id gelijk blijven).',
          id: 'halteplaatsen',
          label: 'Halteplaatsen: study.yaml en gegevens',
          ok: false,
        },
  )

  const team = new Set(study.team.map((member) => member.id))
  const unknownPeople = [...interviewersInUse(store)].filter(([id]) => !team.has(id))
  checks.push(
    unknownPeople.length === 0
      ? {detail: 'elke interviewer van een notitie staat in het team', id: 'team', label: 'Interviewers: study.yaml en notities', ok: true}
      : {
          detail: `op notities maar niet in het team van study.yaml: ${listed(unknownPeople.map(([id, n]) => `${id} (${n}×)`))}`,
          hint: 'Zet deze interviewers terug in het team in study.yaml; wie niet meer meedoet mag blijven staan.',
          id: 'team',
          label: 'Interviewers: study.yaml en notities',
          ok: false,
        },
  )

  const method = study.methodDefinition
  const codes = {narrative: new Set(method.narratives.map((n) => n.id)), theme: new Set(method.themes.map((t) => t.id))}
  const unknownCodes = tagCodesInUse(store).filter((tag) => !codes[tag.kind]?.has(tag.code))
  checks.push(
    unknownCodes.length === 0
      ? {detail: 'elke tag is een narratief of thema uit de methode', id: 'codes', label: 'Narratieven en thema\'s: methode en tags', ok: true}
      : {
          detail: `tags met een code die de methode niet kent: ${listed(unknownCodes.map((t) => `${t.code} (${t.count}×)`))}`,
          hint: 'Zet deze narratieven of thema\'s terug in het methodebestand, of haal de tags weg met karavaan tag rm.',
          id: 'codes',
          label: 'Narratieven en thema\'s: methode en tags',
          ok: false,
        },
  )

  return checks
}

/**
 * Everything in the study folder should be the owner's alone: the notes in inbox/ and
 * concepten/ as much as the database and its backups. Symbolic links are not followed.
 */
function checkRights(dir: string, fix: boolean): Check {
  const label = 'Bestandsrechten (alleen voor jou)'
  if (!HAS_POSIX_MODES) return {detail: 'niet te controleren op Windows; zorg dat de map in je eigen profiel staat', id: 'permissions', label, ok: true}
  const open: string[] = []
  let folders = 0
  const walk = (path: string) => {
    const info = lstatSync(path)
    if (info.isSymbolicLink()) return
    if ((info.mode & 0o077) !== 0) {
      open.push(path)
      if (info.isDirectory()) folders++
      if (fix) chmodSync(path, info.mode & 0o700)
    }

    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }

  walk(dir)
  if (open.length === 0) return {detail: 'de studiemap en alles erin zijn alleen door jou te lezen', id: 'permissions', label, ok: true}
  const names = listed(open.map((path) => relative(dir, path) || '(de studiemap zelf)'))
  const files = open.length - folders
  const what = [files > 0 ? plural(files, 'bestand', 'bestanden') : '', folders > 0 ? plural(folders, 'map', 'mappen') : ''].filter(Boolean).join(' en ')
  if (fix) return {detail: `${what} ${open.length === 1 ? 'was' : 'waren'} ook voor anderen leesbaar; nu alleen voor jou: ${names}`, fixed: true, id: 'permissions', label, ok: false}
  return {detail: `${what} ook voor anderen leesbaar: ${names}`, hint: 'Herstel met: karavaan doctor --fix (dan mag alleen jij ze lezen).', id: 'permissions', label, ok: false}
}

/**
 * Temporary files the kit writes beside the real one outlive a crash: .NAME.PID-TIME.tmp from the
 * private-file writer (study.yaml, drafts, bundles, backups), and NAME.PID.tmp or NAME.PID.deel
 * from the report and table writers (rapport.pdf.PID.deel, tabel.csv.PID.tmp), which a report in
 * rapporten/ leaves behind when it is killed before its rename.
 */
const LEFTOVERS = [
  /^\..+\.(\d+)-[\da-z]+\.tmp(-wal|-shm|-journal)?$/,
  /^.+\.(?:pdf|html|md|csv|xlsx|qdc)\.(\d+)\.(?:tmp|deel)$/,
]

/** The id of the process that wrote name, when name is one of the kit's temporary files. */
function leftoverOwner(name: string): number | undefined {
  for (const pattern of LEFTOVERS) {
    const match = pattern.exec(name)
    if (match) return Number(match[1])
  }

  return undefined
}

/** Whether the process that wrote a temporary file still runs (then it is no leftover yet). */
function ownerRunning(pid: number): boolean {
  if (!pid || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as {code?: string}).code === 'EPERM'
  }
}

const OUTPUT_NAMES: Record<OutputOverride['output'], string> = {bundle: 'bundel', csv: 'CSV', qdpx: 'REFI-QDA', report: 'rapport', xlsx: 'Excel'}

/**
 * The exports and reports written with personal data because the user chose so: no fault, a
 * recorded decision, listed so that it can be accounted for. Only when there are some, so a study
 * without them has the checks it always had.
 */
function checkOverrides(store: Store): Check | undefined {
  const overrides = store.overrides.list()
  if (overrides.length === 0) return undefined
  const items = overrides.map((o) => {
    const where = o.records.length > 0 ? ` in ${listed(o.records.map((r) => `${RECORD_NAMES[r.kind] ?? r.kind} ${shortId(r.id)}`))}` : ''
    return `${o.at.slice(0, 16).replace('T', ' ')}${o.by ? `, ${o.by}` : ''}: ${o.file} (${OUTPUT_NAMES[o.output] ?? o.output}), ${plural(o.hits, 'mogelijk persoonsgegeven', 'mogelijke persoonsgegevens')} (${o.kinds.join(', ')})${where}`
  })
  return {
    detail: `${overrides.length} keer bewust geschreven met --allow-personal-data (of dat antwoord op de vraag); geen fout maar een vastgelegde keuze: ga na of die bestanden alleen staan bij wie ze mag lezen`,
    id: 'output-overrides',
    items,
    label: 'Uitvoer met persoonsgegevens',
    ok: true,
  }
}

const RECORD_NAMES: Record<string, string> = {advice: 'advies', finding: 'bevinding', note: 'notitie', reflection: 'reflectiegesprek', tag: 'tag'}

function checkLeftovers(dir: string, fix: boolean): Check {
  const label = 'Resten van afgebroken opdrachten'
  const found: string[] = []
  const walk = (path: string, depth: number) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      const info = lstatSync(full)
      if (info.isDirectory() && depth < 2) walk(full, depth + 1)
      else if (info.isFile()) {
        const owner = leftoverOwner(name)
        if (owner !== undefined && !ownerRunning(owner)) found.push(full)
      }
    }
  }

  walk(dir, 0)
  if (found.length === 0) return {detail: 'geen', id: 'leftovers', label, ok: true}
  const names = listed(found.map((path) => relative(dir, path)))
  if (!fix) return {detail: `${plural(found.length, 'tijdelijk bestand', 'tijdelijke bestanden')} van een opdracht die werd afgebroken: ${names}`, hint: 'Ruim op met: karavaan doctor --fix (de studie zelf staat er niet in).', id: 'leftovers', label, ok: false}
  for (const file of found) unlinkSync(file)
  return {detail: `${plural(found.length, 'tijdelijk bestand', 'tijdelijke bestanden')} opgeruimd: ${names}`, fixed: true, id: 'leftovers', label, ok: false}
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The drafts a broken-off note add, note edit or material prompt left in concepten/: typed words
 * that were never stored and never passed the privacy guard. Reported only when there are some,
 * so a study without drafts has the checks it always had.
 */
async function checkDrafts(study: Study, fix: boolean, remove: boolean, now = Date.now()): Promise<Check | undefined> {
  const label = `Niet opgeslagen teksten in ${DRAFTS_DIR}/`
  const found = listDrafts(study.dir)
  if (found.length === 0) return undefined
  const old = remove ? found.filter((draft) => now - draft.modifiedMs > DAY_MS) : []
  const removed = removeDrafts(study, old.map((draft) => draft.path))
  const left = found.filter((draft) => !removed.includes(draft.name))
  const gone = removed.length > 0 ? `${removed.length} ${removed.length === 1 ? 'concept' : 'concepten'} ouder dan een dag verwijderd: ${removed.join(', ')}` : ''
  if (left.length === 0) return {detail: gone, fixed: true, id: 'drafts', label, ok: false}
  const hits = await scanDrafts(study, left)
  const items = left.map((draft) => describeDraft(study, draft, hits.get(draft.path) ?? 0, now))
  const waiting = `${left.length} ${left.length === 1 ? 'concept' : 'concepten'} van een opdracht die werd afgebroken`
  const personal = [...hits.values()].filter((count) => count > 0).length
  const detail = [gone, waiting, personal > 0 ? `${personal} ${personal === 1 ? 'bevat' : 'bevatten'} mogelijk persoonsgegevens` : ''].filter(Boolean).join('; ')
  const hint = remove
    ? 'Concepten van minder dan een dag oud blijven staan: lees ze in zoals erbij staat, of wacht een dag.'
    : fix
      ? 'karavaan doctor --fix verwijdert geen concepten. Lees ze in zoals erbij staat (een ingelezen concept ruimt karavaan import zelf op), of verwijder concepten ouder dan een dag met: karavaan doctor --fix --yes'
      : 'Lees ze in zoals erbij staat (een ingelezen concept ruimt karavaan import zelf op), of verwijder concepten ouder dan een dag met: karavaan doctor --fix --yes'
  return {detail, hint, id: 'drafts', items, label, ok: false}
}

function describeDraft(study: Study, draft: DraftFile, hits: number, now: number): string {
  const facts = [`${describeAge(Math.max(0, (now - draft.modifiedMs) / 1000))} oud`, describeSize(draft.size)]
  if (hits > 0) facts.push('bevat mogelijk persoonsgegevens')
  return `${draft.name} (${facts.join(', ')}): ${draftHint(study, draft)}`
}
