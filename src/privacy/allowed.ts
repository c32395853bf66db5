import type {Study} from '../study/load.js'

/**
 * The names the guard lets through, as one rule for notes, material and reports: whole names and
 * their parts of three letters or more ("Anna Visser", "Anna", "Visser"), in any case.
 */
export class AllowedNames {
  private readonly names: Set<string>

  constructor(names: readonly string[]) {
    // KNOWN HOLE: because a part of a team member's name passes on its own, a respondent who shares a
    // team member's surname passes too ("Mevrouw Jansen" when Bram Jansen is in the team). Closing it
    // (parts only as first names, or only next to the whole name) is a change of this line alone.
    this.names = new Set(names.flatMap((name) => [name, ...name.split(/[\s,]+/).filter((part) => part.length >= 3)]).map((name) => name.toLowerCase()))
  }

  /** Whether a name the guard found is one of the allowed names. */
  allows(text: string): boolean {
    return this.names.has(text.toLowerCase())
  }
}

/**
 * The study's own names: the research team (who are no respondents: "gesprek met Anna en Bram")
 * and the study's places, halteplaatsen and municipalities (places are no people: "Wendelo",
 * "Veenstad"). `also` adds names a caller knows to be no respondent's, such as the client on a
 * report's cover.
 */
export function allowedNames(study: Pick<Study, 'halteplaatsen' | 'team'>, also: readonly string[] = []): AllowedNames {
  return new AllowedNames([...studyNames(study), ...also])
}

/** The names behind allowedNames, as a list: the team's names, then each halteplaats and its municipality. */
export function studyNames(study: Pick<Study, 'halteplaatsen' | 'team'>): string[] {
  return [...study.team.map((member) => member.name), ...study.halteplaatsen.flatMap((h) => [h.name, h.gemeente])]
}
