// Builds methods/karavaan.corpus.tsv: the labelled texts of the tagging fixtures, written by
// independent writers from the method alone, from which every study's narrative model starts
// (src/tagging/corpus.ts). A set that is still held out for a measurement is left out; so is
// the example study, whose notes the learning curve measures.
//
//   node scripts/build-corpus.mjs          write the file
//   node scripts/build-corpus.mjs --check  exit 1 when the file is not what the fixtures give
import {readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Set name → fixture file. A new held-out set is added here only after it has been measured. */
export const CORPUS_SETS = {
  eerste: 'fragments.tsv',
  ongezien: 'unseen.tsv',
  tweede: 'second-hand.tsv',
  derde: 'third-hand.tsv',
  vierde: 'fourth-hand-study.tsv',
  vijfde: 'fifth-hand-study.tsv',
  zesde: 'sixth-hand-study.tsv',
}
const target = join(root, 'methods', 'karavaan.corpus.tsv')

function corpus() {
  const lines = ['set\tid\tnarratives\ttext']
  for (const [set, file] of Object.entries(CORPUS_SETS)) {
    const [header, ...rows] = readFileSync(join(root, 'test', 'fixtures', 'tagging', file), 'utf8').trimEnd().split('\n')
    const columns = header.split('\t')
    for (const row of rows) {
      const r = Object.fromEntries(row.split('\t').map((value, i) => [columns[i], value]))
      const narratives = (r.narratives ?? '').split(',').map((s) => s.trim()).filter(Boolean).join(',')
      lines.push(`${set}\t${r.id}\t${narratives}\t${r.text.trim()}`)
    }
  }
  return `${lines.join('\n')}\n`
}

const text = corpus()
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8')
  if (current !== text) {
    console.error('methods/karavaan.corpus.tsv is not what the fixtures give: run node scripts/build-corpus.mjs')
    process.exit(1)
  }
} else {
  writeFileSync(target, text)
  console.log(`${target}: ${text.split('\n').length - 2} texts`)
}
