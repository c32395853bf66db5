import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse, stringify} from 'yaml'

import {json, karavaan, makeStudy, ROOT, tempDir} from '../helpers/cli.js'
import {Terminal} from '../helpers/terminal.js'

interface Suggestion {
  cues: string[]
  model?: {probability: number; words: string[]}
  narrative: string
  note: string
  score: number
  sentence: string
}

const MODEL_FILE = 'narratiefmodel.json'

const lost = [
  'De aanvraag voor de parkeervergunning is weer zoekgeraakt, zeggen de bewoners.',
  'Mijn aanvraag is zoekgeraakt en niemand belt terug, vertelde een moeder.',
  'Weer een aanvraag zoekgeraakt bij de afdeling vergunningen, zei de ondernemer.',
  'Een oudere vrouw vertelde dat de aanvraag voor de scootmobiel is zoekgeraakt.',
]
const neutral = [
  'De buurtbarbecue was gezellig en er kwamen veel kinderen op af.',
  'Na afloop ruimden de vrijwilligers samen de zaal op.',
  'Het elftal trainde op het kunstgras naast de kantine.',
  'In het buurthuis is elke woensdag een koffieochtend.',
]

const noteFile = (narratives: string, text: string, interviewer = 'anna') =>
  `---\nhalteplaats: noord\ngroup: moeders\ndate: 2026-04-09\ninterviewer: ${interviewer}\nnarratives: [${narratives}]\n---\n${text}\n`

/** A fresh study whose own method has one cue, and whose interviewer anna codes lost applications as narrative 1. */
function codedStudy(tagged: number): string {
  const study = makeStudy()
  const method = parse(readFileSync(join(ROOT, 'methods', 'karavaan.yaml'), 'utf8')) as {narratives: Array<{cues?: unknown[]; patterns?: unknown[]}>}
  for (const narrative of method.narratives) {
    narrative.cues = []
    delete narrative.patterns
  }

  method.narratives[0].cues = ['loket*']
  writeFileSync(join(study, 'methode.yaml'), stringify(method))
  writeFileSync(join(study, 'study.yaml'), readFileSync(join(study, 'study.yaml'), 'utf8').replace('method: karavaan', 'method: ./methode.yaml'))
  for (let i = 0; i < tagged; i++) {
    writeFileSync(join(study, 'inbox', `ja-${i}.md`), noteFile('onzichtbare-overheid', `${lost[i % lost.length]} Gesprek ${i}.`))
    writeFileSync(join(study, 'inbox', `nee-${i}.md`), noteFile('', `${neutral[i % neutral.length]} Gesprek ${i}.`))
  }

  if (tagged > 0) expect(karavaan(['import', '--study', study]).code).toBe(0)
  return study
}

/** A note by bram, who gives no narratives in his notes: not something the model learns from, but something to suggest for. */
function addTarget(study: string, text: string): string {
  return json<{id: string}>(karavaan(['note', 'add', '--study', study, '--halteplaats', 'noord', '--group', 'ouderen', '--date', '2026-05-02', '--interviewer', 'bram', '--text', text, '--json'])).id
}

