import {relative} from 'node:path'

import {UserError} from '../errors.js'
import {dutchDate, dutchNumber, percent} from './format.js'
import {escapeInline, quoteBlock} from './markdown-escape.js'
import {KIT_TEMPLATES_DIR, type TemplateSource} from './templates.js'

/** A template that runs longer than this is stopped: a loop gone wrong should not hang a build. */
const RENDER_LIMIT_MS = 60_000

/**
 * Fills a Markdown template with the report data. Everything printed with {{ }} is escaped for
 * Markdown, so words from a note are always words: a template opts out per value with the
 * `markdown` filter, meant for text the team wrote (findings, advice). Partials ({% render %})
 * are looked up beside the template first, then among the kit's templates.
 */
export async function renderTemplate(source: TemplateSource, data: object): Promise<string> {
  const {Liquid} = await import('liquidjs')
  const liquid = new Liquid({
    extname: '.md',
    greedy: false,
    jsTruthy: true,
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: escapeInline,
    partials: [source.dir, KIT_TEMPLATES_DIR],
    renderLimit: RENDER_LIMIT_MS,
    root: [source.dir, KIT_TEMPLATES_DIR],
    strictFilters: true,
    strictVariables: true,
  })
  liquid.registerFilter('markdown', {handler: (value: unknown) => text(value).replaceAll('\r\n', '\n'), raw: true})
  liquid.registerFilter('citaat', {handler: (value: unknown, source?: unknown) => quoteBlock(text(value), source === undefined ? undefined : text(source)), raw: true})
  liquid.registerFilter('datum', (value: unknown) => dutchDate(text(value)))
  liquid.registerFilter('getal', (value: unknown) => (typeof value === 'number' ? dutchNumber(value) : text(value)))
  liquid.registerFilter('procent', (value: unknown) => (typeof value === 'number' ? percent(value) : text(value)))
  liquid.registerFilter('opsomming', (value: unknown) => listInWords(Array.isArray(value) ? value.map(text) : [text(value)]))

  try {
    const parsed = liquid.parseFileSync(source.file)
    return (await liquid.render(parsed, data)) as string
  } catch (error) {
    throw templateError(error, source)
  }
}

function text(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' ? value : String(value)
}

/** ["a", "b", "c"] as "a, b en c". */
function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`
}

interface LiquidishError {
  message: string
  name: string
  originalError?: Error
  token?: {file?: string; getPosition(): [number, number]}
}

/** A template error as a Dutch message that names the file and the line. */
export function templateError(error: unknown, source: TemplateSource): Error {
  const problem = error as LiquidishError
  if (!problem || typeof problem !== 'object' || !problem.token) {
    if (problem?.name === 'LiquidError' || /ENOENT/.test(String(problem?.message))) {
      return new UserError(`Het sjabloon ${source.file} is niet te lezen: ${problem.message}`)
    }

    return error as Error
  }

  const file = problem.token.file ?? source.file
  const [line, column] = problem.token.getPosition()
  const where = `${relative(process.cwd(), file) || file}:${line}:${column}`
  const detail = problem.message.replace(/, file:.*$/, '').replace(/, line:\d+, col:\d+$/, '')
  const reasons: Record<string, string> = {
    ParseError: 'deze opdracht in de sjabloontaal klopt niet',
    RenderError: 'dit deel kon niet worden ingevuld',
    TokenizationError: 'een {% … %} of {{ … }} is niet goed afgesloten',
    UndefinedVariableError: 'dit veld bestaat niet in de rapportgegevens',
  }
  const reason = /undefined filter/.test(detail) ? 'dit filter bestaat niet' : (reasons[problem.name] ?? 'het sjabloon klopt hier niet')
  return new UserError(`Fout in sjabloon ${where}: ${reason} (${detail}).`, {
    hint: 'Alle velden en filters staan in templates/README.md. Herstel het sjabloon en maak het rapport opnieuw.',
  })
}
