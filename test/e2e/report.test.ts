import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {exampleStudy, expectRefusal, json, karavaan, snapshot, tempDir} from '../helpers/cli.js'
import {readPdf} from '../helpers/pdf.js'

const NARRATIVES = ['Onzichtbaarheid van de overheid', 'Onzichtbaarheid van de burger', 'Ongelijke behandeling', 'Ongehoorde burgers', 'Ervaren incompetentie']
const PLACES = ['Kanaalzone', 'Wendelo', 'De Vlonders', 'Havenkwartier']

interface Outcome {
  bytes: number
  charts: string[]
  file: string
  pages?: number
}

describe('karavaan report', () => {
  let study: string
  beforeAll(() => {
    study = exampleStudy()
  }, 120_000)

  it('writes the eindrapport as a PDF in rapporten/ with every part a reader looks for', async () => {
    const result = karavaan(['report', '--study', study, '--date', '2026-12-18'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/Rapport geschreven: .*rapporten\/eindrapport-2026-12-18\.pdf \(\d+ pagina's\)/)
    const pdf = await readPdf(join(study, 'rapporten', 'eindrapport-2026-12-18.pdf'))
    const all = pdf.text.join('\n')
    for (const part of ['Inhoud', 'Samenvatting', 'De aanpak', 'De acht groepen', 'Vijf narratieven van wantrouwen', 'Bevindingen', 'Reflectie in de halteplaatsen', 'Adviezen', 'Bijlage: dekking van de gesprekken']) {
      expect(all).toContain(part)
    }

    for (const name of [...NARRATIVES, ...PLACES, 'Voor gemeenten', 'Voor professionals', 'Voor rijksoverheid']) expect(all).toContain(name)
    expect(all).toContain('Karavaan Veenland en Kust 2026')
    expect(all).toContain('Samenwerkende gemeenten Veenstad')
    expect(all).toContain('18 december 2026')
    // The example's material: findings with their evidence, the four reflection meetings, advice.
    expect(all).toContain('Waar het loket verdween, verdween voor veel inwoners ook de overheid')
    expect(all).toMatch(/Onderbouwing: \d+ notities uit/)
    for (const meeting of ['Kanaalzone, 6 mei 2026', 'Wendelo, 10 juni 2026', 'De Vlonders, 2 september 2026', 'Havenkwartier, 14 oktober 2026']) expect(all).toContain(meeting)
    expect(all).toMatch(/Naar aanleiding van: /)
    // Quotes are attributed by group and halteplaats only.
    expect(all).toMatch(/— (ondernemer|oudere inwoner|scholier|moeder|voetballer|actieve bewoner|wijkprofessional|medewerker gemeente|wijkwandeling)[a-z ]*, halteplaats (Kanaalzone|Wendelo|De Vlonders|Havenkwartier)/)
    for (const interviewer of ['Anna Visser', 'Bram de Jong', 'Fatima El Amrani']) expect(all).not.toContain(interviewer)

    const pages = pdf.pages.length
    expect(pages).toBeGreaterThan(8)
    expect(pdf.text[1]).toContain(`pagina 2 van ${pages}`)
    expect(pdf.text.at(-1)).toContain(`pagina ${pages} van ${pages}`)
    expect(pdf.outline.map((o) => o.title)).toEqual(expect.arrayContaining(['Samenvatting', 'Vijf narratieven van wantrouwen', 'Adviezen']))
    expect(pdf.info.Title).toBe('Karavaan Veenland en Kust 2026')
    expect(pdf.info.Author).toBe('Sanne Hoekstra')
    for (const [n, text] of pdf.text.entries()) expect(text.trim().length, `pagina ${n + 1} is leeg`).toBeGreaterThan(20)
  })

  it('builds every template in every format', async () => {
    for (const template of ['eindrapport', 'halteplaats', 'veldwerk']) {
      for (const format of ['pdf', 'html', 'md']) {
        const out = join(tempDir(), `${template}.${format}`)
        const args = ['report', '--study', study, '--template', template, '--format', format, '--out', out, '--json']
        if (template === 'halteplaats') args.push('--halteplaats', 'wendelo')
        const outcome = json<Outcome>(karavaan(args))
        expect(outcome.file).toBe(out)
        const text = format === 'pdf' ? (await readPdf(out)).text.join('\n') : readFileSync(out, 'utf8')
        if (template === 'halteplaats') {
          expect(text).toContain('Wendelo')
          expect(text).not.toContain('halteplaats Kanaalzone')
        }

        if (template === 'veldwerk') {
          expect(text).toContain('Notities per interviewer')
          expect(text).toContain('Anna Visser')
        } else {
          expect(text).toContain('Ongehoorde burgers')
        }

        if (format === 'html') {
          expect(text).toMatch(/^<!DOCTYPE html>/i)
          expect(text).toContain('<svg')
        }

        if (format === 'md') expect(text).not.toContain('```omslag')
      }
    }
  }, 120_000)

  it('marks a draft and explains what a final report leaves out', async () => {
    const final = join(tempDir(), 'definitief.md')
    const result = karavaan(['report', '--study', study, '--format', 'md', '--out', final])
    expect(result.stderr).toContain('Let op: 1 bevinding zonder onderbouwing is weggelaten; met --draft')
    expect(readFileSync(final, 'utf8')).not.toContain('**Concept:**')

    const out = join(tempDir(), 'concept.pdf')
    const draft = karavaan(['report', '--study', study, '--draft', '--out', out])
    expect(draft.code, draft.stderr).toBe(0)
    expect(draft.stderr).not.toContain('weggelaten')
    const pdf = await readPdf(out)
    expect(pdf.text.every((page) => page.includes('CONCEPT'))).toBe(true)
    expect(pdf.text.join('\n')).toContain('Concept: deze bevinding heeft nog geen onderbouwing')
  })

  it('refuses a halteplaats report without --halteplaats, an unknown halteplaats and a wrong --out', () => {
    const before = snapshot(study)
    expectRefusal(karavaan(['report', '--study', study, '--template', 'halteplaats']), 1, '--halteplaats', 'wendelo')
    expectRefusal(karavaan(['report', '--study', study, '--halteplaats', 'atlantis']), 1, 'atlantis')
    expectRefusal(karavaan(['report', '--study', study, '--format', 'html', '--out', join(study, 'study.yaml')]), 1, '.html')
    expectRefusal(karavaan(['report', '--study', study, '--template', 'jaarverslag']), 1, 'jaarverslag', 'template copy')
    expect(snapshot(study)).toEqual(before)
  })

  it('copies a template to edit, builds from the copy, and never overwrites it', () => {
    const dir = join(tempDir(), 'sjablonen')
    const copy = karavaan(['template', 'copy', 'eindrapport', dir])
    expect(copy.code, copy.stderr).toBe(0)
    const files = readdirSync(dir).sort()
    expect(files).toContain('eindrapport.md')
    expect(files).toContain('_aanpak.md')
    const own = readFileSync(join(dir, 'eindrapport.md'), 'utf8').replace('# Samenvatting', '# Samenvatting voor de raad')
    writeFileSync(join(dir, 'eindrapport.md'), own)
    const out = join(tempDir(), 'eigen.md')
    expect(karavaan(['report', '--study', study, '--template', join(dir, 'eindrapport.md'), '--format', 'md', '--out', out]).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('# Samenvatting voor de raad')
    expectRefusal(karavaan(['template', 'copy', 'eindrapport', dir]), 1, 'eindrapport.md', 'niets gekopieerd')
    expect(readFileSync(join(dir, 'eindrapport.md'), 'utf8')).toBe(own)
  })

  it('refuses a broken template with its file and line, and writes nothing', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'kapot.md'), '# Titel\n\nTekst.\n\n{{ studie.tittel }}\n')
    writeFileSync(join(dir, 'open.md'), '# Titel\n{% for h in halteplaatsen %}\n{{ h.naam }}\n')
    writeFileSync(join(dir, 'grafiek.md'), '# Titel\n\n```grafiek\ntaartdiagram\n```\n')
    const out = join(dir, 'uit.pdf')
    expectRefusal(karavaan(['report', '--study', study, '--template', join(dir, 'kapot.md'), '--out', out]), 1, /kapot\.md:5:\d+/, 'bestaat niet in de rapportgegevens')
    expectRefusal(karavaan(['report', '--study', study, '--template', join(dir, 'open.md'), '--out', out]), 1, /open\.md:2:\d+/)
    expectRefusal(karavaan(['report', '--study', study, '--template', join(dir, 'grafiek.md'), '--out', out]), 1, /grafiek\.md:4/, 'taartdiagram', 'groep-narratief')
    expect(existsSync(out)).toBe(false)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('escapes hostile note text in HTML and keeps it literal in the PDF', async () => {
    const hostile = 'Ze zeiden <script>alert("x")</script> en <img src=x onerror=alert(1)> en [klik](javascript:alert(1)) **niet vet**'
    const added = json<{id: string}>(
      karavaan(['note', 'add', '--study', study, '--halteplaats', 'wendelo', '--group', 'moeders', '--date', '2026-03-02', '--interviewer', 'anna', '--text', hostile, '--narrative', '4', '--json']),
    )
    expect(karavaan(['tag', 'add', added.id, '4', '--quote', hostile, '--coder', 'joost', '--study', study]).code).toBe(0)
    const html = join(tempDir(), 'r.html')
    expect(karavaan(['report', '--study', study, '--format', 'html', '--out', html, '--template', 'halteplaats', '--halteplaats', 'wendelo']).code).toBe(0)
    const page = readFileSync(html, 'utf8')
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toMatch(/<img/i)
    expect(page).not.toMatch(/href="javascript:/i)
    const pdf = join(tempDir(), 'r.pdf')
    expect(karavaan(['report', '--study', study, '--out', pdf, '--template', 'halteplaats', '--halteplaats', 'wendelo']).code).toBe(0)
    const text = (await readPdf(pdf)).text.join(' ')
    expect(text).toContain('<script>')
    expect(text).toContain('**niet vet**')
    // Back to the example as it was, for the other tests.
    expect(karavaan(['note', 'rm', added.id, '--study', study]).code).toBe(0)
  })

  it('refuses a report with personal data unless the user overrides it explicitly', () => {
    const text = 'Mevrouw Jansen zei: bel me op 06-12345678 of mail jansen@ziggo.nl als er nieuws is over het loket.'
    const added = json<{id: string}>(
      karavaan(['note', 'add', '--study', study, '--halteplaats', 'kanaalzone', '--group', 'ouderen', '--date', '2026-03-03', '--interviewer', 'bram', '--text', text, '--allow-personal-data', '--json']),
    )
    expect(karavaan(['tag', 'add', added.id, '1', '--quote', text, '--coder', 'joost', '--study', study]).code).toBe(0)
    const out = join(tempDir(), 'r.md')
    const refused = karavaan(['report', '--study', study, '--format', 'md', '--out', out, '--template', 'halteplaats', '--halteplaats', 'kanaalzone'])
    // The address is escaped in the Markdown (jansen\@ziggo.nl, so it is no link); the guard still sees it.
    expectRefusal(refused, 1, 'persoonsgegevens', '06-12345678', 'jansen@ziggo.nl', '--allow-personal-data')
    expect(existsSync(out)).toBe(false)
    const allowed = karavaan(['report', '--study', study, '--format', 'md', '--out', out, '--template', 'halteplaats', '--halteplaats', 'kanaalzone', '--allow-personal-data'])
    expect(allowed.code, allowed.stderr).toBe(0)
    expect(allowed.stderr).toContain('Let op:')
    expect(karavaan(['note', 'rm', added.id, '--study', study]).code).toBe(0)
  })
})
