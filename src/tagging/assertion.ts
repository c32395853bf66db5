/**
 * Whether a sentence says what the people we spoke with think, or something else that merely uses
 * the words of a narrative: a question or a statement the interviewer put to the group, a
 * hypothetical ("als de gemeente ooit … zou …"), or a view the speaker rejects in the same or the
 * next sentence ("daar ben ik het niet mee eens", "dat herkennen ze niet"). Such sentences give no
 * suggestion. The rules read the sentence as a whole; they never add a narrative, they only hold one back.
 */

// The interviewer asks or proposes: "We vroegen of …", "Aan de ondernemers vroegen we of …", "We legden de stelling … voor".
const INTERVIEWER = /(?<![\p{L}])(?:(?:we|wij|ik)\s+(?:vroegen|vroeg|legden|legde|stelden|stelde|peilden|toetsten)|(?:vroegen|vroeg|legden|legde|stelden|stelde)\s+(?:we|wij|ik)|de\s+stelling|als\s+stelling)(?![\p{L}])/iu
// A condition that has not happened: "als … ooit … zou", "mocht de gemeente …", "stel dat …".
const HYPOTHETICAL = /(?<![\p{L}])(?:(?:als|indien|wanneer)\b[^.!?]*\b(?:ooit|zou|zouden)|mocht(?:en)?\s|stel\s+dat|wat\s+als)(?![\p{L}])/iu
// The view is rejected or not recognised.
const REJECTED =
  /(?<![\p{L}])(?:herken(?:de|den|nen|t)?\s+(?:dat|het|dit|zich|daar|ze|zij)?\s*(?:er\s+|daar\s+)?(?:helemaal\s+|echt\s+)?(?:niet|niets)|(?:niet|helemaal\s+niet)\s+mee\s+eens|oneens|vond(?:en)?\s+van\s+niet|zag(?:en)?\s+dat\s+anders|ervaart\s+(?:ze|hij|zij)\s+dat\s+anders|bijna\s+niemand\s+stak|niet\s+dat\s+(?:we|wij)\s+(?:opschreven|noteerden)|is\s+dat\s+niet\s+gebeurd)(?![\p{L}])/iu
// What the next sentence can say that turns the previous one around: "In Nederland ervaart ze dat anders."
const TURNED_AROUND = /(?<![\p{L}])(?:in\s+nederland|hier)(?![\p{L}])[^.!?]*(?<![\p{L}])(?:anders|beter)(?![\p{L}])/iu

export function isAsserted(sentence: string, next = ''): boolean {
  if (INTERVIEWER.test(sentence) || HYPOTHETICAL.test(sentence) || REJECTED.test(sentence)) return false
  return !REJECTED.test(next) && !TURNED_AROUND.test(next)
}
