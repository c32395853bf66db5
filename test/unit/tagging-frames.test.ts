import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {parseMethodText} from '../../src/method/load.js'
import {patternCues, patternProblem, patternSlots} from '../../src/method/patterns.js'
import {suggestNarratives} from '../../src/tagging/suggest.js'

const ROOT = join(import.meta.dirname, '..', '..')
const file = join(ROOT, 'methods', 'karavaan.yaml')
const text = readFileSync(file, 'utf8')
const method = parseMethodText(text, file)
const narratives = (note: string) => suggestNarratives(note, method).map((s) => s.narrative)

/** The built-in method with its narratives' cues and patterns replaced, for small made-up methods. */
function withPatterns(patterns: Record<string, unknown[]>, wordLists: Record<string, string[]> = {}) {
  return {
    ...method,
    narratives: method.narratives.map((n) => ({...n, cues: [], patterns: (patterns[n.id] ?? []) as never})),
    wordLists,
  }
}

describe('word lists', () => {
  it('a slot "@name" stands for the words of that list, each once', () => {
    const lists = {instanties: ['gemeente', 'wijkagent', 'den haag']}
    expect(patternSlots({name: 'x', slots: [['@instanties', 'gemeente'], ['niet bereikbaar']]}, lists)).toEqual([
      ['gemeente', 'wijkagent', 'den haag'],
      ['niet bereikbaar'],
    ])
    expect(patternCues({name: 'x', slots: [['@instanties'], ['dicht']]}, lists)).toEqual(['gemeente|wijkagent & dicht', 'den haag & dicht'])
  })

  it('a word added to a list counts in every pattern that uses it', () => {
    const patterns = {
      'ervaren-incompetentie': [{name: 'b', slots: [['@wie'], ['mislukt']]}],
      'onzichtbare-overheid': [{name: 'a', slots: [['@wie'], ['onbereikbaar']]}],
    }
    const before = withPatterns(patterns, {wie: ['gemeente']})
    const after = withPatterns(patterns, {wie: ['gemeente', 'waterschap']})
    const note = 'Het waterschap is onbereikbaar. Het plan van het waterschap is mislukt.'
    expect(suggestNarratives(note, before as never)).toEqual([])
    expect(suggestNarratives(note, after as never).map((s) => s.narrative).sort()).toEqual(['ervaren-incompetentie', 'onzichtbare-overheid'])
  })

  it('a reference to a list that is not there is reported in Dutch, with the pattern named', () => {
    expect(patternProblem({name: 'x', slots: [['@loketen'], ['dicht']]}, {loketten: ['loket']})).toBe(
      'plek 1: de woordenlijst "loketen" bestaat niet onder wordLists: (wel: loketten)',
    )
    expect(patternProblem({name: 'x', slots: [['@Loket ten'], ['dicht']]})).toContain('is geen naam van een woordenlijst')
    const broken = text.replace('          - ["@loketten"]\n          - ["@weg-of-dicht"]', '          - ["@loketten"]\n          - ["@weg-of-dict"]')
    expect(broken).not.toBe(text)
    let details: string[] = []
    try {
      parseMethodText(broken, file)
    } catch (error) {
      details = (error as {details: string[]}).details
    }

    expect(details.join('\n')).toContain('patroon "het loket of kantoor is weg" plek 2: de woordenlijst "weg-of-dict" bestaat niet')
  })

  it('many phrases in a slot are alternatives, not a cue each: no limit on their number', () => {
    const many = Array.from({length: 40}, (_, i) => `zinsdeel nummer${i}`)
    expect(patternProblem({name: 'x', slots: [many, many]})).toBeUndefined()
    const m = withPatterns({'onzichtbare-overheid': [{name: 'veel', slots: [many, ['dicht']]}]})
    expect(suggestNarratives('Het zinsdeel nummer37 is dicht.', m as never).map((s) => s.cues)).toEqual([['patroon: veel']])
  })
})

describe('paraphrases that the frames catch (issue 14)', () => {
  it('tried to reach + no one; a screen, not us; others get it; fixed before; redone again', () => {
    expect(narratives('We hebben drie keer gebeld en nooit iemand aan de lijn gekregen.')).toEqual(['onzichtbare-overheid'])
    expect(narratives('Ze keken naar hun scherm, niet naar ons.')).toEqual(['onzichtbare-burger'])
    expect(narratives('De nieuwe woningen gingen naar mensen van buiten.')).toEqual(['ongelijke-behandeling'])
    expect(narratives('De tekeningen waren al klaar toen wij werden uitgenodigd.')).toEqual(['ongehoorde-burger'])
    expect(narratives('Het fietspad is nu voor de derde keer opengebroken.')).toEqual(['ervaren-incompetentie'])
  })
})

