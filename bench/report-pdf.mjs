// The PDF writer on its own, on a synthetic report of about 300 pages: chapters of prose, quotes,
// long tables that run over pages and charts. Each run is a whole `node` process that imports the
// built writer, sets the report and writes it; timed from outside, peak memory from the process.
// Usage: node scripts/build.mjs && node bench/report-pdf.mjs [--runs 5] [--chapters 40]
import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {parseArgs} from 'node:util'

import {fail, out, root} from './harness.mjs'

const NARRATIVES = ['Onzichtbaarheid van de overheid', 'Onzichtbaarheid van de burger', 'Ongelijke behandeling', 'Ongehoorde burgers', 'Ervaren incompetentie']
const AREAS = ['Noord', 'Oost', 'Zuid', 'West']
const SENTENCE = 'Inwoners vertellen hoe de afstand tot de gemeente groeide, hoe de wijkagent verdween en het buurthuis sloot; “daar gaan wij niet over”, zeiden ze – keer op keer… '

export function syntheticReport(chapters) {
  const parts = ['```omslag\n```', '```inhoud\n```']
  const charts = {}
  for (let c = 1; c <= chapters; c++) {
    parts.push(`# Hoofdstuk ${c}: wat we hoorden in ronde ${c}`, SENTENCE.repeat(6))
    for (let s = 1; s <= 3; s++) {
      parts.push(`## Paragraaf ${c}.${s}`, SENTENCE.repeat(4 + (s % 3)), `> ${SENTENCE.repeat(2)}\n>\n> — bewoner, halteplaats ${AREAS[(c + s) % 4]}`, `- ${SENTENCE}\n- **Vet** en _schuin_ en \`code\`\n  1. genest\n  2. nog een`)
    }

    const rows = Array.from({length: 45}, (_, r) => `| Notitie ${c}-${r + 1} van een interviewer | ${AREAS[r % 4]} | ${NARRATIVES[r % 5]} | ${(r * 7) % 23} |`)
    parts.push('| Notitie | Halteplaats | Narratief | Aantal |\n|---|---|---|--:|\n' + rows.join('\n'))
    charts[`staaf-${c}`] = {categories: AREAS, kind: 'staaf', series: NARRATIVES.map((name, n) => ({name, values: AREAS.map((_, a) => (c + n * 3 + a * 5) % 17)})), title: `Narratieven per halteplaats, ronde ${c}`, unit: 'notities'}
    charts[`warmte-${c}`] = {cols: NARRATIVES, kind: 'warmte', rows: ['Jongeren', 'Ouderen', 'Ouders', 'Ondernemers', 'Professionals', 'Ambtenaren', 'Nieuwkomers', 'Sleutelfiguren'], title: `Groep × narratief, ronde ${c}`, unit: 'notities', values: Array.from({length: 8}, (_, r) => NARRATIVES.map((_, n) => (r * 3 + n + c) % 11))}
    parts.push(`\`\`\`grafiek\nstaaf-${c}\n\`\`\``, `\`\`\`grafiek\nwarmte-${c}\n\`\`\``)
  }

  return {
    charts,
    markdown: parts.join('\n\n'),
    meta: {author: 'Team Karavaan', client: 'Gemeente Zuidoost', date: '2026-11-23', dateLabel: '23 november 2026', draft: false, header: 'Karavaan Zuidoost — adviesrapport', keywords: ['Karavaan'], language: 'nl-NL', subtitle: 'Een synthetisch rapport om de PDF-schrijver te meten', title: 'Benchmarkrapport'},
  }
}

const {values} = parseArgs({options: {chapters: {default: '40', type: 'string'}, child: {type: 'string'}, runs: {default: '5', type: 'string'}}})
const chapters = Number(values.chapters)

if (values.child) {
  const {writePdf} = await import(pathToFileURL(join(root, 'dist', 'report', 'pdf', 'index.js')).href)
  const result = await writePdf(syntheticReport(chapters), values.child)
  console.log(JSON.stringify({...result, maxRssMiB: process.resourceUsage().maxRSS / 1024}))
} else {
  mkdirSync(out, {recursive: true})
  const file = join(out, 'report-pdf.pdf')
  const runs = []
  for (let i = 0; i < Number(values.runs); i++) {
    const start = process.hrtime.bigint()
    const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', file, '--chapters', String(chapters)], {encoding: 'utf8'})
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (child.status !== 0) fail(child.stderr)
    runs.push({ms, ...JSON.parse(child.stdout)})
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const {bytes, pages} = runs[0]
  console.log(`| PDF-schrijver, synthetisch rapport (${pages} pagina's, ${(bytes / 1024 / 1024).toFixed(1)} MiB) | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)} s | ${Math.round(median(runs.map((r) => r.maxRssMiB)))} MiB |`)
  console.log(`runs: ${runs.map((r) => Math.round(r.ms)).join(', ')} ms`)
  rmSync(file, {force: true})
}
