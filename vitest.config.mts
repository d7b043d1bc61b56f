import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration suites load the built bundles; `npm test` builds them first.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
