// Builds the example study in a scratch folder (.demo/) and shows where its fieldwork stands,
// using the CLI exactly as a user would. The scratch folder is made anew on every run.
import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, rmSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const example = join(root, 'examples', 'voorbeeldstudie')
const demo = join(root, '.demo', 'voorbeeldstudie')

rmSync(join(root, '.demo'), {force: true, recursive: true})
mkdirSync(demo, {recursive: true})
for (const part of ['study.yaml', 'inbox']) cpSync(join(example, part), join(demo, part), {recursive: true})

function karavaan(...args) {
  console.log(`\n$ karavaan ${args.join(' ')}`)
  const result = spawnSync(process.execPath, [join(root, 'bin', 'run.js'), ...args, '--study', demo], {stdio: 'inherit'})
  if (result.status !== 0) {
    console.error(`\nDe demo is gestopt: "karavaan ${args[0]}" gaf exitcode ${result.status}.`)
    process.exit(result.status ?? 1)
  }
}

karavaan('context', 'import', join(example, 'context.csv'))
karavaan('plan', 'import', join(example, 'plan.csv'))
karavaan('import')
karavaan('tag', 'import', join(example, 'tags-tweede-codeur.csv'))
karavaan('material', 'import', ...['bevindingen.yaml', 'reflecties.yaml', 'adviezen.yaml'].map((file) => join(example, file)))
karavaan('status')
karavaan('analyse', 'matrix', '--rows', 'group', '--cols', 'narrative')
karavaan('tag', 'agreement')
console.log(`\nDe voorbeeldstudie staat in ${relative(process.cwd(), demo) || demo}. Probeer bijvoorbeeld:`)
console.log(`  node bin/run.js context list --study ${relative(process.cwd(), demo)}`)
console.log(`  node bin/run.js plan --study ${relative(process.cwd(), demo)} --halteplaats wendelo`)
console.log(`  node bin/run.js note list --study ${relative(process.cwd(), demo)} --narrative 4`)
console.log(`  node bin/run.js finding list --study ${relative(process.cwd(), demo)}`)
console.log(`  node bin/run.js advice list --study ${relative(process.cwd(), demo)} --audience rijksoverheid`)
console.log(`  node bin/run.js note search "geen loket" --study ${relative(process.cwd(), demo)}`)
console.log(`  node bin/run.js report --template halteplaats --halteplaats wendelo --format html --study ${relative(process.cwd(), demo)}`)
mkdirSync(join(demo, 'rapporten'), {recursive: true})
karavaan('report', '--template', 'eindrapport', '--format', 'pdf', '--out', join(demo, 'rapporten', 'eindrapport.pdf'))
// One spiegel document per halteplaats, as the team sends them before each reflection meeting.
karavaan('report', '--template', 'spiegel', '--all')
console.log(`\nHet eindrapport van de voorbeeldstudie: ${relative(process.cwd(), join(demo, 'rapporten', 'eindrapport.pdf'))}`)
console.log(`De spiegeldocumenten voor de reflectiegesprekken: ${relative(process.cwd(), join(demo, 'rapporten'))}/spiegel-*.pdf`)
