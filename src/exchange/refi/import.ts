import {readFileSync, statSync} from 'node:fs'
import {basename} from 'node:path'

import {UserError} from '../../errors.js'
import type {NewTag} from '../../store/tags.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {codePointLength} from '../../tagging/passage.js'
import {prepareTag, saveTag} from '../../tagging/tags.js'
import {frontMatterThemeId, type TagKind} from '../../model/tag.js'
import {readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits} from '../safe-zip.js'
import {codeIndex} from './codebook.js'
import {normalGuid} from './guid.js'
import {PROJECT_FILE, userGuid} from './project.js'
import {unreadablePath} from '../../fs/unreadable.js'
import {plural} from '../../model/plural.js'

const MiB = 1024 * 1024

/** A .qdpx of 100,000 notes is about 100 MB; these limits leave room and stop what is absurd. */
export const QDPX_LIMITS: ZipLimits & {maxFileBytes: number} = {
  maxEntries: 500_000,
  maxEntryBytes: 256 * MiB,
  maxFileBytes: 1024 * MiB,
  maxRatio: 200,
  maxTotalBytes: 1024 * MiB,
  ratioFromBytes: MiB,
}

export interface QdpxImportOptions {
  /** Team id for codings whose user the kit does not know (or that have none). */
  coder?: string
  dryRun?: boolean
}

export interface QdpxImportReport {
  dryRun: boolean
  /** Codings that were already there: the kit's own tags, or the same tag made again. */
  existing: number
  /** Sources that are notes of this study. */
  notes: number
  /** Codes of the other tool that are no narrative or theme of the method. */
  skippedCodes: string[]
  /** Sources that are not notes of this study, or whose text was changed, with the reason. */
  skippedSources: Array<{name: string; reason: string}>
  tagged: number
}

type Attributes = Record<string, unknown>

/**
 * Brings back codings made in another QDA tool on notes that came from this kit: every coded
 * passage on a note (found by its GUID, which is the note's id) with a narrative or theme of the
 * method becomes a tag of the coder the tool's user stands for. A passage over the whole text
 * becomes a tag on the whole note. Sources and codes the kit does not know are skipped and
 * listed; anything else wrong stops the import before anything is stored. The kit's own tags
 * (their ids are the codings' GUIDs) are recognised, so a round trip changes nothing.
 */
