import type { FastifyPluginAsync } from 'fastify';
import actionLineRoutes from './action-lines/index.js';

/** The read-only reference graph: action lines, GDC, SDGs, entities, links. */
const referenceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(actionLineRoutes, { prefix: '/action-lines' });
};

export default referenceRoutes;
