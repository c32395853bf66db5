#!/usr/bin/env node
// Runs the compiled commands without the manifest, so new commands are picked up during development.
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
