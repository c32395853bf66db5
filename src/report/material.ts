import type {Store} from '../store/store.js'
import type {Study} from '../study/load.js'

/** Findings, reflection meetings and advice, as templates see them. */
export interface MaterialData {
  adviezen: AdviceData[]
  bevindingen: FindingData[]
  doelgroepen: Array<{adviezen: AdviceData[]; id: string; naam: string; omschrijving: string}>
  reflecties: ReflectionData[]
}

export interface FindingData {
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
  doelgroep: {id: string; naam: string}
  id: string
  kader: {id: string; naam: string; soort: string} | null
  tekst: string
  titel: string
}

export function reportMaterial(_store: Store, study: Study, _scope: {draft: boolean; halteplaats?: string}): MaterialData {
  return {adviezen: [], bevindingen: [], doelgroepen: study.methodDefinition.audiences.map((a) => ({adviezen: [], id: a.id, naam: a.name, omschrijving: a.description})), reflecties: []}
}
