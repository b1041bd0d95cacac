import type { FastifyPluginAsync } from 'fastify';
import matrixRoutes from './matrix/index.js';
import gapsRoutes from './gaps/index.js';
import coverageRoutes from './coverage/index.js';

/** Matrix, gaps and coverage: what dashboards and REST clients pull. */
const roadmapRoutes: FastifyPluginAsync = async (app) => {
  await app.register(matrixRoutes, { prefix: '/matrix' });
  await app.register(gapsRoutes, { prefix: '/gaps' });
  await app.register(coverageRoutes, { prefix: '/coverage' });
};

export default roadmapRoutes;
