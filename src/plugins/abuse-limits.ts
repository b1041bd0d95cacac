import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { recordSecurityEvent, type SecurityEventDraft } from '../db/security-log.js';
import { CSV_INJECTION_NOTE } from '../lib/csv.js';
import { overloaded, tooManyRequests } from '../lib/problems.js';
import { securityContextOf } from '../lib/security-context.js';
import { problemSchema } from '../schemas/common.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A read that costs real work (matrix, gaps): limited per key like exports. */
    expensive?: boolean;
  }
  interface FastifyInstance {
    /** Failed-authentication throttle per client address, used by the auth plugin. */
    authThrottle: {
      /** 429 when this address failed authentication too often in the current window. */
      guard(request: FastifyRequest): Promise<void>;
      /** Counts one failed authentication of this address. */
      failed(request: FastifyRequest): Promise<void>;
    };
    /** Concurrent change streams per key and in total. */
    streamSlots: {
      /** Takes a slot for the request's key, or throws 429 (key cap) / 503 (process cap); returns the release. */
      acquire(request: FastifyRequest): () => void;
      readonly open: number;
    };
  }
}

const EXPORT_MEDIA = /text\/csv|spreadsheetml/;

/** True when the request asks a CSV/XLSX-capable route for CSV or XLSX (an export). */
function wantsExport(request: FastifyRequest): boolean {
  const produces = [(request.routeOptions.schema as { produces?: string[] } | undefined)?.produces ?? []].flat();
  if (!produces.some((m) => EXPORT_MEDIA.test(m))) return false;
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  if (typeof format === 'string') return format !== 'json';
  return EXPORT_MEDIA.test(request.headers.accept ?? '');
}

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * Abuse limits, in one place (configured by the RATE_LIMIT_*, AUTH_FAILURE_LIMIT, WRITE_RATE_LIMIT,
 * EXPENSIVE_READ_RATE_LIMIT and STREAMS_* variables; counted in memory per process by @fastify/rate-limit):
 * - failed authentication per client address: past the limit every secured request from that
 *   address is 429 + Retry-After until the window ends, whatever key it carries (so a guessed key
 *   that happens to be right is not revealed);
 * - writes per API key, and expensive reads (matrix, gaps, CSV/XLSX exports) per key or, without
 *   one, per address: 429 + Retry-After;
 * - concurrent change streams per key (429) and per process (503 + Retry-After).
 * Each throttle is logged and, once per window and client, written to the security log.
 * Must be registered after the auth plugin: its preParsing hook needs the request's key.
 */
