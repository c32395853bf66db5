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

export async function askCheckbox<T>(message: string, choices: Array<Choice<T>>): Promise<T[]> {
  const {checkbox} = await load()
  return checkbox({choices, message, pageSize: 12, theme: checkboxTheme})
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
