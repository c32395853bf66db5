// Measures the personal-data guard: precision and recall on the labelled sentences of a second hand
// in test/fixtures/privacy/second-hand.tsv and of the guard's author in labelled.tsv (each with a
// tuning part and a held-out part), on the author's sentences for the later kinds in
// test/fixtures/privacy/new-kinds.tsv, and its speed on 10,000 notes of about 250 words built from
// the example study.
//
//   npm run build && node bench/privacy.mjs            print the tables
//   node bench/privacy.mjs --write                     also put them in BENCHMARKS.md
//   node bench/privacy.mjs --errors tune|test|second-tune   list the misses and false alarms of one part
//                                                      (never of the second-hand set's held-out part)
import {existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {dirname, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const compiled = join(root, 'dist', 'privacy', 'index.js')
if (!existsSync(compiled)) {
  console.error('dist/privacy/index.js ontbreekt: draai eerst `npm run build`.')
  process.exit(1)
}

const {findPersonalData} = await import(pathToFileURL(compiled).href)
const {readLabelled} = await import('./privacy-sets.mjs')
const KINDS = ['naam', 'telefoonnummer', 'e-mailadres', 'adres', 'bsn', 'iban']
const NEW_KINDS = ['geboortedatum', 'kenteken', 'account', 'bijzonder']
const args = process.argv.slice(2)

// --- the labelled set ---------------------------------------------------------------------------


const overlaps = (a, b) => a.start < b.end && b.start < a.end

/** A hit is right when its kind matches and it overlaps an expected span; an expected span is found when a right hit overlaps it. */
function measure(rows) {
  // Kinds the guard does not know yet still count, so a set may label what is still to be built.
  const count = new Proxy(Object.fromEntries([...KINDS, 'totaal'].map((k) => [k, {expected: 0, found: 0, hits: 0, right: 0}])), {
    get: (target, k) => (target[k] ??= {expected: 0, found: 0, hits: 0, right: 0}),
  })
  const errors = []
  for (const row of rows) {
    const hits = findPersonalData(row.sentence)
    for (const hit of hits) {
      const right = row.expected.some((e) => e.kind === hit.kind && overlaps(e, hit))
      for (const k of [hit.kind, 'totaal']) {
        count[k].hits++
        if (right) count[k].right++
      }

      if (!right) errors.push({id: row.id, kind: hit.kind, reason: hit.reason, sentence: row.sentence, text: hit.text, type: 'false alarm'})
    }

    for (const e of row.expected) {
      const found = hits.some((hit) => hit.kind === e.kind && overlaps(e, hit))
      for (const k of [e.kind, 'totaal']) {
        count[k].expected++
        if (found) count[k].found++
      }

      if (!found) errors.push({id: row.id, kind: e.kind, sentence: row.sentence, text: e.text, type: 'missed'})
    }
  }

  return {count, errors}
}

const ratio = (a, b) => (b === 0 ? '–' : (a / b).toFixed(2))

function qualityTable(rows) {
  const tune = measure(rows.filter((r) => r.split === 'tune'))
  const test = measure(rows.filter((r) => r.split === 'test'))
  const lines = [
    '| kind | tune precision | tune recall | held-out precision | held-out recall |',
    '|---|---:|---:|---:|---:|',
  ]
  const seen = new Set([...Object.keys(tune.count), ...Object.keys(test.count)])
  for (const kind of [...KINDS, ...[...seen].filter((k) => !KINDS.includes(k) && k !== 'totaal').sort(), 'totaal']) {
    const a = tune.count[kind]
    const b = test.count[kind]
    const name = kind === 'totaal' ? '**overall**' : kind
    const bold = (s) => (kind === 'totaal' ? `**${s}**` : s)
    lines.push(
      `| ${name} | ${bold(ratio(a.right, a.hits))} (${a.right}/${a.hits}) | ${bold(ratio(a.found, a.expected))} (${a.found}/${a.expected}) | ` +
        `${bold(ratio(b.right, b.hits))} (${b.right}/${b.hits}) | ${bold(ratio(b.found, b.expected))} (${b.found}/${b.expected}) |`,
    )
  }

  return {errors: {test: test.errors, tune: tune.errors}, table: lines.join('\n'), tune}
}

/** The sentences for the later kinds: written with the detectors, so these figures show what they were built to catch. */
function newKindsTable() {
  const rows = readLabelled('new-kinds.tsv')
  const {count} = measure(rows)
  const lines = ['| kind | precision | recall |', '|---|---:|---:|']
  for (const kind of [...NEW_KINDS, ...KINDS, 'totaal']) {
    const c = count[kind]
    if (c.hits === 0 && c.expected === 0) continue
    lines.push(`| ${kind === 'totaal' ? '**overall**' : kind} | ${ratio(c.right, c.hits)} (${c.right}/${c.hits}) | ${ratio(c.found, c.expected)} (${c.found}/${c.expected}) |`)
  }

  return {rows, table: lines.join('\n')}
}

// --- speed ----------------------------------------------------------------------------------------

function exampleNotes(dir) {
  const notes = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) notes.push(...exampleNotes(path))
    else if (entry.endsWith('.md')) notes.push(readFileSync(path, 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''))
  }

  return notes
}

