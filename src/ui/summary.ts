import {askSelect} from './prompts.js'

/** One answer as the summary shows it, and as the list of answers to change names it. */
export interface Answer<K> {
  key: K
  label: string
  value: string
}

export interface Review<K> {
  /** The answers as they stand now; asked again after every change. */
  answers: () => Array<Answer<K>>
  /** Asks one answer again and keeps it (and the draft). */
  change: (key: K) => Promise<void>
  /** Extra entries of the list of answers to change, after the answers ("Een teamlid toevoegen"). */
  extra?: () => Array<Answer<K>>
  /** The question under the summary: "Opslaan?", "Studie aanmaken in veenland?". */
  question: string
  /** What the first choice says: "Opslaan", "Aanmaken". */
  save: string
  /** Start on "Eén antwoord veranderen" (an edit, where nothing changed yet). */
  startWithChange?: boolean
  /** What the stop choice says, with where the answers are kept. */
  stop: string
  /** The line above the summary. */
  title: string
}

/**
 * A summary of what was answered, then: save, change one answer, or stop. One mistake is one
 * answer asked again, never all of them; stopping keeps everything in the draft the caller names.
 */
export async function reviewAnswers<K>(review: Review<K>, output: NodeJS.WritableStream = process.stdout): Promise<'save' | 'stop'> {
  let first = review.startWithChange ? 'change' : 'save'
  for (;;) {
    const answers = review.answers()
    const width = Math.max(...answers.map((a) => a.label.length)) + 2
    output.write(['', review.title, ...answers.map((a) => `  ${`${a.label}:`.padEnd(width)}${a.value}`), ''].join('\n') + '\n')
    const choice = await askSelect<'change' | 'save' | 'stop'>(
      review.question,
      [
        {name: review.save, value: 'save'},
        {name: 'Eén antwoord veranderen', value: 'change'},
        {name: review.stop, short: 'stoppen', value: 'stop'},
      ],
      first as 'change' | 'save',
    )
    if (choice !== 'change') return choice
    const back = Symbol('back')
    const which = await askSelect<K | typeof back>('Welk antwoord wil je veranderen?', [
      ...[...answers, ...(review.extra?.() ?? [])].map((a) => ({name: a.value ? `${a.label}: ${shorten(a.value)}` : a.label, short: a.label, value: a.key})),
      {name: 'Niets; terug naar het overzicht', short: 'niets', value: back},
    ])
    if (which !== back) await review.change(which as K)
    first = 'save'
  }
}

function shorten(text: string, length = 70): string {
  const line = text.replaceAll(/\s+/g, ' ').trim()
  return line.length > length ? `${line.slice(0, length - 1)}…` : line
}
