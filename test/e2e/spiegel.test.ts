import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {exampleStudy, expectRefusal, json, karavaan, snapshot, tempDir} from '../helpers/cli.js'
import {readPdf} from '../helpers/pdf.js'

/*
 * The spiegel document: sent before the reflection meeting of one halteplaats, with the
 * preliminary picture in plain words, the draft findings by their short id and the questions of
 * the meeting, so that reflect add can record its outcome against the same findings.
 */

interface FindingJson {
  draft: boolean
  evidence: Array<{halteplaats: string}>
  halteplaatsen: string[]
  id: string
  title: string
}

const DATE = '2026-05-01'
const QUESTIONS = ['**Klopt dit?**', '**Wat ontbreekt?**', '**Wat ziet u anders?**']
const PLACES = {havenkwartier: 'Havenkwartier', kanaalzone: 'Kanaalzone', vlonders: 'De Vlonders', wendelo: 'Wendelo'} as const

describe('karavaan report --template spiegel on the example study', () => {
  let study: string
  let findings: FindingJson[]
  const docs: Record<string, string> = {}
  const run = (...args: string[]) => karavaan([...args, '--study', study])
  const about = (f: FindingJson, place: string) => f.halteplaatsen.includes(place) || f.evidence.some((e) => e.halteplaats === place)

  beforeAll(() => {
    study = exampleStudy()
    findings = json<FindingJson[]>(run('finding', 'list', '--json'))
    const result = run('report', '--template', 'spiegel', '--all', '--format', 'md', '--date', DATE)
    if (result.code !== 0) throw new Error(result.stderr)
    expect(result.stdout.match(/^Rapport geschreven: /gm)).toHaveLength(4)
    for (const place of Object.keys(PLACES)) docs[place] = readFileSync(join(study, 'rapporten', `spiegel-${place}-${DATE}.md`), 'utf8')
  }, 180_000)

  it('writes one document per halteplaats with --all, each about its own place', () => {
    expect(readdirSync(join(study, 'rapporten')).filter((f) => f.startsWith('spiegel-')).sort()).toEqual(Object.keys(PLACES).map((p) => `spiegel-${p}-${DATE}.md`).sort())
    for (const [place, name] of Object.entries(PLACES)) {
      expect(docs[place]).toContain(`*Spiegeldocument: het voorlopige beeld van ${name}, voor het reflectiegesprek*`)
      for (const other of Object.values(PLACES).filter((n) => n !== name)) expect(docs[place]).not.toContain(`halteplaats ${other}`)
    }
  })

  it('tells in plain words which stories sounded in which groups, without the jargon of the method', () => {
    const doc = docs.wendelo
    const heard = doc.slice(doc.indexOf('# Wat we hoorden'), doc.indexOf('# Cijfers over Wendelo'))
    expect(heard).toContain('## “Ik kan er niet bij komen, achter al die websites en callcenters.”')
    expect(heard).toMatch(/We hoorden dit in \d+ van de \d+ verslagen van gesprekken en wandelingen, in de gesprekken met: [a-z ,]+ en [a-z ]+\./)
    // Groups by the names people use, never their ids; no "narratief" in a document for inhabitants.
    expect(heard).toContain('moeders')
    expect(heard).not.toMatch(/voetbalelftal|actieve-bewoners|onzichtbare-overheid/)
    expect(doc).not.toMatch(/narratie/i)
  })

  it('shows the context figures of the place', () => {
    expect(docs.wendelo).toContain('| inwoners | 2.310 inwoners | 2024 | CBS Kerncijfers wijken en buurten |')
  })

  it('says under a finding what the figures it cites say, in plain words, only those of the place', () => {
    expect(docs.wendelo).toContain('*De cijfers:* inwoners met (heel) veel vertrouwen in het gemeentebestuur in Wendelo: 23\u00a0% (Burgerpeiling Oost-Veenland, 2024), bevestigt dit.')
    expect(docs.wendelo).toMatch(/\(Meerjareninvesteringsplan Oost-Veenland, 2025\), spreekt dit tegen/)
    expect(docs.wendelo).not.toContain('spreekt tegen dit')
    // Value and unit are held together by a no-break space, so the PDF never breaks "23 %" over two lines.
    for (const line of docs.wendelo.split('\n').filter((l) => l.startsWith('*De cijfers:*'))) expect(line).not.toMatch(/\d (%|km)/)
    for (const line of docs.wendelo.split('\n').filter((l) => l.startsWith('*De cijfers:*'))) expect(line).not.toMatch(/in (Kanaalzone|De Vlonders|Havenkwartier):/)
  })

  it('lists every finding about the place by its short id, drafts included and marked, each with the three questions and room to write', () => {
    for (const place of Object.keys(PLACES)) {
      const doc = docs[place]
      const mine = findings.filter((f) => about(f, place))
      expect(mine.length, place).toBeGreaterThan(0)
      expect(doc.match(/^## Bevinding [0-9a-f]{8}: /gm), place).toHaveLength(mine.length)
      for (const f of mine) {
        const at = doc.indexOf(`## Bevinding ${f.id.slice(-8)}: ${f.title}`)
        expect(at, `${place}: ${f.title}`).toBeGreaterThan(-1)
        const next = doc.indexOf('## Bevinding ', at + 1)
        const block = doc.slice(at, next === -1 ? undefined : next)
        for (const question of QUESTIONS) expect(block).toContain(`${question}\n\n${'\\_'.repeat(20)}`)
        expect(block.includes('nog niet onderbouwd'), f.title).toBe(f.draft)
      }
    }

    const draft = findings.find((f) => f.draft)!
    expect(draft).toBeDefined()
    const place = draft.halteplaatsen[0] as keyof typeof PLACES
    expect(docs[place]).toContain(`## Bevinding ${draft.id.slice(-8)}: ${draft.title}`)
    expect(docs[place]).toContain('**Dit is een concept.**')
    // The final report leaves the same draft out of its findings.
    const out = join(tempDir(), 'eind.md')
    expect(run('report', '--format', 'md', '--out', out).code).toBe(0)
    expect(readFileSync(out, 'utf8')).not.toContain(`## ${draft.title}`)
  })

  it('attributes quotes only by group and halteplaats, and names no one of the team', () => {
    for (const [place, name] of Object.entries(PLACES)) {
      const sources = docs[place].split('\n').filter((line) => line.startsWith('> — '))
      expect(sources.length, place).toBeGreaterThan(2)
      for (const line of sources) expect(line).toMatch(new RegExp(`^> — [a-zë ]+, halteplaats ${name}$`))
      const body = docs[place].slice(docs[place].indexOf('# Vooraf'))
      for (const member of ['Anna', 'Bram', 'Fatima', 'Joost', 'Visser', 'Amrani']) expect(body).not.toContain(member)
    }
  })

  it('gives the ids reflect add takes: the meeting\'s outcome goes against the same findings', () => {
    const short = /^## Bevinding ([0-9a-f]{8}): /m.exec(docs.vlonders)![1]
    const meeting = json<{confirmed: {findings: string[]}}>(run('reflect', 'add', '--halteplaats', 'vlonders', '--date', '2026-09-01', '--participant', 'bewoners:5', '--confirmed', 'Herkend.', '--confirms', short, '--json'))
    expect(meeting.confirmed.findings).toEqual([findings.find((f) => f.id.endsWith(short))!.id])
  })

  it('writes a PDF whose text holds the findings and the questions', async () => {
    const file = join(tempDir(), 'spiegel.pdf')
    const result = run('report', '--template', 'spiegel', '--halteplaats', 'wendelo', '--out', file)
    expect(result.code, result.stderr).toBe(0)
    const text = (await readPdf(file)).text.join('\n')
    expect(text).toContain('Wat we hoorden')
    expect(text).toContain('Klopt dit?')
    expect(text).toContain('Wat ziet u anders?')
    const first = findings.find((f) => about(f, 'wendelo'))!
    expect(text).toContain(`Bevinding ${first.id.slice(-8)}`)
  }, 60_000)

  it('needs one halteplaats, or --all, and --all only for a template per halteplaats', () => {
    const before = snapshot(study)
    expectRefusal(run('report', '--template', 'spiegel'), 1, 'Het sjabloon spiegel is voor één gebied: geef --halteplaats, of --all', 'kanaalzone, wendelo, vlonders, havenkwartier')
    expectRefusal(run('report', '--template', 'eindrapport', '--all'), 1, '--all maakt een document per halteplaats')
    expect(run('report', '--template', 'spiegel', '--all', '--halteplaats', 'wendelo').code).toBe(2)
    expect(snapshot(study)).toEqual(before)
  })

  it('lets a study edit its own copy (template copy spiegel), which is still per halteplaats', () => {
    const dir = join(tempDir(), 'sjablonen')
    const copied = karavaan(['template', 'copy', 'spiegel', dir])
    expect(copied.code, copied.stderr).toBe(0)
    const file = join(dir, 'spiegel.md')
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('**Klopt dit?**', '**Herkent u dit?**'))
    const out = join(tempDir(), 'eigen.md')
    expect(run('report', '--template', file, '--halteplaats', 'wendelo', '--format', 'md', '--out', out).code).toBe(0)
    const doc = readFileSync(out, 'utf8')
    expect(doc).toContain('**Herkent u dit?**')
    expect(doc).not.toContain('**Klopt dit?**')
    expectRefusal(run('report', '--template', file), 1, 'is voor één gebied')
    expect(karavaan(['template', 'list']).stdout).toMatch(/^spiegel {2,}Het spiegeldocument voor het reflectiegesprek/m)
  })
})

describe('the spiegel document and the privacy guard', () => {
  it('refuses a document with personal data in a finding, writes nothing, and --pseudonymise puts a placeholder in', () => {
    const study = exampleStudy()
    const run = (...args: string[]) => karavaan([...args, '--study', study])
    expect(run('finding', 'add', '--title', 'Bellen helpt', '--text', 'Een bewoner gaf zijn nummer: 06-12345678.', '--halteplaats', 'wendelo', '--allow-personal-data').code).toBe(0)
    const out = join(tempDir(), 'spiegel.md')
    expectRefusal(run('report', '--template', 'spiegel', '--halteplaats', 'wendelo', '--format', 'md', '--out', out), 1, 'persoonsgegevens', '06-12345678')
    expect(existsSync(out)).toBe(false)
    expect(run('report', '--template', 'spiegel', '--halteplaats', 'wendelo', '--format', 'md', '--out', out, '--pseudonymise').code).toBe(0)
    const doc = readFileSync(out, 'utf8')
    expect(doc).not.toContain('06-12345678')
    expect(doc).toMatch(/\\\[telefoonnummer[^\]]*\\\]/)
  }, 180_000)
})