/** 10,000 notes of 250 words, cut from the example notes' paragraphs in a fixed pseudo-random order. */
function syntheticNotes(count, wordsPerNote) {
  const paragraphs = exampleNotes(join(root, 'examples', 'voorbeeldstudie', 'inbox')).flatMap((note) => note.split(/\n\s*\n/))
  let seed = 20_260_601
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }

  const notes = []
  for (let n = 0; n < count; n++) {
    const parts = []
    let words = 0
    while (words < wordsPerNote) {
      const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]
      const take = paragraph.split(/(?<=\s)/).slice(0, wordsPerNote - words)
      parts.push(take.join('').trim())
      words += take.length
    }

    notes.push(parts.join('\n\n'))
  }

  return notes
}

function speed() {
  let started = performance.now()
  findPersonalData('Sanne vertelde het.') // the first call reads the name lists
  const firstCall = performance.now() - started
  const notes = syntheticNotes(10_000, 250)
  for (const note of notes.slice(0, 200)) findPersonalData(note) // warm up the JIT
  const times = []
  started = performance.now()
  for (const note of notes) {
    const t = performance.now()
    findPersonalData(note)
    times.push(performance.now() - t)
  }

  const total = performance.now() - started
  times.sort((a, b) => a - b)
  const characters = notes.reduce((sum, note) => sum + note.length, 0)
  return [
    '| notes | words per note | total | mean per note | median | p99 | first call (reads the lists) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${notes.length.toLocaleString('en')} | 250 (≈${Math.round(characters / notes.length)} characters) | ${(total / 1000).toFixed(2)} s | ` +
      `${(total / notes.length).toFixed(3)} ms | ${times[Math.floor(times.length / 2)].toFixed(3)} ms | ` +
      `${times[Math.floor(times.length * 0.99)].toFixed(3)} ms | ${firstCall.toFixed(1)} ms |`,
  ].join('\n')
}

// --- output ---------------------------------------------------------------------------------------

const rows = readLabelled()
const quality = qualityTable(rows)
const SECOND = 'second-hand.tsv'
const second = existsSync(join(root, 'test', 'fixtures', 'privacy', SECOND)) ? readLabelled(SECOND) : undefined
const secondQuality = second && qualityTable(second)
// A third set, by a third writer, added when the second set's held-out part had been read: tuned on
// its tune part only; its held-out columns are printed only with --write (the final read).
const THIRD = 'third-hand.tsv'
const third = existsSync(join(root, 'test', 'fixtures', 'privacy', THIRD)) ? readLabelled(THIRD) : undefined
const thirdQuality = third && qualityTable(third)
const newKinds = newKindsTable()
const errorsOf = args.includes('--errors') ? args[args.indexOf('--errors') + 1] ?? 'tune' : undefined
if (errorsOf) {
  // The held-out part of the second-hand set is never listed: it is read for its figures only.
  if (errorsOf === 'second-test' || errorsOf === 'third-test') {
    console.error('De fouten van het achtergehouden deel van de tweede set worden niet getoond; stem alleen af op second-tune.')
    process.exit(1)
  }

  const errors = errorsOf === 'second-tune' ? secondQuality?.errors.tune ?? [] : errorsOf === 'third-tune' ? thirdQuality?.errors.tune ?? [] : quality.errors[errorsOf]
  const lines = errors.map((e) => `${e.type.padEnd(11)} #${e.id} ${e.kind} "${e.text}"${e.reason ? ` (${e.reason})` : ''} — ${e.sentence}`)
  console.log(lines.join('\n') || `No errors in the ${errorsOf} part.`)
  process.exit(0)
}

