import type {RestoreResult} from '../maintenance/backup.js'
import BackupRestore from './backup/restore.js'

/**
 * The old name of backup restore, kept so scripts and habits keep working. Hidden from the list:
 * "restore" alone read like the trash's restore (note restore, finding restore, …).
 */
export default class Restore extends BackupRestore {
  static override description = `${BackupRestore.description}

Deze opdracht heet nu karavaan backup restore. karavaan restore werkt nog zoals altijd, maar staat niet meer in de lijst met opdrachten.`

  static override hidden = true

  static override examples = BackupRestore.examples.map((example) => ({...example, command: example.command.replace('backup restore', 'restore')}))

  override async run(): Promise<RestoreResult> {
    this.notice('deze opdracht heet nu karavaan backup restore. karavaan restore werkt nog, maar gebruik voortaan de nieuwe naam.')
    return super.run()
  }
}
