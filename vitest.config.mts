import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration and e2e files each start their own server, workers and database;
    // two cores: run files two at a time.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
