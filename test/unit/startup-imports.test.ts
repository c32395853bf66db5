import {existsSync, mkdtempSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {createRequire, isBuiltin} from 'node:module'
import {tmpdir} from 'node:os'
import {dirname, join, relative} from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'

// Start-up is a feature (STYLE.md §6): what a command that prints a table or a version loads
// before it runs. Only static imports count; `await import()` inside a function is the way to
// keep a heavy module off this path. Reads the compiled dist/, which npm test builds first.
// hono and its Node server belong to karavaan serve alone, which imports them only once it starts.
const HEAVY = ['pdfkit', 'liquidjs', 'exceljs', 'mammoth', 'marked', '@inquirer/prompts', 'hono', '@hono/node-server']
const isHeavy = (name: string) => HEAVY.includes(name) || name.startsWith('@inquirer/') || name.startsWith('@hono/')

const ENTRIES: Record<string, string[]> = {
  '--version': ['bin/run.js', 'dist/cli/base-command.js', 'dist/cli/help.js', 'dist/hooks/command-not-found.js'],
  'note list': ['bin/run.js', 'dist/commands/note/list.js'],
  serve: ['bin/run.js', 'dist/commands/serve.js'],
  status: ['bin/run.js', 'dist/commands/status.js'],
}

/** The module names a file loads as it is evaluated: imports and re-exports, and require() outside any function. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  const found: string[] = []
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly
      if (!typeOnly) found.push(node.moduleSpecifier.text)
    } else if (
      !inFunction &&
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text)
    }

    ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)))
  }

  visit(source, false)
  return found
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')

/** The target of a package.json "exports" entry for the conditions Node uses for this kind of load. */
function exportTarget(entry: unknown, conditions: string[]): string | undefined {
  if (typeof entry === 'string') return entry
  if (Array.isArray(entry)) return entry.map((item) => exportTarget(item, conditions)).find(Boolean)
  if (entry && typeof entry === 'object') {
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'default' || conditions.includes(key)) {
        const target = exportTarget(value, conditions)
        if (target) return target
      }
    }
  }

  return undefined
}

function packageDir(name: string, from: string): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

/** Where `specifier`, loaded from `from` by import (esm) or require, lands, as Node resolves it. */
function resolveImport(specifier: string, from: string, esm: boolean): string | undefined {
  if (isBuiltin(specifier)) return undefined
  if (!specifier.startsWith('.') && !specifier.startsWith('/') && esm) {
    const name = packageName(specifier)
    const dir = packageDir(name, from)
    if (dir) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {exports?: unknown; main?: string}
      if (pkg.exports !== undefined) {
        const subpath = `.${specifier.slice(name.length)}`
        const map = typeof pkg.exports === 'object' && pkg.exports && !Array.isArray(pkg.exports) && Object.keys(pkg.exports).some((k) => k.startsWith('.')) ? (pkg.exports as Record<string, unknown>) : {'.': pkg.exports}
        let target = exportTarget(map[subpath], ['node', 'import'])
        if (!target) {
          for (const [key, value] of Object.entries(map)) {
            const star = key.indexOf('*')
            if (star < 0 || !subpath.startsWith(key.slice(0, star)) || !subpath.endsWith(key.slice(star + 1))) continue
            target = exportTarget(value, ['node', 'import'])?.replaceAll('*', subpath.slice(star, subpath.length - (key.length - star - 1)))
            if (target) break
          }
        }

        if (target) return join(dir, target)
      }
    }
  }

  if (esm && specifier.startsWith('.')) return join(dirname(from), specifier)
  // Packages without "exports", and every require(): Node's own CommonJS resolution.
  return createRequire(from).resolve(specifier)
}

function isEsm(file: string): boolean {
  if (file.endsWith('.mjs')) return true
  if (file.endsWith('.cjs')) return false
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && statSync(manifest).isFile()) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {type?: string}
      // Nested package.json files without "type" (dist/esm/package.json has one) decide too.
      return pkg.type === 'module'
    }

    if (dirname(dir) === dir) return false
  }
}

/** Every file reachable by static imports from the entries, and each heavy module among them with the chain that leads to it. */
function walkImports(entries: string[]): {heavy: string[]; visited: Set<string>} {
  const visited = new Set<string>()
  const heavy: string[] = []
  const queue: Array<{chain: string[]; file: string}> = entries.map((entry) => ({chain: [relative(ROOT, entry)], file: entry}))
  while (queue.length > 0) {
    const {chain, file} = queue.shift()!
    if (visited.has(file)) continue
    visited.add(file)
    if (!/\.[cm]?js$/.test(file)) continue
    const esm = isEsm(file)
    for (const specifier of staticImports(file)) {
      const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !isBuiltin(specifier)
      if (bare && isHeavy(packageName(specifier))) {
        heavy.push([...chain, specifier].join(' → '))
        continue
      }

      const target = resolveImport(specifier, file, esm)
      if (target && isHeavy(packageName(relative(join(ROOT, 'node_modules'), target)))) heavy.push([...chain, relative(ROOT, target)].join(' → '))
      else if (target) queue.push({chain: [...chain, relative(ROOT, target)], file: target})
    }
  }

  return {heavy, visited}
}

describe('start-up imports', () => {
  for (const [path, entries] of Object.entries(ENTRIES)) {
    it(`loads none of ${HEAVY.join(', ')} on the way to ${path}`, () => {
      for (const entry of entries) expect(existsSync(join(ROOT, entry)), `${entry} (npm test builds dist/ first)`).toBe(true)
      const {heavy, visited} = walkImports(entries.map((entry) => join(ROOT, entry)))
      expect(heavy.join('\n'), 'a heavy module is imported statically on the start-up path').toBe('')
      // The walk went through oclif into node_modules, not only through dist/.
      expect([...visited].some((file) => file.includes(join('node_modules', '@oclif', 'core', 'lib')))).toBe(true)
    })
  }

  it('follows static imports and re-exports, and leaves await import() and require() inside a function alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karavaan-imports-'))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({type: 'module'}))
    writeFileSync(join(dir, 'entry.js'), "import {a} from './a.js'\nexport * from './b.js'\nexport async function later() { await import('liquidjs') }\n")
    writeFileSync(join(dir, 'a.js'), "import PDFDocument from 'pdfkit'\nexport const a = PDFDocument\n")
    writeFileSync(join(dir, 'b.js'), "export {select} from '@inquirer/select'\nexport function old() { return require('exceljs') }\n")
    expect(staticImports(join(dir, 'entry.js'))).toEqual(['./a.js', './b.js'])
    expect(walkImports([join(dir, 'entry.js')]).heavy.map((chain) => chain.split(' → ').at(-1))).toEqual(['pdfkit', '@inquirer/select'])
  })
})