const tuneRows = rows.filter((r) => r.split === 'tune')
const testRows = rows.filter((r) => r.split === 'test')
const describe = (part) => `${part.length} sentences, ${part.filter((r) => r.expected.length > 0).length} with personal data`
// Lines 297 and on were written after the guard was tuned, and measured once, without changes after.
const LATE = 297
const late = measure(rows.filter((r) => r.id >= LATE))
const lateLine =
  `Lines ${LATE}–${rows.length} (${rows.length - LATE + 1} sentences, in both parts) were written after tuning and measured once: ` +
  `precision ${ratio(late.count.totaal.right, late.count.totaal.hits)}, recall ${ratio(late.count.totaal.found, late.count.totaal.expected)}` +
  ` (${late.errors.map((e) => `${e.type} #${e.id}: ${e.kind} "${e.text}"`).join('; ') || 'no errors'}).`
const secondText = second
  ? `### Written by a second hand (report this first)

\`test/fixtures/privacy/${SECOND}\`: ${second.length} sentences written by a second writer who had seen neither the guard's ` +
    `code nor its lists nor the first set, only the method and the kinds of cases (see \`test/fixtures/privacy/second-hand.md\`); ` +
    `committed before any tuning on it. Split by line number like the first set (2 and 4 modulo 5 held out; tune: ` +
    `${describe(second.filter((r) => r.split === 'tune'))}; held-out: ${describe(second.filter((r) => r.split === 'test'))}). ` +
    `The held-out part is only ever measured, never looked at (\`--errors second-test\` refuses); kinds the guard does not ` +
    `know yet count as misses. How it was used (issue 13): measured before any tuning (held-out recall 0.65), after the new kinds ` +
    `(0.90), then tuned on the tune part only for the names layer on the OpenTaal word list (0.94 at precision 0.96 when that ` +
    `was done), and after that on the third set's tune part. Because this script prints every column, the held-out aggregate ` +
    `was seen on some tuning runs too, never its errors; no change was made for it. The third set above is the one read once.

${secondQuality.table}

### Written by the guard's own author

`
  : ''
const thirdText = third
  ? `### Written by a third hand (report this first)

\`test/fixtures/privacy/${THIRD}\`: ${third.length} sentences written by a third writer who, like the second, had seen only the method ` +
    `and the kinds of cases, never the guard, its lists or the other sets (see \`test/fixtures/privacy/third-hand.md\`); committed ` +
    `before any tuning on it, after the second set's held-out part had been read. Split the same way (tune: ` +
    `${describe(third.filter((r) => r.split === 'tune'))}; held-out: ${describe(third.filter((r) => r.split === 'test'))}). ` +
    `The guard was tuned on its tune part only; the held-out columns were read once, for this table.

${thirdQuality.table}

`
  : ''
if (!args.includes('--write') && thirdQuality) {
  const t = thirdQuality.tune.count.totaal
  console.log(`Third hand, tune part: precision ${ratio(t.right, t.hits)} (${t.right}/${t.hits}), recall ${ratio(t.found, t.expected)} (${t.found}/${t.expected})\n`)
}

