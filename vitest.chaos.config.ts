import { defineConfig } from 'vitest/config';

/**
 * `npm run test:chaos`: the chaos suite alone, long profile. It starts its own Neo4j and API
 * processes, so the shared test database of the normal run is not needed.
 */
export default defineConfig({
  test: {
    include: ['tests/chaos/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 240_000,
  },
});
