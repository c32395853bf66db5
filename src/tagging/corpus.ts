import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {METHODS_DIR} from '../method/path.js'
import type {TrainingExample} from './model.js'

/*
 * The kit's own coded texts: fragments and field notes of invented studies, written by eight
 * writers (seven of whom knew only the method) and labelled with its five narratives
 * (test/fixtures/tagging, gathered by scripts/build-corpus.mjs). Every study's model learns from
 * them besides the team's own coding, so that a study starts with the words of many writers
 * instead of the cues alone, and the words the team codes by add to them. The texts are made up:
 * no respondent's words, so the file may ship with the kit.
 */

export const CORPUS_FILE = join(METHODS_DIR, 'karavaan.corpus.tsv')

/** One coded text of the corpus. */
export interface CorpusText {
  id: string
  narratives: string[]
  /** Which writer's set it comes from. */
  set: string
  text: string
}

let cached: CorpusText[] | undefined

/** The corpus, read once per process; empty when the file is not there (a trimmed install). */
export function corpusTexts(file = CORPUS_FILE): CorpusText[] {
  if (file === CORPUS_FILE && cached) return cached
  const out: CorpusText[] = []
  if (existsSync(file)) {
    const [, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n')
    for (const line of lines) {
      const [set, id, narratives, text] = line.split('\t')
      if (!text) continue
      out.push({id, narratives: narratives ? narratives.split(',') : [], set, text})
    }
  }
  if (file === CORPUS_FILE) cached = out
  return out
}

/**
 * The corpus as training examples: for every text a yes or no per narrative, as a whole coded
 * note. `except` leaves sets out (a measurement on one writer's set learns from the others).
 */
export function corpusExamples(narratives: readonly string[], options: {except?: readonly string[]; texts?: CorpusText[]} = {}): TrainingExample[] {
  const out: TrainingExample[] = []
  for (const item of options.texts ?? corpusTexts()) {
    if (options.except?.includes(item.set)) continue
    const group = `korpus:${item.set}:${item.id}`
    for (const narrative of narratives) out.push({corpus: true, group, label: item.narratives.includes(narrative) ? 1 : 0, narrative, text: item.text, whole: true})
  }
  return out
}

let digest: string | undefined

/** A digest of the corpus file ('' without one): a study's model is trained again when the kit's corpus changed. */
export function corpusDigest(): string {
  digest ??= existsSync(CORPUS_FILE) ? createHash('sha256').update(readFileSync(CORPUS_FILE)).digest('hex').slice(0, 16) : ''
  return digest
}

/**
 * How much a note the team coded counts against one text of the corpus: the team's own coding
 * says what this study means by a narrative, and must win where it differs from the corpus. On
 * the learning curves 1, 4 and 10 did equally well (BENCHMARKS.md); 4 lets 100 coded notes weigh
 * as much as a fifth of the corpus.
 */
export const STUDY_WEIGHT = 4

/** The examples a study's model learns from: the corpus (but the sets in `except`) and the study's own, which count STUDY_WEIGHT times. */
export function withCorpus(study: readonly TrainingExample[], narratives: readonly string[], options: {except?: readonly string[]} = {}): TrainingExample[] {
  return [...corpusExamples(narratives, options), ...study.map((example) => ({...example, weight: STUDY_WEIGHT}))]
}
