// Compiles the TypeScript, copies the SQL migrations beside the compiled store and the name lists
// beside the compiled privacy guard, and writes the oclif manifest, so that `npm install` (through
// `prepare`) leaves a runnable CLI behind.
import {execFileSync} from 'node:child_process'
import {cpSync, mkdirSync, readdirSync, rmSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)

rmSync(join(root, 'dist'), {force: true, recursive: true})
rmSync(join(root, 'oclif.manifest.json'), {force: true})
try {
  execFileSync(bin('tsc'), ['-p', join(root, 'tsconfig.json')], {stdio: 'inherit'})
} catch {
  console.error('De TypeScript-compilatie is mislukt; zie de fouten hierboven.')
  process.exit(1)
}

const from = join(root, 'src', 'store', 'migrations')
const to = join(root, 'dist', 'store', 'migrations')
mkdirSync(to, {recursive: true})
for (const file of readdirSync(from)) if (file.endsWith('.sql')) cpSync(join(from, file), join(to, file))

const webFrom = join(root, 'src', 'web', 'static')
const webTo = join(root, 'dist', 'web', 'static')
mkdirSync(webTo, {recursive: true})
for (const file of readdirSync(webFrom)) cpSync(join(webFrom, file), join(webTo, file))

const listsFrom = join(root, 'src', 'privacy', 'data')
const listsTo = join(root, 'dist', 'privacy', 'data')
mkdirSync(listsTo, {recursive: true})
for (const file of readdirSync(listsFrom)) if (file.endsWith('.txt')) cpSync(join(listsFrom, file), join(listsTo, file))

// The manifest lets oclif load only the command that runs, which keeps start-up fast.
try {
  execFileSync(bin('oclif'), ['manifest'], {cwd: root, stdio: 'pipe'})
} catch (error) {
  console.error(String(error.stderr ?? error))
  process.exit(1)
}
