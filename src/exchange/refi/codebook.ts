import type {Method} from '../../method/schema.js'
import type {TagKind} from '../../model/tag.js'
import {guidFor} from './guid.js'
import {attrs, text} from './xml.js'

export interface Code {
  children: Code[]
  color?: string
  description: string
  guid: string
  /** The kit's code (narrative or theme id); absent for the two folders that hold them. */
  id?: string
  kind?: TagKind
  name: string
}

// One colour per narrative, in their order, distinct enough on screen and in print.
const NARRATIVE_COLORS = ['#1f77b4', '#d62728', '#ff7f0e', '#9467bd', '#2ca02c']
const THEME_COLOR = '#7f7f7f'

export const codeGuid = (kind: TagKind, id: string) => guidFor(`code:${kind}:${id}`)

/**
 * The method's codebook as REFI-QDA codes: a folder with the five narratives (numbered as in the
 * method, with their voice in the description) and a folder with the themes. The GUIDs follow
 * from the ids, so every export of every study has the same codes.
 */
export function methodCodes(method: Method): Code[] {
  return [
    {
      children: method.narratives.map((n, i) => ({
        children: [],
        color: NARRATIVE_COLORS[i % NARRATIVE_COLORS.length],
        description: `${n.description.trim()}\n\nStem: “${n.voice.trim()}”\n\nKaravaan-id: ${n.id}`,
        guid: codeGuid('narrative', n.id),
        id: n.id,
        kind: 'narrative' as const,
        name: `${n.number}. ${n.name}`,
      })),
      description: 'De vijf narratieven van wantrouwen (Van Wonderen, Verwey-Jonker Instituut). Een notitie of passage kan er meer dan één laten horen, of geen.',
      guid: guidFor('code-folder:narrative'),
      name: 'Narratieven van wantrouwen',
    },
    {
      children: method.themes.map((t) => ({
        children: [],
        color: THEME_COLOR,
        description: `${t.description.trim()}\n\nKaravaan-id: ${t.id}`,
        guid: codeGuid('theme', t.id),
        id: t.id,
        kind: 'theme' as const,
        name: t.name,
      })),
      description: 'De gespreksthema’s van de Karavaan: in elke halteplaats met elke groep dezelfde.',
      guid: guidFor('code-folder:theme'),
      name: 'Thema’s',
    },
  ]
}

/** Every code with a kit id, by GUID and by name (lower case), for reading another tool's project. */
export function codeIndex(method: Method): {byGuid: Map<string, Code>; byName: Map<string, Code>} {
  const byGuid = new Map<string, Code>()
  const byName = new Map<string, Code>()
  for (const folder of methodCodes(method)) {
    for (const code of folder.children) {
      byGuid.set(code.guid, code)
      for (const name of [code.name, code.id!]) byName.set(name.toLowerCase(), code)
    }
  }

  return {byGuid, byName}
}

/** The <Code> elements, indented by depth; the same markup in a project and in a codebook file. */
export function codesXml(codes: Code[], indent = '    '): string {
  return codes
    .map((code) => {
      const open = `${indent}<Code${attrs({guid: code.guid, name: code.name, isCodable: code.id !== undefined, color: code.color})}>`
      const inner = [`${indent}  <Description>${text(code.description)}</Description>`, codesXml(code.children, indent + '  ')].filter(Boolean).join('\n')
      return `${open}\n${inner}\n${indent}</Code>`
    })
    .join('\n')
}

/** A .qdc file: the codebook alone, for ATLAS.ti, NVivo, MAXQDA and others. */
export function codebookXml(method: Method, origin: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"${attrs({origin})}>`,
    '  <Codes>',
    codesXml(methodCodes(method)),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n')
}
