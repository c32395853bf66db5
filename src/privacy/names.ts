import type {Candidate} from './kinds.js'
import {type NameLists, nameLists} from './name-lists.js'
import {isDutchWord, openLists, type SortedWords} from './open-lists.js'
import {splitWords, type Word} from './words.js'

// Forms of address after which a capitalised word is a name: "meneer Jansen", "mw. Yilmaz", "juf Sanne".
const TITLES = new Set([
  'meneer', 'mijnheer', 'menheer', 'mevrouw', 'mevr', 'mvr', 'mw', 'dhr', 'juf', 'juffrouw', 'meester', 'mr', 'dr',
  'drs', 'ir', 'ing', 'prof', 'ds', 'familie', 'fam',
  // Family words used as a name's title: "Ome Kees", "Tante Riek", "opa Bram".
  'ome', 'omi', 'oom', 'tante', 'opa', 'oma', 'opoe',
])
// Roles and relations that are followed by a name only sometimes ("wethouder Hoekstra", but "docent Engels",
// "wethouder Wonen"): here the next word must be a known first name or surname, or a surname with tussenvoegsel.
const ROLES = new Set([
  'wethouder', 'burgemeester', 'wijkagent', 'agent', 'agente', 'huisarts', 'dokter', 'docent', 'docente', 'directeur',
  'directrice', 'voorzitter', 'coach', 'trainer', 'trainster', 'dominee', 'pastoor', 'pastor', 'imam', 'pater', 'zuster',
  'broeder', 'buurman', 'buurvrouw', 'collega', 'neef', 'nicht', 'zus', 'broer', 'vriend',
  'vriendin', 'wijkverpleegkundige', 'wijkregisseur', 'opbouwwerker', 'jongerenwerker', 'consulent', 'raadslid', 'kapitein',
])
// Capitalised words after a form of address that are no name: "Mevrouw De Wethouder", "juf Nederlands".
const NOT_AFTER_TITLE = new Set([
  'Wethouder', 'Burgemeester', 'Directeur', 'Directrice', 'Voorzitter', 'Pastoor', 'Dominee', 'Dokter', 'Docent', 'Minister',
  'President', 'Koningin', 'Prins', 'Prinses', 'God', 'Jezus', 'Heer', 'Heere', 'Nederlands', 'Engels', 'Frans',
  'Duits', 'Spaans', 'Turks', 'Arabisch', 'Pools', 'Wiskunde', 'Geschiedenis', 'Aardrijkskunde', 'Biologie', 'Scheikunde',
  'Natuurkunde', 'Gym', 'Muziek', 'Tekenen', 'Economie', 'Maatschappijleer', 'Burgerschap', 'Levensbeschouwing',
  'Techniek', 'Verzorging', 'Rekenen', 'Taal', 'Lezen', 'Drama', 'Sport', 'Wonen', 'Zorg', 'Onderwijs', 'Financiën',
  'Jeugd', 'Economische', 'Sociaal', 'Sociale', 'Ruimtelijke', 'Verkeer', 'Cultuur', 'Welzijn', 'Veiligheid', 'Karavaan',
])
const FUNCTION_WORDS = new Set([
  'De', 'Het', 'Een', 'En', 'Of', 'Maar', 'Want', 'Dus', 'Ook', 'Nog', 'Al', 'Er', 'Hier', 'Daar', 'Dat', 'Die', 'Dit',
  'Deze', 'Wie', 'Wat', 'Waar', 'Hoe', 'Waarom', 'Wanneer', 'Ik', 'Je', 'Jij', 'Hij', 'Zij', 'Ze', 'Wij', 'We',
  'Jullie', 'U', 'Mijn', 'Zijn', 'Haar', 'Ons', 'Onze', 'Hun', 'Uw', 'In', 'Op', 'Aan', 'Bij', 'Met', 'Van', 'Voor',
  'Na', 'Naar', 'Om', 'Over', 'Onder', 'Tot', 'Uit', 'Door', 'Tegen', 'Zonder', 'Sinds', 'Tijdens', 'Volgens', 'Via',
  'Als', 'Dan', 'Toen', 'Nu', 'Niet', 'Geen', 'Wel', 'Ja', 'Nee', 'Zo', 'Toch', 'Even', 'Alle', 'Alles', 'Iedereen',
  'Niemand', 'Iemand', 'Veel', 'Weinig', 'Meer', 'Minder', 'Eerst', 'Daarna', 'Later', 'Straks', 'Vandaag', 'Morgen',
  'Gisteren', 'Ooit', 'Nooit', 'Te', 'Ten', 'Ter', 'Altijd', 'Vaak', 'Soms', 'Heel', 'Erg', 'Echt', 'Ongeveer', 'Bijna', 'Maandag',
  'Dinsdag', 'Woensdag', 'Donderdag', 'Vrijdag', 'Zaterdag', 'Zondag', 'Januari', 'Februari', 'Maart', 'April', 'Mei',
  'Juni', 'Juli', 'Augustus', 'September', 'Oktober', 'November', 'December', 'Opvolgen', 'Sfeer', 'Opvallend',
])
// A first name right before these is part of a place, a saint or a royal: "Sint Jan", "Prinses Beatrix".
const NOT_BEFORE_FIRST_NAME = new Set([
  'Sint', 'St', 'Prins', 'Prinses', 'Koning', 'Koningin', 'Keizer', 'Keizerin', 'Graaf', 'Gravin', 'Hertog', 'Hertogin',
  'Paus', 'profeet', 'Profeet', 'heilige', 'Heilige', 'H', 'Onze',
])
// A name right after these is the name of the place, not of a person: "café De Kroon", "basisschool De Vries".
const VENUES = new Set([
  'vv', 'sv', 'fc', 'rkvv', 'vc', 'hc', 'stichting', 'café', 'cafe', 'dorpshuis', 'buurthuis', 'wijkcentrum', 'school', 'basisschool', 'kerk', 'zaal', 'restaurant',
  'hotel', 'camping', 'sporthal', 'molen', 'boerderij', 'kantine', 'clubhuis', 'speeltuin', 'theater', 'bioscoop',
])
// A capitalised word with these endings names a place or an institution, not a surname: "Anne Frankschool",
// "Willem de Zwijgerlaan", "Emma Kinderziekenhuis".
const INSTITUTION_ENDING =
  /[\p{L}-](?:straat|weg|laan|plein|gracht|kade|dijk|singel|hof|pad|steeg|dreef|wal|markt|park|school|college|lyceum|kerk|huis|ziekenhuis|kliniek|centrum|stichting|fonds|stadion|hal|zaal|bibliotheek|gebouw|kapel|moskee|academie|instituut|prijs|brug|fabriek|polder|museum|theater|haven|straatje|plantsoen|boulevard|veld|dag)$/iu
