#!/usr/bin/env node
// The same start-up as karavaan's bin/run.js. @oclif/core resolves to the repository's node_modules
// (this folder sits inside the repository), so both CLIs run the same version.
import {execute} from '@oclif/core'

await execute({dir: import.meta.url})
