import type {Example} from '../method/examples.js'
import type {Method} from '../method/schema.js'

/** The method as readable text: every part with its id, so users learn the ids they can type. */
export function renderMethod(method: Method): string {
  const out: string[] = [method.name, '', wrap(method.description), '']
  const section = (title: string) => out.push(title, '─'.repeat(title.length))
  section('Stappen')
  method.phases.forEach((p, i) => out.push(`${i + 1}. ${p.name}  [${p.id}]`, indent(p.description)))
  out.push('')
  section('De acht groepen (in elke halteplaats dezelfde)')
  for (const g of method.groups) out.push(`${g.number}. ${g.name}  [${g.id}]`, indent(g.description))
  out.push('')
  section('Observaties')
  for (const a of method.activities) out.push(`- ${a.name}  [${a.id}]`, indent(a.description))
  out.push('')
  section('De vijf narratieven van wantrouwen')
  for (const n of method.narratives) out.push(`${n.number}. ${n.name}  [${n.id}]`, indent(`“${n.voice}”`), indent(n.description))
  out.push('')
  section('Thema\'s')
  for (const t of method.themes) out.push(`- ${t.name}  [${t.id}]`)
  out.push('')
  section('Doelgroepen van het advies')
  for (const a of method.audiences) out.push(`- ${a.name}  [${a.id}]`, indent(a.description))
  // Optional in a method file: a copy made before reflection meetings were recorded has none.
  if (method.reflectionRoles.length > 0) {
    out.push('')
    section('Deelnemers aan reflectiegesprekken (naar rol, nooit met namen)')
    for (const r of method.reflectionRoles) out.push(`- ${r.name}  [${r.id}]`, indent(r.description))
  }

  if (method.frames.length > 0) {
    out.push('')
    section('Kaders voor het advies (voor advice add --frame)')
    for (const f of method.frames) out.push(`- ${f.name}  [${f.id}]  (${f.kind})`)
  }

  const examples = method.examples ?? []
  if (examples.length > 0) {
    const name = (list: Array<{id: string; name: string}>, id: string) => list.find((x) => x.id === id)?.name ?? id
    for (const [kind, title] of [
      ['instrument', 'Instrumenten (voor advice add --example)'],
      ['voorbeeld', 'Inspirerende voorbeelden (voor advice add --example)'],
    ] as const) {
      const ofKind = examples.filter((e) => e.kind === kind)
      if (ofKind.length === 0) continue
      out.push('')
      section(title)
      for (const e of ofKind) {
        const own = (e as Example).origin === 'studie' ? '  (eigen voorbeeld van de studie)' : ''
        const answers = [
          ...(e.narratives.length > 0 ? [`narratief ${e.narratives.map((n) => name(method.narratives, n)).join(', ')}`] : []),
          ...(e.frames.length > 0 ? [`kader ${e.frames.map((f) => name(method.frames, f)).join(', ')}`] : []),
        ]
        out.push(`- ${e.name}  [${e.id}]${own}`, indent(`Waar: ${e.where}`), indent(e.what))
        if (answers.length > 0) out.push(indent(`Antwoord op: ${answers.join('; ')}`))
        out.push(indent(`Bron: ${e.source}`))
      }
    }
  }

  return out.join('\n')
}

function wrap(text: string, width = 96, prefix = ''): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width - prefix.length) {
      lines.push(prefix + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }

  if (line) lines.push(prefix + line)
  return lines.join('\n')
}

const indent = (text: string) => wrap(text, 96, '   ')