const INSTITUTION_WORDS = new Set([
  'Ziekenhuis', 'Kinderziekenhuis', 'School', 'College', 'Kerk', 'Huis', 'Centrum', 'Stichting', 'Fonds', 'Park', 'Plein',
  'Museum', 'Theater', 'Kliniek', 'Instituut', 'Academie', 'Lyceum', 'Stadion', 'Hal', 'Zaal', 'Kapel', 'Moskee', 'Prijs',
  'Dag', 'Polder', 'Hoeve', 'Gasthuis', 'Hofje', 'Court', 'Foundation', 'Fundatie', 'Straat', 'Laan', 'Weg',
  'Gymnasium', 'Scholengemeenschap', 'Mavo', 'Havo', 'Atheneum', 'Ziekenhuizen', 'Zorgcentrum', 'Verpleeghuis',
])
// After a name that is also an ordinary word, these show that a person is meant: "Roos zei", "Bas woont".
const PERSON_VERBS = new Set([
  'zei', 'zegt', 'vertelde', 'vertelt', 'vroeg', 'vraagt', 'antwoordde', 'antwoordt', 'legde', 'legt', 'riep', 'roept',
  'lachte', 'lacht', 'vond', 'vindt', 'woont', 'woonde', 'werkt', 'werkte', 'kwam', 'komt', 'belde', 'belt', 'appte',
  'appt', 'mailde', 'mailt', 'wil', 'wilde', 'wou', 'heeft', 'had', 'is', 'was', 'weet', 'wist', 'kent', 'kende', 'gaf',
  'geeft', 'liet', 'laat', 'doet', 'deed', 'sprak', 'spreekt', 'runt', 'runde', 'zit', 'zat', 'kreeg', 'krijgt', 'moet',
  'moest', 'kan', 'kon', 'mag', 'mocht', 'gaat', 'ging', 'staat', 'stond', 'hoopt', 'hoopte', 'denkt', 'dacht', 'zag',
  'ziet', 'noemde', 'noemt', 'schreef', 'schrijft', 'klaagde', 'klaagt', 'bracht', 'brengt', 'hielp', 'helpt',
  'organiseert', 'organiseerde', 'stelde', 'stelt', 'reageerde', 'reageert', 'knikte', 'zuchtte', 'speelt', 'speelde',
  'traint', 'kookt', 'kookte', 'maakt', 'maakte', 'zorgt', 'zorgde', 'heet', 'heette', 'wees', 'wijst', 'vertrouwt',
  'vertrouwde', 'gelooft', 'geloofde', 'mist', 'miste', 'ergert', 'ergerde', 'merkt', 'merkte', 'hoorde', 'hoort',
  'leest', 'las', 'loopt', 'liep', 'rijdt', 'reed', 'koopt', 'kocht', 'betaalt', 'betaalde', 'verloor', 'verliest',
  'kaart', 'kaarten', 'zijn', 'waren', 'hebben', 'hadden', 'wonen', 'woonden', 'zeggen', 'zeiden', 'vinden', 'vonden',
])
// Before a name from OpenTaal or an unknown capitalised word these make it a place: "uit Oosterbrink", "naar Duitsland".
// After a possessive name: "Karims moeder", "Fatimas zoon".
const RELATIVES = new Set([
  'moeder', 'vader', 'zoon', 'dochter', 'broer', 'zus', 'zusje', 'broertje', 'man', 'vrouw', 'oma', 'opa', 'kinderen', 'kind',
  'buurvrouw', 'buurman', 'ouders', 'neef', 'nicht', 'tante', 'oom', 'schoonmoeder', 'schoonvader', 'vriend', 'vriendin',
  'kleinzoon', 'kleindochter', 'baby', 'zonen', 'dochters', 'familie',
])
const PLACE_NOUNS = new Set([
  'stadhuis', 'gemeentehuis', 'gemeente', 'wijk', 'wijken', 'dorp', 'dorpen', 'stad', 'centrum', 'station', 'haven', 'buurt',
  'provincie', 'regio', 'inwoners', 'bewoners', 'burgemeester', 'markt', 'kern', 'kernen', 'rand', 'noorden', 'zuiden',
  'oosten', 'westen', 'omgeving', 'gebied',
])
const LOCATIVES = new Set(['in', 'uit', 'naar', 'te', 'richting', 'rond', 'nabij', 'buiten', 'vanuit', 'binnen', 'langs'])
// Before a name that is also an ordinary word, mid-sentence: "met Roos", "volgens Bas", "bel Els".
const PERSON_CUES_BEFORE = new Set([
  'met', 'volgens', 'namens', 'tegen', 'aan', 'door', 'zoals', 'bel', 'belde', 'bellen', 'vraag', 'vroeg', 'vroegen',
  'heet', 'heette', 'noemt', 'noemde',
])
// Tussenvoegsels, in the order they can follow each other; "'t" is matched by its t. Those that start with a
// preposition ("in 't Veld", "op de Beek", "uit den Bogaard") count only for a surname of the list: "buurvrouw in
// de Zwaaikom" and "Sanne op de Markt" are about a place.
const PARTICLE_CHAINS = new Set([
  'de', 'van', 'der', 'den', 'ter', 'ten', 'te', "'t", 'van de', 'van der', 'van den', 'van het', "van 't", 'van ter', "in 't",
  'la', 'le', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'von', 'el', 'al', 'ait', 'aït', 'abu', 'abou', 'bin', 'ibn',
])
const ARABIC_PARTICLES = new Set(['el', 'al', 'ait', 'aït', 'abu', 'abou', 'bin', 'ibn'])
const ARTICLES = new Set(['de', 'het', 'een', 't', 'der', 'den', 'des'])
const ABBREVIATED_TITLES = new Set(['mevr', 'mvr', 'mw', 'dhr', 'mr', 'dr', 'drs', 'ir', 'ing', 'prof', 'ds', 'fam'])

