import type {Context, Hono} from 'hono'

import type {Store} from '../../store/store.js'
import type {Study} from '../../study/load.js'
import {openSuggestions, ReviewQueue} from '../../tagging/queue.js'
import type {PageContext} from '../layout.js'
import {reviewPage} from '../pages/review.js'
import type {Session} from '../security.js'

type Env = {Variables: {session: Session}}

/**
 * Taggen: the queue is made once per session and coder (it reads every note), so moving through
 * it costs one note; "opnieuw" makes it again, with notes added since. The note itself, its tags
 * and suggestions are read fresh on every page, so a change made elsewhere shows at once.
 */
export function registerReviewRoutes(app: Hono<Env>, options: {store: Store; study: Study}, context: (c: Context<Env>) => PageContext): void {
  const {store, study} = options
  const queues = new WeakMap<Session, ReviewQueue>()

  app.get('/taggen', (c) => {
    const session = c.var.session
    const flash = session.flash
    session.flash = null
    const who = session.who
    if (!who) return c.html(reviewPage(context(c), {flash, hidden: 0, index: 0, note: undefined, suggestions: [], tags: [], total: 0}))
    let queue = queues.get(session)
    if (!queue || queue.reviewer !== who || c.req.query('opnieuw') !== undefined) {
      queue = new ReviewQueue(store, study.methodDefinition, who)
      queues.set(session, queue)
      // A large study's queue is made between requests; a failure there must not stop the server.
      if (!queue.done) void queue.complete().catch((error: Error) => process.stderr.write(`Fout bij het maken van de wachtrij: ${error.message}\n`))
    }

    const total = queue.ids.length
    const index = Math.min(Math.max(1, Number.parseInt(c.req.query('nr') ?? '1', 10) || 1), Math.max(1, total))
    const note = total > 0 ? store.notes.get(queue.ids[index - 1]) : undefined
    const {hidden, items} = note ? openSuggestions(store, study.methodDefinition, note, who) : {hidden: 0, items: []}
    const tags = note ? store.tags.list({noteId: note.id}) : []
    const looking = queue.done ? undefined : {scanned: queue.scanned, total: queue.total}
    return c.html(reviewPage(context(c), {flash, hidden, index, looking, note, suggestions: items, tags, total}))
  })
}
