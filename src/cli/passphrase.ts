import {UserError} from '../errors.js'
import {checkNewPassphrase, confirmNewPassphrase, MIN_PASSPHRASE_LENGTH} from '../exchange/bundle/passphrase.js'

/**
 * The passphrase of a bundle: KARAVAAN_PASSPHRASE, or asked on the terminal (twice when a bundle
 * is encrypted, so a typo does not lock the team out). Never a flag: it would end up in the
 * shell's history.
 */
export async function bundlePassphrase(purpose: 'decrypt' | 'encrypt', interactive: boolean, file: string): Promise<string> {
  const fromEnv = process.env.KARAVAAN_PASSPHRASE
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, purpose)
  if (!interactive) {
    throw new UserError(
      purpose === 'encrypt'
        ? 'Voor --encrypt is een wachtwoordzin nodig, en er is geen terminal om ernaar te vragen.'
        : `${file} is versleuteld; zonder de wachtwoordzin is hij niet te lezen.`,
      {hint: 'Zet de wachtwoordzin in KARAVAAN_PASSPHRASE, of voer het commando uit in een terminal.'},
    )
  }

  const {askSecret} = await import('../ui/prompts.js')
  if (purpose === 'decrypt') return askSecret(`Wachtwoordzin voor ${file}:`)
  const first = checked(await askSecret(`Wachtwoordzin om de bundel te versleutelen (minstens ${MIN_PASSPHRASE_LENGTH} tekens):`), purpose)
  return confirmNewPassphrase(first, await askSecret('Typ de wachtwoordzin nog een keer:'))
}

function checked(passphrase: string, purpose: 'decrypt' | 'encrypt'): string {
  return purpose === 'encrypt' ? checkNewPassphrase(passphrase) : passphrase
}