describe('the study model in tag suggest', () => {
  let study: string
  let target: string
  let both: string
  beforeAll(() => {
    study = codedStudy(14)
    // No word of the study's one cue ("loket*"): only the model can find narrative 1 here.
    target = addTarget(study, 'Koffie bij de ouderen. Een buurman zei dat hij de gemeente nooit aan de telefoon krijgt: een keuzemenu, en dan valt de lijn weg.')
    both = addTarget(study, 'Het loket is dicht en mijn aanvraag is zoekgeraakt.')
  })

  it('finds a paraphrase the cues miss, from the corpus, and names the words of the sentence', () => {
    const suggestions = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json']))
    const mine = suggestions.filter((s) => s.note === target)
    expect(mine).toEqual([expect.objectContaining({cues: [], narrative: 'onzichtbare-overheid', sentence: 'Een buurman zei dat hij de gemeente nooit aan de telefoon krijgt: een keuzemenu, en dan valt de lijn weg.'})])
    expect(mine[0].model!.probability).toBeGreaterThanOrEqual(0.5)
    expect(mine[0].model!.words.join(' ')).toMatch(/keuzemenu|lijn|telefoon/)

    const human = karavaan(['tag', 'suggest', '--study', study, '--note', target])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/1\. onzichtbare overheid \(0,\d\d\) — door het model van deze studie/)
    expect(human.stdout).toMatch(/in het korpus en deze studie vaak bij narratief 1: [^\n]*(keuzemenu|lijn|telefoon)/)
    // Trained by the first tag suggest, read from its file by this one.
    expect(human.stdout).toMatch(/Het model van deze studie \(geleerd van [\d.]+ teksten uit het korpus van de kit en 28 gecodeerde notities van jullie\) weegt mee bij narratief 1, 2, 3, 4, 5\./)
  })

  it('weighs what the team codes: its words become the reason', () => {
    const mine = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--note', both]))
    expect(mine).toEqual([expect.objectContaining({cues: ['loket*'], narrative: 'onzichtbare-overheid'})])
    // The team codes lost applications as narrative 1; a study without that coding does not name the word.
    expect(mine[0].model!.words).toContain('zoekgeraakt')
    const fresh = codedStudy(0)
    const note = addTarget(fresh, 'Het loket is dicht en mijn aanvraag is zoekgeraakt.')
    const theirs = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', fresh, '--json', '--note', note]))
    expect(theirs[0].model!.words).not.toContain('zoekgeraakt')
  })

  it('keeps the model in the study folder, for the owner only, and suggests from the cues alone with --no-model', () => {
    const file = join(study, MODEL_FILE)
    expect(existsSync(file)).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const plain = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--no-model']))
    expect(plain.filter((s) => s.note === target)).toEqual([])
    expect(plain.every((s) => s.model === undefined)).toBe(true)
  })

  it('learns again when the coding changes, and not otherwise', () => {
    const file = join(study, MODEL_FILE)
    karavaan(['tag', 'suggest', '--study', study, '--json'])
    const before = JSON.parse(readFileSync(file, 'utf8')) as {stamp: string; trainedAt: string}
    karavaan(['tag', 'suggest', '--study', study, '--json'])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(before)

    expect(karavaan(['tag', 'add', target, '1', '--study', study, '--coder', 'bram']).code).toBe(0)
    const suggestions = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json']))
    const after = JSON.parse(readFileSync(file, 'utf8')) as {notes: number; stamp: string}
    expect(after.stamp).not.toBe(before.stamp)
    expect(after.notes).toBe(29)
    // The tagged narrative is not suggested again.
    expect(suggestions.filter((s) => s.note === target)).toEqual([])
  })

  it('never leaves the laptop in a bundle or an export', () => {
    const model = readFileSync(join(study, MODEL_FILE), 'utf8')
    const features = JSON.stringify((JSON.parse(model) as {model: {features: string[]}}).model.features)
    const out = tempDir()
    const bundle = join(out, 'studie.karavaan')
    expect(karavaan(['export', '--study', study, '--format', 'bundle', '--out', bundle]).code).toBe(0)
    for (const file of ['notities.csv', 'project.qdpx']) expect(karavaan(['export', '--study', study, '--out', join(out, file)]).code).toBe(0)
    const bytes = readFileSync(bundle)
    const payload = gunzipSync(bytes.subarray(bytes.indexOf(0x0a) + 1)).toString('utf8')
    expect(payload).toContain('zoekgeraakt')
    for (const text of [payload, ...readdirSync(out).map((name) => readFileSync(join(out, name)).toString('latin1'))]) {
      expect(text).not.toContain(MODEL_FILE)
      expect(text).not.toContain('karavaan-narratiefmodel')
      expect(text).not.toContain(features)
    }
  })
})

describe('rejections in tag review', () => {
  it('teach the model: the rejected note counts as coded, and the narrative weighs less there', async () => {
    const study = codedStudy(14)
    const loket = addTarget(study, 'Het loket van de sporthal gaat om vijf uur dicht, dat wist iedereen.')
    const chance = () => json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--all'])).find((s) => s.note === loket && s.narrative === 'onzichtbare-overheid')
    const before = chance()!
    expect(before.cues).toEqual(['loket*'])
    expect(before.model).toBeDefined()
    const file = join(study, MODEL_FILE)
    const trained = JSON.parse(readFileSync(file, 'utf8')) as {notes: number; stamp: string}

    const t = Terminal.start(['tag', 'review', '--study', study, '--coder', 'bram'])
    try {
      await t.choose('Voorstel 1 van 1: 1. Onzichtbaarheid van de overheid?', 'down')
      await t.waitFor('Overgenomen: 0, afgewezen: 1, overgeslagen: 0')
      expect(await t.exitCode()).toBe(0)
    } finally {
      t.kill()
    }

    const after = chance()
    const retrained = JSON.parse(readFileSync(file, 'utf8')) as {notes: number; stamp: string}
    expect(retrained.stamp).not.toBe(trained.stamp)
    expect(retrained.notes).toBe(trained.notes + 1)
    expect(after?.model?.probability ?? 0).toBeLessThan(before.model!.probability)
  }, 120_000)
})

describe('the cold start', () => {
  it('learns from the kit\'s corpus before the team has coded anything, and says so', () => {
    const study = codedStudy(0)
    const target = addTarget(study, 'Niemand neemt bij de gemeente nog de telefoon op, je krijgt alleen een keuzemenu en dan valt de lijn weg.')
    const suggestions = json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json']))
    expect(suggestions.filter((s) => s.note === target)).toEqual([expect.objectContaining({cues: [], narrative: 'onzichtbare-overheid'})])
    // The corpus holds invented texts only, so the model of a study nobody has coded may be kept too.
    expect(existsSync(join(study, MODEL_FILE))).toBe(true)
    expect(json<Suggestion[]>(karavaan(['tag', 'suggest', '--study', study, '--json', '--no-model']))).toEqual([])
    const human = karavaan(['tag', 'suggest', '--study', study])
    expect(human.stdout).toMatch(/Het model van deze studie \(geleerd van [\d.]+ teksten uit het korpus van de kit en 0 gecodeerde notities van jullie\) weegt mee bij narratief 1, 2, 3, 4, 5\./)
  })
})
