import type { FastifyPluginAsync } from 'fastify';
import referenceRoutes from './reference.js';
import roadmapRoutes from './roadmap.js';
import editingRoutes from './editing.js';

/**
 * Every /v1 resource, one folder each, grouped by the issue that owns them:
 * reference.ts (read-only reference graph), roadmap.ts (matrix, gaps, coverage),
 * editing.ts (keys, writes, audit, imports).
 */
const v1Routes: FastifyPluginAsync = async (app) => {
  await app.register(referenceRoutes);
  await app.register(roadmapRoutes);
  await app.register(editingRoutes);
};

export default v1Routes;
