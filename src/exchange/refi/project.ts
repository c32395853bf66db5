import {writePrivateFile} from '../../fs/private.js'
import type {Note} from '../../model/note.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {codePointLength} from '../../tagging/passage.js'
import type {Tag} from '../../model/tag.js'
import type {GatedOutput} from '../privacy.js'
import {codeGuid, codesXml, methodCodes} from './codebook.js'
import {guidFor} from './guid.js'
import {attrs, text} from './xml.js'

/** A memo in the project, such as a finding, linked to the notes it rests on. */
export interface Memo {
  createdAt?: string
  /** Team id of who wrote it. */
  createdBy?: null | string
  /** Stable: the same memo keeps its GUID in every export. */
  guid: string
  name: string
  /** Ids of the notes it refers to (for a finding: its evidence). */
  noteIds: string[]
  text: string
}

export interface QdpxReport {
  cases: number
  codes: number
  file: string
  memos: number
  selections: number
  sources: number
  users: number
}

export const PROJECT_FILE = 'project.qde'
export const userGuid = (study: Study, coder: string) => guidFor(`user:${study.id}:${coder}`)
/**
 * The selection of a theme in a note's front matter; its coding's GUID is the coding's id
 * (frontMatterThemeId), as tag list and the tables show it.
 */
export const noteThemeSelectionGuid = (noteId: string, theme: string) => guidFor(`note-theme-selection:${noteId}:${theme}`)
export const sourcePath = (noteId: string) => `sources/${noteId}.txt`

const VARIABLES = [
  {name: 'halteplaats', type: 'Text', description: 'De halteplaats (het gebied) van het gesprek of de observatie.'},
  {name: 'groep', type: 'Text', description: 'De gespreksgroep van de Karavaan-methode (leeg bij een observatie).'},
  {name: 'observatie', type: 'Text', description: 'De soort observatie, zoals wijkwandeling (leeg bij een gesprek).'},
  {name: 'datum', type: 'Date', description: 'De datum van het gesprek of de observatie.'},
  {name: 'interviewer', type: 'Text', description: 'Wie de notitie schreef (id uit het team).'},
  {name: 'deelnemers', type: 'Integer', description: 'Het aantal deelnemers, als dat is genoteerd.'},
] as const
type VariableName = (typeof VARIABLES)[number]['name']
const variableGuid = (name: VariableName) => guidFor(`variable:${name}`)

/**
 * The study as a REFI-QDA project (.qdpx): the codebook, the notes as text sources in sources/,
 * everything that is coded (store.tags.codings(): the tags, and the themes of a note's front
 * matter) as a coded selection (a coding of the whole note covers the whole text), coders as users, halteplaats and group as
 * variables of cases and sources, and memos. Positions are Unicode code points, as the kit
 * stores them and as the standard counts them; source files are UTF-8 with \n line ends, the
 * text exactly as stored (or as the privacy gate's `output` gives it, with its passages moved along).
 */
