import {Command} from '@oclif/core'

export default class Hello extends Command {
  static description = 'Zegt hallo.'

  async run() {
    this.log('hallo')
  }
}
