import type { FastifyPluginAsync } from 'fastify';
import { ChangeStream } from '../../lib/change-stream.js';
import apiKeyRoutes from './api-keys/index.js';
import assignmentRoutes from './assignments/index.js';
import mappingRoutes from './mappings/index.js';
import entityEditRoutes from './entity-edits/index.js';
import commitmentEditRoutes from './commitment-edits/index.js';
import changeRoutes from './changes/index.js';
import importRoutes from './imports/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Server-Sent Events hub of GET /v1/changes/stream (only inside the editing routes). */
    changeStream?: ChangeStream;
  }
}

/**
 * API keys, assignments and mappings, the change log and bulk import. Roles are declared per
 * route (`config.minRole`) and checked by src/plugins/auth.ts; every write goes through
 * src/db/recorded-write.ts. Paths are full paths below /v1.
 */
const editingRoutes: FastifyPluginAsync = async (app) => {
  const stream = new ChangeStream(app.db, app.log);
  app.decorate('changeStream', stream);
  // End open event streams before the server waits for its connections to close.
  app.addHook('preClose', async () => stream.close());

  await app.register(apiKeyRoutes);
  await app.register(assignmentRoutes);
  await app.register(mappingRoutes);
  await app.register(entityEditRoutes);
  await app.register(commitmentEditRoutes);
  await app.register(changeRoutes);
  await app.register(importRoutes);
};

export default editingRoutes;
