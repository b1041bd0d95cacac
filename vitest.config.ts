import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One Neo4j database (Community has a single user database) shared by all test files.
    globalSetup: ['tests/global-setup.ts'],
    // Files reset and reseed that shared database, so they must not overlap.
    fileParallelism: false,
    // A cold first run builds the launcher (Maven download) and starts a JVM.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
