import {posix} from 'node:path'

import {UserError} from '../errors.js'
import {readZipDirectory, readZipEntry, type ZipEntry, type ZipLimits} from '../exchange/safe-zip.js'
import {NO_WORD_LOSSES, type WordLosses} from './word-losses.js'

/*
 * A Word document as note text. We read the WordprocessingML ourselves instead of through mammoth:
 * extractRawText flattens lists, tables and notes, and convertToHtml would still need an HTML-to-text
 * pass, inlines every image as base64 (slow, and only to be thrown away), and its messages name
 * what it skipped only as English warnings, not as counts. Here one walk over the XML keeps what
 * the note can hold (lists, numbering, tables, foot- and endnotes, headings, text boxes, the text
 * of tracked insertions), leaves out what Word shows as deleted, and counts what it cannot carry.
 * The zip is read by the same guarded reader as a REFI-QDA project (sizes, ratios, names checked
 * before inflating), and fast-xml-parser reads the parts in document order.
 */

const MiB = 1024 * 1024
const DOCX_LIMITS: ZipLimits = {maxEntries: 20_000, maxEntryBytes: 128 * MiB, maxRatio: 500, maxTotalBytes: 512 * MiB, ratioFromBytes: MiB}

/** Why a file is no Word document the kit can read, in Dutch, without the file's name. */
export class WordProblem extends Error {}

export interface WordText {
  losses: WordLosses
  text: string
}

// Namespaces by URI, so a document that binds other prefixes (or uses Strict OOXML) reads the same.
const NAMESPACES: Record<string, string> = {
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:vml': 'v',
}

const REL = {
  comments: '/comments',
  endnotes: '/endnotes',
  footer: '/footer',
  footnotes: '/footnotes',
  header: '/header',
  numbering: '/numbering',
  officeDocument: '/officeDocument',
  styles: '/styles',
}

/** An element as fast-xml-parser gives it with preserveOrder: one key for the tag, ':@' for attributes. */
type XmlNode = Record<string, unknown>
type Scope = Map<string, string>

interface Element {
  attrs: Record<string, string>
  children: XmlNode[]
  name: string
  scope: Scope
}

interface Level {
  format: string
  start: number
  text: string
}

interface Style {
  basedOn?: string
  headingLevel?: number
  numId?: string
  numLevel?: number
}

interface Block {
  /** Paragraphs whose mark Word shows as deleted run on into the next one. */
  joinsNext?: boolean
  kind: 'heading' | 'item' | 'para' | 'row'
  /** Rows of one table (or items of one list) stay together on consecutive lines. */
  group?: number
  text: string
}

