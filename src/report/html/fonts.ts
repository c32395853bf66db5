import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

/**
 * The report's own faces, carried inside the HTML file as @font-face rules with data: URIs.
 *
 * Why carry them: the charts are laid out with the advance widths of Source Sans 3
 * (charts/text-width.ts), and the reading text is set in Source Serif 4 like the PDF. A reader
 * rarely has either installed, so without them the browser picks a wider face and labels run into
 * their neighbours. The SVG writer also pins every label to its measured width (svg.ts), so a
 * browser that refuses web fonts still draws the charts as they were laid out; carrying the faces
 * makes that pinning invisible and keeps the page looking like the PDF.
 *
 * Only the latin subset (all of Dutch) goes in by default, in the weights and styles the stylesheet
 * asks for; the latin-ext files are added only when the text holds a letter that needs them (a name
 * such as Şükrü or Łukasz), so a report pays for what it uses. About 150 kB of woff2 in all.
 */
interface Face {
  family: 'Source Sans 3' | 'Source Serif 4'
  file: string
  italic: boolean
  weight: number
}

const SANS = '@fontsource/source-sans-3/files/source-sans-3'
const SERIF = '@fontsource/source-serif-4/files/source-serif-4'

/**
 * Sans: tables, captions and charts (400), headings and table heads (600), the cover title (700).
 * Serif: the reading text (400), quotes (400 italic), strong (650, matched to 600).
 */
const FACES: Face[] = [
  {family: 'Source Sans 3', file: SANS, italic: false, weight: 400},
  {family: 'Source Sans 3', file: SANS, italic: true, weight: 400},
  {family: 'Source Sans 3', file: SANS, italic: false, weight: 600},
  {family: 'Source Sans 3', file: SANS, italic: false, weight: 700},
  {family: 'Source Serif 4', file: SERIF, italic: false, weight: 400},
  {family: 'Source Serif 4', file: SERIF, italic: true, weight: 400},
  {family: 'Source Serif 4', file: SERIF, italic: false, weight: 600},
  {family: 'Source Serif 4', file: SERIF, italic: true, weight: 600},
]

/** fontsource's own unicode ranges for the two subsets (unicode.json of the packages). */
const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
const LATIN_EXT = 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF'

function ranges(list: string): Array<[number, number]> {
  return list.split(',').map((part) => {
    const [from, to] = part.slice(2).split('-')
    return [Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)]
  })
}

const latinRanges = ranges(LATIN)
const latinExtRanges = ranges(LATIN_EXT)
const within = (code: number, list: Array<[number, number]>): boolean => list.some(([from, to]) => code >= from && code <= to)

/** Whether the text holds a character only the latin-ext files have. */
export function needsLatinExt(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code > 0xff && !within(code, latinRanges) && within(code, latinExtRanges)) return true
  }

  return false
}

/** Files as base64, read once per process: a second report in the same process reads nothing. */
const encoded = new Map<string, string>()
let resolve: ((id: string) => string) | undefined

function base64Of(file: string): string {
  let data = encoded.get(file)
  if (data === undefined) {
    resolve ??= createRequire(import.meta.url).resolve
    data = readFileSync(resolve(file)).toString('base64')
    encoded.set(file, data)
  }

  return data
}

/** The @font-face rules for a page whose text is `text`. */
export function fontFaceCss(text: string): string {
  const subsets: Array<{name: string; range: string}> = [{name: 'latin', range: LATIN}]
  if (needsLatinExt(text)) subsets.push({name: 'latin-ext', range: LATIN_EXT})
  const rules: string[] = []
  for (const face of FACES) {
    for (const subset of subsets) {
      const file = `${face.file}-${subset.name}-${face.weight}-${face.italic ? 'italic' : 'normal'}.woff2`
      rules.push(
        `@font-face { font-family: '${face.family}'; font-style: ${face.italic ? 'italic' : 'normal'}; font-weight: ${face.weight}; font-display: swap; ` +
          `src: url(data:font/woff2;base64,${base64Of(file)}) format('woff2'); unicode-range: ${subset.range}; }`,
      )
    }
  }

  return rules.join('\n') + '\n'
}
