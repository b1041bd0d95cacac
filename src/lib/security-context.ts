import type { FastifyRequest } from 'fastify';
import type { SecurityContext } from '../db/security-log.js';

/** Who and where a security event comes from: the request's key (if checked), address and id. */
export const securityContextOf = (request: FastifyRequest): SecurityContext => ({
  actor: request.principal?.name ?? 'anonymous',
  actorRole: request.principal?.role ?? null,
  address: request.ip,
  requestId: request.id,
});