/** The text of a .docx for a note, and what could not be carried over. Throws WordProblem. */
export async function readDocx(bytes: Buffer): Promise<WordText> {
  sniff(bytes)
  let entries: Map<string, ZipEntry>
  try {
    entries = readZipDirectory(bytes, 'het bestand', DOCX_LIMITS)
  } catch (error) {
    if (error instanceof UserError) throw new WordProblem(error.message)
    throw error
  }

  const {XMLParser, XMLValidator} = await import('fast-xml-parser')
  const parser = new XMLParser({
    attributeNamePrefix: '',
    htmlEntities: true,
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    preserveOrder: true,
    processEntities: true,
    trimValues: false,
  })
  const part = (name: string): Element | undefined => {
    const entry = entries.get(name)
    if (!entry) return undefined
    let xml: string
    try {
      xml = new TextDecoder('utf-8', {fatal: true}).decode(readZipEntry(bytes, entry, 'het bestand')).replace(/^\uFEFF/, '')
    } catch (error) {
      if (error instanceof UserError) throw new WordProblem(error.message)
      throw new WordProblem(`${name} is geen UTF-8-tekst`)
    }

    // A DOCTYPE is how entity bombs and external entities get in; Word never writes one.
    if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new WordProblem(`${name} bevat een DOCTYPE; die leest de kit niet`)
    // The parser reads broken XML leniently (a truncated part would lose its end without a word).
    const valid = XMLValidator.validate(xml)
    if (valid !== true) throw new WordProblem(`${name} is geen geldige XML (fout op regel ${valid.err.line})`)
    let parsed: XmlNode[]
    try {
      parsed = parser.parse(xml) as XmlNode[]
    } catch {
      throw new WordProblem(`${name} is geen geldige XML`)
    }

    const root = parsed.map((node) => element(node, new Map())).find((el) => el && !el.name.startsWith('?'))
    if (!root) throw new WordProblem(`${name} is leeg`)
    return root
  }

  if (entries.has('mimetype') && !entries.has('_rels/.rels')) {
    throw new WordProblem('het is een OpenDocument-bestand (zoals .odt), geen Word-bestand; sla het in LibreOffice op als Word (.docx)')
  }

  const mainName = relationships(part, '', '_rels/.rels').find((r) => r.type.endsWith(REL.officeDocument))?.target ?? 'word/document.xml'
  const main = part(mainName)
  if (!main || main.name !== 'w:document') throw new WordProblem(`er staat geen Word-tekst in (${mainName} ontbreekt); is het wel een Word-document?`)
  const rels = relationships(part, posix.dirname(mainName), relsPath(mainName))
  const first = (type: string) => {
    const target = rels.find((r) => r.type.endsWith(type))?.target
    return target ? part(target) : undefined
  }

  const losses: WordLosses = {...NO_WORD_LOSSES}
  const reader = new DocumentReader(losses, readStyles(first(REL.styles)), readNumbering(first(REL.numbering)), notesById(first(REL.footnotes), 'w:footnote'), notesById(first(REL.endnotes), 'w:endnote'))
  const body = child(main, 'w:body')
  const blocks = body ? reader.blocks(body) : []
  const notes = reader.renderNotes()
  const comments = first(REL.comments)
  if (comments) losses.comments = children(comments).filter((el) => el.name === 'w:comment').length
  const headerTexts = new Set<string>()
  for (const rel of rels.filter((r) => r.type.endsWith(REL.header) || r.type.endsWith(REL.footer))) {
    const root = part(rel.target)
    if (!root) continue
    const text = joinBlocks(new DocumentReader({...NO_WORD_LOSSES}, reader.styles, reader.numbering, new Map(), new Map()).blocks(root)).trim()
    // A page number, a date field or a lone dash is no text a note would miss.
    if (/\p{L}/u.test(text)) headerTexts.add(text)
  }

  losses.headersFooters = headerTexts.size
  const text = joinBlocks(blocks)
  return {losses, text: notes.length > 0 ? `${text}\n\n${notes.join('\n')}` : text}
}

/** A file that is no zip at all gets a message that says what it is instead. */
function sniff(bytes: Buffer): void {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0_cf_11_e0) {
    // An OLE compound file: a Word document with a password (its zip is inside, encrypted), or an old .doc.
    if (bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      throw new WordProblem('het is met een wachtwoord beveiligd; sla het in Word op zonder wachtwoord en lees het opnieuw in')
    }

    throw new WordProblem('het is een ouder Word-bestand (.doc) met de extensie .docx; open het in Word of LibreOffice en sla het op als Word-document (.docx)')
  }

  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04_03_4b_50) {
    throw new WordProblem('het is geen zip-bestand, en dat is een .docx altijd; open het in Word of LibreOffice en sla het opnieuw op als .docx')
  }
}

function relsPath(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)
}

/** The internal relationships of a part: their type and the zip name of their target. */
function relationships(part: (name: string) => Element | undefined, base: string, name: string): Array<{target: string; type: string}> {
  const root = part(name)
  if (!root) return []
  return children(root)
    .filter((el) => el.name.endsWith('Relationship') && el.attrs.TargetMode !== 'External' && el.attrs.Target)
    .map((el) => {
      const target = el.attrs.Target.startsWith('/') ? el.attrs.Target.slice(1) : posix.join(base, el.attrs.Target)
      return {target: posix.normalize(target), type: el.attrs.Type ?? ''}
    })
}

