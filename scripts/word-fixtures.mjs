// Regenerates the Word fixtures of the import tests: every flat ODT source in test/fixtures/word/
// (*.fodt, written by hand) becomes a .docx written by LibreOffice, so the tests read what a real
// word processor writes (w:numPr, w:footnoteReference, w:del/w:ins, comments, drawings) and not
// what we think it writes. Run it after changing a .fodt and commit the .docx files:
//
//   node scripts/word-fixtures.mjs
//
// Needs LibreOffice (`soffice`). A throw-away profile keeps it apart from a LibreOffice that is
// open, or from another conversion running at the same time.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'word')
const sources = readdirSync(dir).filter((name) => name.endsWith('.fodt')).sort()
const profile = mkdtempSync(join(tmpdir(), 'karavaan-soffice-'))
try {
  const result = spawnSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, ...sources.map((name) => join(dir, name))],
    {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']},
  )
  if (result.error || result.status !== 0) {
    console.error(result.error?.message ?? result.stderr)
    process.exit(1)
  }

  console.log(result.stdout.trim())
} finally {
  rmSync(profile, {force: true, recursive: true})
}
