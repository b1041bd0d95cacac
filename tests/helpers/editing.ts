import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { createApiKey } from '../../src/db/api-keys.js';
import { Db } from '../../src/db/db.js';
import { runMigrations } from '../../src/db/migrate.js';
import type { Role } from '../../src/lib/roles.js';
import { loadSeed } from '../../src/seed/load.js';
import { buildTestApp } from './app.js';
import { openTestDriver, resetDatabase } from './neo4j.js';

/**
 * Shared by tests/api/{auth,editing,changes,imports}*.test.ts: a freshly seeded graph behind the
 * real app, with one key per role created directly through the key module (src/db/api-keys.ts).
 */
export interface EditingFixture {
  driver: Driver;
  app: FastifyInstance;
  keys: Record<Role, { id: string; key: string; name: string }>;
  /** Authorization header of the key of this role. */
  as: (role: Role) => { authorization: string };
  close: () => Promise<void>;
}

export async function editingFixture(env: Record<string, string> = {}): Promise<EditingFixture> {
  const driver = openTestDriver();
  await resetDatabase(driver);
  await runMigrations(driver);
  await loadSeed(driver);
  const db = new Db(driver);
  const keys = {} as EditingFixture['keys'];
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const { result } = await createApiKey(db, { name: `test-${role}`, role });
    keys[role] = { id: result.id, key: result.key, name: result.name };
  }
  const app = await buildTestApp(env);
  return {
    driver,
    app,
    keys,
    as: (role) => ({ authorization: `Bearer ${keys[role].key}` }),
    close: async () => {
      await app.close();
      await driver.close();
    },
  };
}

/** The graph revision and the number of Change records, straight from Neo4j. */
export async function graphState(driver: Driver): Promise<{ revision: number; changes: number }> {
  const { records } = await driver.executeQuery(
    "OPTIONAL MATCH (r:GraphRevision {id: 'graph'}) WITH coalesce(r.value, 0) AS revision " +
      'CALL () { MATCH (c:Change) RETURN count(c) AS changes } RETURN revision, changes',
  );
  return { revision: Number(records[0]!.get('revision')), changes: Number(records[0]!.get('changes')) };
}

export const etagOf = (revision: number) => `"r${revision}"`;

export const testSource = {
  document: 'UNGIS joint implementation roadmap, test decision',
  locator: 'Item 1',
  url: 'https://example.org/ungis/decision-1',
};

/** Ids of the entities that do not facilitate `line` yet, read through the API (never hard-coded). */
export async function entitiesNotFacilitating(app: FastifyInstance, line: string): Promise<string[]> {
  const current = new Set<string>(
    (await app.inject({ method: 'GET', url: `/v1/action-lines/${line}` }))
      .json()
      .data.facilitators.map((x: { entityId: string }) => x.entityId),
  );
  return (await app.inject({ method: 'GET', url: '/v1/entities?limit=500' }))
    .json()
    .data.map((e: { id: string }) => e.id)
    .filter((id: string) => !current.has(id));
}
