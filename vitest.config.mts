import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql: type-graphql loads the CommonJS build, so tests must too ("another module or realm").
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration and e2e files each start their own server, workers and database; two cores: two files at a time.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
