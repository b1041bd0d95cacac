import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The chaos suite starts its own Neo4j and API processes and kills Neo4j: `npm run test:chaos`.
    exclude: ['tests/chaos/**', '**/node_modules/**'],
    // One Neo4j database (Community has a single user database) shared by all test files.
    globalSetup: ['tests/global-setup.ts'],
    // Files reset and reseed that shared database, so they must not overlap.
    fileParallelism: false,
    // A cold first run builds the launcher (Maven download) and starts a JVM.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
