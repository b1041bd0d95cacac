import type { FastifyPluginAsync } from 'fastify';

/** Matrix, gaps and coverage: what dashboards and REST clients pull. */
const roadmapRoutes: FastifyPluginAsync = async (_app) => {};

export default roadmapRoutes;
