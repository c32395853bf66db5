import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {basename, dirname, extname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {UserError} from '../errors.js'

/** The kit's own templates, found from this compiled file. */
export const KIT_TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates')

export const BUILT_IN_TEMPLATES = ['eindrapport', 'halteplaats', 'spiegel', 'veldwerk'] as const

/** Templates about one halteplaats: they need --halteplaats (or --all, one report per halteplaats). */
export const PER_HALTEPLAATS = ['halteplaats', 'spiegel'] as const

/**
 * Templates that show findings without evidence (drafts) also outside --draft: the spiegel
 * document puts the preliminary picture before the reflection meeting, which is where it is tested.
 */
export const SHOWS_DRAFT_FINDINGS = ['spiegel'] as const

/** Whether a template (by its name: built in, or a copy with the same file name) is about one halteplaats. */
export function perHalteplaats(name: string): boolean {
  return (PER_HALTEPLAATS as readonly string[]).includes(name)
}

export interface TemplateSource {
  dir: string
  file: string
  /** The built-in name, or the file's name without .md. */
  name: string
}

/** A template by built-in name (eindrapport, halteplaats, spiegel, veldwerk) or by the path of a .md file. */
export function resolveTemplate(reference: string, cwd = process.cwd()): TemplateSource {
  if ((BUILT_IN_TEMPLATES as readonly string[]).includes(reference)) {
    const file = join(KIT_TEMPLATES_DIR, `${reference}.md`)
    return {dir: KIT_TEMPLATES_DIR, file, name: reference}
  }

  const file = resolve(cwd, reference)
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UserError(`Sjabloon "${reference}" bestaat niet.`, {
      hint: `Kies ${BUILT_IN_TEMPLATES.join(', ')}, of geef het pad van een eigen .md-sjabloon (maak er een met: karavaan template copy eindrapport MAP).`,
    })
  }

  if (extname(file).toLowerCase() !== '.md') {
    throw new UserError(`Sjabloon ${reference} is geen Markdown-bestand (.md).`, {hint: 'Een sjabloon is een .md-bestand met de sjabloontaal van templates/README.md.'})
  }

  return {dir: dirname(file), file, name: basename(file, '.md')}
}

/** The partials ({% render '_naam' %}) a template uses, followed through the partials they use. */
function partialsOf(file: string, seen = new Set<string>()): string[] {
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/{%-?\s*(?:render|include)\s+['"]([^'"]+)['"]/g)) {
    const name = match[1].endsWith('.md') ? match[1] : `${match[1]}.md`
    const path = join(KIT_TEMPLATES_DIR, name)
    if (seen.has(name) || !existsSync(path)) continue
    seen.add(name)
    partialsOf(path, seen)
  }

  return [...seen]
}

/**
 * Copies a built-in template and the partials it uses into a folder, to be edited there. Refuses
 * to overwrite: the user's edited copy is theirs.
 */
export function copyTemplate(name: string, targetDir: string): string[] {
  if (!(BUILT_IN_TEMPLATES as readonly string[]).includes(name)) {
    throw new UserError(`"${name}" is geen sjabloon van de kit.`, {hint: `Kies ${BUILT_IN_TEMPLATES.join(', ')}.`})
  }

  const files = [`${name}.md`, ...partialsOf(join(KIT_TEMPLATES_DIR, `${name}.md`))]
  const existing = files.filter((f) => existsSync(join(targetDir, f)))
  if (existing.length > 0) {
    throw new UserError(`In ${targetDir} staat al ${existing.join(', ')}; er is niets gekopieerd.`, {
      hint: 'Kies een andere map, of geef het bestaande bestand eerst een andere naam.',
    })
  }

  mkdirSync(targetDir, {recursive: true})
  for (const file of files) copyFileSync(join(KIT_TEMPLATES_DIR, file), join(targetDir, file))
  return files.map((f) => join(targetDir, f))
}

/** The built-in templates with the first heading comment of each, for `template list`. */
export function listTemplates(): Array<{description: string; name: string}> {
  const present = new Set(readdirSync(KIT_TEMPLATES_DIR))
  return BUILT_IN_TEMPLATES.filter((n) => present.has(`${n}.md`)).map((name) => {
    const text = readFileSync(join(KIT_TEMPLATES_DIR, `${name}.md`), 'utf8')
    // The comment at the top, without its closing tag, on one line.
    const description = /{%-?\s*comment\s*-?%}([\s\S]*?){%-?\s*endcomment\s*-?%}/.exec(text)?.[1]?.replaceAll(/\s+/g, ' ').trim() ?? ''
    return {description, name}
  })
}

/** Folders of a study that hold notes, reports or drafts, never templates. */
const NOT_TEMPLATE_DIRS = new Set(['concepten', 'inbox', 'node_modules', 'rapporten'])

/**
 * The study's own templates: .md files with template language ({{ … }} or {% … %}) in the study
 * folder or one folder below it (where `template copy eindrapport mijn-sjablonen` puts them when
 * run in the study), without the partials (_aanpak.md) and READMEs. Paths are relative to the
 * study folder with forward slashes, as `report --template` takes them from there.
 */
export function studyTemplates(studyDir: string): Array<{file: string; name: string; path: string}> {
  const found: Array<{file: string; name: string; path: string}> = []
  const look = (dir: string, prefix: string) => {
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }

    for (const name of names) {
      if (name.startsWith('.')) continue
      const file = join(dir, name)
      let stats
      try {
        stats = statSync(file)
      } catch {
        continue
      }

      if (stats.isDirectory()) {
        if (prefix === '' && !NOT_TEMPLATE_DIRS.has(name)) look(file, `${name}/`)
        continue
      }

      if (!name.toLowerCase().endsWith('.md') || name.startsWith('_') || name.toLowerCase() === 'readme.md' || stats.size > 1_000_000) continue
      if (!/{{|{%/.test(readFileSync(file, 'utf8'))) continue
      found.push({file, name: basename(name, extname(name)), path: `${prefix}${name}`})
    }
  }

  look(studyDir, '')
  return found
}
