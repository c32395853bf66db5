/**
 * Whether a sentence says what the people we spoke with think, here and now, or something else that
 * merely uses the words of a narrative: a question or a statement the interviewer put to the group,
 * a hypothetical ("als de gemeente ooit … zou …"), a view the speaker rejects in the same or the
 * next sentence ("daar ben ik het niet mee eens", "dat herkennen ze niet", "Nee, echt niet"), or a
 * story of another country or another time ("in Duitsland", "in de jaren tachtig"). Such sentences
 * give no suggestion. The rules read the sentence as a whole; they never add a narrative, they only
 * hold one back.
 */

// The interviewer asks or proposes: "We vroegen of …", "Vraag van ons: …", "Ze werd gevraagd of …", "We legden de stelling … voor".
const INTERVIEWER =
  /(?<![\p{L}])(?:(?:we|wij|ik)\s+(?:vroegen|vroeg|legden|legde|stelden|stelde|peilden|toetsten)|(?:vroegen|vroeg|legden|legde|stelden|stelde)\s+(?:we|wij|ik)|de\s+stelling|als\s+stelling|vraag\s+van\s+(?:ons|de\s+(?:gespreksleider|interviewer|onderzoeker|onderzoekers))|(?:werd|werden)\s(?:(?!niet\b|nooit\b|nergens\b)[^.!?])*?\bgevraagd\s+of|^[\s'‘’"“„]*gevraagd\s+of|(?:las|lazen|leest)\s[^.!?]*?\bvoor\s+uit|waarin\s+stond)(?![\p{L}])/iu
// A condition that has not happened: "als … ooit … zou", "als … straks …", "als dat verdwijnt, …",
// "Mocht de gemeente …" (at the start of a clause: "we mochten meedenken" is the past of mogen),
// "stel dat …", "ze kan zich voorstellen dat …", and a rumour ("er gaat een gerucht dat …").
const HYPOTHETICAL =
  /(?<![\p{L}])(?:(?:als|indien|wanneer)\b[^.!?]*\b(?:ooit|zou|zouden|straks)|(?:als|indien)\s+(?:dat|het|die|dit|de|ons|onze)(?:\s+\p{L}+)?\s+(?:echt\s+|ook\s+)?(?:verdwijnt|weggaat|dichtgaat|sluit|stopt|ophoudt)|gerucht(?:en)?|(?:^|[,;:]\s)[\s'‘’"“„]*mocht(?:en)?\s+(?:het|de|er|je|ze|u|we|wij|die|dat|hij|zij)|stel\s+dat|wat\s+als|(?:kan|kon|kunnen)\s+(?:me|mij|zich|je|ze)\s+(?:wel\s+|goed\s+)?voorstellen)(?![\p{L}])/iu
// The view is rejected or not recognised.
const REJECTED =
  /(?<![\p{L}])(?:herken(?:de|den|nen|t)?\s+(?:dat|het|dit|zich|daar|ze|zij)?\s*(?:(?:we|wij|ze|zij|ik|hij)\s+)?(?:er\s+|daar\s+|hier\s+)?(?:helemaal\s+|echt\s+)?(?:niet|niets)|(?:niet|helemaal\s+niet)\s+mee\s+eens|oneens|vond(?:en)?\s+van\s+niet|zag(?:en)?\s+dat\s+anders|ervaart\s+(?:ze|hij|zij)\s+dat\s+anders|bijna\s+niemand\s+stak|niet\s+dat\s+(?:we|wij)\s+(?:opschreven|noteerden)|is\s+dat\s+niet\s+gebeurd|(?:dat|dit)\s+klopt\s+(?:hier\s+|daar\s+|helemaal\s+|echt\s+|gewoon\s+)*niet|allang\s+voorbij|niet\s+te\s+vergelijken|het\s+tegenovergestelde|(?:vind|vond|vinden|vonden)\s+(?:dat|het)\s+(?:\p{L}+\s+){0,2}onzin)(?![\p{L}])/iu
// What the next sentence can say that turns the previous one around: "In Nederland ervaart ze dat anders.", "Nee, echt niet."
// ("Nee, nooit." after a complaint agrees with it.)
const TURNED_AROUND = /(?<![\p{L}])(?:in\s+nederland|hier)(?![\p{L}])[^.!?]*(?<![\p{L}])(?:anders|beter|makkelijker)(?![\p{L}])|^[\s'‘’"“„]*nee(?![\p{L}])(?![\s,!.]*(?:echt\s+|hoor\s+)?(?:nooit|niks|niets|niemand)(?![\p{L}]))/iu
// Another country or another time: the narrative is told of there or then, not of here and now.
const ELSEWHERE =
  /(?<![\p{L}])(?:(?:in|uit)\s+(?:duitsland|belgi[eë]|engeland|frankrijk|polen|spanje|turkije|marokko|syri[eë]|suriname|amerika|het\s+buitenland|(?:zijn|haar|hun)\s+(?:land|geboorteland|geboortestad|geboortedorp|thuisland|vaderland))|(?:in|aan|uit)\s+de\s+jaren\s+(?:vijftig|zestig|zeventig|tachtig|negentig|[1-9]0)|destijds)(?![\p{L}])/iu
// Unless the sentence sets it against now: "in de jaren tachtig had elk dorp een loket, nu …".
const NOW = /(?<![\p{L}])(?:nu|tegenwoordig|inmiddels|nog\s+steeds)(?![\p{L}])/iu
// A sentence that goes on about the place of the one before: "Daar krijgt Londen alles."
const THERE = /^[\s'‘’"“„]*daar(?![\p{L}])/iu

// A participant contradicts what is said in this sentence: "De voorzitter spreekt dat stellig tegen: …",
// "Hij spreekt tegen dat het plan vaststond". Only this sentence: after "Een vader: 'X.' Een moeder
// spreekt hem tegen." X was still voiced. "spreekt tegen de wethouder" (speaks to) is not it, nor
// "Niemand sprak dat tegen" (all agree).
const CONTRADICTS = /(?<![\p{L}])(?:(?:spreekt|spreken|sprak|spraken)\s(?:[^.!?:]*?\s)?tegen(?=\s*(?:[:;,.!?'‘’"“]|dat(?![\p{L}])|met(?![\p{L}])|$))|weerspr(?:eekt|eken|ak|aken)|weerleg(?:t|gen|de|den))/iu
const NEGATED = /(?<![\p{L}])(?:niemand|niet|nooit|geen)(?![\p{L}])/iu

function contradicts(sentence: string): boolean {
  const match = CONTRADICTS.exec(sentence)
  return match !== null && !NEGATED.test(sentence.slice(0, match.index + match[0].length))
}

// The interviewer asks, in the present tense of the notes: "Ik vraag of …", "Ik vraag: '…?'". Only
// before any quote mark: inside a quote it is a participant who asked ("'ik vraag of ze komen'").
const INTERVIEWER_NOW = /^[^'‘’"“„]*?(?<![\p{L}])(?:ik|we|wij)\s+(?:vraag|vragen)(?:\s+(?:ze|hen|hun|jullie|haar|hem|de\s+\p{L}+))?\s*(?:of|hoe|wat|waarom|wie|wanneer|:)(?![\p{L}])/iu

function elsewhere(sentence: string): boolean {
  return ELSEWHERE.test(sentence) && !NOW.test(sentence)
}

/*
 * A word that at least one rule above cannot match without: per rule, the rarest word each of its
 * alternatives needs ("vroeg" for "we vroegen", "eens" for "niet mee eens"). Three sentences in
 * four have none, and one expression without look-behind is a tenth of the cost of the rules, so
 * they are read only where one of these stands. A new rule needs its words here too: the test
 * "every rule needs a trigger" in test/unit/assertion.test.ts fails otherwise.
 */
export const TRIGGERS =
  /vroeg|legde|stelde|peilden|toetsten|stelling|vraag|vragen|gevraagd|las|lazen|leest|waarin|ooit|zou|straks|verdwijnt|weggaat|dichtgaat|sluit|stopt|ophoudt|gerucht|mocht|stel|wat|herken|eens|vond|anders|beter|makkelijker|nee|stak|opschreven|noteerden|gebeurd|klopt|allang|vergelijken|tegenovergestelde|onzin|spreekt|spreken|sprak|weerspr|weerleg|land|belgi|frankrijk|polen|spanje|turkije|marokko|syri|suriname|amerika|geboorte|jaren|destijds/i

/** Whether one of the rules could hold the sentence back, or turn the one before it around (see TRIGGERS). */
export function mayHoldBack(sentence: string): boolean {
  return TRIGGERS.test(sentence)
}

/** Every rule of this file, by name: for the test that each needs a word of TRIGGERS. */
export const RULES: Readonly<Record<string, RegExp>> = {CONTRADICTS, ELSEWHERE, HYPOTHETICAL, INTERVIEWER, INTERVIEWER_NOW, REJECTED, TURNED_AROUND}

export function isAsserted(sentence: string, next = '', previous = ''): boolean {
  return assertedWith(sentence, next, previous, (which) => rejectsView(which === 0 ? sentence : next))
}

/** Whether a sentence rejects a view or does not recognise it: then neither it nor the sentence before it says what the people think. */
export function rejectsView(sentence: string): boolean {
  return mayHoldBack(sentence) && REJECTED.test(sentence)
}

/**
 * isAsserted, with rejectsView of the sentence (0) and of the next one (1) asked of `rejects`, and
 * mayHoldBack of the sentence (0), the next (1) and the one before (−1) of `marked`: a caller that
 * reads every sentence of a note needs them of most sentences two or three times.
 */
export function assertedWith(
  sentence: string,
  next: string,
  previous: string,
  rejects: (which: 0 | 1) => boolean,
  marked: (which: -1 | 0 | 1) => boolean = (which) => mayHoldBack(which === 0 ? sentence : which === 1 ? next : previous),
): boolean {
  if (marked(0)) {
    if (INTERVIEWER.test(sentence) || INTERVIEWER_NOW.test(sentence) || HYPOTHETICAL.test(sentence) || rejects(0) || contradicts(sentence)) return false
    if (elsewhere(sentence)) return false
  }
  if (marked(-1) && THERE.test(sentence) && elsewhere(previous)) return false
  return !marked(1) || (!rejects(1) && !TURNED_AROUND.test(next))
}
