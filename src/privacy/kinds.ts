/** The kinds of personal data the guard looks for, with the Dutch words a message uses for them. */
export type PersonalDataKind =
  | 'e-mailadres'
  | 'telefoonnummer'
  | 'adres'
  | 'bsn'
  | 'iban'
  | 'naam'
  | 'geboortedatum'
  | 'kenteken'
  | 'account'
  | 'bijzonder'

export interface PersonalDataHit {
  kind: PersonalDataKind
  /** The matched text. */
  text: string
  /** UTF-16 index into the input string, for slicing and replacing. */
  start: number
  /** Exclusive. */
  end: number
  /** 1-based. */
  line: number
  /** 1-based, counted in Unicode code points (é and an emoji count as one). */
  column: number
  /** Short Dutch explanation of why this is personal data. */
  reason: string
  /** Only for kind 'bijzonder': the name in the same sentence the fact is about, so an allowed name lets it through. */
  subject?: string
}

/** What a detector reports: a hit before its line and column are known. */
export interface Candidate {
  kind: PersonalDataKind
  start: number
  end: number
  reason: string
  subject?: string
}

/** What pseudonymise writes instead of a hit of each kind when the study's key is not at hand. */
export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  'e-mailadres': '[e-mailadres]',
  telefoonnummer: '[telefoonnummer]',
  adres: '[adres]',
  bsn: '[bsn]',
  iban: '[iban]',
  naam: '[naam]',
  geboortedatum: '[geboortedatum]',
  kenteken: '[kenteken]',
  account: '[account]',
  bijzonder: '[bijzonder persoonsgegeven]',
}

/** The generic placeholder of a kind: [naam], [telefoonnummer], … */
export function placeholder(kind: PersonalDataKind): string {
  return PLACEHOLDERS[kind]
}

export const KIND_LABELS: Record<PersonalDataKind, string> = {
  'e-mailadres': 'e-mailadres',
  telefoonnummer: 'telefoonnummer',
  adres: 'postcode met huisnummer',
  bsn: 'BSN',
  iban: 'IBAN',
  naam: 'naam',
  geboortedatum: 'geboortedatum',
  kenteken: 'kenteken',
  account: 'account op sociale media',
  bijzonder: 'bijzonder persoonsgegeven',
}
