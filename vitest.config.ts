import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The pseudo-terminal tests start real processes; two cores are plenty for a few at once.
    maxWorkers: 2,
  },
});