/** One parsed node as an element with its namespace-resolved name ("w:p"), or undefined for text. */
function element(node: XmlNode, parent: Scope): Element | undefined {
  let tag: string | undefined
  for (const key in node) {
    if (key !== ':@') {
      tag = key
      break
    }
  }

  if (tag === undefined || tag === '#text') return undefined
  const attrs = (node[':@'] ?? {}) as Record<string, string>
  let scope = parent
  for (const key in attrs) {
    if (key.startsWith('xmlns:')) {
      if (scope === parent) scope = new Map(parent)
      scope.set(key.slice(6), attrs[key])
    }
  }

  return {attrs, children: node[tag] as XmlNode[], name: canonical(tag, scope), scope}
}

const canonicalCache = new WeakMap<Scope, Map<string, string>>()

function canonical(tag: string, scope: Scope): string {
  let cache = canonicalCache.get(scope)
  if (!cache) canonicalCache.set(scope, (cache = new Map()))
  let name = cache.get(tag)
  if (name === undefined) {
    const colon = tag.indexOf(':')
    const uri = colon > 0 ? scope.get(tag.slice(0, colon)) : undefined
    const prefix = uri ? NAMESPACES[uri] : undefined
    // Unknown namespaces keep their own prefix; the walk descends into them to find text.
    name = prefix ? `${prefix}:${tag.slice(colon + 1)}` : tag.startsWith('?') ? tag : `~${tag}`
    cache.set(tag, name)
  }

  return name
}

function children(el: Element): Element[] {
  const out: Element[] = []
  for (const node of el.children ?? []) {
    const c = element(node, el.scope)
    if (c) out.push(c)
  }

  return out
}

function child(el: Element, name: string): Element | undefined {
  return children(el).find((c) => c.name === name)
}

/** An attribute of the w: namespace (w:val), whatever prefix the document gave it. */
function wAttr(el: Element | undefined, local: string): string | undefined {
  if (!el) return undefined
  for (const key in el.attrs) {
    const colon = key.indexOf(':')
    if (colon > 0 ? key.slice(colon + 1) === local && NAMESPACES[el.scope.get(key.slice(0, colon)) ?? ''] === 'w' : key === local) return el.attrs[key]
  }

  return undefined
}

function textOf(el: Element): string {
  let out = ''
  for (const node of el.children ?? []) if (typeof node['#text'] === 'string') out += node['#text']
  return out
}

function readStyles(root: Element | undefined): Map<string, Style> {
  const styles = new Map<string, Style>()
  if (!root) return styles
  for (const el of children(root)) {
    if (el.name !== 'w:style' || wAttr(el, 'type') !== 'paragraph') continue
    const id = wAttr(el, 'styleId')
    if (!id) continue
    const style: Style = {basedOn: wAttr(child(el, 'w:basedOn'), 'val')}
    const name = (wAttr(child(el, 'w:name'), 'val') ?? '').toLowerCase()
    const heading = /^heading\s*(\d)$/.exec(name)
    const pPr = child(el, 'w:pPr')
    const outline = wAttr(pPr && child(pPr, 'w:outlineLvl'), 'val')
    if (heading) style.headingLevel = Number(heading[1])
    else if (name === 'title') style.headingLevel = 1
    else if (outline !== undefined && Number(outline) < 9) style.headingLevel = Number(outline) + 1
    const numPr = pPr && child(pPr, 'w:numPr')
    if (numPr) {
      style.numId = wAttr(child(numPr, 'w:numId'), 'val')
      style.numLevel = Number(wAttr(child(numPr, 'w:ilvl'), 'val') ?? 0)
    }

    styles.set(id, style)
  }

  return styles
}

interface Numbering {
  /** Per w:num: its levels (the abstract definition with the overrides applied). */
  levels: Map<string, Level[]>
}

