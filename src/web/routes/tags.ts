import type {Context, Hono} from 'hono'

import {UserError} from '../../errors.js'
import {requireNote} from '../../notes/lookup.js'
import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {recordIfJudged} from '../../tagging/queue.js'
import {acceptSuggestion, rejectSuggestion} from '../../tagging/review.js'
import {addTag, removeTag, requireTag} from '../../tagging/tags.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/** Only a path of our own may be a place to go back to: never another site. */
export function localPath(value: unknown): string {
  const path = typeof value === 'string' ? value : '/'
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : '/'
}

function optionalNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number)) throw new UserError(`"${String(value)}" is geen geheel getal (${name}).`)
  return number
}

function coder(c: Context<Env>): string {
  const who = c.var.session.who
  if (!who) throw new UserError('Kies eerst wie je bent (bovenaan de pagina).')
  return who
}

/**
 * A change from the note page: done through the same core as `tag add`, `tag rm` and `tag review`,
 * then back to the note. What went wrong is shown there, above the text, in Dutch.
 */
function change(store: Store, handler: (c: Context<Env>, form: Record<string, unknown>, noteId: string) => void) {
  return async (c: Context<Env>) => {
    const noteId = requireNote(store, c.req.param('id')!).id
    const form = await c.req.parseBody()
    try {
      handler(c, form, noteId)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      c.var.session.flash = [error.message, error.hint].filter(Boolean).join(' ')
    }

    // The review queue sends its own address along, to come back to it.
    return c.redirect(form.terug === undefined ? `/notities/${noteId}` : localPath(form.terug), 303)
  }
}

export function registerTagRoutes(app: Hono<Env>, options: {store: Store; study: Study}): void {
  const {store, study} = options
  app.post('/notities/:id/tags', change(store, (c, form, noteId) => {
    const quote = typeof form.quote === 'string' && form.quote.trim() !== '' ? form.quote : undefined
    const start = optionalNumber(form.start, 'vanaf teken')
    const end = optionalNumber(form.end, 'tot teken')
    addTag(store, study, {code: String(form.code ?? ''), coder: coder(c), end: quote ? undefined : end, note: noteId, quote, start: quote ? undefined : start})
  }))

  app.post('/notities/:id/tags/:tag/verwijderen', change(store, (c, _form, noteId) => {
    const tag = requireTag(store, c.req.param('tag')!)
    if (tag.noteId !== noteId) throw new UserError('Deze tag hoort niet bij deze notitie.')
    removeTag(store, tag.id)
  }))

  const judged = (form: Record<string, unknown>, noteId: string) => {
    const start = optionalNumber(form.start, 'begin')
    const end = optionalNumber(form.end, 'einde')
    const length = [...store.notes.get(noteId)!.text].length
    if (start === undefined || end === undefined || start < 0 || end > length || start >= end) throw new UserError('Deze suggestie past niet meer bij de tekst van de notitie; laad de pagina opnieuw.')
    return {end, narrative: String(form.narrative ?? ''), note: noteId, start}
  }
  app.post('/notities/:id/suggesties/accepteren', change(store, (c, form, noteId) => {
    acceptSuggestion(store, study, judged(form, noteId), coder(c))
    recordIfJudged(store, study.methodDefinition, noteId, coder(c))
  }))
  app.post('/notities/:id/suggesties/afwijzen', change(store, (c, form, noteId) => {
    const suggestion = judged(form, noteId)
    if (!study.methodDefinition.narratives.some((n) => n.id === suggestion.narrative)) throw new UserError(`"${suggestion.narrative}" is geen narratief.`)
    rejectSuggestion(store, suggestion, coder(c))
    recordIfJudged(store, study.methodDefinition, noteId, coder(c))
  }))
}
