import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The chaos suite's short profile runs here too (its own Neo4j on NEO4J_TEST_PORT + 1 and its
    // own API processes); `npm run test:chaos` runs the long one.
    exclude: ['**/node_modules/**'],
    // One Neo4j database (Community has a single user database) shared by all test files.
    globalSetup: ['tests/global-setup.ts'],
    // Files reset and reseed that shared database, so they must not overlap.
    fileParallelism: false,
    // A cold first run builds the launcher (Maven download) and starts a JVM.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