function readLevels(el: Element, into: Level[]): void {
  for (const lvl of children(el).filter((c) => c.name === 'w:lvl')) {
    const i = Number(wAttr(lvl, 'ilvl') ?? 0)
    if (!(i >= 0 && i < 9)) continue
    into[i] = {
      format: wAttr(child(lvl, 'w:numFmt'), 'val') ?? 'decimal',
      start: Number(wAttr(child(lvl, 'w:start'), 'val') ?? 1),
      text: wAttr(child(lvl, 'w:lvlText'), 'val') ?? '',
    }
  }
}

function readNumbering(root: Element | undefined): Numbering {
  const levels = new Map<string, Level[]>()
  if (!root) return {levels}
  const abstract = new Map<string, Level[]>()
  const all = children(root)
  for (const el of all.filter((c) => c.name === 'w:abstractNum')) {
    const list: Level[] = []
    readLevels(el, list)
    abstract.set(wAttr(el, 'abstractNumId') ?? '', list)
  }

  for (const el of all.filter((c) => c.name === 'w:num')) {
    const list = [...(abstract.get(wAttr(child(el, 'w:abstractNumId'), 'val') ?? '') ?? [])]
    for (const override of children(el).filter((c) => c.name === 'w:lvlOverride')) {
      const i = Number(wAttr(override, 'ilvl') ?? 0)
      readLevels(override, list)
      const start = wAttr(child(override, 'w:startOverride'), 'val')
      if (start !== undefined && list[i]) list[i] = {...list[i], start: Number(start)}
    }

    levels.set(wAttr(el, 'numId') ?? '', list)
  }

  return {levels}
}

function notesById(root: Element | undefined, name: string): Map<string, Element> {
  const notes = new Map<string, Element>()
  if (!root) return notes
  for (const el of children(root)) {
    const type = wAttr(el, 'type')
    if (el.name === name && (type === undefined || type === 'normal')) notes.set(wAttr(el, 'id') ?? '', el)
  }

  return notes
}

const TRACKED = new Set(['w:del', 'w:ins', 'w:moveFrom', 'w:moveTo'])
const FORMAT_CHANGES = new Set(['w:numberingChange', 'w:pPrChange', 'w:rPrChange', 'w:sectPrChange', 'w:tblGridChange', 'w:tblPrChange', 'w:tblPrExChange', 'w:tcPrChange', 'w:trPrChange'])
// Elements whose content is markup about the text, never text.
const SKIP = new Set(['w:bookmarkEnd', 'w:bookmarkStart', 'w:commentRangeEnd', 'w:commentRangeStart', 'w:commentReference', 'w:fldChar', 'w:footnoteRef', 'w:endnoteRef', 'w:instrText', 'w:delInstrText', 'w:lastRenderedPageBreak', 'w:proofErr', 'w:rPr', 'w:sdtEndPr', 'w:sdtPr', 'w:separator', 'w:continuationSeparator', 'w:annotationRef', 'w:tblPr', 'w:tblGrid', 'w:tcPr', 'w:sectPr', 'w:permStart', 'w:permEnd', 'w:rt'])

class DocumentReader {
  private readonly counters = new Map<string, number[]>()
  private group = 0
  private readonly noteQueue: Array<{el: Element; n: number}> = []
  private noteCount = 0

  constructor(
    private readonly losses: WordLosses,
    readonly styles: Map<string, Style>,
    readonly numbering: Numbering,
    private readonly footnotes: Map<string, Element>,
    private readonly endnotes: Map<string, Element>,
  ) {}

  /** The blocks of a container (body, cell, note, text box) in order. */
  blocks(container: Element): Block[] {
    const out: Block[] = []
    this.container(container, out)
    return out
  }

  /** "[1] …" for every foot- and endnote referenced, in the order of their markers. */
  renderNotes(): string[] {
    const lines: string[] = []
    for (let i = 0; i < this.noteQueue.length; i++) {
      const {el, n} = this.noteQueue[i]
      lines.push(`[${n}] ${flatten(this.blocks(el), ' ')}`.trimEnd())
    }

    return lines
  }

