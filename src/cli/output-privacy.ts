import {Flags} from '@oclif/core'

import type {GateChoice, GateRequest} from '../privacy/gate.js'
import {outputGateRequest} from '../privacy/output-request.js'
import type {StudyRef} from '../privacy/pseudonym-key.js'
import {readSettings} from '../settings/settings.js'

/*
 * The same two flags, in the same words, for everything that leaves the laptop (export, report),
 * and the same question on a terminal. The gate itself is src/privacy/gate.ts.
 */

export const outputPrivacyFlags = {
  'allow-personal-data': Flags.boolean({
    description: 'Schrijf ook als de privacycontrole persoonsgegevens vindt, zoals ze zijn, en leg die keuze vast (karavaan status en doctor tonen haar). Alleen als je zeker weet dat het mag.',
    exclusive: ['pseudonymise'],
  }),
  pseudonymise: Flags.boolean({
    description: 'Vervang gevonden persoonsgegevens in het bestand door plaatshouders als [naam-3f7a9c], dezelfde voor dezelfde persoon in de hele studie; de studie zelf verandert niet.',
    exclusive: ['allow-personal-data'],
  }),
}

/**
 * What the gate may do: the flags' choice; without one, on a terminal the question (after the
 * list of hits), elsewhere refuse. `by` is this laptop's interviewer, for the record of an override.
 */
export function outputPrivacyOf(
  flags: {'allow-personal-data'?: boolean; pseudonymise?: boolean},
  context: {configDir: string; interactive: boolean; log: (text: string) => void; study: StudyRef},
): GateRequest {
  const choice: GateChoice | undefined = flags['allow-personal-data'] ? 'allow' : flags.pseudonymise ? 'pseudonymise' : undefined
  return outputGateRequest(context.study, {
    ask: context.interactive
      ? async (gate) => {
          const [{listGateHits}, {askOutputChoice}] = await Promise.all([import('../privacy/gate.js'), import('../ui/privacy-prompts.js')])
          const hits = gate.blocking
          context.log([`De privacycontrole vindt mogelijk persoonsgegevens (${hits.length}):`, ...listGateHits(hits).map((line) => `  - ${line}`)].join('\n'))
          return askOutputChoice()
        }
      : undefined,
    by: readSettings(context.configDir).interviewer ?? null,
    choice,
  })
}
