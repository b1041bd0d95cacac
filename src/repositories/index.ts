import fp from 'fastify-plugin';
import actionLineRepository from './action-lines.js';
import apiKeyRepository from './api-keys.js';
import activityRepository from './activities.js';
import changeRepository from './changes.js';
import coverageRepository from './coverage.js';
import curationRepository from './curation.js';
import entityRepository from './entities.js';
import gapsRepository from './gaps.js';
import gdcRepository from './gdc.js';
import healthRepository from './health.js';
import importRepository from './imports.js';
import linkedDataRepository from './linked-data.js';
import linkRepository from './links.js';
import matrixRepository from './matrix.js';
import reportRepository from './reports.js';
import sdgRepository from './sdgs.js';
import searchRepository from './search.js';
import securityLogRepository from './security-log.js';
import versionRepository from './versions.js';

/**
 * Data access, one repository per resource, each a named plugin decorating the instance
 * (app.actionLines, app.gdc, ...). A repository owns the named Cypher files it runs and the
 * consistency/ETag flow of its reads; routes call its methods and never touch the driver or Cypher.
 */
export default fp(
  async (app) => {
    await app.register(actionLineRepository);
    await app.register(gdcRepository);
    await app.register(sdgRepository);
    await app.register(entityRepository);
    await app.register(linkRepository);
    await app.register(changeRepository);
    await app.register(curationRepository);
    await app.register(importRepository);
    await app.register(searchRepository);
    await app.register(apiKeyRepository);
    await app.register(securityLogRepository);
    await app.register(healthRepository);
    await app.register(matrixRepository);
    await app.register(gapsRepository);
    await app.register(coverageRepository);
    await app.register(linkedDataRepository);
    await app.register(versionRepository);
    await app.register(activityRepository);
    await app.register(reportRepository);
  },
  { name: 'repositories', dependencies: ['neo4j'] },
);
