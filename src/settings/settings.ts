import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {UserError} from '../errors.js'
import {makePrivateDir, writePrivateFile} from '../fs/private.js'
import {ID_PATTERN} from '../method/contract.js'

/** Settings of this laptop (not of a study): who works here. */
export interface Settings {
  interviewer?: string
}

export const SETTING_KEYS = ['interviewer'] as const
export type SettingKey = (typeof SETTING_KEYS)[number]

const FILE = 'instellingen.json'

export function readSettings(configDir: string): Settings {
  try {
    const data = JSON.parse(readFileSync(join(configDir, FILE), 'utf8')) as unknown
    return data && typeof data === 'object' ? (data as Settings) : {}
  } catch {
    return {}
  }
}

export function writeSetting(configDir: string, key: string, value: string): Settings {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) {
    throw new UserError(`Onbekende instelling "${key}".`, {hint: `Instellingen: ${SETTING_KEYS.join(', ')}.`})
  }

  if (key === 'interviewer' && !ID_PATTERN.test(value)) {
    throw new UserError(`"${value}" is geen geldige interviewer-id.`, {hint: 'Gebruik de id uit het team in study.yaml, zoals anna.'})
  }

  const settings = {...readSettings(configDir), [key]: value}
  writePrivateFile(join(makePrivateDir(configDir), FILE), JSON.stringify(settings, null, 2) + '\n')
  return settings
}