  private container(el: Element, out: Block[]): void {
    for (const c of children(el)) {
      if (c.name === 'w:p') this.paragraph(c, out)
      else if (c.name === 'w:tbl') this.table(c, out)
      else if (TRACKED.has(c.name)) {
        // Whole paragraphs or rows can sit inside an insertion or deletion (moved blocks, mostly).
        this.losses.trackedChanges++
        if (c.name === 'w:ins' || c.name === 'w:moveTo') this.container(c, out)
      } else if (c.name === 'mc:AlternateContent') {
        const chosen = alternative(c)
        if (chosen) this.container(chosen, out)
      } else if (c.name === 'w:sdt') {
        const content = child(c, 'w:sdtContent')
        if (content) this.container(content, out)
      } else if (c.name === 'w:customXml' || c.name === 'w:sdtContent' || c.name === 'w:txbxContent') this.container(c, out)
      else if (c.name === 'w:altChunk') this.losses.embeddedObjects++
      else if (c.name.startsWith('~')) this.container(c, out)
    }
  }

  private paragraph(p: Element, out: Block[]): void {
    const pPr = child(p, 'w:pPr')
    const style = this.styleOf(pPr ? wAttr(child(pPr, 'w:pStyle'), 'val') : undefined)
    let numId = style.numId
    let ilvl = style.numLevel ?? 0
    let headingLevel = style.headingLevel
    let markDeleted = false
    if (pPr) {
      const numPr = child(pPr, 'w:numPr')
      if (numPr) {
        numId = wAttr(child(numPr, 'w:numId'), 'val') ?? numId
        ilvl = Number(wAttr(child(numPr, 'w:ilvl'), 'val') ?? ilvl)
      }

      const outline = wAttr(child(pPr, 'w:outlineLvl'), 'val')
      if (outline !== undefined) headingLevel = Number(outline) < 9 ? Number(outline) + 1 : undefined
      for (const c of children(pPr)) {
        if (FORMAT_CHANGES.has(c.name)) this.losses.trackedChanges++
        if (c.name === 'w:rPr') {
          for (const mark of children(c)) {
            if (TRACKED.has(mark.name) || FORMAT_CHANGES.has(mark.name)) this.losses.trackedChanges++
            if (mark.name === 'w:del' || mark.name === 'w:moveFrom') markDeleted = true
          }
        }
      }
    }

    const after: Block[] = []
    let text = this.inline(p, after)
    const previous = out.at(-1)
    if (previous?.joinsNext) {
      out.pop()
      text = previous.text + text
    }

    const marker = numId && numId !== '0' ? this.marker(numId, ilvl) : undefined
    let block: Block
    if (headingLevel && text.trim()) block = {kind: 'heading', text: `${'#'.repeat(Math.min(headingLevel, 6))} ${marker ? `${marker} ` : ''}${text.trim()}`}
    else if (marker !== undefined && text.trim()) block = {group: this.listGroup(out), kind: 'item', text: `${'  '.repeat(Math.max(0, Math.min(ilvl, 8)))}${marker} ${text.trim()}`}
    else block = {kind: 'para', text}
    if (markDeleted) block.joinsNext = true
    out.push(block, ...after)
  }

  /** List items next to each other share a group, so they stay on consecutive lines. */
  private listGroup(out: Block[]): number {
    const previous = out.at(-1)
    return previous?.kind === 'item' ? previous.group! : ++this.group
  }

  private styleOf(id: string | undefined): Style {
    const merged: Style = {}
    const seen = new Set<string>()
    // The nearest style that says something wins; basedOn chains are short but may loop in a broken file.
    for (let at = id; at && !seen.has(at); at = this.styles.get(at)?.basedOn) {
      seen.add(at)
      const style = this.styles.get(at)
      if (!style) break
      merged.headingLevel ??= style.headingLevel
      if (merged.numId === undefined && style.numId !== undefined) {
        merged.numId = style.numId
        merged.numLevel = style.numLevel
      }
    }

    return merged
  }

