import {listAdvice, listFindings, listReflections} from '../material/read-model.js'
import {reflectionRoles} from '../material/reflections.js'
import {FIGURE_VERDICT_LABELS, type FindingWithEvidence} from '../model/material.js'
import {shortId} from '../records/ids.js'
import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'
import {dutchDate, dutchNumber} from './format.js'

/** Findings, reflection meetings and advice, as templates see them. */
export interface MaterialData {
  adviezen: AdviceData[]
  bevindingen: FindingData[]
  doelgroepen: Array<{adviezen: AdviceData[]; id: string; naam: string; omschrijving: string}>
  reflecties: ReflectionData[]
}

/** A context figure a finding cites, with what it says about the finding (contract of issue 16). */
export interface FigureData {
  bron: string
  eenheid: string
  halteplaats: {id: string; naam: string}
  id: string
  indicator: string
  jaar: number
  oordeel: 'bevestigt' | 'nuanceert' | 'spreekt tegen'
  waarde_tekst: string
}

export interface FindingData {
  /** The context figures the finding is tested against; in a halteplaats report those of that halteplaats. */
  cijfers: FigureData[]
  citaten: Array<{bron: string; groep: string; halteplaats: string; tekst: string}>
  concept: boolean
  halteplaatsen: Array<{id: string; naam: string}>
  id: string
  kort_id: string
  narratieven: Array<{id: string; naam: string; nummer: number}>
  notities: number
  tekst: string
  themas: Array<{id: string; naam: string}>
  titel: string
}

export interface ReflectionData {
  aangevuld: string
  bevestigd: string
  bevindingen: Array<{id: string; titel: string}>
  datum: string
  datum_tekst: string
  deelnemers: string
  genuanceerd: string
  halteplaats: {id: string; naam: string}
  id: string
}

export interface AdviceData {
  bevindingen: Array<{id: string; titel: string}>
  /** The instruments and inspiring examples the advice cites, from the method file or study.yaml. */
  voorbeelden: Array<{bron: string; id: string; naam: string; soort: 'instrument' | 'voorbeeld'; waar: string; wat: string}>
  doelgroep: {id: string; naam: string}
  id: string
  kader: {id: string; naam: string; soort: string} | null
  tekst: string
  titel: string
}

/**
 * The material for a report. With a halteplaats: the findings about it (named, or backed by its
 * notes), its reflection meetings, and the advice that answers those findings. Drafts are marked;
 * the report builder decides whether they are shown.
 */
export function reportMaterial(store: Store, study: Study, scope: {draft: boolean; halteplaats?: string}): MaterialData {
  const method = study.methodDefinition
  const placeName = (id: string) => study.halteplaatsen.find((h) => h.id === id)?.name ?? id
  const groupName = (id: null | string) => method.groups.find((g) => g.id === id)?.short ?? ''
  const inScope = (f: FindingWithEvidence) =>
    !scope.halteplaats || f.halteplaatsen.includes(scope.halteplaats) || f.evidence.some((e) => e.halteplaats === scope.halteplaats)

  const findings = listFindings(store, study).filter(inScope)
  const titles = new Map(findings.map((f) => [f.id, f.title]))
  const linked = (ids: string[]) => ids.filter((id) => titles.has(id)).map((id) => ({id, titel: titles.get(id)!}))

  // In a halteplaats report a finding is backed only by what was heard there.
  const here = (e: FindingWithEvidence['evidence'][number]) => !scope.halteplaats || e.halteplaats === scope.halteplaats
  const bevindingen: FindingData[] = findings.map((f) => ({
    cijfers: f.figures
      .filter((c) => !scope.halteplaats || c.halteplaats === scope.halteplaats)
      .map((c) => ({
        bron: c.source,
        eenheid: c.unit,
        halteplaats: {id: c.halteplaats, naam: placeName(c.halteplaats)},
        id: c.figureId,
        indicator: c.indicator,
        jaar: c.year,
        oordeel: FIGURE_VERDICT_LABELS[c.verdict] as FigureData['oordeel'],
        waarde_tekst: dutchNumber(c.value),
      })),
    citaten: f.evidence
      .filter((e) => e.quote && here(e))
      .map((e) => ({bron: e.attribution, groep: groupName(e.group), halteplaats: placeName(e.halteplaats), tekst: e.quote!})),
    concept: f.draft,
    halteplaatsen: f.halteplaatsen.map((id) => ({id, naam: placeName(id)})),
    id: f.id,
    kort_id: shortId(f.id),
    narratieven: f.narratives.map((id) => {
      const n = method.narratives.find((x) => x.id === id)
      return {id, naam: n?.name ?? id, nummer: n?.number ?? 0}
    }),
    notities: new Set(f.evidence.filter((e) => here(e)).map((e) => e.noteId)).size,
    tekst: f.text,
    themas: f.themes.map((id) => ({id, naam: method.themes.find((t) => t.id === id)?.name ?? id})),
    titel: f.title,
  }))

  const roles = reflectionRoles(study)
  const reflecties: ReflectionData[] = listReflections(store, scope.halteplaats ? {halteplaats: scope.halteplaats} : {}).map((r) => ({
    aangevuld: r.added.text,
    bevestigd: r.confirmed.text,
    bevindingen: linked([...new Set([...r.confirmed.findings, ...r.nuanced.findings, ...r.added.findings])]),
    datum: r.date,
    datum_tekst: dutchDate(r.date),
    deelnemers: r.participants.map((p) => `${(roles.find((x) => x.id === p.role)?.name ?? p.role).toLowerCase()}${p.count ? ` (${p.count})` : ''}`).join(', '),
    genuanceerd: r.nuanced.text,
    halteplaats: {id: r.halteplaats, naam: placeName(r.halteplaats)},
    id: r.id,
  }))

  const adviezen: AdviceData[] = listAdvice(store)
    .filter((a) => !scope.halteplaats || a.findings.some((id) => titles.has(id)))
    .map((a) => {
      const audience = method.audiences.find((x) => x.id === a.audience)
      const frame = a.frame ? method.frames.find((x) => x.id === a.frame) : undefined
      // An id no longer in the method file or study.yaml is left out: the report has nothing to say of it.
      const voorbeelden = (a.examples ?? []).flatMap((id) => {
        const e = (method.examples ?? []).find((x) => x.id === id)
        return e ? [{bron: e.source, id: e.id, naam: e.name, soort: e.kind, waar: e.where, wat: e.what}] : []
      })
      return {
        bevindingen: linked(a.findings),
        doelgroep: {id: a.audience, naam: audience?.name ?? a.audience},
        id: a.id,
        kader: frame ? {id: frame.id, naam: frame.name, soort: frame.kind} : null,
        tekst: a.text,
        titel: a.title,
        voorbeelden,
      }
    })

  return {
    adviezen,
    bevindingen,
    doelgroepen: method.audiences.map((a) => ({adviezen: adviezen.filter((x) => x.doelgroep.id === a.id), id: a.id, naam: a.name, omschrijving: a.description})),
    reflecties,
  }
}
