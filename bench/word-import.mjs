// Times `karavaan import` of a folder of 200 Word notes (.docx), the whole process into a fresh
// study each run, interleaved with the minimal oclif CLI and, with --before, with another build of
// the kit (for issue 16: the XML reader against mammoth's extractRawText it replaced).
//
//   npm run build && node bench/word-import.mjs --before /path/to/built/checkout [--write]
//
// The 200 notes are the LibreOffice fixture test/fixtures/word/lijsten-tabel-noten.docx (lists,
// a table, a foot- and an endnote, headings) with 25 more paragraphs of varied text each, so
// every file is a different note of about a page and a half. They are written under bench/out/.
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {BENCHMARKS, checkPrerequisites, fail, gitDescription, KARAVAAN, machineDescription, measure, median, out, parseOptions, root, writeSection} from './harness.mjs'

const COUNT = 200
const USAGE = `Gebruik: node bench/word-import.mjs [--before MAP] [--runs N] [--warmup N] [--write]

  --before MAP   een gebouwde checkout van de kit om mee te vergelijken (bin/run.js daarin)`

const {count, parsed: values} = parseOptions({before: {type: 'string'}}, USAGE)
checkPrerequisites()
const runs = count('runs', 1)
const warmup = count('warmup', 0)
const before = values.before ? join(values.before, 'bin', 'run.js') : undefined
if (before && !existsSync(before)) fail(`${before} bestaat niet; bouw die checkout eerst (node scripts/build.mjs).`)

const {strToU8, unzipSync, zipSync} = await import('fflate')
const dir = join(out, 'word-import')
const inbox = join(dir, 'inbox')
const template = join(dir, 'studie')
rmSync(dir, {force: true, recursive: true})
mkdirSync(inbox, {recursive: true})

const fixture = unzipSync(readFileSync(join(root, 'test', 'fixtures', 'word', 'lijsten-tabel-noten.docx')))
const documentXml = new TextDecoder().decode(fixture['word/document.xml'])
const words = 'de bus het loket buurthuis moeders ouderen gemeente wijk school speeltuin zorg huisarts dorp vertrouwen luisteren'.split(' ')
for (let i = 0; i < COUNT; i++) {
  const paragraphs = Array.from({length: 25}, (_, j) => {
    const sentence = Array.from({length: 40}, (_, k) => words[(i * 7 + j * 3 + k * 5) % words.length]).join(' ')
    return `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>Gesprek ${i + 1}, alinea ${j + 1}: ${sentence}.</w:t></w:r></w:p>`
  }).join('')
  const xml = documentXml.replace('<w:sectPr>', `${paragraphs}<w:sectPr>`).replace('Koffieochtend in het buurthuis', `Koffieochtend ${i + 1} in het buurthuis`)
  writeFileSync(join(inbox, `gesprek-${String(i + 1).padStart(3, '0')}.docx`), zipSync({...fixture, 'word/document.xml': strToU8(xml)}))
}

const init = spawnSync(process.execPath, [KARAVAAN, 'init', template, '--yes', '--title', 'Bench', '--client', 'Bench', ...['noord:Noord:Emmen:stadswijk', 'dorp:Dorp:Borger:dorp', 'nieuw:Nieuw:Almere:vinex', 'kust:Kust:Helder:kust'].flatMap((h) => ['--halteplaats', h]), '--interviewer', 'anna', '--start', '2026-01-01', '--end', '2026-12-31'], {encoding: 'utf8'})
if (init.status !== 0) fail(`init: ${init.stderr}`)

let study
const result = measure(
  {
    args: () => ['import', inbox, '--study', study],
    eachRun: ({index, scratch}) => {
      study = join(scratch, `studie-${index}`)
      cpSync(template, study, {recursive: true})
    },
    name: `karavaan import (${COUNT} .docx notes, fresh study each run)`,
  },
  {before, cwd: dir, runs, warmup},
)

// The reader alone, in this process: the new one against mammoth's extractRawText, alternating
// passes over the same 200 files. CPU time as well as wall time, since the machine may be shared.
const {readDocx} = await import('../dist/notes/docx.js')
const mammoth = (await import('mammoth')).default
const files = readdirSync(inbox).map((name) => readFileSync(join(inbox, name)))
const pass = async (read) => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (const bytes of files) await read(bytes)
  const used = process.cpuUsage(cpu)
  return {cpu: (used.user + used.system) / 1000 / files.length, wall: (performance.now() - start) / files.length}
}

const reader = {mammoth: [], ours: []}
for (let i = 0; i < 7; i++) {
  reader.mammoth.push(await pass((bytes) => mammoth.extractRawText({buffer: bytes})))
  reader.ours.push(await pass(readDocx))
}

const per = (list, key) => median(list.map((r) => r[key])).toFixed(1)
const after = median(result.times)
const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machineDescription()}; ${gitDescription() ?? 'this checkout'}${before ? ` against ${values.before}` : ''}. ${runs} timed runs after ${warmup} warm-up, interleaved; wall time of the whole process, medians.`,
  '',
  '| case | median ms | ms per note | baseline median ms |' + (before ? ' before median ms | after / before |' : ''),
  '| --- | ---: | ---: | ---: |' + (before ? ' ---: | ---: |' : ''),
  `| \`import\` of ${COUNT} .docx notes | ${after.toFixed(0)} | ${(after / COUNT).toFixed(1)} | ${median(result.baseline).toFixed(0)} |` +
    (before ? ` ${median(result.before).toFixed(0)} | ${(after / median(result.before)).toFixed(2)} |` : ''),
  '',
  `The reader alone, in one process (median of 7 alternating passes over the ${COUNT} files, per file): mammoth \`extractRawText\` ${per(reader.mammoth, 'wall')} ms wall / ${per(reader.mammoth, 'cpu')} ms CPU; \`readDocx\` ${per(reader.ours, 'wall')} ms wall / ${per(reader.ours, 'cpu')} ms CPU.`,
]
console.log(lines.join('\n'))
if (values.write) {
  writeSection('word-import', lines.join('\n'), {heading: 'Word import (issue 16)'})
  console.log(`\n${BENCHMARKS} bijgewerkt.`)
}