type OpenKind = 'name' | 'other' | 'unknown' | 'word name'
const OPEN_KINDS = new Map<string, OpenKind>()

function isCapital(text: string): boolean {
  return text !== '' && text[0] !== text[0].toLowerCase()
}

class NameFinder {
  private readonly blocked: boolean[]
  private readonly found: Candidate[] = []
  private readonly lists: NameLists

  constructor(
    private readonly text: string,
    private readonly words: Word[],
  ) {
    this.lists = nameLists()
    this.blocked = this.blockedWords()
  }

  run(): Candidate[] {
    let i = 0
    while (i < this.words.length) {
      // "Stichting Jan Pieter", "café De Kroon": the capitalised words after a venue are its name.
      if (VENUES.has(this.words[i].text.toLowerCase()) && this.words[i].joinedToNext && this.words[i + 1]?.capital) {
        i++
        while (i < this.words.length && this.words[i].capital && this.words[i - 1].joinedToNext) i++
        continue
      }

      // Letters glued to digits are part of a code, such as a note's short id "5bea34af": no name.
      if (this.gluedToDigits(i)) {
        i++
        continue
      }

      const next = this.title(i) ?? this.fullName(i) ?? this.initials(i) ?? this.surname(i) ?? this.firstName(i) ?? this.possessive(i) ?? this.openName(i) ?? this.smallFirstName(i)
      i = next ?? i + 1
    }

    return this.found
  }