describe('slots in two sentences of one note (window: 2)', () => {
  it('the other group in one sentence, "we" in the next', () => {
    expect(narratives('De stad kreeg een nieuw zwembad. Wij kregen niets.')).toEqual(['ongelijke-behandeling'])
    const [s] = suggestNarratives('Vooraf. De stad kreeg een nieuw zwembad. Wij kregen niets.', method)
    expect(s.sentence).toBe('De stad kreeg een nieuw zwembad. Wij kregen niets.')
  })

  it('not when one of the two sentences is a hypothetical or turned around', () => {
    expect(narratives('De stad kreeg een nieuw zwembad. Als wij ooit iets zouden vragen, krijgen we het vast niet.')).toEqual([])
  })

  it('without window the slots must be in one sentence', () => {
    const slots = [['stad'], ['wij']]
    const one = withPatterns({'ongelijke-behandeling': [{name: 'x', slots}]})
    const two = withPatterns({'ongelijke-behandeling': [{name: 'x', slots, window: 2}]})
    const note = 'De stad kreeg een zwembad. Wij niets.'
    expect(suggestNarratives(note, one as never)).toEqual([])
    expect(suggestNarratives(note, two as never).map((s) => s.narrative)).toEqual(['ongelijke-behandeling'])
  })
})

describe('ordered patterns', () => {
  it('need their slots in the written order and close together', () => {
    expect(narratives('Voor die mensen ben ik gewoon een getal.')).toContain('onzichtbare-burger')
    // A shirt number is no "nummer" in the sense of the narrative: the slots stand the other way round.
    expect(narratives('Nummer 4 ben ik alleen op het veld.')).toEqual([])
    expect(narratives('De penningmeester werd bij elke vraag naar een ander nummer doorgestuurd.')).not.toContain('onzichtbare-burger')
  })
})

describe('a negation before the person, not before the thing', () => {
  it('"naar mij, niet naar haar laptop" is no complaint; "naar haar laptop, niet naar mij" is', () => {
    expect(narratives('De consulent keek echt naar mij, niet naar haar laptop.')).toEqual([])
    expect(narratives('Ze keek naar haar laptop, niet naar mij.')).toEqual(['onzichtbare-burger'])
  })
})

describe('stem collisions in word lists', () => {
  it('"over" is not "overheid" (one Snowball stem): a short word fills only the short cue word', () => {
    const m = withPatterns({'onzichtbare-overheid': [{name: 'x', slots: [['overheid'], ['onbereikbaar']]}]})
    expect(suggestNarratives('Het dorp was onbereikbaar, er ging een brug over het kanaal open.', m as never)).toEqual([])
    expect(suggestNarratives('De overheid is onbereikbaar.', m as never).map((s) => s.narrative)).toEqual(['onzichtbare-overheid'])
    // Nor does "over" make a sentence about a company one about the government.
    expect(narratives('De ouderen waren boos over hun energieleverancier: je krijgt daar nooit iemand aan de telefoon.')).toEqual([])
  })


  it('"anders" is not "anderen", "op wie ze stemmen" is not "bij wie je moet zijn"', () => {
    expect(narratives('Hier vindt ze het heel anders, de consulent kent haar naam.')).toEqual([])
    expect(narratives('De helft weet nog niet op wie ze gaan stemmen.')).toEqual([])
    expect(narratives('Ze weten niet wie hier wonen.')).not.toContain('onzichtbare-overheid')
  })
})

