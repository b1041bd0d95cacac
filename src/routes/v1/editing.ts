import type { FastifyPluginAsync } from 'fastify';

/** API keys, assignments and mappings, the change log and bulk import. */
const editingRoutes: FastifyPluginAsync = async (_app) => {};

export default editingRoutes;