  private gluedToDigits(index: number): boolean {
    const {end, start} = this.words[index]
    return /\p{Nd}/u.test(this.text[start - 1] ?? '') || /\p{Nd}/u.test(this.text[end] ?? '')
  }

  /** Words that fall inside a phrase of geen-namen.txt ("Albert Heijn", "Sint Jan", "Jan en alleman"). */
  private blockedWords(): boolean[] {
    const blocked = this.words.map(() => false)
    for (const match of this.text.matchAll(this.lists.notNames)) {
      const end = match.index + match[0].length
      this.words.forEach((word, index) => {
        if (word.start < end && word.end > match.index) blocked[index] = true
      })
    }

    return blocked
  }

  private hit(from: number, until: number, reason: string): number {
    const to = this.doubleSurnameEnd(until)
    for (let k = from; k < to; k++) if (this.blocked[k]) return to
    this.found.push({end: this.words[to - 1].end, kind: 'naam', reason, start: this.particleStart(from)})
    return to
  }

  /** "Jansen-van Dijk", "Jansen-De Vries": the second surname after a hyphen and a tussenvoegsel belongs to the name. */
  private doubleSurnameEnd(to: number): number {
    const last = this.words[to - 1]
    if (!last.joinedToNext || !/-(?:van|de|den|der|ter|ten|te|el|al)$/i.test(last.text)) return to
    const chain = this.chainAt(to)
    const core = this.words[to + chain]
    return core?.capital && this.joined(to, to + chain) ? to + chain + 1 : to
  }

  /** Includes the apostrophe of a leading 't. */
  private particleStart(index: number): number {
    const word = this.words[index]
    return this.particle(index) === "'t" ? word.start - 1 : word.start
  }

