import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from './cli.js'

/**
 * English a user of the kit should not meet in its help or messages (issue 15, point 8): words
 * oclif and habit put there, and the placeholders of arguments. Lower-case words match in any case,
 * the placeholders only in capitals, as a usage line shows them.
 */
const ENGLISH_WORDS = ['found', 'not found', 'file', 'files', 'options', 'flags', 'arguments', 'usage', 'error', 'warning', 'front matter', 'findings', 'reflections', 'advice', 'default', 'required', 'missing', 'invalid', 'no results']
const PLACEHOLDERS = ['PATH', 'PATHS', 'KEY', 'VALUE', 'FILE', 'FILES', 'QUERY', 'NAME', 'DIR', 'NOTE', 'ARGS', 'FLAGS', 'COMMAND']

/** Nouns the kit counts; "1 notities" is the plural after one. */
export const COUNTED_PLURALS = [
  'notities', 'bevindingen', 'adviezen', 'reflectiegesprekken', 'tags', 'passages', 'bronnen', 'voorstellen', 'bestanden', 'mappen', 'rijen', 'regels',
  'codes', 'gebruikers', 'casussen', 'backups', 'teksten', 'concepten', 'problemen', 'persoonsgegevens', 'versies', 'gesprekken', 'observaties',
  'deelnemers', 'coderingen', 'codeurs', 'treffers', 'cijfers', 'tekens', 'minuten', 'dagen', 'seconden', 'bytes', 'plaatshouders', 'memo\'s',
]
const ADJECTIVES = ['nieuwe', 'mogelijke', 'oudere', 'lange', 'tijdelijke', 'gecodeerde', 'getagde', 'andere']

/** The commands and topics of the kit, from the manifest and package.json, as a user types them. */
export function commandNames(): {commands: string[]; topics: string[]} {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>}
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {oclif: {topics: Record<string, unknown>}}
  return {commands: Object.keys(manifest.commands).map((id) => id.replaceAll(':', ' ')), topics: Object.keys(pkg.oclif.topics)}
}

/**
 * Text with what is meant to be typed taken out: command names ("finding add", "karavaan advice"),
 * flags (--allow-personal-data), example lines ($ karavaan …) and environment variables.
 */
export function withoutCode(text: string): string {
  const {commands, topics} = commandNames()
  let out = text.replaceAll(/^\s*\$ .*$/gm, '').replaceAll(/--[\w-]+/g, '').replaceAll(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, '')
  for (const name of [...commands].sort((a, b) => b.length - a.length)) out = out.replaceAll(new RegExp(`\\b${name.replaceAll(' ', '\\s+')}\\b`, 'g'), '')
  // A topic after "karavaan", or at the start of a line of the root help's list of topics.
  for (const topic of topics) out = out.replaceAll(new RegExp(`\\bkaravaan\\s+${topic}\\b|^(\\s+)${topic}\\b`, 'gm'), '$1')
  return out
}

const escape = (word: string) => word.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(' ', '\\s+')

/** The English words and placeholders in a text, as found. */
export function englishIn(text: string): string[] {
  const found: string[] = []
  for (const word of ENGLISH_WORDS) {
    const match = new RegExp(`(?<![\\w./-])${escape(word)}(?![\\w/-])`, 'i').exec(text)
    if (match) found.push(match[0])
  }

  for (const word of PLACEHOLDERS) {
    const match = new RegExp(`(?<![\\w./-])${word}(?![\\w/-])`).exec(text)
    if (match) found.push(match[0])
  }

  if (text.includes('<waarde>') || text.includes('<value>')) found.push('<waarde>')
  return found
}

/** "persoonsgegeven(s)", "bestand(en)", "1 notities": plurals left to the reader. */
export function brokenPlurals(text: string): string[] {
  const bracketed = [...text.matchAll(/\p{L}\((s|en|e|n|pen|ren|den|ten)\)/gu)].map((m) => m[0])
  const afterOne = [...text.matchAll(new RegExp(`(?<![\\d.,])\\b1 (?:(?:${ADJECTIVES.join('|')}) )?(?:${COUNTED_PLURALS.map(escape).join('|')})(?![\\p{L}])`, 'gu'))].map((m) => m[0])
  return [...bracketed, ...afterOne]
}

export {ADJECTIVES}