const section = `Measured with \`node bench/privacy.mjs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).

${args.includes('--write') ? thirdText : ''}${secondText}The labelled set is \`test/fixtures/privacy/labelled.tsv\`: ${rows.length} sentences in the voice of interview notes, ` +
  `about half with personal data, half tricky negatives. Every line whose number is 2 or 4 modulo 5 is in the held-out ` +
  `part, fixed before the guard was tuned (tune: ${describe(tuneRows)}; held-out: ${describe(testRows)}). ` +
  `A hit is right when its kind matches and it overlaps an expected span; precision = right hits / hits, ` +
  `recall = expected spans found / expected spans.

${quality.table}

${lateLine}

Read these numbers with care: the sentences and the guard were written by the same hand, so the set tests the cases ` +
  `its author thought of. The held-out part was looked at once during development (two bugs were fixed after: a phone ` +
  `number between brackets, and "sofinummer" more than 40 characters before its digits). Real notes will bring names ` +
  `that are not in the lists (without a form of address or a surname they are missed), names typed in small letters, ` +
  `and homonyms the lists do not know; expect precision and recall below the table.

The later kinds (date of birth, licence plate, social media account, special categories next to a name) and the ` +
  `notations added with them (spelled-out e-mail addresses, dotted phone numbers, grouped BSNs, IBANs in any case and ` +
  `spacing, addresses in prose) have their own sentences, \`test/fixtures/privacy/new-kinds.tsv\` (${newKinds.rows.length} ` +
  `sentences, ${newKinds.rows.filter((r) => r.expected.length === 0).length} without personal data). They were written ` +
  `together with the detectors, so there is no held-out part: the figures show what the detectors were built to catch, ` +
  `not how well they generalise.

${newKinds.table}

Throughput on notes built from the paragraphs of the 76 example notes (every note checked once, one thread, ` +
  `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores; the p99 shows garbage collection and other work on the machine):

${speed()}

What counts as personal data (decisions behind the labels):
- A street name alone ("op de Kanaalweg") and a postcode area alone ("in 7811") are not personal data; a street with a ` +
  `house number is, and so is a full postcode ("7812 HG") even without house number: it points at a handful of homes.
- A range of house numbers ("Kerkstraat 1 tot en met 40"), a number followed by a unit ("Polderlaan 200 meter") and a ` +
  `year are no address.
- Organisations' numbers are not personal data: 0800, 0900/0906/0909, 088 and the municipal 14 + netnummer. Any other ` +
  `landline is reported, also a municipality's general number, because it cannot be told from a private one.
- Every e-mail address is reported, role addresses (info@, secretaris@) included: in a note it is nearly always the ` +
  `contact of a participant or a one-person business.
- BSN: nine digits (solid, or 3-3-3 / 4-2-3 / 2-2-2-3 / 3-2-2-2 with dots, spaces or dashes) that pass the 11-test; eight digits only in a sentence ` +
  `that names a BSN (BSN, burgerservicenummer, sofinummer) before them. Amounts (€, euro) and numbers the sentence calls ` +
  `an RSIN, KvK-, dossier-, klant- or ordernummer are no BSN.
- Names: brand and organisation names with a name in them (Albert Heijn, Van der Valk, Cruyff Court), places, saints, ` +
  `royals (Koning Willem-Alexander) and sayings (Jan en alleman) are not names; a role without a name ("Mevrouw de ` +
  `wethouder", "de juf Nederlands") is not a name; a name written in small letters is only caught after a form of ` +
  `address ("juf fatima").
- A date is a date of birth only with its words ("geboren op", "geb.", "geboortedatum", "zij is van … 1948"); ` +
  `"op 12 juni was de bijeenkomst" is no hit. A licence plate in capitals with dashes is one by its side code alone; ` +
  `with spaces, solid or in small letters a word like "kenteken" or "auto" must be near, and then the RDW's letters ` +
  `(no vowels, C or Q from side code 4 on). Product codes ("type RS-232-C") and months ("1-JAN-25") are none.
- A handle ("@sanne_uit_oost") is an account; the handles of groups and organisations ("de buurtgroep ` +
  `@buurtkanaalzone", "@gemeente_veenstad") are not, nor half an e-mail address.
- Health, religion, origin, sexual orientation, a criminal record or union membership is a special category only ` +
  `when it is said of a person named in the same sentence; "veel ouderen hier hebben diabetes" is no hit.`

console.log(section)
if (args.includes('--write')) {
  const file = join(root, 'BENCHMARKS.md')
  const start = '<!-- bench:privacy:start -->'
  const end = '<!-- bench:privacy:end -->'
  // Another benchmark may be writing its own section: read the file right before writing, touch only ours.
  let current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  if (!current.includes(start) || !current.includes(end)) {
    current = `${current.trimEnd()}\n\n## Privacy guard: precision and recall\n\n${start}\n${end}\n`
  }

  const updated = current.slice(0, current.indexOf(start) + start.length) + `\n${section}\n` + current.slice(current.indexOf(end))
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, updated)
  renameSync(temporary, file)
  console.log(`\nBENCHMARKS.md bijgewerkt.`)
}
