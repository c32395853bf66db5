import type {Study} from '../study/load.js'

/** A person the guard lets through by name: a member of the study team. */
export interface AllowedPerson {
  id: string
  name: string
}

/**
 * The names the guard lets through, as one rule for notes, material and reports, in any case.
 * Names of places and organisations pass whole and by their parts of three letters or more
 * ("De Vlonders", "Vlonders"). People pass only as themselves: the whole name as it stands in
 * study.yaml ("Anna Visser"), the first name alone ("gesprek met Anna en Bram") and the id.
 */
export class AllowedNames {
  private readonly names: Set<string>
  private readonly places: Set<string>

  constructor(names: readonly string[], people: readonly AllowedPerson[] = []) {
    const places = names.flatMap((name) => [name, ...name.split(/[\s,]+/).filter((part) => part.length >= 3)])
    // A surname on its own is never let through: the detector reports "Mevrouw Jansen" as "Jansen"
    // and "Piet Jansen" whole, and a respondent who shares a team member's surname (Jansen, Visser,
    // de Jong are the commonest) must be caught, whatever stands before it.
    const persons = people.flatMap((person) => [person.name, firstName(person.name), person.id])
    this.names = new Set([...places, ...persons].filter((name): name is string => Boolean(name)).map(normalised))
    this.places = new Set(places.map(normalised))
  }

  /** Whether a name the guard found is one of the allowed names. */
  allows(text: string): boolean {
    const name = normalised(text)
    if (this.names.has(name)) return true
    // The inhabitants and the adjective of a place of the study: "Wendeloërs", "Veenstadse", "de Vlondersen".
    return INHABITANT_ENDINGS.some((ending) => name.endsWith(ending) && this.places.has(name.slice(0, -ending.length)))
  }
}

const INHABITANT_ENDINGS = ['ers', 'er', 'ërs', 'ër', 'enaren', 'enaar', 'naren', 'naar', 'se', 's', "'s", 'en']

/** The first word of a name of two or more words, unless it is an initial ("A. Visser"). */
function firstName(name: string): string | undefined {
  const words = name.trim().split(/\s+/)
  return words.length > 1 && !words[0].endsWith('.') ? words[0] : undefined
}

function normalised(name: string): string {
  return name.trim().replaceAll(/\s+/g, ' ').toLowerCase()
}

/**
 * The study's own names: the research team (who are no respondents: "gesprek met Anna en Bram")
 * and the study's places, halteplaatsen and municipalities (places are no people: "Wendelo",
 * "Veenstad"). `also` adds names a caller knows to be no respondent's, such as the client on a
 * report's cover; they pass by the rule for places.
 */
export function allowedNames(study: Pick<Study, 'halteplaatsen' | 'team'>, also: readonly string[] = []): AllowedNames {
  return new AllowedNames([...placeNames(study), ...also], study.team)
}

/** The names behind allowedNames, as a list: the team's names, then each halteplaats and its municipality. */
export function studyNames(study: Pick<Study, 'halteplaatsen' | 'team'>): string[] {
  return [...study.team.map((member) => member.name), ...placeNames(study)]
}

function placeNames(study: Pick<Study, 'halteplaatsen'>): string[] {
  return study.halteplaatsen.flatMap((h) => [h.name, h.gemeente])
}