describe('hard negatives: not here, not now, not asserted, not the government', () => {
  it('another country or another time', () => {
    expect(narratives('In Duitsland moet je voor alles met formulieren naar het loket en wachten.')).toEqual([])
    expect(narratives('In de jaren tachtig werden we door de inspectie behandeld als criminelen.')).toEqual([])
    expect(narratives('Hij werkte drie jaar in Engeland. Daar krijgt de hoofdstad alles en het noorden niks.')).toEqual([])
    // Set against now, it is a complaint of today.
    expect(narratives('In de jaren tachtig had elk dorp een gemeenteloket, nu is het loket dicht.')).toEqual(['onzichtbare-overheid'])
  })

  it('the interviewer asks', () => {
    expect(narratives("Vraag van ons: 'Voelen jullie je achtergesteld bij de stad?'")).toEqual([])
    expect(narratives('Ze werd gevraagd of ze zich achtergesteld voelt.')).toEqual([])
    // Not being asked is a complaint, not the interviewer's question.
    expect(narratives('We werden nooit gevraagd of we die flats wilden; het besluit lag al klaar voor de inspraak.')).toEqual(['ongehoorde-burger'])
    expect(narratives('Gevraagd of hij zich een nummer voelt bij de gemeente, schudde hij zijn hoofd.')).toEqual([])
  })

  it('a view rejected in the same or the next sentence, or only imagined', () => {
    expect(narratives('Iemand zei dat de politie onbereikbaar is. Nee, zei de rest, de wijkagent staat elke week op de markt.')).toEqual([])
    expect(narratives('De wijkagent reageerde op het beeld dat de politie onbereikbaar is: dat klopt hier niet.')).toEqual([])
    // "Nee, nooit" after a complaint agrees with it.
    expect(narratives("'Je krijgt bij de gemeente nooit iemand aan de telefoon.' 'Nee, nooit,' zei haar buurvrouw.")).toEqual(['onzichtbare-overheid'])
    expect(narratives("Ze kan zich voorstellen dat je je een nummer voelt bij zo'n grote instantie.")).toEqual([])
  })

  it('"Mocht het …" at the start of a clause is a hypothetical, "we mochten meedenken" is the past of mogen', () => {
    expect(narratives("'Mocht het ooit zover komen dat ze de school in de stad openhouden en de onze niet, dan gaan we de barricades op.'")).toEqual([])
    expect(narratives('We mochten drie avonden meedenken, maar er is niets mee gedaan.')).toEqual(['ongehoorde-burger'])
  })

  it('a newspaper read aloud, and "dat herkennen we hier niet" or "dat klopt gewoon niet" after it', () => {
    expect(narratives("De voorzitter las een stuk voor uit de krant, waarin stond dat 'de kleine middenstand altijd achteraan staat'.")).toEqual([])
    expect(narratives("Volgens de krant staat de kleine middenstand altijd achteraan. 'Dat herkennen we hier niet,' zei de drogist.")).toEqual([])
    expect(narratives("Iemand zei dat de gemeente het niet kan. 'Dat klopt gewoon niet,' zei ze.")).toEqual([])
  })

  it('look-alikes: a back room, a baby on the lap, boards before the windows', () => {
    expect(narratives('Vergadering in de achterkamer van de bakker, zeven aanwezigen.')).toEqual([])
    expect(narratives('Zes moeders, twee met een baby op schoot.')).toEqual([])
    expect(narratives('Het oude wijkpostgebouw staat er nu met schotten voor de ramen.')).not.toContain('ongelijke-behandeling')
    expect(narratives('Het werd in de achterkamertjes bekokstoofd.')).toEqual(['ongehoorde-burger'])
  })

  it('a complaint about a company, unless a public body is named too', () => {
    expect(narratives('Je krijgt bij de energieleverancier nooit iemand aan de telefoon.')).toEqual([])
    expect(narratives('Na de wedstrijd vond iedereen dat de scheidsrechter er niets van bakte.')).toEqual([])
    expect(narratives('Bij de gemeente en bij de bank krijg je nooit iemand aan de telefoon.')).toEqual(['onzichtbare-overheid'])
  })

  it('but companies and banks as the group that is favoured are narrative 3', () => {
    expect(narratives('De banken kregen miljarden, wij kregen een naheffing.')).toEqual(['ongelijke-behandeling'])
  })

  it('"we" told as "they" in the fieldworker\'s report: hun wijk, hun kern', () => {
    expect(narratives('De nieuwe school in de villawijk was op tijd klaar. Hun school staat al jaren vol noodlokalen.')).toEqual(['ongelijke-behandeling'])
  })
})

