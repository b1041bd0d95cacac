import type { FastifyPluginAsync } from 'fastify';
import actionLineRoutes from './action-lines/index.js';
import gdcRoutes from './gdc/index.js';
import sdgRoutes from './sdgs/index.js';
import sdgTargetRoutes from './sdg-targets/index.js';
import sdgIndicatorRoutes from './sdg-indicators/index.js';
import entityRoutes from './entities/index.js';
import linkRoutes from './links/index.js';

/** The read-only reference graph: action lines, GDC, SDGs, entities, links. */
const referenceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(actionLineRoutes, { prefix: '/action-lines' });
  await app.register(gdcRoutes, { prefix: '/gdc' });
  await app.register(sdgRoutes, { prefix: '/sdgs' });
  await app.register(sdgTargetRoutes, { prefix: '/sdg-targets' });
  await app.register(sdgIndicatorRoutes, { prefix: '/sdg-indicators' });
  await app.register(entityRoutes, { prefix: '/entities' });
  await app.register(linkRoutes, { prefix: '/links' });
};

export default referenceRoutes;
