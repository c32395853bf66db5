import {UserError} from '../../errors.js'

/** The shortest passphrase a bundle is encrypted with; the same for the terminal and the browser. */
export const MIN_PASSPHRASE_LENGTH = 8

/** Refuses a passphrase too short to encrypt a bundle with. */
export function checkNewPassphrase(passphrase: string): string {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new UserError(`De wachtwoordzin is te kort (minder dan ${MIN_PASSPHRASE_LENGTH} tekens); er is geen bundel gemaakt.`, {
      hint: 'Kies een zin van een paar woorden; die is sterk en toch te onthouden.',
    })
  }

  return passphrase
}

/** A passphrase typed twice, so a typo does not lock the team out of the bundle. */
export function confirmNewPassphrase(first: string, second: string): string {
  checkNewPassphrase(first)
  if (first !== second) throw new UserError('De twee wachtwoordzinnen verschillen; er is geen bundel gemaakt.', {hint: 'Probeer het opnieuw.'})
  return first
}
