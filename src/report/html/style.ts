/**
 * The report's stylesheet, inlined so the file stands alone. Source Serif 4 for reading and Source
 * Sans 3 for headings, tables and charts, as in the PDF; the page carries both (fonts.ts), and the
 * stacks after them only serve a browser that refuses web fonts. The print rules follow what a
 * Dutch research report looks like on A4.
 */
export const REPORT_CSS = String.raw`:root {
  color-scheme: light;
  --inkt: #1e2226;
  --grijs: #5c6370;
  --accent: #1f4e79;
  --accent-licht: #eaf0f6;
  --lijn: #d6dbe1;
  --concept: #a4262c;
  --serif: 'Source Serif 4', 'Source Serif Pro', Charter, 'Bitstream Charter', 'Sitka Text', Cambria, 'Noto Serif', 'DejaVu Serif', Georgia, serif;
  --sans: 'Source Sans 3', 'Source Sans Pro', 'Segoe UI', 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif;
  --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace;
}
*, *::before, *::after { box-sizing: border-box; }
html { background: #eef0f3; }
body {
  margin: 0;
  color: var(--inkt);
  font-family: var(--serif);
  font-size: 1.0625rem;
  line-height: 1.6;
  text-rendering: optimizeLegibility;
  font-kerning: normal;
  hyphens: auto;
  overflow-wrap: break-word;
}
.rapport {
  max-width: 48rem;
  margin: 2.5rem auto 4rem;
  padding: 3.5rem 4.5rem 4rem;
  background: #fff;
  box-shadow: 0 1px 2px rgba(20, 30, 40, 0.06), 0 4px 16px rgba(20, 30, 40, 0.06);
}
h1, h2, h3, h4, h5, h6 {
  font-family: var(--sans);
  line-height: 1.25;
  font-weight: 600;
  hyphens: manual;
  break-after: avoid;
  page-break-after: avoid;
}
h1 { color: var(--accent); font-size: 2rem; margin: 3.5rem 0 1.2rem; padding-bottom: 0.45rem; border-bottom: 1px solid var(--lijn); }
h2 { color: var(--accent); font-size: 1.4rem; margin: 2.4rem 0 0.7rem; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 0.5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.4rem 0 0.4rem; }
.rapport > h1:first-child, .rapport > h2:first-child { margin-top: 0; }
p { margin: 0 0 0.9em; orphans: 3; widows: 3; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
strong { font-weight: 650; }
ul, ol { margin: 0 0 1em; padding-left: 1.5em; }
li { margin: 0.2em 0; }
li > p { margin: 0.2em 0; }
hr { border: 0; border-top: 1px solid var(--lijn); margin: 2.4rem 0; }
code { font-family: var(--mono); font-size: 0.86em; background: #f3f4f6; padding: 0.1em 0.3em; border-radius: 3px; }
pre { font-family: var(--mono); font-size: 0.85rem; line-height: 1.45; background: #f5f6f8; border: 1px solid var(--lijn); padding: 0.8rem 1rem; overflow-x: auto; white-space: pre-wrap; }
pre code { background: none; padding: 0; font-size: inherit; }
.html-tekst { font-family: var(--mono); font-size: 0.85rem; white-space: pre-wrap; color: var(--grijs); }

/* Tables: numbers in columns, the header kept on every printed page. */
.tabel { margin: 1.4rem 0 1.8rem; overflow-x: auto; }
.tabel:focus-visible { outline: 2px solid var(--accent); outline-offset: 3px; }
table { width: 100%; border-collapse: collapse; font-family: var(--sans); font-size: 0.92rem; line-height: 1.4; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
th, td { padding: 0.4rem 0.65rem; text-align: left; vertical-align: top; }
thead th { font-weight: 600; color: var(--inkt); border-bottom: 2px solid var(--accent); vertical-align: bottom; }
tbody td, tbody th { border-bottom: 1px solid var(--lijn); }
tbody th { font-weight: 600; }
th:first-child, td:first-child { padding-left: 0; }
th:last-child, td:last-child { padding-right: 0; }
.right { text-align: right; }
.center { text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }

/* Quotes from the field, with who said it set apart. */
blockquote {
  margin: 1.6rem 0;
  padding: 0.1rem 0 0.1rem 1.3rem;
  border-left: 3px solid var(--accent);
  font-style: italic;
  font-size: 1.08rem;
  color: #2a3036;
}
blockquote p:last-child { margin-bottom: 0; }
.citaat { margin: 1.8rem 0; break-inside: avoid; page-break-inside: avoid; }
.citaat blockquote { margin: 0; }
.citaat figcaption {
  margin-top: 0.5rem;
  padding-left: calc(1.3rem + 3px);
  font-family: var(--sans);
  font-size: 0.88rem;
  font-style: normal;
  color: var(--grijs);
}

/* Charts: the SVG scales with the text column; its numbers sit beside it for screen readers. */
.grafiek { margin: 2rem 0 2.2rem; break-inside: avoid; page-break-inside: avoid; }
.grafiek figcaption { font-family: var(--sans); font-size: 0.95rem; font-weight: 600; margin-bottom: 0.6rem; }
.figuur-nummer { color: var(--accent); margin-right: 0.35em; }
.grafiek svg { display: block; width: 100%; max-width: 100%; height: auto; }
.grafiek-cijfers { margin-top: 0.6rem; font-family: var(--sans); }
.grafiek-cijfers summary { font-size: 0.85rem; color: var(--grijs); cursor: pointer; }
.grafiek-cijfers .tabel { margin: 0.6rem 0 0; }

/* The cover. */
.omslag {
  display: flex;
  flex-direction: column;
  justify-content: space-between;
  min-height: 40rem;
  margin: -3.5rem -4.5rem 3rem;
  padding: 5rem 4.5rem 3.5rem;
  border-top: 14px solid var(--accent);
  background: linear-gradient(180deg, var(--accent-licht) 0, #fff 70%);
}
.omslag-concept {
  display: inline-block;
  margin: 0 0 1.5rem;
  padding: 0.15rem 0.6rem;
  border: 2px solid var(--concept);
  color: var(--concept);
  font-family: var(--sans);
  font-weight: 700;
  letter-spacing: 0.12em;
  text-transform: uppercase;
}
.omslag-titel { font-size: 2.6rem; line-height: 1.15; margin: 0 0 1rem; padding: 0; border: 0; color: var(--accent); font-weight: 700; }
.omslag-ondertitel { font-family: var(--sans); font-size: 1.3rem; line-height: 1.35; color: var(--grijs); margin: 0; max-width: 32rem; }
.omslag-gegevens { margin: 3rem 0 0; font-family: var(--sans); font-size: 0.95rem; border-top: 1px solid var(--lijn); padding-top: 1rem; }
.omslag-gegevens div { display: flex; gap: 1rem; margin: 0.25rem 0; }
.omslag-gegevens dt { width: 8rem; flex: none; color: var(--grijs); }
.omslag-gegevens dd { margin: 0; }

/* Table of contents. */
.inhoud { margin: 0 0 3rem; font-family: var(--sans); }
.inhoud h2 { margin-top: 0; }
.inhoud ol { list-style: none; padding: 0; margin: 0; }
.inhoud li { margin: 0; }
.inhoud-hoofdstuk { margin-top: 0.7rem !important; }
.inhoud-hoofdstuk > a { font-weight: 600; }
.inhoud ol ol { padding-left: 1.3rem; }
.inhoud a { display: block; padding: 0.15rem 0; color: var(--inkt); text-decoration: none; border-bottom: 1px dotted transparent; }
.inhoud a:hover { color: var(--accent); border-bottom-color: var(--lijn); }

/* A draft says so, on screen and on every printed page. */
.concept-balk {
  position: sticky;
  top: 0;
  z-index: 1;
  padding: 0.5rem 1rem;
  background: var(--concept);
  color: #fff;
  font-family: var(--sans);
  font-size: 0.95rem;
  text-align: center;
}
.concept-balk strong { letter-spacing: 0.12em; }
.concept-watermerk { display: none; }

@media (max-width: 52rem) {
  body { font-size: 1rem; }
  .rapport { margin: 0; padding: 1.5rem 1.25rem 3rem; box-shadow: none; }
  .omslag { margin: -1.5rem -1.25rem 2rem; padding: 3rem 1.25rem 2rem; min-height: 28rem; }
  .omslag-titel { font-size: 2rem; }
}

@page { size: A4; margin: 22mm 20mm 24mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 10.5pt; line-height: 1.5; }
  .rapport { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .rapport > h1 { break-before: page; page-break-before: always; margin-top: 0; font-size: 20pt; }
  h2 { font-size: 14pt; }
  h3 { font-size: 11.5pt; }
  .nieuwe-pagina { break-after: page; page-break-after: always; height: 0; }
  .omslag { margin: 0; padding: 40mm 0 0; min-height: 245mm; background: none; border-top-width: 10pt; break-after: page; page-break-after: always; }
  .omslag-titel { font-size: 28pt; }
  .omslag-ondertitel { font-size: 14pt; }
  .inhoud { break-after: page; page-break-after: always; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 9pt; }
  .grafiek-cijfers, .concept-balk { display: none; }
  .concept-watermerk {
    display: block;
    position: fixed;
    top: 42%;
    left: 0;
    right: 0;
    text-align: center;
    font-family: var(--sans);
    font-size: 96pt;
    font-weight: 700;
    white-space: nowrap;
    letter-spacing: 0.1em;
    color: rgba(164, 38, 44, 0.08);
    transform: rotate(-35deg);
    pointer-events: none;
  }
}`
