import {CommandHelp, Help} from '@oclif/core'

const HEADERS: Record<string, string> = {
  ALIASES: 'ALIASSEN',
  ARGUMENTS: 'ARGUMENTEN',
  COMMANDS: 'OPDRACHTEN',
  DESCRIPTION: 'BESCHRIJVING',
  EXAMPLES: 'VOORBEELDEN',
  'FILTER FLAGS': 'FILTERS',
  'FLAG DESCRIPTIONS': 'TOELICHTING BIJ DE OPTIES',
  FLAGS: 'OPTIES',
  'GLOBAL FLAGS': 'ALGEMENE OPTIES',
  TOPICS: 'ONDERWERPEN',
  USAGE: 'GEBRUIK',
  VERSION: 'VERSIE',
}

function dutchHeader(header: string): string {
  if (HEADERS[header]) return HEADERS[header]
  if (header === 'ALGEMEEN FLAGS') return 'ALGEMENE OPTIES'
  // A group of our own ("EXPORT FLAGS") as one Dutch word: EXPORTOPTIES.
  return header.replace(/ FLAGS$/, 'OPTIES')
}

/** The few words oclif writes itself in the help, for what cannot be set on the flags before layout. */
function dutchWords(text: string): string {
  return text
    .replaceAll('<options: ', '<keuze: ')
    .replaceAll('[default: ', '[standaard: ')
    .replaceAll('Display autocomplete installation instructions.', 'Toon hoe je tab-aanvulling voor karavaan instelt.')
    .replaceAll('Shell type', 'Soort shell')
    .replaceAll('Refresh cache (ignores displaying instructions)', 'Ververs de cache (zonder uitleg)')
    .replace(/Display help for \S+\./g, 'Toon de hulp bij een opdracht.')
}

type HelpFlag = Parameters<CommandHelp['flags']>[0][number]

class DutchCommandHelp extends CommandHelp {
  constructor(...args: ConstructorParameters<typeof CommandHelp>) {
    super(...args)
    // oclif would show <value>; every flag of the kit names its value (helpValue: '<datum>'), this is the last resort.
    for (const flag of Object.values(this.command.flags ?? {})) {
      if (flag.type !== 'option' || flag.helpValue) continue
      flag.helpValue = flag.options ? flag.options.join('|') : '<waarde>'
    }
  }

  override flags(flags: HelpFlag[]): ReturnType<CommandHelp['flags']> {
    return super.flags(
      flags.map((flag) => {
        const notes = [flag.required ? '(verplicht)' : '', flag.type === 'option' && flag.default !== undefined && flag.default !== '' ? `[standaard: ${flag.default}]` : '']
        const prefix = notes.filter(Boolean).join(' ')
        return prefix ? ({...flag, default: undefined, description: `${prefix} ${flag.description ?? ''}`, required: false} as HelpFlag) : flag
      }),
    )
  }

  override generate(): string {
    return dutchWords(super.generate())
  }

  override section(header: string, body: string | [string, string | undefined][]): string {
    return super.section(dutchHeader(header), body)
  }
}

/** oclif's help with Dutch headings and labels; the texts themselves are the commands' own. */
export default class DutchHelp extends Help {
  protected override CommandHelpClass = DutchCommandHelp

  // The root page is drawn by a class of oclif's own, so its headings are put into Dutch here.
  override formatRoot(): string {
    return super.formatRoot().replace(/^VERSION$/m, 'VERSIE').replace(/^USAGE$/m, 'GEBRUIK').replace(/^DESCRIPTION$/m, 'BESCHRIJVING').replace('[COMMAND]', '[OPDRACHT]')
  }

  protected override formatTopic(topic: Parameters<Help['formatTopic']>[0]): string {
    return super.formatTopic(topic).replaceAll(' COMMAND', ' OPDRACHT')
  }

  // The summary above a command's help is printed on its own, outside generate().
  protected override log(...args: string[]): void {
    super.log(...args.map((arg) => dutchWords(arg)))
  }

  protected override formatCommands(commands: Parameters<Help['formatCommands']>[0]): string {
    return dutchWords(super.formatCommands(commands))
  }

  override section(header: string, body: string | [string, string | undefined][]): string {
    return super.section(dutchHeader(header), body)
  }
}
