import {narrativeQuotes, type Quote} from '../analysis/quotes.js'
import {compare} from '../analysis/compare.js'
import {fieldworkStatus} from '../fieldwork/status.js'
import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {dutchDate, dutchNumber, percent} from './format.js'
import {reportMaterial, type MaterialData} from './material.js'

/**
 * The data context of a report template: everything a template can use, with Dutch names because
 * Dutch researchers write the templates. templates/README.md documents every field; a field is
 * always present (null or an empty list when there is nothing), so a template never trips over a
 * missing key. Only group and halteplaats are ever attached to what respondents said.
 */
export interface ReportData extends MaterialData {
  /** Conversations per group (rows) and halteplaats (columns): held with notes, planned or open. */
  dekking: {kolommen: string[]; rijen: Array<{cellen: Array<{notities: number; status: string; tekst: string}>; groep: string}>}
  halteplaatsen: HalteplaatsData[]
  methode: MethodData
  narratieven: NarrativeData[]
  rapport: {auteur: string; concept: boolean; datum: string; datum_tekst: string; halteplaats: HalteplaatsData | null; sjabloon: string; titel: string}
  studie: {
    id: string
    opdrachtgever: string
    periode: {eind: string; start: string; tekst: string}
    projectleiders: string[]
    team: Array<{id: string; naam: string; rol: string}>
    titel: string
  }
  totalen: {
    gesprekken: number
    gesprekken_gehouden: number
    gesprekken_gepland: number
    getagd: number
    notities: number
    observaties: number
    ongetagd: number
  }
  veldwerk: {
    interviewers: Array<{gesprekken: number; id: string; naam: string; notities: number; observaties: number}>
    ongetagd: Array<{datum: string; groep: string; halteplaats: string; id: string; interviewer: string}>
    ontbreekt: string[]
    planning: Array<{datum: string; groep: string; halteplaats: string; status: string}>
  }
  verschillen: string[]
}

export interface HalteplaatsData {
  context: Array<{bron: string; eenheid: string; indicator: string; jaar: number; waarde: number; waarde_tekst: string}>
  gemeente: string
  gesprekken_gehouden: number
  id: string
  naam: string
  narratieven: Array<{aandeel: number; groepen: number; id: string; naam: string; notities: number; nummer: number; procent: string}>
  notities: number
  type: string
}

export interface NarrativeData {
  aandeel: number
  citaten: QuoteData[]
  groepen: Array<{id: string; naam: string; notities: number; procent: string}>
  halteplaatsen: Array<{groepen: number; id: string; naam: string; notities: number; procent: string}>
  id: string
  kort: string
  naam: string
  notities: number
  nummer: number
  omschrijving: string
  procent: string
  stem: string
  /** Up to three quotes from different halteplaatsen and groups, for the report's text. */
  uitgelicht: QuoteData[]
}

export interface QuoteData {
  bron: string
  groep: string
  halteplaats: string
  tekst: string
}

export interface MethodData {
  activiteiten: Array<{id: string; naam: string; omschrijving: string}>
  doelgroepen: Array<{id: string; naam: string; omschrijving: string}>
  groepen: Array<{id: string; kort: string; naam: string; nummer: number; omschrijving: string}>
  kaders: Array<{id: string; naam: string; omschrijving: string; soort: string}>
  naam: string
  narratieven: Array<{id: string; kort: string; naam: string; nummer: number; omschrijving: string; stem: string}>
  omschrijving: string
  stappen: Array<{id: string; naam: string; omschrijving: string}>
  themas: Array<{id: string; kort: string; naam: string; omschrijving: string; vragen: string[]}>
}

export interface ReportScope {
  draft: boolean
  /** Today as yyyy-mm-dd; given so a report can be rebuilt for a date and tests are stable. */
  date: string
  halteplaats?: string
  template: string
  title?: string
}

