import {stringify} from 'yaml'

import type {StudyFile} from './schema.js'

const scalar = (value: string) => stringify(value, {lineWidth: 0}).trimEnd()

/**
 * Writes study.yaml as a person would: comments in Dutch that explain each part, one line per
 * halteplaats and team member, so the file stays easy to read and edit by hand.
 */
export function renderStudyYaml(study: StudyFile): string {
  const flow = (entries: Array<[string, string]>) => `{${entries.map(([key, value]) => `${key}: ${scalar(value)}`).join(', ')}}`
  return [
    '# Studiebestand van karavaan. Je mag het met de hand bewerken; karavaan controleert het bij elk gebruik.',
    '# Verander de id niet: die verbindt deze map met de database en met de laptops van het team.',
    `id: ${scalar(study.id)}`,
    `title: ${scalar(study.title)}`,
    '# De opdrachtgever van het onderzoek.',
    `client: ${scalar(study.client)}`,
    '# "karavaan" is de ingebouwde methode; of het pad naar een eigen kopie van methods/karavaan.yaml.',
    `method: ${scalar(study.method)}`,
    '# Looptijd van het veldwerk, zoals 2026-02-02, 2-2-2026 of 2 februari 2026.',
    `period: {start: ${study.period.start}, end: ${study.period.end}}`,
    '# Precies vier halteplaatsen: id (kleine letters, cijfers, streepjes), naam, gemeente en soort gebied.',
    'halteplaatsen:',
    ...study.halteplaatsen.map((h) => `  - ${flow([['id', h.id], ['name', h.name], ['gemeente', h.gemeente], ['type', h.type]])}`),
    '# Het team. Rollen: projectleider, onderzoeker, interviewer of analist.',
    'team:',
    ...study.team.map((m) => `  - ${flow([['id', m.id], ['name', m.name], ['role', m.role]])}`),
    '',
  ].join('\n')
}
