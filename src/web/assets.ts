import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The only files the workspace serves besides its pages, all from the installed package: the NL
 * Design System's component CSS and design tokens (the Utrecht theme that many municipalities
 * build on), its font, and our own small stylesheet and script. Nothing comes from outside the
 * machine, and nothing but this list can be asked for: no path from a request touches the disk.
 */
const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))

interface Asset {
  body: Buffer | string
  type: string
}

const FONT_FILES = ['noto-sans-latin-wght-normal.woff2', 'noto-sans-latin-ext-wght-normal.woff2', 'noto-sans-latin-wght-italic.woff2', 'noto-sans-latin-ext-wght-italic.woff2']

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file)
}

function fontsPackageFile(file: string): string {
  // The font is a dependency of the design tokens; resolve it from there so it is the tokens' own.
  const tokens = dirname(require.resolve('@utrecht/design-tokens/package.json'))
  const fromTokens = createRequire(join(tokens, 'package.json'))
  return join(dirname(fromTokens.resolve('@fontsource-variable/noto-sans/package.json')), 'files', file)
}

function fontFaces(): string {
  return FONT_FILES.map((file) => {
    const italic = file.includes('italic')
    const range = file.includes('latin-ext')
      ? 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF'
      : 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
    return `@font-face{font-family:'Noto Sans Variable';font-style:${italic ? 'italic' : 'normal'};font-display:swap;font-weight:100 900;`
      + `src:url(/static/fonts/${file}) format('woff2-variations');unicode-range:${range}}`
  }).join('\n')
}

let cache: Map<string, Asset> | undefined

function load(): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  const css = [
    fontFaces(),
    readFileSync(packageFile('@utrecht/design-tokens', 'dist/index.css'), 'utf8'),
    readFileSync(packageFile('@utrecht/component-library-css', 'dist/index.css'), 'utf8'),
    readFileSync(join(here, 'static', 'workspace.css'), 'utf8'),
    readFileSync(join(here, 'static', 'report.css'), 'utf8'),
  ].join('\n')
  assets.set('/static/werkplek.css', {body: css, type: 'text/css; charset=utf-8'})
  assets.set('/static/bevindingen.js', {body: readFileSync(join(here, 'static', 'findings.js'), 'utf8'), type: 'text/javascript; charset=utf-8'})
  assets.set('/static/werkplek.js', {body: readFileSync(join(here, 'static', 'workspace.js'), 'utf8'), type: 'text/javascript; charset=utf-8'})
  assets.set('/static/rapport.js', {body: readFileSync(join(here, 'static', 'report.js'), 'utf8'), type: 'text/javascript; charset=utf-8'})
  for (const file of FONT_FILES) assets.set(`/static/fonts/${file}`, {body: readFileSync(fontsPackageFile(file)), type: 'font/woff2'})
  return assets
}

export function asset(path: string): Asset | undefined {
  cache ??= load()
  return cache.get(path)
}