/** Everything a template can show, for the whole study or for one halteplaats. */
export function buildReportData(store: Store, study: Study, scope: ReportScope): ReportData {
  const method = study.methodDefinition
  const inScope = (halteplaats: string) => !scope.halteplaats || halteplaats === scope.halteplaats
  const halteplaatsen = study.halteplaatsen.filter((h) => inScope(h.id))
  // Every note of the study, without its text: the report counts and lists notes, it never quotes
  // a whole one, and loading 10,000 texts took most of the time of building the data.
  const allCoded = store.tags.codesPerNote('narrative')
  const coded = allCoded.filter((n) => inScope(n.halteplaats))
  const status = fieldworkStatus(store, study)
  const cells = status.cells.filter((c) => inScope(c.halteplaats))
  const observations = status.observations.filter((o) => inScope(o.halteplaats))
  const figures = store.context.list()
  const groupName = (id: null | string) => method.groups.find((g) => g.id === id)?.short ?? ''
  const placeName = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  const memberName = (id: string) => study.team.find((m) => m.id === id)?.name ?? id

  const narrativeCounts = (notes: typeof coded) =>
    method.narratives.map((n) => {
      const voicing = notes.filter((note) => note.codes.includes(n.id))
      const count = voicing.length
      const share = notes.length > 0 ? count / notes.length : 0
      return {aandeel: share, groepen: new Set(voicing.map((v) => v.group).filter(Boolean)).size, id: n.id, naam: n.name, notities: count, nummer: n.number, procent: percent(share)}
    })

  const halteplaatsData: HalteplaatsData[] = halteplaatsen.map((h) => {
    const mine = coded.filter((n) => n.halteplaats === h.id)
    return {
      context: figures
        .filter((f) => f.halteplaats === h.id)
        .map((f) => ({bron: f.source, eenheid: f.unit, indicator: f.indicator, jaar: f.year, waarde: f.value, waarde_tekst: dutchNumber(f.value)})),
      gemeente: h.gemeente,
      gesprekken_gehouden: cells.filter((c) => c.halteplaats === h.id && c.state === 'gehouden').length,
      id: h.id,
      naam: h.name,
      narratieven: narrativeCounts(mine),
      notities: mine.length,
      type: h.type,
    }
  })

  const toQuote = (q: Quote): QuoteData => ({bron: q.attribution, groep: q.group ? groupName(q.group) : '', halteplaats: placeName(q.halteplaats), tekst: q.quote})
  const narratieven: NarrativeData[] = method.narratives.map((n) => {
    const voicing = coded.filter((note) => note.codes.includes(n.id))
    const share = coded.length > 0 ? voicing.length / coded.length : 0
    const quotes = narrativeQuotes(store, study, n.id, scope.halteplaats ? {halteplaats: scope.halteplaats} : {}).map(toQuote)
    return {
      aandeel: share,
      citaten: quotes,
      groepen: method.groups.map((g) => {
        const ofGroup = coded.filter((note) => note.group === g.id)
        const count = voicing.filter((note) => note.group === g.id).length
        return {id: g.id, naam: g.short, notities: count, procent: percent(ofGroup.length > 0 ? count / ofGroup.length : 0)}
      }),
      halteplaatsen: halteplaatsData.map((h) => {
        const here = voicing.filter((note) => note.halteplaats === h.id)
        return {groepen: new Set(here.map((v) => v.group).filter(Boolean)).size, id: h.id, naam: h.naam, notities: here.length, procent: percent(h.notities > 0 ? here.length / h.notities : 0)}
      }),
      id: n.id,
      kort: n.short,
      naam: n.name,
      notities: voicing.length,
      nummer: n.number,
      omschrijving: n.description,
      procent: percent(share),
      stem: n.voice,
      uitgelicht: highlight(quotes, 3),
    }
  })

  const focus = scope.halteplaats ? (halteplaatsData.find((h) => h.id === scope.halteplaats) ?? null) : null
  const untagged = new Set(coded.filter((n) => n.codes.length === 0).map((n) => n.noteId))
  const material = reportMaterial(store, study, {draft: scope.draft, halteplaats: scope.halteplaats})
  const leads = study.team.filter((m) => m.role === 'projectleider').map((m) => m.name)
  return {
    ...material,
    dekking: {
      kolommen: halteplaatsen.map((h) => h.name),
      rijen: method.groups.map((g) => ({
        cellen: halteplaatsen.map((h) => {
          const cell = cells.find((c) => c.halteplaats === h.id && c.group === g.id)!
          return {notities: cell.notes, status: cell.state, tekst: cellText(cell.state, cell.notes, cell.date)}
        }),
        groep: g.short,
      })),
    },
    halteplaatsen: halteplaatsData,
    methode: {
      activiteiten: method.activities.map((a) => ({id: a.id, naam: a.name, omschrijving: a.description})),
      doelgroepen: method.audiences.map((a) => ({id: a.id, naam: a.name, omschrijving: a.description})),
      groepen: method.groups.map((g) => ({id: g.id, kort: g.short, naam: g.name, nummer: g.number, omschrijving: g.description})),
      kaders: method.frames.map((f) => ({id: f.id, naam: f.name, omschrijving: f.description, soort: f.kind})),
      naam: method.name,
      narratieven: method.narratives.map((n) => ({id: n.id, kort: n.short, naam: n.name, nummer: n.number, omschrijving: n.description, stem: n.voice})),
      omschrijving: method.description,
      stappen: method.phases.map((p) => ({id: p.id, naam: p.name, omschrijving: p.description})),
      themas: method.themes.map((t) => ({id: t.id, kort: t.short, naam: t.name, omschrijving: t.description, vragen: t.questions})),
    },
    narratieven,
    rapport: {
      auteur: leads.join(', ') || study.team[0]?.name || '',
      concept: scope.draft,
      datum: scope.date,
      datum_tekst: dutchDate(scope.date),
      halteplaats: focus,
      sjabloon: scope.template,
      titel: scope.title ?? (focus ? `${study.title} — halteplaats ${focus.naam}` : study.title),
    },
    studie: {
      id: study.id,
      opdrachtgever: study.client,
      periode: {eind: study.period.end, start: study.period.start, tekst: periodText(study.period.start, study.period.end)},
      projectleiders: leads,
      team: study.team.map((m) => ({id: m.id, naam: m.name, rol: m.role})),
      titel: study.title,
    },
    totalen: {
      gesprekken: cells.length,
      gesprekken_gehouden: cells.filter((c) => c.state === 'gehouden').length,
      gesprekken_gepland: cells.filter((c) => c.state === 'gepland').length,
      getagd: coded.length - untagged.size,
      notities: coded.length,
      observaties: observations.reduce((sum, o) => sum + o.held, 0),
      ongetagd: untagged.size,
    },
    veldwerk: {
      interviewers: study.team
        .map((m) => {
          const theirs = coded.filter((n) => n.interviewer === m.id)
          return {gesprekken: theirs.filter((n) => n.group).length, id: m.id, naam: m.name, notities: theirs.length, observaties: theirs.filter((n) => n.activity).length}
        })
        .filter((m) => m.notities > 0 || study.team.find((t) => t.id === m.id)?.role === 'interviewer'),
      // Straight from the coded notes: a copy of every note with an id beside its noteId held 10 MB on 100,000 notes.
      ongetagd: coded
        .filter((n) => untagged.has(n.noteId))
        .map((n) => ({datum: n.date, groep: n.group ? groupName(n.group) : (method.activities.find((a) => a.id === n.activity)?.name ?? ''), halteplaats: placeName(n.halteplaats), id: shortId(n.noteId), interviewer: memberName(n.interviewer)})),
      ontbreekt: status.missing.filter((m) => inScope(m.halteplaats)).map((m) => m.message),
      planning: cells
        .filter((c) => c.state !== 'gehouden')
        .map((c) => ({datum: c.date ?? '', groep: groupName(c.group), halteplaats: placeName(c.halteplaats), status: c.state})),
    },
    verschillen: scope.halteplaats ? [] : compare(store, study, allCoded).contrasts.map((c) => c.message),
  }
}

