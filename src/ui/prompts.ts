/**
 * The one door to @inquirer/prompts. It is imported only when a question is actually asked, so
 * commands that never ask stay fast; tests replace this module instead of inquirer's internals.
 */
export interface Choice<T> {
  description?: string
  name: string
  /** What the answer line shows once chosen, when the name is too long to repeat. */
  short?: string
  value: T
}

type Validate = (value: string) => boolean | string

const load = () => import('@inquirer/prompts')

/** Inquirer's key hints ("↑↓ navigate • ⏎ select") in Dutch; "select" means choosing in a list, ticking in a checkbox. */
const KEY_NAMES: Record<string, string> = {space: 'spatie'}
const keyHints = (actions: Record<string, string>) => ({
  style: {keysHelpTip: (keys: Array<[string, string]>) => keys.map(([key, action]) => `${KEY_NAMES[key] ?? key} ${actions[action] ?? action}`).join(' • ')},
})
const selectTheme = keyHints({navigate: 'bladeren', select: 'kiezen'})
const checkboxTheme = keyHints({all: 'alles', invert: 'omkeren', navigate: 'bladeren', select: 'aanvinken', submit: 'bevestigen'})

export async function askText(message: string, options: {default?: string; validate?: Validate} = {}): Promise<string> {
  const {input} = await load()
  return (await input({default: options.default, message, validate: options.validate})).trim()
}

export async function askSelect<T>(message: string, choices: Array<Choice<T>>, defaultValue?: T): Promise<T> {
  const {select} = await load()
  return select({choices, default: defaultValue, message, pageSize: 12, theme: selectTheme})
}

/** A list to tick; `ticked` are ticked already, for a question asked again to change its answer. */
export async function askCheckbox<T>(message: string, choices: Array<Choice<T>>, ticked: readonly T[] = []): Promise<T[]> {
  const {checkbox} = await load()
  return checkbox({choices: choices.map((c) => (ticked.includes(c.value) ? {...c, checked: true} : c)), message, pageSize: 12, theme: checkboxTheme})
}

/**
 * The choices whose name, short form or description holds every word of what was typed, in any
 * order, ignoring case and accents ("cafe" finds "café"); nothing typed: all of them.
 */
export function filterChoices<T>(choices: Array<Choice<T>>, term: string | undefined): Array<Choice<T>> {
  const fold = (text: string) => text.normalize('NFD').replaceAll(/\p{Diacritic}/gu, '').toLowerCase()
  const words = fold(term ?? '').split(/\s+/).filter(Boolean)
  if (words.length === 0) return choices
  return choices.filter((choice) => {
    const name = fold(`${choice.name} ${choice.short ?? ''} ${choice.description ?? ''}`)
    return words.every((word) => name.includes(word))
  })
}

/** "nog niets gekozen", "1 gekozen", "3 gekozen": what a searchable list shows while ticking. */
export function chosenCount(n: number): string {
  return n === 0 ? 'nog niets gekozen' : `${n} gekozen`
}

/**
 * A checkbox list for long lists, in which typing narrows the list and stays while ticking; the
 * highlighted line's description is shown under the list as a preview. The answer keeps the
 * order of the list. `initial`: what is ticked already (the same values as in the choices); `none`:
 * what "klaar" says while nothing is ticked.
 */
export async function askSearchCheckbox<T>(message: string, choices: Array<Choice<T>>, options: {initial?: T[]; none?: string} = {}): Promise<T[]> {
  const {searchCheckbox} = await import('./search-checkbox.js')
  return (await searchCheckbox({choices, initial: options.initial, message, none: options.none, pageSize: 12})) as T[]
}

/** Yes or no as a two-item list, so the answer reads "ja"/"nee" instead of inquirer's y/N. */
export async function askConfirm(message: string, defaultValue = false): Promise<boolean> {
  return askSelect(message, [{name: 'ja', value: true}, {name: 'nee', value: false}], defaultValue)
}

/** A secret typed without echo (a passphrase). */
export async function askSecret(message: string): Promise<string> {
  const {password} = await load()
  return password({mask: '*', message})
}