export async function importQdpx(store: Store, study: Study, file: string, options: QdpxImportOptions = {}): Promise<QdpxImportReport> {
  const label = basename(file)
  const {project, zip, entries} = await readProject(file, label)

  const root = project.Project as Attributes | undefined
  if (!root || typeof root !== 'object') throw new UserError(`${label} is geen REFI-QDA-project: project.qde begint niet met <Project>.`)

  const coders = userMap(study, list((root.Users as Attributes | undefined)?.User))
  const codes = codeMap(study, list((root.CodeBook as Attributes | undefined)?.Codes && ((root.CodeBook as Attributes).Codes as Attributes).Code))
  const report: QdpxImportReport = {dryRun: Boolean(options.dryRun), existing: 0, notes: 0, skippedCodes: [], skippedSources: [], tagged: 0}
  const skippedCodes = new Set<string>()
  const unknownUsers = new Set<string>()
  const details: string[] = []
  const wanted: NewTag[] = []

  const sources = (root.Sources ?? {}) as Attributes
  for (const [kind, value] of Object.entries(sources)) {
    if (kind === 'TextSource' || kind.startsWith('#')) continue
    for (const other of list(value)) report.skippedSources.push({name: String((other as Attributes).name ?? kind), reason: 'geen tekst'})
  }

  const textSources = list(sources.TextSource) as Attributes[]
  const notes = store.notes.getMany(textSources.flatMap((source) => candidateIds(source)))
  const codingGuids = textSources.flatMap((source) => [...list(source.Coding), ...(list(source.PlainTextSelection) as Attributes[]).flatMap((s) => list(s.Coding))])
  const ownTags = store.tags.known(codingGuids.map((coding) => normalGuid(String((coding as Attributes).guid ?? ''))).filter((guid): guid is string => guid !== undefined))
  for (const source of textSources) {
    const name = decodeXmlText(String(source.name ?? source.guid ?? '?'))
    const note = candidateIds(source).map((id) => notes.get(id)).find(Boolean)
    if (!note) {
      report.skippedSources.push({name, reason: 'geen notitie van deze studie'})
      continue
    }

    if (note.deletedAt) {
      report.skippedSources.push({name, reason: 'de notitie staat in de prullenbak'})
      continue
    }

    const theirText = sourceText(zip, entries, source, label)
    const toOurs = theirText === undefined ? (p: number) => p : positionMap(theirText, note.text)
    if (!toOurs) {
      report.skippedSources.push({name, reason: 'de tekst is in het andere programma gewijzigd, dus de posities kloppen niet meer'})
      continue
    }

    report.notes++
    const length = codePointLength(note.text)
    const selections = list(source.PlainTextSelection) as Attributes[]
    const whole = list(source.Coding).map((coding) => ({coding: coding as Attributes, end: length, selection: {} as Attributes, start: 0}))
    const codings = [
      ...whole,
      ...selections.flatMap((selection) => list(selection.Coding).map((coding) => ({coding: coding as Attributes, end: Number(selection.endPosition), selection, start: Number(selection.startPosition)}))),
    ]
    for (const {coding, end, selection, start} of codings) {
      const codingGuid = normalGuid(String(coding.guid ?? ''))
      // The kit's own tag, also one removed since the export: never brought back.
      if (codingGuid && ownTags.has(codingGuid)) {
        report.existing++
        continue
      }

      const codeRef = normalGuid(String((coding.CodeRef as Attributes | undefined)?.targetGUID ?? ''))
      const code = codeRef ? codes.get(codeRef) : undefined
      if (!code) {
        skippedCodes.add(codeRef ? (codes.names.get(codeRef) ?? codeRef) : '(zonder code)')
        continue
      }

      if (code.kind === 'theme' && codingGuid === frontMatterThemeId(note.id, code.code)) {
        report.existing++
        continue
      }

      const where = `${name}, passage ${selection.startPosition ?? 0}-${selection.endPosition ?? length}`
      const from = toOurs(start)
      const to = toOurs(end)
      if (!Number.isInteger(start) || !Number.isInteger(end) || from === undefined || to === undefined || from < 0 || to > length || from >= to) {
        details.push(`${where}: de posities vallen buiten de tekst (die is ${plural(length, 'teken', 'tekens')} lang)`)
        continue
      }

      const userRef = normalGuid(String(coding.creatingUser ?? selection.creatingUser ?? ''))
      const coder = (userRef ? coders.get(userRef) : undefined) ?? options.coder
      if (!coder) {
        unknownUsers.add(userRef ? (coders.names.get(userRef) ?? userRef) : '(geen gebruiker)')
        continue
      }

      const onWhole = from === 0 && to === length
      if (onWhole && code.kind === 'theme' && coder === note.interviewer && note.themes.includes(code.code)) {
        report.existing++
        continue
      }

      try {
        const tag = prepareTag(store, study, {code: code.code, coder, end: onWhole ? undefined : to, note: note.id, noteId: note.id, origin: 'import', start: onWhole ? undefined : from})
        // A passage over the whole text that the kit already has as one is the same tag.
        if (onWhole && store.tags.findSame({...tag, end: length, start: 0})) {
          report.existing++
          continue
        }

        wanted.push(tag)
      } catch (error) {
        if (!(error instanceof UserError)) throw error
        details.push(`${where}: ${error.message}`)
      }
    }
  }

  if (unknownUsers.size > 0) {
    throw new UserError(`${label}: de kit weet niet welke codeur ${unknownUsers.size === 1 ? 'deze gebruiker is' : 'deze gebruikers zijn'}: ${[...unknownUsers].join(', ')}. Er is niets ingelezen.`, {
      hint: `Zet ze in het team van study.yaml (met als naam of id dezelfde naam als in het andere programma), of geef --coder ID om hun coderingen aan één codeur uit het team toe te schrijven. Het team: ${study.team.map((m) => m.id).join(', ')}.`,
    })
  }

  if (details.length > 0) {
    throw new UserError(`${label}: ${details.length} ${details.length === 1 ? 'codering is' : 'coderingen zijn'} niet in orde; er is niets ingelezen.`, {details: details.slice(0, 50)})
  }

  report.skippedCodes = [...skippedCodes].sort()
  if (options.dryRun) {
    const seen = new Set<string>()
    for (const tag of wanted) {
      const key = JSON.stringify(tag)
      if (seen.has(key) || store.tags.findSame(tag)) report.existing++
      else report.tagged++
      seen.add(key)
    }

    return report
  }

  store.transaction(() => {
    for (const tag of wanted) {
      if (saveTag(store, tag).created) report.tagged++
      else report.existing++
    }
  })
  return report
}

