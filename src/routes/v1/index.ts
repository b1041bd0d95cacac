import type { FastifyPluginAsync } from 'fastify';
import actionLineRoutes from './action-lines/index.js';
import activityRoutes from './activities/index.js';
import apiKeyRoutes from './api-keys/index.js';
import changeRoutes from './changes/index.js';
import coverageRoutes from './coverage/index.js';
import coverageHistoryRoutes from './coverage-history/index.js';
import diffRoutes from './diff/index.js';
import entityRoutes from './entities/index.js';
import exportRoutes from './exports/index.js';
import gapsRoutes from './gaps/index.js';
import gdcRoutes from './gdc/index.js';
import helpdeskRoutes from './helpdesk/index.js';
import importRoutes from './imports/index.js';
import linkRoutes from './links/index.js';
import matrixRoutes from './matrix/index.js';
import meRoutes from './me/index.js';
import qualityRoutes from './quality/index.js';
import securityEventRoutes from './security-events/index.js';
import searchRoutes from './search/index.js';
import sdgIndicatorRoutes from './sdg-indicators/index.js';
import sdgTargetRoutes from './sdg-targets/index.js';
import sdgRoutes from './sdgs/index.js';
import verificationRoutes from './verifications/index.js';
import reportingCycleRoutes from './reporting-cycles/index.js';
import reportRoutes from './reports/index.js';
import versionRoutes from './versions/index.js';

/**
 * Every /v1 resource, one folder per URL prefix holding its reads and writes. Roles are declared
 * per route (`config.minRole`) and checked by src/plugins/auth.ts; every write goes through
 * reply.recordedWrite (src/plugins/write-path.ts).
 */
const v1Routes: FastifyPluginAsync = async (app) => {
  await app.register(actionLineRoutes, { prefix: '/action-lines' });
  await app.register(gdcRoutes, { prefix: '/gdc' });
  await app.register(sdgRoutes, { prefix: '/sdgs' });
  await app.register(sdgTargetRoutes, { prefix: '/sdg-targets' });
  await app.register(sdgIndicatorRoutes, { prefix: '/sdg-indicators' });
  await app.register(entityRoutes, { prefix: '/entities' });
  await app.register(linkRoutes, { prefix: '/links' });
  await app.register(matrixRoutes, { prefix: '/matrix' });
  await app.register(gapsRoutes, { prefix: '/gaps' });
  await app.register(coverageRoutes, { prefix: '/coverage' });
  await app.register(coverageHistoryRoutes, { prefix: '/coverage/history' });
  await app.register(searchRoutes, { prefix: '/search' });
  await app.register(helpdeskRoutes, { prefix: '/helpdesk' });
  await app.register(exportRoutes, { prefix: '/exports' });
  await app.register(qualityRoutes, { prefix: '/quality' });
  await app.register(verificationRoutes, { prefix: '/verifications' });
  await app.register(versionRoutes, { prefix: '/versions' });
  await app.register(diffRoutes, { prefix: '/diff' });
  await app.register(activityRoutes, { prefix: '/activities' });
  await app.register(reportingCycleRoutes, { prefix: '/reporting-cycles' });
  await app.register(reportRoutes, { prefix: '/reports' });
  await app.register(apiKeyRoutes);
  await app.register(changeRoutes);
  await app.register(importRoutes);
  await app.register(meRoutes);
  await app.register(securityEventRoutes);
};

export default v1Routes;
