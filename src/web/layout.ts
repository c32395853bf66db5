import {html, raw} from 'hono/html'
import type {HtmlEscapedString} from 'hono/utils/html'

import type {Study} from '../study/load.js'
import {CSRF_FIELD} from './security.js'

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>

/** What every page knows: the study, who is working, the session's CSRF token and where we are. */
export interface PageContext {
  csrf: string
  path: string
  study: Study
  /** The coder or interviewer id of config or the one chosen in this browser; null until chosen. */
  who: null | string
}

/** The menu, the same on every page; an entry is only there when its page is. */
export const MENU: ReadonlyArray<{href: string; label: string}> = [
  {href: '/', label: 'Overzicht'},
  {href: '/notities', label: 'Notities'},
  {href: '/notities/nieuw', label: 'Nieuwe notitie'},
  {href: '/taggen', label: 'Taggen'},
  {href: '/analyse', label: 'Analyse'},
  {href: '/overeenstemming', label: 'Overeenstemming'},
  {href: '/bevindingen', label: 'Bevindingen'},
  {href: '/reflectiegesprekken', label: 'Reflectiegesprekken'},
  {href: '/adviezen', label: 'Adviezen'},
  {href: '/rapport', label: 'Rapport'},
  {href: '/context', label: 'Context en planning'},
  {href: '/samenwerken', label: 'Samenwerken'},
]

function whoName(context: PageContext): string {
  if (!context.who) return 'nog niet gekozen'
  const member = context.study.team.find((m) => m.id === context.who)
  return member ? `${member.name} (${member.id})` : context.who
}

/** What the last change said, shown once: a problem as an alert, good news as a status. */
export function alerts(flash: null | string, notice: null | string): Html {
  return html`${flash ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${flash}</p></div>` : ''}
${notice ? html`<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">${notice}</p></div>` : ''}`
}

/** A hidden field with the session's CSRF token, for every form that changes something. */
export function csrfField(context: PageContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${context.csrf}">`
}

/**
 * The page around every view: the NL Design System's Utrecht theme, a skip link, the menu with
 * the current page marked for screen readers, and who is working. Text is escaped by the html
 * template; only our own fragments are passed through as markup.
 */
export function page(context: PageContext, title: string, content: Html): Html {
  // The longest entry that fits marks the page: /notities/nieuw is Nieuwe notitie, not Notities.
  const fits = (href: string) => (href === '/' ? context.path === '/' : context.path === href || context.path.startsWith(`${href}/`))
  const best = MENU.filter((item) => fits(item.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href
  const current = (href: string) => href === best
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${context.csrf}">
<title>${title} · ${context.study.title} · Karavaan</title>
<link rel="stylesheet" href="/static/werkplek.css">
<script type="module" src="/static/werkplek.js"></script>
</head>
<body class="utrecht-theme utrecht-document utrecht-document--surface">
<a class="utrecht-link utrecht-skip-link" href="#inhoud">Naar de inhoud</a>
<header class="werkplek-kop">
<p class="werkplek-studie"><span class="werkplek-merk">Karavaan</span> ${context.study.title}</p>
<nav aria-label="Hoofdmenu"><ul class="werkplek-menu">${MENU.map((item) => html`<li><a class="utrecht-link" href="${item.href}"${current(item.href) ? raw(' aria-current="page"') : ''}>${item.label}</a></li>`)}</ul></nav>
${context.who
    ? html`<p class="werkplek-wie">Je werkt als: <strong>${whoName(context)}</strong></p>`
    : html`<form class="werkplek-wie" method="post" action="/wie">${csrfField(context)}<input type="hidden" name="terug" value="${context.path}">
<label class="utrecht-form-label" for="wie">Wie ben je?</label>
<select class="utrecht-select utrecht-select--html-select" id="wie" name="wie">${context.study.team.map((m) => html`<option value="${m.id}">${m.name} (${m.id})</option>`)}</select>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">Kies</button></form>`}
</header>
<main id="inhoud" class="werkplek-inhoud">
<h1 class="utrecht-heading-1">${title}</h1>
${content}
</main>
</body>
</html>`
}
