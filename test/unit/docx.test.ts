import {strToU8, unzipSync, zipSync} from 'fflate'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {readDocx, WordProblem} from '../../src/notes/docx.js'
import {describeWordLosses, NO_WORD_LOSSES} from '../../src/notes/word-losses.js'
import {ROOT} from '../helpers/cli.js'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A .docx with this body and these parts (word/…), as a small program other than Word might write it. */
function docx(body: string, parts: Record<string, string> = {}, prefix = 'w'): Buffer {
  const rels = Object.keys(parts)
    .filter((name) => !name.startsWith('_'))
    .map((name, i) => `<Relationship Id="r${i}" Type="${REL}/${name.replace(/\d*\.xml$/, '')}" Target="${name}"/>`)
    .join('')
  return Buffer.from(
    zipSync({
      '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
      'word/_rels/document.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`),
      'word/document.xml': strToU8(`<?xml version="1.0"?><${prefix}:document xmlns:${prefix}="${W}"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`),
      ...Object.fromEntries(Object.entries(parts).map(([name, xml]) => [`word/${name}`, strToU8(xml)])),
    }),
  )
}

const p = (runs: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`

describe('readDocx', () => {
  it('reads what LibreOffice wrote: the fixtures really hold the markup the import tests rely on', () => {
    const xml = (file: string, part: string) => {
      return new TextDecoder().decode(unzipSync(readFileSync(join(ROOT, 'test', 'fixtures', 'word', file)))[part])
    }

    const lists = xml('lijsten-tabel-noten.docx', 'word/document.xml')
    for (const tag of ['<w:numPr>', '<w:footnoteReference', '<w:endnoteReference', '<w:tbl>', 'w:val="Heading1"']) expect(lists).toContain(tag)
    const changes = xml('wijzigingen-opmerking-afbeelding.docx', 'word/document.xml')
    for (const tag of ['<w:del ', '<w:delText', '<w:ins ', '<w:commentReference', '<w:drawing>', '<pic:pic', '<w:txbxContent>']) expect(changes).toContain(tag)
  })

  it('runs a paragraph on into the next when Word shows its paragraph mark as deleted, and skips deleted rows and moved-away text', async () => {
    const deletedMark = '<w:rPr><w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z"/></w:rPr>'
    const body = [
      p(r('Eerste helft '), deletedMark),
      p(r('en tweede helft.')),
      p(`<w:moveFrom w:id="2">${r('weggeschoven')}</w:moveFrom>${r('Hier ')}<w:moveTo w:id="3">${r('naartoe geschoven')}</w:moveTo>`),
      `<w:tbl><w:tr>${['a', 'b'].map((c) => `<w:tc>${p(r(c))}</w:tc>`).join('')}</w:tr><w:tr><w:trPr><w:del w:id="4"/></w:trPr><w:tc>${p(r('geschrapte rij'))}</w:tc></w:tr><w:tr><w:tc>${p(r('c'))}</w:tc><w:tc/></w:tr></w:tbl>`,
    ].join('')
    const {losses, text} = await readDocx(docx(body))
    expect(text).toBe('Eerste helft en tweede helft.\n\nHier naartoe geschoven\n\na | b\nc |')
    expect(losses.trackedChanges).toBe(4)
  })

  it('reads field results but not field codes, hyperlinks, content controls, symbols and breaks', async () => {
    const body = p(
      [
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('7')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
        `<w:hyperlink w:history="1">${r(' zie de site')}</w:hyperlink>`,
        `<w:sdt><w:sdtPr><w:alias w:val="veld"/></w:sdtPr><w:sdtContent>${r(' en het formulier')}</w:sdtContent></w:sdt>`,
        '<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r>',
      ].join(''),
    )
    expect((await readDocx(docx(body))).text).toBe('7 zie de site en het formulier\tx\ny')
  })

  it('numbers as the numbering part says: a start override, letters, roman numerals and multi-level text', async () => {
    const numbering = `<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="5">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
      </w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>`
    const item = (text: string, ilvl: number) => p(r(text), `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="9"/></w:numPr>`)
    const {text} = await readDocx(docx(item('drie', 0) + item('sub', 1) + item('sub', 1) + item('vier', 0) + item('weer sub', 1), {'numbering.xml': numbering}))
    expect(text).toBe('III) drie\n  III.1 sub\n  III.2 sub\nIV) vier\n  IV.1 weer sub')
  })

  it('takes lists and headings from paragraph styles, and reads a document that binds another prefix', async () => {
    const styles = `<x:styles xmlns:x="${W}"><x:style x:type="paragraph" x:styleId="Kop1"><x:name x:val="heading 1"/></x:style><x:style x:type="paragraph" x:styleId="Opsomming"><x:name x:val="List Bullet"/><x:pPr><x:numPr><x:numId x:val="1"/></x:numPr></x:pPr></x:style></x:styles>`
    const numbering = `<x:numbering xmlns:x="${W}"><x:abstractNum x:abstractNumId="0"><x:lvl x:ilvl="0"><x:numFmt x:val="bullet"/><x:lvlText x:val="•"/></x:lvl></x:abstractNum><x:num x:numId="1"><x:abstractNumId x:val="0"/></x:num></x:numbering>`
    const xp = (text: string, style: string) => `<x:p><x:pPr><x:pStyle x:val="${style}"/></x:pPr><x:r><x:t>${text}</x:t></x:r></x:p>`
    const {text} = await readDocx(docx(xp('Titel', 'Kop1') + xp('een', 'Opsomming') + xp('twee', 'Opsomming'), {'numbering.xml': numbering, 'styles.xml': styles}, 'x'))
    expect(text).toBe('# Titel\n\n- een\n- twee')
  })

  it('counts embedded objects, charts, comments and headers with text, and keeps no comment text', async () => {
    const body = p(
      `${r('Tekst')}<w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata/></v:shape><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office"/></w:object></w:r>` +
        `<w:r><w:drawing><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></w:drawing></w:r>`,
    )
    const parts = {
      'comments.xml': `<w:comments xmlns:w="${W}"><w:comment w:id="0">${p(r('geheime opmerking'))}</w:comment><w:comment w:id="1">${p(r('antwoord'))}</w:comment></w:comments>`,
      'footer1.xml': `<w:ftr xmlns:w="${W}">${p(r('3'))}</w:ftr>`,
      'header1.xml': `<w:hdr xmlns:w="${W}">${p(r('Vertrouwelijk verslag'))}</w:hdr>`,
    }
    const {losses, text} = await readDocx(docx(body, parts))
    expect(text).toBe('Tekst')
    expect(losses).toEqual({...NO_WORD_LOSSES, comments: 2, embeddedObjects: 2, headersFooters: 1})
    expect(describeWordLosses(losses)).toBe('2 opmerkingen, 2 ingesloten objecten en 1 kop- of voettekst niet overgenomen')
  })

  it('refuses a DOCTYPE, XML that is not, and an OpenDocument file named .docx', async () => {
    const broken = Buffer.from(zipSync({'word/document.xml': strToU8(`<w:document xmlns:w="${W}"><w:body><w:p></w:body></w:document>`)}))
    await expect(readDocx(broken)).rejects.toThrow(WordProblem)
    await expect(readDocx(broken)).rejects.toThrow(/geen geldige XML/)
    const withDoctype = Buffer.from(zipSync({'_rels/.rels': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><Relationships/>')}))
    await expect(readDocx(withDoctype)).rejects.toThrow(/DOCTYPE/)
    const odt = Buffer.from(zipSync({'content.xml': strToU8('<x/>'), mimetype: strToU8('application/vnd.oasis.opendocument.text')}))
    await expect(readDocx(odt)).rejects.toThrow(/OpenDocument-bestand/)
  })
})