  /** "-" for a bullet, "1." or "a)" or "2.1." for a number, undefined when the level shows nothing. */
  private marker(numId: string, ilvl: number): string | undefined {
    const levels = this.numbering.levels.get(numId)
    const level = levels?.[ilvl]
    if (!levels || !level) return levels ? '-' : undefined
    if (level.format === 'bullet') return '-'
    if (level.format === 'none' && !/%\d/.test(level.text)) return level.text.trim() || undefined
    let counts = this.counters.get(numId)
    if (!counts) this.counters.set(numId, (counts = []))
    counts[ilvl] = (counts[ilvl] ?? (levels[ilvl]?.start ?? 1) - 1) + 1
    // A deeper level starts over under each new item above it.
    counts.length = ilvl + 1
    const text = level.text.replaceAll(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1
      return formatNumber(counts[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? 'decimal')
    })
    return text.trim() || undefined
  }

  private table(tbl: Element, out: Block[]): void {
    const group = ++this.group
    for (const row of rowsOf(tbl)) {
      const trPr = child(row, 'w:trPr')
      const marks = trPr ? children(trPr) : []
      if (marks.some((m) => TRACKED.has(m.name) || FORMAT_CHANGES.has(m.name))) this.losses.trackedChanges++
      if (marks.some((m) => m.name === 'w:del')) continue
      const cells = cellsOf(row).map((cell) => {
        const blocks: Block[] = []
        this.container(cell, blocks)
        return flatten(blocks, ' / ')
      })
      if (cells.some((c) => c.trim())) out.push({group, kind: 'row', text: cells.map((c) => c.trim()).join(' | ').replaceAll('|  |', '| |').trimEnd()})
    }
  }

  /** The text of a paragraph's runs; text boxes and the like go to `after`, as blocks of their own. */
  private inline(el: Element, after: Block[]): string {
    let text = ''
    for (const c of children(el)) {
      switch (c.name) {
        case 'w:t': {
          text += textOf(c)
          break
        }

        case 'w:tab':
        case 'w:ptab': {
          text += '\t'
          break
        }

        case 'w:br':
        case 'w:cr': {
          text += '\n'
          break
        }

        case 'w:noBreakHyphen': {
          text += '-'
          break
        }

        case 'w:sym': {
          const code = Number.parseInt(wAttr(c, 'char') ?? '', 16)
          // Symbol-font characters live in the private use area; only a real character is kept.
          if (code >= 0x20 && !(code >= 0xe0_00 && code <= 0xf8_ff)) text += String.fromCodePoint(code)
          break
        }

        case 'w:footnoteReference':
        case 'w:endnoteReference': {
          const note = (c.name === 'w:footnoteReference' ? this.footnotes : this.endnotes).get(wAttr(c, 'id') ?? '')
          if (note) {
            const n = ++this.noteCount
            this.noteQueue.push({el: note, n})
            text += `[${n}]`
          }

          break
        }

        case 'w:del':
        case 'w:moveFrom': {
          this.losses.trackedChanges++
          break
        }

        case 'w:ins':
        case 'w:moveTo': {
          this.losses.trackedChanges++
          text += this.inline(c, after)
          break
        }

        case 'w:drawing':
        case 'w:pict': {
          this.drawing(c, after)
          break
        }

        case 'w:object': {
          this.losses.embeddedObjects++
          break
        }

        case 'mc:AlternateContent': {
          const chosen = alternative(c)
          if (chosen) text += this.inline(chosen, after)
          break
        }

        case 'm:oMath':
        case 'm:oMathPara': {
          text += mathText(c)
          break
        }

        case 'w:pPr': {
          break
        }

        default: {
          if (c.name === 'w:r') {
            const rPr = child(c, 'w:rPr')
            if (rPr && children(rPr).some((m) => m.name === 'w:rPrChange')) this.losses.trackedChanges++
          }

          if (!SKIP.has(c.name)) text += this.inline(c, after)
        }
      }
    }

    return text
  }

