import {join, relative} from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'
import {ADJECTIVES, brokenPlurals, COUNTED_PLURALS, englishIn, withoutCode} from '../helpers/dutch.js'

// Issue 15, point 8, for the messages of the kit: every text in src/ that a user may read is
// Dutch, and a count in it is followed by the form of the word that fits the count. Read from the
// source with the TypeScript checker, so a new message is checked the day it is written.

/** Words no English, SQL or code text has in lower case, so a literal holding one is Dutch for a user. */
const DUTCH = /(?<![\w-])(de|het|een|en|van|niet|is|met|je|er|op|voor|naar|wordt|zijn|geen|deze|die|dit|ook|als|bij|staat|kan|nog|niets)(?![\w-])/

/**
 * Counts that are never one, with the reason, so the plural after them is right. Anything else
 * counted goes through plural() or countOf(), or chooses its words with `n === 1 ? … : …`.
 */
const NEVER_ONE: Record<string, string> = {
  'clean.length': 'only in the message for a title or text longer than the maximum',
  'body.length': 'only in the message for a text longer than the maximum',
  'conflict.versions.length': 'a conflict has at least two versions',
  count: 'safe-zip: only above the maximum number of entries',
  days: 'the days of a month: 28 at least',
  'matches.toLocaleString': 'only above 10.000 matches',
  'observations.length': 'only when more than one observation fits',
  'pending.length': 'only when more than two conversations are pending',
}

function sourceFiles(program: ts.Program): ts.SourceFile[] {
  const src = join(ROOT, 'src')
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && file.fileName.startsWith(src))
}

function texts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]
  return []
}

/** True when the template is the "more than one" branch of `n === 1 ? 'één …' : `${n} …``. */
function guardedByOne(node: ts.Node): boolean {
  for (let at: ts.Node = node; at.parent; at = at.parent) {
    const parent = at.parent
    if (ts.isConditionalExpression(parent) && /[=!]==? ?1\b|> ?[12]\b|>= ?2\b/.test(parent.condition.getText())) return true
    if (ts.isFunctionLike(parent)) return false
  }

  return false
}

describe('the messages of the kit', () => {
  const program = ts.createProgram({options: {module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, skipLibCheck: true, strict: true, target: ts.ScriptTarget.ES2022}, rootNames: ts.sys.readDirectory(join(ROOT, 'src'), ['.ts'])})
  const checker = program.getTypeChecker()
  const files = sourceFiles(program)

  it('are Dutch, without English words or plurals in brackets', () => {
    expect(files.length).toBeGreaterThan(100)
    const problems: string[] = []
    for (const file of files) {
      const visit = (node: ts.Node): void => {
        for (const text of texts(node)) {
          if (!DUTCH.test(text)) continue
          const where = `${relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
          for (const found of [...englishIn(withoutCode(text)), ...brokenPlurals(text)]) problems.push(`${where}: ${found} in "${text.slice(0, 80)}"`)
        }

        ts.forEachChild(node, visit)
      }

      visit(file)
    }

    expect(problems).toEqual([])
  })

  it('follow a count with the singular when it is one', () => {
    const after = new RegExp(`^\\s+(?:(?:${ADJECTIVES.join('|')}) )?(${COUNTED_PLURALS.join('|')})(?![\\p{L}])`, 'u')
    const problems: string[] = []
    for (const file of files) {
      const visit = (node: ts.Node): void => {
        if (ts.isTemplateExpression(node) && !guardedByOne(node)) {
          for (const span of node.templateSpans) {
            const noun = after.exec(span.literal.text)
            if (!noun) continue
            const expression = span.expression.getText(file)
            const isNumber = (checker.getTypeAtLocation(span.expression).flags & ts.TypeFlags.NumberLike) !== 0 || /\.toLocaleString\(/.test(expression)
            const constant = /^[A-Z][A-Z\d_]*$/.test(expression)
            if (!isNumber || constant || NEVER_ONE[expression.replace(/\(.*$/, '')]) continue
            problems.push(`${relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(span.getStart()).line + 1}: \${${expression}} ${noun[1]}`)
          }
        }

        ts.forEachChild(node, visit)
      }

      visit(file)
    }

    expect(problems).toEqual([])
  })
})
