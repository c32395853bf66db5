import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {expect} from 'vitest'

import {ROOT} from './cli.js'

/** Debian's chromium, driven by playwright-core: never a browser download. Tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/**
 * Starts chromium headless. Without the background-networking flags it keeps trying hosts this
 * offline machine cannot reach; --no-sandbox because tests run as root here.
 */
export async function launchChromium(): Promise<Browser> {
  const {chromium} = await import('playwright-core')
  return chromium.launch({args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'], executablePath: CHROMIUM})
}

let axeSource: string | undefined

/** Runs axe-core in the page on WCAG 2.1 A and AA and expects no violation; `name` says which page failed. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  axeSource ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
  // The Content-Security-Policy forbids an injected script tag; evaluating in the page is the browser's own.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as {axe: {run: (context: Document, options: object) => Promise<{passes: unknown[]; violations: Array<{help: string; id: string; nodes: Array<{target: string[]}>}>}>}}).axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
    // No rule passed would mean axe looked at nothing.
    if (result.passes.length === 0) return ['axe checked nothing']
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)
  })
  expect(violations, name).toEqual([])
}
