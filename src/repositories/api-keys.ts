import fp from 'fastify-plugin';
import {
  type ApiKeyInfo,
  apiKeyInfo,
  changeApiKeyRole,
  createApiKey,
  revokeApiKey,
  rotateApiKey,
} from '../db/api-keys.js';
import type { Db } from '../db/db.js';
import type { SecurityContext } from '../db/security-log.js';
import type { Role } from '../lib/roles.js';
import { pageParams } from '../lib/paging.js';
import type { Page, PageRange } from './reads.js';

/**
 * API keys (src/db/api-keys.ts, cypher/api-keys/*.cypher). Keys live outside the roadmap: each write
 * runs in its own transaction with its security-log event and never moves the roadmap revision.
 */
export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  /** One page of keys, oldest first; never keys or hashes. */
  async list(page: PageRange): Promise<Page<ApiKeyInfo>> {
    const [row] = await this.db.query<{ total: number; items: ApiKeyInfo[] }>('api-keys/list', pageParams(page));
    return {
      data: row!.items.map(apiKeyInfo),
      meta: { total: Number(row!.total), limit: page.limit, offset: page.offset },
    };
  }

  create(
    input: { name: string; role: Role; entity?: string | undefined; expiresAt?: string | undefined },
    context: SecurityContext,
  ) {
    return createApiKey(this.db, input, context);
  }

  revoke(id: string, context: SecurityContext) {
    return revokeApiKey(this.db, id, context);
  }

  changeRole(id: string, role: Role, context: SecurityContext) {
    return changeApiKeyRole(this.db, id, role, context);
  }

  rotate(id: string, input: { graceSeconds: number; expiresAt?: string | undefined }, context: SecurityContext) {
    return rotateApiKey(this.db, id, input, context);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('apiKeys', new ApiKeyRepository(app.db));
  },
  {
    name: 'api-key-repository',
    dependencies: ['neo4j'],
  },
);
