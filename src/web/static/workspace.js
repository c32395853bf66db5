// Enhancements only: every page works without this script (the tag form takes exact words or
// positions). Sent as a module from our own origin, so the Content-Security-Policy needs no
// inline script.

/** Code points, as the store counts them: an emoji is one, as in `tag add --start/--end`. */
const points = (text) => [...text].length

/**
 * Where a DOM position falls in the stored text. Every piece of the text carries data-start, its
 * first code point in the stored note; labels ([1 onzichtbare overheid]) are not part of it.
 */
function offsetOf(container, node, offset) {
  if (node.nodeType !== Node.TEXT_NODE) {
    // A position between children: take the start of the child after it, or the end of the one before.
    const child = node.childNodes[offset]
    if (child) return offsetOf(container, child.nodeType === Node.TEXT_NODE ? child : (child.firstChild ?? child), 0)
    const before = node.childNodes[offset - 1]
    if (before) return endOf(container, before)
    return null
  }

  const piece = node.parentElement?.closest('[data-start]')
  if (!piece || !container.contains(piece)) {
    const label = node.parentElement?.closest('[data-label]')
    return label ? endOf(container, label.previousElementSibling) : null
  }

  return Number(piece.dataset.start) + points(node.data.slice(0, offset))
}

function endOf(container, element) {
  const piece = element?.closest?.('[data-start]') ?? element
  if (!piece?.dataset?.start) return null
  return Number(piece.dataset.start) + points(piece.textContent)
}

function selectedRange(container) {
  const selection = document.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null
  let start = offsetOf(container, range.startContainer, range.startOffset)
  let end = offsetOf(container, range.endContainer, range.endOffset)
  if (start === null || end === null) return null
  if (start > end) [start, end] = [end, start]
  // Leave out spaces at the edges, as a coder means the words.
  const text = [...textOf(container)]
  while (start < end && /\s/u.test(text[start])) start++
  while (end > start && /\s/u.test(text[end - 1])) end--
  return start < end ? {end, start, words: text.slice(start, end).join('')} : null
}

/** The stored text again, from the pieces (carriage returns aside, which no passage starts with). */
function textOf(container) {
  const out = []
  for (const piece of container.querySelectorAll('[data-start]')) {
    const start = Number(piece.dataset.start)
    const chars = [...piece.textContent]
    chars.forEach((ch, i) => (out[start + i] = ch))
  }

  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = '\r'
  return out.join('')
}

function setUpTagging() {
  const container = document.getElementById('notitietekst')
  const form = document.getElementById('tagformulier')
  if (!container || !form) return
  const choice = document.getElementById('keuze')
  const start = form.elements.namedItem('start')
  const end = form.elements.namedItem('end')
  const quote = form.elements.namedItem('quote')

  const update = () => {
    const range = selectedRange(container)
    if (!range) return
    start.value = String(range.start)
    end.value = String(range.end)
    quote.value = ''
    choice.textContent = `Gekozen: «${range.words}» (teken ${range.start} tot ${range.end}). ${form.querySelector('select') ? 'Kies een narratief of thema en sla op.' : 'Kies een narratief.'}`
  }

  document.addEventListener('selectionchange', update)

  // Keyboard: in the text, Shift with the arrows chooses words; Enter goes to the choice of code.
  container.addEventListener('keydown', (event) => {
    const selection = document.getSelection()
    if (!selection) return
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
      event.preventDefault()
      if (selection.rangeCount === 0 || !container.contains(selection.anchorNode)) {
        const first = container.querySelector('[data-start]')?.firstChild
        if (first) selection.collapse(first, 0)
      }

      const forward = event.key === 'ArrowRight' || event.key === 'End'
      const unit = event.key === 'Home' || event.key === 'End' ? 'paragraphboundary' : 'word'
      selection.modify(event.shiftKey ? 'extend' : 'move', forward ? 'forward' : 'backward', unit)
    } else if (event.key === 'Enter' && !selection.isCollapsed) {
      event.preventDefault()
      // A select on the note page; the narrative buttons (one name, several buttons) in the queue.
      const code = form.elements.namedItem('code')
      ;(typeof code.focus === 'function' ? code : code[0]).focus()
    }
  })
}

/**
 * The note form keeps a draft in concepten/ as the person types: the whole form, a moment after
 * the last key, with the session's CSRF token in a header. The server decides the file; the form
 * only names the draft it was given.
 */
function setUpDrafts() {
  const form = document.getElementById('notitieformulier')
  if (!form) return
  const status = document.getElementById('conceptstatus')
  const token = document.querySelector('meta[name="csrf-token"]')?.content ?? ''
  let timer
  let sending = Promise.resolve()
  let inFlight = 0
  const save = () => {
    clearTimeout(timer)
    timer = undefined
    inFlight++
    const body = new URLSearchParams()
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value)
    // keepalive: a save started as the tab closes still arrives.
    sending = sending.then(() => fetch(form.dataset.conceptUrl, {body, credentials: 'same-origin', headers: {'x-csrf-token': token}, keepalive: true, method: 'POST'})
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status))
        const answer = await response.json()
        status.textContent = `Concept bewaard in ${answer.concept} (${new Date().toLocaleTimeString('nl-NL', {hour: '2-digit', minute: '2-digit', second: '2-digit'})}).`
      })
      .catch(() => {
        status.textContent = 'Het concept kon niet worden bewaard; kopieer je tekst voor de zekerheid.'
      })
      .finally(() => inFlight--))
  }

  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(save, 600)
  })
  // Closing the tab while a save is still waiting: send it now.
  window.addEventListener('pagehide', () => {
    if (timer) save()
  })
  // A draft save still on its way could land after the note is stored and bring the draft back:
  // the form waits for it, then goes (the server writes the draft itself before it saves).
  form.addEventListener('submit', (event) => {
    clearTimeout(timer)
    timer = undefined
    if (inFlight === 0) return
    event.preventDefault()
    const button = event.submitter
    void sending.then(() => form.requestSubmit(button))
  })
}

/** The review queue's keys: 1–5, a, r, j, k press the button or link that carries data-toets. */
function setUpShortcuts() {
  const queue = document.querySelector('[data-sneltoetsen]')
  if (!queue) return
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const target = event.target
    if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]')) return
    const control = queue.querySelector(`[data-toets="${CSS.escape(event.key)}"]`)
    if (!control) return
    event.preventDefault()
    control.click()
  })
}

setUpTagging()
setUpDrafts()
setUpShortcuts()