/** "2 februari tot en met 18 december 2026", with the first year only when the years differ. */
function periodText(start: string, end: string): string {
  const from = start.slice(0, 4) === end.slice(0, 4) ? dutchDate(start).replace(/ \d{4}$/, '') : dutchDate(start)
  return `${from} tot en met ${dutchDate(end)}`
}

function cellText(state: string, notes: number, date: null | string): string {
  if (state === 'gehouden') return notes === 1 ? '1 notitie' : `${notes} notities`
  if (state === 'gepland') return date ? `gepland ${date.slice(8, 10)}-${date.slice(5, 7)}` : 'gepland'
  return state === 'vervallen' ? 'vervallen' : '–'
}

/** Quotes spread over halteplaatsen and groups: the first of each new pair, then the rest. */
function highlight(quotes: QuoteData[], count: number): QuoteData[] {
  const chosen: QuoteData[] = []
  const places = new Set<string>()
  const groups = new Set<string>()
  for (const quote of quotes) {
    if (chosen.length === count) break
    if (places.has(quote.halteplaats) || groups.has(quote.groep)) continue
    chosen.push(quote)
    places.add(quote.halteplaats)
    groups.add(quote.groep)
  }

  for (const quote of quotes) {
    if (chosen.length >= count) break
    if (!chosen.includes(quote)) chosen.push(quote)
  }

  return chosen
}
