import {createPrompt, isDownKey, isEnterKey, isUpKey, makeTheme, useKeypress, useMemo, usePagination, usePrefix, useState} from '@inquirer/core'

import {chosenCount, type Choice, filterChoices} from './prompts.js'

/**
 * A checkbox list to search in, for long lists (the evidence of a finding): what is typed narrows
 * the list and stays while ticking, so "bus", Enter, ↓, Enter ticks two notes about the bus. Space
 * belongs to the search (several words), so Enter ticks. "klaar" sits on top of every view.
 *
 * Loaded only by src/ui/prompts.ts, inside the function that asks.
 */
interface Config<T> {
  choices: Array<Choice<T>>
  initial?: T[]
  message: string
  /** What "klaar" says while nothing is chosen, when that means more than "nog niets gekozen". */
  none?: string
  pageSize?: number
}

const DONE = Symbol('klaar')
type Line<T> = typeof DONE | Choice<T>

const HELP = 'typ om te zoeken • ↑↓ bladeren • ⏎ kiezen of weghalen • Esc wist de zoekterm • kies "klaar" om af te ronden'

/** A line cut to the terminal's width, so a long note takes one row and the list does not jump. */
function fit(text: string, width: number): string {
  const flat = text.replaceAll(/\s*\n\s*|\t/g, ' ')
  const chars = [...flat]
  return chars.length <= width ? flat : `${chars.slice(0, Math.max(width - 1, 1)).join('')}…`
}

/** A preview in at most `rows` rows of the terminal's width, words kept whole. */
function wrap(text: string, width: number, rows: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && [...line].length + 1 + [...word].length > width) {
        out.push(line)
        line = word
      } else {
        line = line ? `${line} ${word}` : word
      }
    }

    if (line) out.push(line)
  }

  const kept = out.length > rows ? [...out.slice(0, rows - 1), `${out[rows - 1]} ${out.slice(rows).join(' ')}`] : out
  return kept.map((line) => fit(line, width))
}

export const searchCheckbox = createPrompt((config: Config<unknown>, done: (value: unknown[]) => void) => {
  type T = unknown
  const theme = makeTheme({})
  const [status, setStatus] = useState<'done' | 'idle'>('idle')
  const [term, setTerm] = useState('')
  const [ticked, setTicked] = useState<T[]>(config.initial ?? [])
  const [active, setActive] = useState(0)
  const prefix = usePrefix({status, theme})
  const matches = useMemo(() => filterChoices(config.choices, term), [term])
  const lines: Array<Line<T>> = [DONE, ...matches]
  const count = chosenCount(ticked.length)
  const width = Math.max((process.stdout.columns || 80) - 6, 20)

  useKeypress((key, rl) => {
    if (isEnterKey(key)) {
      const line = lines[active]
      if (line === DONE || line === undefined) {
        setStatus('done')
        // The answer keeps the order of the list, not the order of ticking.
        done(config.choices.filter((c) => ticked.includes(c.value)).map((c) => c.value))
        return
      }

      setTicked(ticked.includes(line.value) ? ticked.filter((v) => v !== line.value) : [...ticked, line.value])
      // Enter ends readline's line and empties it; the search stays what it was.
      rl.write(term)
    } else if (key.name === 'escape') {
      rl.clearLine(0)
      setTerm('')
      setActive(0)
    } else if (isUpKey(key) || isDownKey(key)) {
      rl.clearLine(0)
      rl.write(term)
      setActive(Math.min(Math.max(active + (isUpKey(key) ? -1 : 1), 0), lines.length - 1))
    } else if (rl.line !== term) {
      setTerm(rl.line)
      // A new search puts the cursor on its first match; no match leaves it on "klaar".
      setActive(filterChoices(config.choices, rl.line).length > 0 ? 1 : 0)
    }
  })

  const message = theme.style.message(config.message, status)
  if (status === 'done') {
    const shorts = config.choices.filter((c) => ticked.includes(c.value)).map((c) => c.short ?? c.name)
    return `${prefix} ${message} ${theme.style.answer(ticked.length === 0 ? 'niets gekozen' : `${count}: ${shorts.join(', ')}`)}`
  }

  const page = usePagination<Line<T>>({
    active,
    items: lines,
    loop: false,
    pageSize: config.pageSize ?? 12,
    renderItem({isActive, item}) {
      const cursor = isActive ? '❯' : ' '
      const text = item === DONE ? `✔ klaar (${ticked.length === 0 ? (config.none ?? count) : count})` : `${ticked.includes(item.value) ? '◉' : '◯'} ${fit(item.name, width)}`
      return isActive ? theme.style.highlight(`${cursor} ${text}`) : `${cursor} ${text}`
    },
  })
  const current = lines[active]
  const preview = current !== DONE && current?.description ? wrap(current.description, width, 4).map((l) => `  ${l}`).join('\n') : ''
  const nothing = term && matches.length === 0 ? `  Niets gevonden voor "${term}"; Esc wist de zoekterm.` : ''
  const header = [prefix, message, theme.style.help(`(${count})`), term ? `zoek: ${term}` : ''].filter(Boolean).join(' ')
  return [header, [page, nothing, preview ? ` \n${preview}` : '', theme.style.help(HELP)].filter(Boolean).join('\n')]
})
