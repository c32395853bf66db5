import {Flags} from '@oclif/core'

import {openStore} from '../store/open.js'
import type {Store} from '../store/store.js'
import {loadStudy, type Study} from '../study/load.js'
import {locateStudy} from '../study/locate.js'
import {KaravaanCommand} from './base-command.js'

/** A command that works on an existing study: finds it, loads it and opens its database. */
export abstract class StudyCommand extends KaravaanCommand {
  static override baseFlags = {
    ...KaravaanCommand.baseFlags,
    study: Flags.directory({
      description: 'Map van de studie. Zonder deze optie: KARAVAAN_STUDY, anders de dichtstbijzijnde map met study.yaml.',
      helpGroup: 'ALGEMEEN',
      helpValue: '<map>',
    }),
  }

  private openedStore?: Store

  protected override async finally(error: Error | undefined): Promise<void> {
    this.openedStore?.close()
    await super.finally(error)
  }

  protected async openStudy(explicit: string | undefined): Promise<{store: Store; study: Study}> {
    const study = await loadStudy(locateStudy({cwd: process.cwd(), env: process.env, explicit}), {cacheDir: this.config.cacheDir})
    this.openedStore = openStore(study.dir, study.id, {
      onUpgrade: () => this.notice('de database van deze studie wordt bijgewerkt voor deze versie van karavaan. Bij een grote studie kan dat een minuut duren.'),
    })
    return {store: this.openedStore, study}
  }
}
