import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    // fast-check's seed: fixed under CI, fresh locally (tests/setup-fuzz.ts)
    setupFiles: ['tests/setup-fuzz.ts'],
    // one throwaway PostgreSQL for the run's PostgreSQL tests (inject('pgAdminUrl'))
    globalSetup: ['tests/pg-global.ts'],
  },
})
