/** The kinds of personal data the guard looks for, with the Dutch words a message uses for them. */
export type PersonalDataKind = 'e-mailadres' | 'telefoonnummer' | 'adres' | 'bsn' | 'iban' | 'naam'

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
}

/** What a detector reports: a hit before its line and column are known. */
export interface Candidate {
  kind: PersonalDataKind
  start: number
  end: number
  reason: string
}

export const PLACEHOLDERS: Record<PersonalDataKind, string> = {
  'e-mailadres': '[e-mailadres]',
  telefoonnummer: '[telefoonnummer]',
  adres: '[adres]',
  bsn: '[bsn]',
  iban: '[iban]',
  naam: '[naam]',
}

export const KIND_LABELS: Record<PersonalDataKind, string> = {
  'e-mailadres': 'e-mailadres',
  telefoonnummer: 'telefoonnummer',
  adres: 'postcode met huisnummer',
  bsn: 'BSN',
  iban: 'IBAN',
  naam: 'naam',
}