async function readProject(file: string, label: string): Promise<{entries: Map<string, ZipEntry>; project: Attributes; zip: Buffer}> {
  let size: number
  try {
    size = statSync(file).size
  } catch (error) {
    throw unreadablePath(file, error, 'het .qdpx-bestand')
  }

  if (size > QDPX_LIMITS.maxFileBytes) throw new UserError(`${label} is ${Math.round(size / MiB)} MB; een project groter dan ${QDPX_LIMITS.maxFileBytes / MiB} MB leest de kit niet.`)
  const zip = readFileSync(file)
  const entries = readZipDirectory(zip, label, QDPX_LIMITS)
  const entry = entries.get(PROJECT_FILE)
  if (!entry) throw new UserError(`${label} is geen REFI-QDA-project: project.qde ontbreekt.`, {hint: 'Exporteer in het andere programma een "REFI-QDA-project" (.qdpx), geen codeboek of ander formaat.'})
  const xml = decodeUtf8(readZipEntry(zip, entry, label), `${label}: project.qde`)
  return {entries, project: await parseProjectXml(xml, `${label}: project.qde`), zip}
}

/**
 * Reads the project's XML. A DOCTYPE is refused outright: REFI-QDA needs none, and it is how
 * external entities and entity bombs get in.
 */
export async function parseProjectXml(xml: string, label: string): Promise<Attributes> {
  if (hasDeclarations(xml)) {
    throw new UserError(`${label} bevat een DOCTYPE of ENTITY-definitie; die leest de kit niet, want daarmee kan een bestand andere bestanden of het netwerk binnenhalen. Er is niets ingelezen.`, {
      hint: 'Een REFI-QDA-project heeft geen DOCTYPE nodig. Exporteer het opnieuw uit het QDA-programma.',
    })
  }

  const {XMLParser, XMLValidator} = await import('fast-xml-parser')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new UserError(`${label} is geen geldige XML (regel ${valid.err.line}: ${valid.err.msg}).`, {hint: 'Exporteer het project opnieuw uit het QDA-programma.'})
  const parser = new XMLParser({
    attributeNamePrefix: '',
    cdataPropName: '#cdata',
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    removeNSPrefix: true,
    trimValues: false,
  })
  return parser.parse(xml) as Attributes
}

/** Whether any markup declaration (<!DOCTYPE, <!ENTITY, …) is in the text; comments and CDATA are fine. */
function hasDeclarations(xml: string): boolean {
  for (let at = xml.indexOf('<!'); at !== -1; at = xml.indexOf('<!', at + 2)) {
    if (!xml.startsWith('<!--', at) && !xml.startsWith('<![CDATA[', at)) return true
  }

  return false
}

function decodeUtf8(bytes: Buffer, label: string): string {
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new UserError(`${label} is geen UTF-8-tekst.`, {hint: 'REFI-QDA schrijft UTF-8; exporteer het bestand opnieuw.'})
  }
}

/** The five predefined entities and character references, in one pass (so "&amp;#13;" stays "&#13;"). */
export function decodeXmlText(value: string): string {
  return value.replaceAll(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ref: string) => {
    const lower = ref.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10))
    return {amp: '&', apos: "'", gt: '>', lt: '<', quot: '"'}[lower]!
  })
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return []
  return Array.isArray(value) ? value : [value]
}

