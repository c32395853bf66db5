import type {Study} from '../study/load.js'
import type {ReportData} from './data.js'
import type {Chart} from './document.js'

/**
 * The charts a template can place with a ```grafiek block, by id. They are made from the same data
 * the template sees, so a chart and the table beside it never disagree.
 */
export function reportCharts(data: ReportData, study: Study): Record<string, Chart> {
  const narratives = study.methodDefinition.narratives
  const label = (n: {nummer: number; kort: string}) => `${n.nummer}. ${n.kort}`
  return {
    'groep-narratief': {
      cols: data.narratieven.map(label),
      kind: 'warmte',
      rows: data.methode.groepen.map((g) => g.kort),
      title: 'Welke groepen welke narratieven verwoorden (aandeel van hun notities)',
      unit: '% van de notities van de groep',
      values: data.methode.groepen.map((g) =>
        data.narratieven.map((n) => Number.parseInt(n.groepen.find((x) => x.id === g.id)?.procent ?? '0', 10)),
      ),
    },
    'narratieven-per-halteplaats': {
      categories: data.halteplaatsen.map((h) => h.naam),
      kind: 'staaf',
      series: narratives.map((n) => ({
        name: `${n.number}. ${n.short}`,
        values: data.halteplaatsen.map((h) => h.narratieven.find((x) => x.id === n.id)?.notities ?? 0),
      })),
      title: 'Narratieven per halteplaats (aantal notities)',
      unit: 'notities',
    },
  }
}