  /** A drawing or VML picture: pictures and objects are counted; the text of a text box is kept. */
  private drawing(el: Element, after: Block[]): void {
    let pictures = 0
    let objects = 0
    let boxes = 0
    let shape = false
    const visit = (node: Element) => {
      for (const c of children(node)) {
        if (c.name === 'w:txbxContent') {
          boxes++
          this.container(c, after)
          continue
        }

        if (c.name === 'pic:pic' || c.name === 'v:imagedata') pictures++
        else if (c.name === 'o:OLEObject') objects++
        else if (c.name.endsWith(':graphicData') && /\/(chart|diagram)$/.test(c.attrs.uri ?? '')) objects++
        else if (c.name === 'wps:wsp' || c.name.startsWith('v:')) shape = true
        visit(c)
      }
    }

    visit(el)
    this.losses.images += pictures
    this.losses.embeddedObjects += objects
    this.losses.textBoxes += boxes
    // A drawn shape with neither text nor picture (an arrow, a sketch) still showed something.
    if (shape && pictures === 0 && objects === 0 && boxes === 0) this.losses.images++
  }
}

/** The branch of mc:AlternateContent to read: the first Choice (what Word shows), else the Fallback. */
function alternative(el: Element): Element | undefined {
  const options = children(el)
  return options.find((c) => c.name === 'mc:Choice') ?? options.find((c) => c.name === 'mc:Fallback')
}

/** Rows of a table, also when a content control or custom XML wraps them. */
function rowsOf(tbl: Element): Element[] {
  const rows: Element[] = []
  const visit = (el: Element) => {
    for (const c of children(el)) {
      if (c.name === 'w:tr') rows.push(c)
      else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml' || c.name === 'w:ins') visit(c)
    }
  }

  visit(tbl)
  return rows
}

function cellsOf(row: Element): Element[] {
  const cells: Element[] = []
  const visit = (el: Element) => {
    for (const c of children(el)) {
      if (c.name === 'w:tc') cells.push(c)
      else if (c.name === 'w:sdt' || c.name === 'w:sdtContent' || c.name === 'w:customXml') visit(c)
    }
  }

  visit(row)
  return cells
}

function mathText(el: Element): string {
  let text = ''
  for (const c of children(el)) text += c.name === 'm:t' ? textOf(c) : mathText(c)
  return text
}

/** Blocks as one line (a table cell, a footnote): their texts with `separator` between them. */
function flatten(blocks: Block[], separator: string): string {
  return blocks
    .map((b) => b.text.replaceAll(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join(separator)
}

/**
 * The note text: a blank line between paragraphs (as extractRawText wrote, so a document without
 * lists or tables reads exactly as before), one line per list item and per table row.
 */
function joinBlocks(blocks: Block[]): string {
  let text = ''
  let previous: Block | undefined
  for (const block of blocks) {
    if (previous) text += previous.group !== undefined && previous.group === block.group ? '\n' : '\n\n'
    text += block.text
    previous = block
  }

  return text.replaceAll('\r\n', '\n').replaceAll(/\n{3,}/g, '\n\n').replace(/^\n+/, '')
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter': {
      return letters(n)
    }

    case 'upperLetter': {
      return letters(n).toUpperCase()
    }

    case 'lowerRoman': {
      return roman(n)
    }

    case 'upperRoman': {
      return roman(n).toUpperCase()
    }

    case 'decimalZero': {
      return n < 10 ? `0${n}` : String(n)
    }

    case 'bullet':
    case 'none': {
      return ''
    }

    default: {
      return String(n)
    }
  }
}

/** a … z, then aa, bb … as Word counts. */
function letters(n: number): string {
  if (n < 1) return String(n)
  const letter = String.fromCodePoint(97 + ((n - 1) % 26))
  return letter.repeat(Math.floor((n - 1) / 26) + 1)
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n)
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']]
  let out = ''
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits
      n -= value
    }
  }

  return out
}