  private particle(index: number): string {
    const word = this.words[index]
    if (word.text === 't' && /['’]/.test(this.text[word.start - 1] ?? '')) return "'t"
    return word.text.toLowerCase()
  }

  private joined(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (!this.words[k].joinedToNext) return false
    return true
  }

  private isFirstName(word: Word): boolean {
    return word.capital && word.text.split('-').every((part) => this.lists.firstNames.has(part))
  }

  private isOrdinary(word: Word): boolean {
    return this.lists.ordinaryWords.has(word.text)
  }

  private isInstitution(word: Word): boolean {
    if (INSTITUTION_WORDS.has(word.text)) return true
    return INSTITUTION_ENDING.test(word.text) && !this.lists.surnames.has(word.text.toLowerCase()) && !this.lists.firstNames.has(word.text)
  }

  /** A capitalised word that can be the last part of a surname; after a form of address, no role or school subject. */
  private isCore(index: number, afterTitle = false): boolean {
    const word = this.words[index]
    if (!word || !word.capital || this.blocked[index]) return false
    if (FUNCTION_WORDS.has(word.text) || (afterTitle && NOT_AFTER_TITLE.has(word.text)) || this.isInstitution(word)) return false
    return !/^\p{Lu}{2,}$/u.test(word.text) // CBS, ROC
  }

  /** How many words from `index` form a surname of the list ("van den Berg", "El Amrani", "Jansen"); 0 if none. */
  private surnameAt(index: number): number {
    const most = Math.min(this.lists.longestSurname, this.words.length - index)
    for (let length = most; length >= 1; length--) {
      const last = index + length - 1
      if (!this.joined(index, last) || !this.words[last].capital) continue
      const parts: string[] = []
      for (let k = index; k <= last; k++) parts.push(this.particle(k))
      if (!this.lists.surnames.has(parts.join(' '))) continue
      // "van der Meer" is a surname even though "Meer" alone is an ordinary word.
      if (length > 1 ? !this.blocked[last] && !this.isInstitution(this.words[last]) : this.isCore(last)) return length
    }

    return 0
  }

  /** How many words from `index` form a chain of tussenvoegsels; 0 if none. */
  private chainAt(index: number): number {
    for (let length = 3; length >= 1; length--) {
      if (index + length >= this.words.length || !this.joined(index, index + length)) continue
      const parts: string[] = []
      for (let k = index; k < index + length; k++) parts.push(this.particle(k))
      if (PARTICLE_CHAINS.has(parts.join(' '))) return length
    }

    return 0
  }

  private lowercaseChain(index: number, length: number): boolean {
    for (let k = index; k < index + length; k++) {
      const word = this.words[k]
      if (word.capital && !ARABIC_PARTICLES.has(word.text.toLowerCase())) return false
    }

    return true
  }

  /** A name right after a form of address or a role; returns the index after it, or undefined. */
  private nameAfter(index: number, strict: boolean): number | undefined {
    const word = this.words[index]
    if (!word) return undefined
    const surname = this.surnameAt(index)
    if (surname > 0 && !(strict && word.text === 'van')) return index + surname
    if (this.isFirstName(word)) {
      const after = this.surnameAfterFirstName(index + 1, this.words[index].joinedToNext, true)
      return after ?? index + 1
    }

    const chain = this.chainAt(index)
    // After a role a small "van" is a preposition ("voorzitter van Havenbelang"), but "van der", "van den",
    // "van 't" and "in 't" are found only in surnames: "burgemeester van den Heuvel", "wethouder van der berg".
    const chainText = this.words.slice(index, index + chain).map((_, k) => this.particle(index + k)).join(' ')
    const surnameChain = chain >= 2 && ['van der', 'van den', "van 't", "in 't"].includes(chainText)
    if (strict && surnameChain && this.joined(index, index + chain) && this.words[index + chain] && !this.blocked[index + chain]) return index + chain + 1
    const preposition = strict && this.words[index].text === 'van'
    if (chain > 0 && !preposition && this.isCore(index + chain, true)) return index + chain + 1
    // "mevrouw el amrani", "wethouder de groot": a surname typed in small letters, with its tussenvoegsel; after a
    // role only a surname of the list.
    const core = chain > 0 && !preposition && this.joined(index, index + chain) ? this.words[index + chain] : undefined
    if (core && !core.capital && !this.blocked[index + chain]) {
      const parts = this.words.slice(index, index + chain + 1).map((w) => w.text.toLowerCase()).join(' ')
      if (this.lists.surnames.has(parts) || (!strict && !isDutchWord(core.text.toLowerCase()))) return index + chain + 1
    }

    if (strict) return undefined
    if (!word.capital) {
      const lower = word.text.toLowerCase()
      const known = this.lists.firstNamesLower.has(lower) || this.lists.surnames.has(lower)
      return known && !this.lists.ordinaryWords.has(word.text[0].toUpperCase() + word.text.slice(1)) ? index + 1 : undefined
    }

    return this.isCore(index, true) ? index + 1 : undefined
  }

  /** After a first name: a surname from the list, a tussenvoegsel + capitalised word, or (if allowed) any surname-like word. */
  private surnameAfterFirstName(index: number, joined: boolean, anyWord: boolean): number | undefined {
    if (!joined || index >= this.words.length) return undefined
    const surname = this.surnameAt(index)
    if (surname > 0) return index + surname
    const chain = this.chainAt(index)
    if (chain > 0 && this.lowercaseChain(index, chain) && this.isCore(index + chain)) return index + chain + 1
    // A single capital is an initial ("Annie M.G. Schmidt"), not a surname.
    if (anyWord && this.isCore(index) && !this.isOrdinary(this.words[index]) && this.words[index].text.length > 1) return index + 1
    return undefined
  }

  /** "meneer Jansen", "mw. J. de Vries", "juf Sanne", "wethouder Van der Meer", "de heer Van den Berg". */
  private title(index: number): number | undefined {
    const word = this.words[index]
    const lower = word.text.toLowerCase()
    // MW (megawatt) and DR are no forms of address.
    if (ABBREVIATED_TITLES.has(lower) && /^\p{Lu}{2,}$/u.test(word.text)) return undefined
    const isTitle =
      TITLES.has(lower) || (lower === 'heer' && index > 0 && this.words[index - 1].text.toLowerCase() === 'de' && this.words[index - 1].joinedToNext)
    if (!isTitle && !ROLES.has(lower)) return undefined
    let next = index + 1
    if (!this.connected(index, ABBREVIATED_TITLES.has(lower))) return undefined
    // Initials, with or without full stops: "mw. J. de Vries", "drs. G den Toom".
    while (next + 1 < this.words.length && /^\p{Lu}$/u.test(this.words[next].text) && this.connected(next, true)) next++
    const end = this.nameAfter(next, !isTitle)
    if (end === undefined) return undefined
    return this.hit(index + 1, end, isTitle ? `naam na de aanspreekvorm "${word.text}"` : `naam na de functie of relatie "${word.text}"`)
  }

  /** Only spaces between word `index` and the next, or (for an abbreviation or initial) a full stop and spaces. */
  private connected(index: number, abbreviation: boolean): boolean {
    const word = this.words[index]
    if (word.joinedToNext) return true
    const next = this.words[index + 1]
    return abbreviation && next !== undefined && /^\.[ \t\u00a0]*$/.test(this.text.slice(word.end, next.start))
  }

  /** "Kees de Vries", "Fatima El Amrani", "Sevda Öztürk", "Roos Bakker". */
  private fullName(index: number): number | undefined {
    const word = this.words[index]
    if (!this.isFirstName(word) || this.blockedBefore(index)) return undefined
    const surnameFrom = index + 1
    // A second first name: "Jan Willem de Vries".
    if (word.joinedToNext && this.words[surnameFrom] && this.isFirstName(this.words[surnameFrom]) && this.surnameAt(surnameFrom) === 0) {
      const after = this.surnameAfterFirstName(surnameFrom + 1, this.words[surnameFrom].joinedToNext, false)
      if (after !== undefined) return this.hit(index, after, 'voornamen gevolgd door een achternaam')
    }

    // Any capitalised word may be the surname, except after a name that is also an ordinary word at the start
    // of a sentence ("Lieve Heer").
    const end = this.surnameAfterFirstName(surnameFrom, word.joinedToNext, !this.isOrdinary(word) || !word.sentenceStart)
    if (end === undefined) return undefined
    // "het Willem Lodewijk Gymnasium": the name of a school.
    const after = this.words[end - 1].joinedToNext ? this.words[end] : undefined
    if (after && after.capital && this.isInstitution(after)) return end + 1
    return this.hit(index, end, 'voornaam uit de namenlijst gevolgd door een achternaam')
  }

  /** "A. Bakker", "J.M. van der Linden". */
  private initials(index: number): number | undefined {
    let next = index
    while (next < this.words.length && /^\p{Lu}$/u.test(this.words[next].text) && this.text[this.words[next].end] === '.' && this.connected(next, true)) next++
    if (next === index) return undefined
    const surname = this.surnameAt(next)
    if (surname > 0) return this.hit(index, next + surname, 'voorletters gevolgd door een achternaam')
    const chain = this.chainAt(next)
    if (chain > 0 && this.isCore(next + chain)) return this.hit(index, next + chain + 1, 'voorletters gevolgd door tussenvoegsel en achternaam')
    return undefined
  }

  /** "Van der Meer", "volgens de Vries", "El Amrani", "Jansen", "Kowalski" — a surname from the list on its own. */
  private surname(index: number): number | undefined {
    const length = this.surnameAt(index)
    if (length === 0) return undefined
    const word = this.words[index]
    const before = index > 0 && this.words[index - 1].joinedToNext ? this.words[index - 1] : undefined
    const after = this.words[index + length - 1].joinedToNext ? this.words[index + length] : undefined
    // "café De Kroon", "De Lange Nieuwstraat": the name of a place.
    if (before && VENUES.has(before.text.toLowerCase())) return index + length
    if (after && after.capital && this.isInstitution(after)) return index + length
    // On its own a surname is written with a capital tussenvoegsel ("Van Dijk", "De Vries"); in small letters
    // "van Houten" and "de Waal" are as often a town and a river, so then the sentence must point at a person.
    if (length > 1 && !word.capital && !ARABIC_PARTICLES.has(word.text.toLowerCase())) {
      if (!before || !PERSON_CUES_BEFORE.has(before.text.toLowerCase())) return undefined
    }

    if (length === 1) {
      // One word: only a surname that is no ordinary word, and not after an article ("de Willems" is no person).
      if (this.isOrdinary(word) || this.isFirstName(word)) return undefined
      if (before && ARTICLES.has(before.text.toLowerCase())) return undefined
      return this.hit(index, index + 1, 'achternaam uit de namenlijst')
    }

    return this.hit(index, index + length, 'achternaam met tussenvoegsel uit de namenlijst')
  }

  /** "Sanne vertelde", "met Mohammed en Ayşe", and for names that are also words: "Roos zei", "met Noor". */
  private firstName(index: number): number | undefined {
    const word = this.words[index]
    if (!this.isFirstName(word) || this.blockedBefore(index)) return undefined
    // "Anne Frankschool", "Willem de Zwijgerlaan", "Emma Kinderziekenhuis": part of a name of a place.
    if (word.joinedToNext) {
      const chain = this.chainAt(index + 1)
      const next = this.words[index + 1 + chain]
      if (next && next.capital && this.isInstitution(next) && this.joined(index, index + 1 + chain)) return index + 2 + chain
    }

    // "De Roos is de bloemenwinkel": with an article it is a thing or a place.
    const before = index > 0 && this.words[index - 1].joinedToNext ? this.words[index - 1] : undefined
    if (before && ARTICLES.has(before.text.toLowerCase())) return undefined
    if (!this.isOrdinary(word)) return this.hit(index, index + 1, 'voornaam uit de namenlijst')
    if (this.clearlyAPerson(index)) return this.hit(index, index + 1, 'voornaam die ook een gewoon woord is, maar hier een persoon aanwijst')
    return undefined
  }

  /**
   * The layer that does not depend on our own lists: a capitalised word that OpenTaal knows as a person's
   * name ("volgens Geert", "Hylke"), or, inside a sentence, a capitalised word that is no Dutch word and no
   * place, street, organisation or brand OpenTaal knows ("Everon", "Kowalczyk"). Dutch writes only names
   * with a capital inside a sentence, so what is left after those exclusions is nearly always a person.
   */
  private openName(index: number): number | undefined {
    const word = this.words[index]
    if (!word.capital || word.text.length < 2 || !this.isCore(index) || this.blockedBefore(index)) return undefined
    // "FNV-afdeling", "Google-account": a thing named after an organisation.
    if (word.text.split('-').some((part) => !isCapital(part))) return undefined
    const before = index > 0 && this.words[index - 1].joinedToNext ? this.words[index - 1] : undefined
    const lowerBefore = before?.text.toLowerCase() ?? ''
    if (ARTICLES.has(lowerBefore) || VENUES.has(lowerBefore) || LOCATIVES.has(lowerBefore)) return undefined
    // "het stadhuis van Zuidermolen", "de wijken van Oosterbrink".
    const twoBefore = lowerBefore === 'van' && index > 1 && this.words[index - 2].joinedToNext ? this.words[index - 2].text.toLowerCase() : ''
    if (PLACE_NOUNS.has(twoBefore)) return undefined
    const open = openLists()
    const kind = this.openKind(word.text, open)
    if (kind === 'other') return undefined
    // "Google Translate", "Stichting Present": one part of a longer proper noun that is no person.
    if (before?.capital && !before.sentenceStart && this.openKind(before.text, open) === 'other') return undefined
    // At the start of a sentence a name that is also a word ("Elke keer", "Kent de jongeren") is left to our own
    // list of first names; inside a sentence the words around it must make it a person.
    if (kind === 'word name' && (word.text.length < 3 || !this.clearlyAPerson(index))) return undefined
    if (kind === 'name' && word.sentenceStart && isDutchWord(word.text.toLowerCase()) && !this.clearlyAPerson(index)) return undefined
    if (kind === 'unknown' && word.sentenceStart && !this.clearlyAPerson(index)) return undefined
    const end = this.surnameAfterFirstName(index + 1, word.joinedToNext, true) ?? index + 1
    const reason = kind === 'unknown' ? 'woord met een hoofdletter dat geen Nederlands woord of bekende plaats is' : 'naam uit de open woordenlijst van OpenTaal'
    return this.hit(index, end, reason)
  }

  /** "henk van de ijsclub zegt", "met fatima": a first name of our list typed in small letters that is no Dutch word. */
  private smallFirstName(index: number): number | undefined {
    const word = this.words[index]
    const lower = word.text
    if (word.capital || lower.length < 3 || this.blocked[index] || !this.lists.firstNamesLower.has(lower)) return undefined
    if (isDutchWord(lower) || openLists().proper.has(lower[0].toUpperCase() + lower.slice(1))) return undefined
    return this.hit(index, index + 1, 'voornaam in kleine letters')
  }

  /** "Karims moeder", "Fatimas zoon": a name with the s of a possessive, before a word for a relative. */
  private possessive(index: number): number | undefined {
    const word = this.words[index]
    const next = word.joinedToNext ? this.words[index + 1] : undefined
    if (!word.capital || word.text.length < 4 || !word.text.endsWith('s') || !next || !RELATIVES.has(next.text.toLowerCase())) return undefined
    const base = word.text.slice(0, -1)
    const open = openLists()
    const known = this.lists.firstNames.has(base) || open.names.has(base) || this.lists.surnames.has(base.toLowerCase())
    return known || this.openKind(base, open) === 'unknown' ? this.hit(index, index + 1, 'naam met de s van het bezit') : undefined
  }

  private openKind(text: string, open: {names: SortedWords; proper: SortedWords; words: SortedWords}): OpenKind {
    let kind = OPEN_KINDS.get(text)
    if (kind === undefined) {
      // The same places and organisations come back in every note: decide each word once per process.
      if (OPEN_KINDS.size > 50_000) OPEN_KINDS.clear()
      kind = this.decideOpenKind(text, open)
      OPEN_KINDS.set(text, kind)
    }

    return kind
  }

  private decideOpenKind(text: string, open: {names: SortedWords; proper: SortedWords; words: SortedWords}): OpenKind {
    const lower = text.toLowerCase()
    if (open.names.has(text)) return open.words.has(lower) ? 'word name' : 'name'
    if (open.proper.has(text) || /(?:e|s|en)$/.test(text) && open.proper.has(text.replace(/(?:e|s|en)$/, ''))) return 'other'
    if (text.split('-').some((part) => isDutchWord(part.toLowerCase()))) return 'other'
    // "Eritrese", "Antilliaanse", "Friese": an adjective of a country or a people; "MWh", "iPad": no name.
    if (/(?:se|sche|isch)$/.test(text) || /\p{Lu}/u.test(text.slice(1))) return 'other'
    return 'unknown'
  }

  private blockedBefore(index: number): boolean {
    const before = this.words[index - 1]
    // "Sint Jan", and "Stichting Jan Pieter", "café De Kroon": the name of a saint or a place.
    return before !== undefined && before.joinedToNext && (NOT_BEFORE_FIRST_NAME.has(before.text) || VENUES.has(before.text.toLowerCase()))
  }

  private clearlyAPerson(index: number): boolean {
    const word = this.words[index]
    const next = word.joinedToNext ? this.words[index + 1] : undefined
    if (next && PERSON_VERBS.has(next.text)) return true
    // An apposition followed by a verb: "Wolf, de eigenaar van de fietsenmaker, vindt …".
    const apposition = /^,\s+(?:de |het |een |onze |ons |mijn |haar |zijn )?\p{Ll}[^.,;:!?()]{0,60},\s+(\p{Ll}+)/u.exec(this.text.slice(word.end, word.end + 90))
    if (apposition && PERSON_VERBS.has(apposition[1])) return true
    // Where the person is from or belongs, then what they do: "Merel uit groep 8 wil …", "Jopie van de bingo zegt …".
    const belonging = /^\s+(?:uit|van)((?:\s+[\p{L}\d-]+){2,5})/u.exec(this.text.slice(word.end, word.end + 60))
    if (word.sentenceStart && belonging?.[1].trim().split(/\s+/).slice(1).some((w) => PERSON_VERBS.has(w))) return true
    // An age: "Roos (34)", "Bas, 17, …".
    if (/^\s?\(\s?\d{1,3}\b|^,\s?\d{1,3}(?:\s?jaar)?\s?[,)]/.test(this.text.slice(word.end, word.end + 12))) return true
    // "Noor en haar zus", and in a list with an unmistakable first name: "Roos, Sanne en Fleur", "met Henk en Riet".
    if (/^\s+en\s+(?:haar|zijn|hun)\b/.test(this.text.slice(word.end, word.end + 12))) return true
    if (this.listedWithAName(index, 1) || this.listedWithAName(index, -1)) return true
    const before = index > 0 && this.words[index - 1].joinedToNext ? this.words[index - 1] : undefined
    return !word.sentenceStart && before !== undefined && PERSON_CUES_BEFORE.has(before.text.toLowerCase())
  }

  /** The neighbour in a list ("A, B en C"), to the right (1) or left (-1), is a first name that is no ordinary word. */
  private listedWithAName(index: number, direction: 1 | -1): boolean {
    let other = this.words[index + direction]
    if (other?.text === 'en') other = this.words[index + 2 * direction]
    if (!other) return false
    const [left, right] = direction === 1 ? [this.words[index], other] : [other, this.words[index]]
    if (!/^(?:\s*,\s*|\s*&\s*|\s+en\s+)$/.test(this.text.slice(left.end, right.start))) return false
    return this.isFirstName(other) && !this.isOrdinary(other)
  }
}

/** Personal names: a form of address with a name, first name with surname, names from the lists in context. */
export function findNames(text: string, words: Word[] = splitWords(text)): Candidate[] {
  return new NameFinder(text, words).run()
}