export default fp(
  async (app) => {
    const { limits } = app.config;
    const timeWindow = limits.windowSeconds * 1000;
    await app.register(rateLimit, { global: false, timeWindow });

    const authFailures = app.createRateLimit({
      max: limits.authFailures,
      timeWindow,
      keyGenerator: (request) => request.ip,
    });
    const perClient = (request: FastifyRequest) =>
      request.principal ? `key:${request.principal.id}` : `address:${request.ip}`;
    const writes = app.createRateLimit({ max: limits.writes, timeWindow, keyGenerator: perClient });
    const expensiveReads = app.createRateLimit({ max: limits.expensiveReads, timeWindow, keyGenerator: perClient });

    // One security event per throttled client per window, not one per refused request.
    const reported = new Map<string, number>();
    async function report(request: FastifyRequest, key: string, ttlMs: number, draft: SecurityEventDraft) {
      const now = Date.now();
      for (const [k, until] of reported) if (until <= now) reported.delete(k);
      if (reported.has(key)) return;
      reported.set(key, now + ttlMs);
      try {
        await recordSecurityEvent(app.db, securityContextOf(request), draft);
      } catch (error) {
        request.log.warn({ err: error }, 'could not write the security event');
      }
    }

    app.decorate('authThrottle', {
      async guard(request) {
        // A peek (no count): the address is refused once its failures reach the limit.
        const status = await authFailures(request, { increment: false });
        if (status.isAllowed || status.remaining > 0) return;
        const retryAfter = Math.max(1, status.ttlInSeconds);
        request.log.warn(
          { address: request.ip, failures: limits.authFailures, retryAfter },
          'authentication throttled: too many failed attempts from this address',
        );
        await report(request, `auth:${request.ip}`, status.ttl, {
          type: 'auth.throttled',
          detail: { failures: status.max, windowSeconds: limits.windowSeconds },
        });
        throw tooManyRequests(
          `Too many failed authentications from this address (${limits.authFailures} per ${limits.windowSeconds} s). ` +
            `Retry in ${retryAfter} s.`,
          retryAfter,
        );
      },
      async failed(request) {
        await authFailures(request);
      },
    });

    app.addHook('preParsing', async (request) => {
      const write = isWrite(request.method) && Boolean(request.routeOptions.config?.minRole);
      const expensive = !write && (Boolean(request.routeOptions.config?.expensive) || wantsExport(request));
      if (!write && !expensive) return;
      const status = await (write ? writes : expensiveReads)(request);
      if (status.isAllowed || !status.isExceeded) return;
      const what = write ? 'writes' : 'expensive reads (matrix, gaps, exports)';
      const max = write ? limits.writes : limits.expensiveReads;
      const retryAfter = Math.max(1, status.ttlInSeconds);
      request.log.warn({ client: status.key, what, max, retryAfter }, 'rate limited');
      await report(request, `${what}:${status.key}`, status.ttl, {
        type: 'rate.limited',
        keyId: request.principal?.id ?? null,
        keyName: request.principal?.name ?? null,
        detail: { limit: what, max, windowSeconds: limits.windowSeconds },
      });
      throw tooManyRequests(
        `Too many ${what}: at most ${max} per ${limits.windowSeconds} s per ${request.principal ? 'API key' : 'address'}. ` +
          `Retry in ${retryAfter} s.`,
        retryAfter,
      );
    });

    const openByKey = new Map<string, number>();
    let open = 0;
    app.decorate('streamSlots', {
      get open() {
        return open;
      },
      acquire(request) {
        const keyId = request.principal?.id ?? `address:${request.ip}`;
        const mine = openByKey.get(keyId) ?? 0;
        if (mine >= limits.streamsPerKey) {
          request.log.warn({ keyId, open: mine }, 'change stream refused: per-key cap');
          throw tooManyRequests(
            `This API key already has ${mine} change streams open (at most ${limits.streamsPerKey}); close one first.`,
            limits.windowSeconds,
          );
        }
        if (open >= limits.streamsTotal) {
          request.log.warn({ open }, 'change stream refused: server cap');
          throw overloaded(
            `The server holds its maximum of ${limits.streamsTotal} change streams; retry later.`,
            app.config.retryAfterSeconds,
          );
        }
        openByKey.set(keyId, mine + 1);
        open += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          open -= 1;
          const left = (openByKey.get(keyId) ?? 1) - 1;
          if (left <= 0) openByKey.delete(keyId);
          else openByKey.set(keyId, left);
        };
      },
    });

    // Documented where it applies: 429 on secured, write and expensive operations; the CSV note on CSV exports.
    app.addHook('onRoute', (route) => {
      const schema = route.schema as
        | { description?: string; produces?: string[]; response?: Record<string, unknown>; hide?: boolean }
        | undefined;
      if (!schema || schema.hide) return;
      const methods = [route.method].flat();
      const secured = Boolean(route.config?.minRole);
      const exports = (schema.produces ?? []).some((m) => EXPORT_MEDIA.test(m));
      if (exports)
        schema.description = schema.description ? `${schema.description}\n\n${CSV_INJECTION_NOTE}` : CSV_INJECTION_NOTE;
      if (secured || route.config?.expensive || exports) {
        const notes = [
          secured ? 'too many failed authentications from this address' : null,
          secured && methods.some(isWrite) ? 'too many writes with this key' : null,
          route.config?.expensive || exports ? 'too many expensive reads or exports' : null,
        ].filter(Boolean);
        const response = (schema.response ??= {});
        response[429] ??= problemSchema.describe(`Rate limited: ${notes.join('; ')} (problem+json, Retry-After)`);
      }
    });
  },
  { name: 'abuse-limits', dependencies: ['config', 'neo4j', 'errors', 'auth'] },
);
