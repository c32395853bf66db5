import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // E2E tests spawn the real CLI; give a slow CI machine room.
    testTimeout: 60_000,
  },
})