/** The ids of the note a source may stand for: its GUID is the note's id, or its file is named after it. */
function candidateIds(source: Attributes): string[] {
  const path = /^internal:\/\/(.+)\.txt$/i.exec(decodeXmlText(String(source.plainTextPath ?? '')))
  return [normalGuid(decodeXmlText(String(source.guid ?? ''))), path ? normalGuid(path[1]) : undefined].filter((id): id is string => id !== undefined)
}

/** The text of a source as the other tool has it, from sources/ or from the project itself. */
function sourceText(zip: Buffer, entries: Map<string, ZipEntry>, source: Attributes, label: string): string | undefined {
  const path = /^internal:\/\/(.+)$/i.exec(decodeXmlText(String(source.plainTextPath ?? '')))
  if (path) {
    const entry = entries.get(`sources/${path[1]}`) ?? [...entries.values()].find((e) => e.name.toLowerCase() === `sources/${path[1].toLowerCase()}`)
    if (entry) return decodeUtf8(readZipEntry(zip, entry, label), `${label}: ${entry.name}`)
  }

  const content = source.PlainTextContent
  if (typeof content === 'string') return decodeXmlText(content)
  if (content && typeof content === 'object') {
    const c = content as Attributes
    return list(c['#cdata']).join('') || (typeof c['#text'] === 'string' ? decodeXmlText(c['#text']) : undefined)
  }

  return undefined
}

/**
 * Turns positions in the other tool's text (code points) into positions in the note. The same
 * text maps one to one; the same text with \r\n line ends (a tool on Windows may write them)
 * maps every \r onto its \n. Any other difference means the text was edited: undefined.
 */
function positionMap(theirs: string, ours: string): ((position: number) => number | undefined) | undefined {
  const text = theirs.replace(/^\uFEFF/, '')
  if (text === ours) return (p) => p
  if (text.replaceAll('\r\n', '\n') !== ours) return undefined
  const points = [...text]
  const map: number[] = []
  let at = 0
  for (let i = 0; i < points.length; i++) {
    map.push(at)
    if (!(points[i] === '\r' && points[i + 1] === '\n')) at++
  }

  map.push(at)
  return (p) => map[p]
}

/** The tool's users as team ids: the kit's own GUIDs, or a user whose id or name is a team member's. */
function userMap(study: Study, users: unknown[]): Map<string, string> & {names: Map<string, string>} {
  const map = new Map<string, string>() as Map<string, string> & {names: Map<string, string>}
  map.names = new Map()
  const own = new Map(study.team.map((m) => [userGuid(study, m.id), m.id]))
  for (const raw of users as Attributes[]) {
    const guid = normalGuid(String(raw.guid ?? ''))
    if (!guid) continue
    const id = decodeXmlText(String(raw.id ?? '')).trim().toLowerCase()
    const name = decodeXmlText(String(raw.name ?? '')).trim().toLowerCase()
    map.names.set(guid, decodeXmlText(String(raw.name ?? raw.id ?? guid)))
    const member = own.get(guid) ?? study.team.find((m) => [m.id, m.name.toLowerCase()].some((known) => known === id || known === name))?.id
    if (member) map.set(guid, member)
  }

  return map
}

/** The tool's codes as narratives and themes: the kit's own GUIDs, or a code with the same name or id. */
function codeMap(study: Study, codes: unknown[]): Map<string, {code: string; kind: TagKind}> & {names: Map<string, string>} {
  const {byGuid, byName} = codeIndex(study.methodDefinition)
  const map = new Map<string, {code: string; kind: TagKind}>() as Map<string, {code: string; kind: TagKind}> & {names: Map<string, string>}
  map.names = new Map()
  const walk = (items: unknown[]) => {
    for (const raw of items as Attributes[]) {
      const guid = normalGuid(String(raw.guid ?? ''))
      const name = decodeXmlText(String(raw.name ?? ''))
      if (guid) {
        map.names.set(guid, name)
        const known = byGuid.get(guid) ?? byName.get(name.trim().toLowerCase())
        if (known) map.set(guid, {code: known.id!, kind: known.kind!})
      }

      walk(list(raw.Code))
    }
  }

  walk(codes)
  // A coding may point at one of the kit's codes even if the codebook left it out.
  for (const [guid, code] of byGuid) if (!map.has(guid)) map.set(guid, {code: code.id!, kind: code.kind!})
  return map
}
