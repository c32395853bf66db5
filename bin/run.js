#!/usr/bin/env node
import {execute} from '@oclif/core'

// `karavaan -h` as `karavaan --help`; every command takes -h itself.
const args = process.argv.slice(2)
await execute({args: args[0] === '-h' ? ['--help', ...args.slice(1)] : args, dir: import.meta.url})
