import fp from 'fastify-plugin';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../db/driver.js';
import { Db } from '../db/db.js';

declare module 'fastify' {
  interface FastifyInstance {
    neo4j: Driver;
    db: Db;
  }
}

/**
 * One neo4j-driver per process, closed when the app closes. The driver connects lazily and
 * reconnects by itself, so the API starts and recovers while Neo4j is away; routes then answer 503.
 */
export default fp(
  async (app, opts: { driver?: Driver }) => {
    const driver = opts.driver ?? createDriver(app.config);
    const db = new Db(driver, app.config.neo4j, opts.driver ? undefined : () => createDriver(app.config), {
      unavailable: (err) => app.log.warn({ err }, 'Neo4j unreachable: answering 503 until a probe write commits'),
      available: (downMs) => app.log.warn({ downMs }, 'Neo4j reachable again'),
    });
    app.decorate('neo4j', driver);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      // Announcements of acknowledged writes are cleared before the driver goes (WriteIntents.settleSoon).
      await db.intents.settled();
      db.close();
      // A driver handed in by the caller (tests) is the caller's to close.
      if (!opts.driver) await driver.close();
    });
  },
  { name: 'neo4j', dependencies: ['config'] },
);
