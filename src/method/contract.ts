/**
 * The ids METHOD.md fixes as a data contract. Studies, notes, exports and scripts refer to the
 * method's parts by these ids, so a method file (also a study's own edited copy) must keep them.
 */
export const PHASE_IDS = ['praktijkonderzoek', 'gesprekken', 'reflectie', 'advies'] as const
export const GROUP_IDS = [
  'ondernemers',
  'voetbalelftal',
  'schoolklas',
  'moeders',
  'ouderen',
  'actieve-bewoners',
  'wijkprofessionals',
  'gemeente',
] as const
export const ACTIVITY_IDS = ['wijkwandeling', 'fietstocht', 'wijkbijeenkomst', 'buurtactiviteit'] as const
export const NARRATIVE_IDS = [
  'onzichtbare-overheid',
  'onzichtbare-burger',
  'ongelijke-behandeling',
  'ongehoorde-burger',
  'ervaren-incompetentie',
] as const
export const AUDIENCE_IDS = ['gemeenten', 'professionals', 'rijksoverheid'] as const
export const HALTEPLAATS_COUNT = 4

/** Lower-case words joined by single hyphens: the shape of every id a user or study chooses. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