describe('whole notes of a study: who speaks, and what is only feared (issue 14, fourth-hand study)', () => {
  it('the interviewer asks in the present tense of the notes, outside any quote', () => {
    expect(narratives('Ik vraag of ze vinden dat de gemeente achter een website is verdwenen.')).toEqual([])
    expect(narratives("Ik vraag: 'Worden jullie hier als een nummer behandeld?'")).toEqual([])
    // Inside a quote a participant asked, and the complaint stands.
    expect(narratives("'Ik vraag of iemand komt kijken, maar bij de gemeente krijg je nooit iemand aan de lijn.'")).toEqual(['onzichtbare-overheid'])
  })

  it('a participant contradicts the story in the same sentence; "niemand sprak dat tegen" agrees', () => {
    expect(narratives("De secretaris spreekt dat met klem tegen: 'Het loket van de gemeente is gewoon elke ochtend open.'")).toEqual([])
    expect(narratives('Een buurman spreekt tegen dat het loket van de gemeente dicht is.')).toEqual([])
    expect(narratives("'Het loket van de gemeente is dicht en nu moet alles via de website.' Niemand in de zaal sprak dat tegen.")).toEqual(['onzichtbare-overheid'])
    // The one who said it, said it: a contradiction in the next sentence does not undo it.
    expect(narratives("Een vader: 'Het loket van de gemeente is dicht, alles moet via de website.' Zijn buurman sprak hem tegen.")).toEqual(['onzichtbare-overheid'])
  })

  it('what is only feared: "als … straks", "als dat verdwijnt", a rumour', () => {
    expect(narratives("'Als de gemeente straks ook het buurthuis sluit zonder het ons te vragen, stoppen wij als vrijwilligers.'")).toEqual([])
    expect(narratives("'Als dat spreekuur verdwijnt, weet ik niet meer waar ik met mijn vragen heen moet.'")).toEqual([])
    expect(narratives('Er gaat een gerucht dat het politiebureau naar de stad verhuist.')).toEqual([])
  })

  it('"ons … hun" with words between is not a we-they contrast', () => {
    expect(narratives('De trainer nodigt ons uit voor hun jaarlijkse toernooi.')).toEqual([])
    expect(narratives("'Het is altijd wij tegen zij: de stad krijgt alles.'")).toContain('ongelijke-behandeling')
  })

  it('the craft, not the people: "geen vakkennis" is narrative 5, "geen idee wat hier speelt" is not', () => {
    expect(narratives("'Bij de gemeente zit geen vakkennis meer, ze hebben alles uitbesteed.'")).toContain('ervaren-incompetentie')
    expect(narratives("'Ze hebben de put drie keer opnieuw gemaakt en steeds een nieuwe pomp, maar de gemeente lost niks op.'")).toContain('ervaren-incompetentie')
    expect(narratives("'Het stadhuis heeft geen idee wat hier speelt.'")).not.toContain('ervaren-incompetentie')
  })
})

describe('frames of a study’s own paraphrases (issue 14, tuned on the fourth-hand study)', () => {
  it('narrative 4: participation whose outcome was fixed or ignored', () => {
    expect(narratives("'We hebben twee keer ingesproken bij de raad, en het besluit was precies hetzelfde als het voorstel.'")).toContain('ongehoorde-burger')
    expect(narratives("'Die klankbordgroep was alleen voor het draagvlak, de gemeente wilde onze handtekening.'")).toContain('ongehoorde-burger')
  })

  it('narrative 3: another group may what we may not, and policy made for the city', () => {
    expect(narratives("'Wij kregen een boete van de gemeente, terwijl de keten naast ons gewoon zijn borden buiten mag zetten.'")).toContain('ongelijke-behandeling')
    expect(narratives("'Het beleid van de gemeente wordt voor de stad bedacht en daarna op de dorpen geplakt.'")).toContain('ongelijke-behandeling')
    expect(narratives("'Bij de gemeente word ik vaker gecontroleerd, terwijl mijn Nederlandse buurman nooit een brief krijgt.'")).toContain('ongelijke-behandeling')
  })

  it('narrative 2: looked at as a suspect or as papers, not as a person', () => {
    expect(narratives("'De consulent van de gemeente deed alsof ik het geld expres had verstopt.'")).toContain('onzichtbare-burger')
    expect(narratives("'Bij het wijkteam kijken ze alleen naar de indicatie, niet naar mijn kind.'")).toContain('onzichtbare-burger')
    expect(narratives('De anderen knikten; een vrouw zei dat ze de wijk nog nooit zo netjes heeft gezien.')).toEqual([])
  })
})

describe('a slot word with an apostrophe or hyphen', () => {
  it('is a phrase of its own, so the other words of the slot still match one word each', () => {
    const made = withPatterns({'ongelijke-behandeling': [{name: 'vergeleken', slots: [['nederlandse'], ["collega's", 'buurman', 'mbo-ers'], ['nooit']]}]})
    const found = (sentence: string) => suggestNarratives(sentence, made).map((s) => s.narrative)
    expect(found('Mijn Nederlandse buurman krijgt nooit zo’n brief.')).toEqual(['ongelijke-behandeling'])
    expect(found("Mijn Nederlandse collega's krijgen nooit zo’n brief.")).toEqual(['ongelijke-behandeling'])
    expect(found('De Nederlandse mbo-ers worden nooit gecontroleerd.')).toEqual(['ongelijke-behandeling'])
  })
})