export async function exportQdpx(store: Store, study: Study, file: string, options: {memos?: Memo[]; origin: string; output?: GatedOutput}): Promise<QdpxReport> {
  const {output} = options
  const {strToU8, zipSync} = await import('fflate')
  const method = study.methodDefinition
  const tags = new Map<string, Tag[]>()
  // One list of what is coded, the same as tag list and the tables: the themes of a note's front
  // matter are in it as codings of the whole note by its interviewer.
  for (const tag of store.tags.codings()) {
    const list = tags.get(tag.noteId) ?? []
    list.push(tag)
    tags.set(tag.noteId, list)
  }

  const memos = options.memos ?? []
  const memosOf = new Map<string, string[]>()
  for (const memo of memos) for (const id of memo.noteIds) memosOf.set(id, [...(memosOf.get(id) ?? []), memo.guid])

  const coders = new Set(study.team.map((m) => m.id))
  const sources: string[] = []
  const files: Record<string, Uint8Array> = {}
  const cases = new Map<string, {group: null | string; activity: null | string; halteplaats: string; notes: string[]}>()
  const halteplaatsName = new Map(study.halteplaatsen.map((h) => [h.id, h.name]))
  const cellName = new Map<string, string>([...method.groups.map((g) => [g.id, g.short] as const), ...method.activities.map((a) => [a.id, a.name.toLowerCase()] as const)])
  let selections = 0
  for (const stored of store.notes.iterate()) {
    const note = output ? output.note(stored) : stored
    files[sourcePath(note.id)] = strToU8(note.text)
    const mine = output ? (tags.get(note.id) ?? []).map((tag) => output.tag(tag, tag.noteId)) : (tags.get(note.id) ?? [])
    for (const tag of mine) coders.add(tag.coder)
    coders.add(note.interviewer)
    const xml = sourceXml(study, note, mine, memosOf.get(note.id) ?? [], halteplaatsName, cellName)
    selections += xml.selections
    sources.push(xml.xml)
    const key = `${note.halteplaats}\u0000${note.group ?? ''}\u0000${note.activity ?? ''}`
    const entry = cases.get(key) ?? {activity: note.activity, group: note.group, halteplaats: note.halteplaats, notes: []}
    entry.notes.push(note.id)
    cases.set(key, entry)
  }

  const names = new Map(study.team.map((m) => [m.id, m.name]))
  const users = [...coders].sort()
  const codes = methodCodes(method)
  const caseList = [...cases.values()].sort((a, b) => (a.halteplaats + (a.group ?? a.activity)).localeCompare(b.halteplaats + (b.group ?? b.activity)))
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Project xmlns="urn:QDA-XML:project:1.0"${attrs({name: study.title, origin: options.origin, creationDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')})}>`,
    '  <Users>',
    ...users.map((id) => `    <User${attrs({guid: userGuid(study, id), name: names.get(id) ?? id, id})}/>`),
    '  </Users>',
    '  <CodeBook>',
    '    <Codes>',
    codesXml(codes, '      '),
    '    </Codes>',
    '  </CodeBook>',
    '  <Variables>',
    ...VARIABLES.map((v) => `    <Variable${attrs({guid: variableGuid(v.name), name: v.name, typeOfVariable: v.type})}>\n      <Description>${text(v.description)}</Description>\n    </Variable>`),
    '  </Variables>',
    ...(caseList.length > 0
      ? [
          '  <Cases>',
          ...caseList.map((c) => {
            const cell = c.group ?? c.activity!
            const values = [variableValue('halteplaats', c.halteplaats), c.group ? variableValue('groep', c.group) : variableValue('observatie', c.activity!)]
            return [
              `    <Case${attrs({guid: guidFor(`case:${study.id}:${c.halteplaats}:${c.group ? 'group' : 'activity'}:${cell}`), name: `${halteplaatsName.get(c.halteplaats) ?? c.halteplaats} – ${cellName.get(cell) ?? cell}`})}>`,
              ...values.map((v) => `      ${v}`),
              ...c.notes.map((id) => `      <SourceRef targetGUID="${id}"/>`),
              '    </Case>',
            ].join('\n')
          }),
          '  </Cases>',
        ]
      : []),
    ...(sources.length > 0 ? ['  <Sources>', ...sources, '  </Sources>'] : []),
    ...(memos.length > 0
      ? [
          '  <Notes>',
          ...memos.map(
            (m) =>
              `    <Note${attrs({guid: m.guid, name: m.name, creatingUser: m.createdBy ? userGuid(study, m.createdBy) : undefined, creationDateTime: m.createdAt ? dateTime(m.createdAt) : undefined})}>\n      <PlainTextContent>${text(m.text)}</PlainTextContent>\n    </Note>`,
          ),
          '  </Notes>',
        ]
      : []),
    `  <Description>${text(`${study.title} (${study.client}), een Karavaan-studie, uitgevoerd met de karavaan-kit. Studie-id: ${study.id}.`)}</Description>`,
    '</Project>',
    '',
  ].join('\n')
  files[PROJECT_FILE] = strToU8(xml)

  // Level 1: a third of the time of level 6 for a few percent more bytes (text compresses well either way).
  const zipped = zipSync(files, {level: 1})
  // The project holds whole notes: readable by the owner only, like the database.
  writePrivateFile(file, zipped)

  return {cases: caseList.length, codes: codes.reduce((sum, c) => sum + c.children.length, 0), file, memos: memos.length, selections, sources: sources.length, users: users.length}
}

function sourceXml(study: Study, note: Note, tags: Tag[], memoGuids: string[], halteplaatsName: Map<string, string>, cellName: Map<string, string>): {selections: number; xml: string} {
  const length = codePointLength(note.text)
  const cell = note.group ?? note.activity!
  const name = `${note.date} ${halteplaatsName.get(note.halteplaats) ?? note.halteplaats} – ${cellName.get(cell) ?? cell} (${note.id.slice(-8)})`
  const selection = (guid: string, start: number, end: number, codingGuid: string, code: string, coder: string, at: string) =>
    [
      `      <PlainTextSelection${attrs({guid, startPosition: start, endPosition: end, creatingUser: userGuid(study, coder), creationDateTime: dateTime(at)})}>`,
      `        <Coding${attrs({guid: codingGuid, creatingUser: userGuid(study, coder), creationDateTime: dateTime(at)})}>`,
      `          <CodeRef targetGUID="${code}"/>`,
      '        </Coding>',
      '      </PlainTextSelection>',
    ].join('\n')
  const parts = [
    `    <TextSource${attrs({guid: note.id, name, plainTextPath: `internal://${note.id}.txt`, creatingUser: userGuid(study, note.interviewer), creationDateTime: dateTime(note.createdAt), modifiedDateTime: dateTime(note.updatedAt)})}>`,
  ]
  const details = [note.roles.length > 0 ? `Rollen: ${note.roles.join(', ')}.` : '', note.participants === null ? '' : `Deelnemers: ${note.participants}.`].filter(Boolean).join(' ')
  if (details) parts.push(`      <Description>${text(details)}</Description>`)
  // A coding's id is the GUID of its coding: reading the project back recognises the kit's own.
  for (const tag of tags) {
    const selectionGuid = tag.origin === 'note' && tag.kind === 'theme' ? noteThemeSelectionGuid(note.id, tag.code) : guidFor(`selection:${tag.id}`)
    parts.push(selection(selectionGuid, tag.start ?? 0, tag.end ?? length, tag.id, codeGuid(tag.kind, tag.code), tag.coder, tag.createdAt))
  }

  for (const guid of memoGuids) parts.push(`      <NoteRef targetGUID="${guid}"/>`)
  parts.push(
    `      ${variableValue('halteplaats', note.halteplaats)}`,
    `      ${note.group ? variableValue('groep', note.group) : variableValue('observatie', note.activity!)}`,
    `      <VariableValue><VariableRef targetGUID="${variableGuid('datum')}"/><DateValue>${note.date}</DateValue></VariableValue>`,
    `      ${variableValue('interviewer', note.interviewer)}`,
  )
  if (note.participants !== null) parts.push(`      <VariableValue><VariableRef targetGUID="${variableGuid('deelnemers')}"/><IntegerValue>${note.participants}</IntegerValue></VariableValue>`)
  parts.push('    </TextSource>')
  return {selections: tags.length, xml: parts.join('\n')}
}

function variableValue(name: VariableName, value: string): string {
  return `<VariableValue><VariableRef targetGUID="${variableGuid(name)}"/><TextValue>${text(value)}</TextValue></VariableValue>`
}

/** xsd:dateTime without milliseconds, which some tools do not read. */
function dateTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z')
}
