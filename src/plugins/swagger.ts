import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { docsCspHeader } from './security-headers.js';

/**
 * zod's JSON Schema output gives every named component `$schema` and a fragment-only `$id`
 * ("#/components/schemas/X"), which JSON Schema 2020-12 forbids and some OpenAPI tools choke on;
 * the component's name already identifies it, so both are dropped.
 */
function withoutSchemaIds<T>(document: T): T {
  const schemas = (document as { components?: { schemas?: Record<string, Record<string, unknown>> } }).components
    ?.schemas;
  for (const schema of Object.values(schemas ?? {})) {
    delete schema.$id;
    delete schema.$schema;
  }
  return document;
}

/**
 * Drops schema components nothing refers to (zod registers an input and an output variant of every
 * named schema; most are used in one direction only), so generators emit no dead types.
 */
function withoutUnusedSchemas<T>(document: T): T {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return document;
  const refsIn = (value: unknown, found: Set<string>) => {
    JSON.stringify(value, (key, v: unknown) => {
      if (key === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        found.add(v.slice('#/components/schemas/'.length));
      }
      return v;
    });
    return found;
  };
  const { components: _components, ...rest } = document as Record<string, unknown>;
  const used = refsIn(rest, new Set());
  // Follow references between components until nothing new turns up.
  for (let queue = [...used]; queue.length > 0; ) {
    const more = refsIn(schemas[queue.pop()!], new Set());
    for (const name of more) {
      if (!used.has(name)) {
        used.add(name);
        queue.push(name);
      }
    }
  }
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
}

/** Media types whose documented schema is the route's: JSON, and event streams (each event, as OpenAPI 3.2's itemSchema). */
const STRUCTURED_MEDIA = /^(?:application\/(?:[\w.-]+\+)?json|text\/event-stream)$/;

/**
 * Media types per body, as the server reads and sends them: every 4xx/5xx body is application/problem+json
 * (src/plugins/errors.ts); a route's `produces` lists its success media types and `consumes` its request
 * media types, the structured ones with the route's schema, the others (CSV, workbooks) as strings.
 */
const withMediaTypes: typeof jsonSchemaTransform = (input) => {
  const result = jsonSchemaTransform(input);
  const schema = result.schema as
    | {
        body?: Record<string, unknown>;
        response?: Record<string, Record<string, unknown>>;
        produces?: readonly string[];
        consumes?: readonly string[];
      }
    | undefined;
  const contentOf = (json: Record<string, unknown>, media: readonly string[]) =>
    Object.fromEntries(
      media.map((type) => [
        type,
        {
          schema: STRUCTURED_MEDIA.test(type)
            ? json
            : { type: 'string', ...(type.startsWith('text/') ? {} : { format: 'binary' }) },
        },
      ]),
    );
  const responses = schema?.response ?? {};
  for (const [status, body] of Object.entries(responses)) {
    if (body.type === 'null' || 'content' in body) continue;
    const media = Number(status) >= 400 ? ['application/problem+json'] : schema?.produces;
    if (!media?.length) continue;
    responses[status] = {
      ...(body.description ? { description: body.description } : {}),
      content: contentOf(body, media),
    };
  }
  if (schema?.body && schema.consumes?.some((type) => !STRUCTURED_MEDIA.test(type))) {
    schema.body = { content: contentOf(schema.body, schema.consumes) };
  }
  return result;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The OpenAPI operationId, when the one derived from method and path reads badly. */
    operationId?: string;
  }
}

const pascal = (word: string) =>
  word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/**
 * The operationId of a route, from its method and path, so it follows the route wherever its file
 * lives: `GET /v1/action-lines/:id/facilitators` → `getActionLinesByIdFacilitators`; the version
 * prefix is dropped; `config.operationId` overrides it.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment && segment !== 'v1')
    .map((segment) => (segment.startsWith(':') ? `By${pascal(segment.slice(1))}` : pascal(segment)));
  return `${method.toLowerCase()}${words.join('') || 'Root'}`;
}

/**
 * OpenAPI 3.1 generated from the routes' zod schemas (JSON Schema draft 2020-12), served at
 * /openapi.json with Swagger UI at /docs. `npm run openapi` writes the same document to openapi/.
 */
export default fp(
  async (app) => {
    // Every documented operation gets an operationId (generated clients name their methods after it).
    app.addHook('onRoute', (route) => {
      const schema = route.schema as Record<string, unknown> | undefined;
      if (!schema || schema.hide || schema.operationId) return;
      schema.operationId = route.config?.operationId ?? operationIdOf([route.method].flat()[0]!, route.url);
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'WSIS–GDC–SDG joint implementation roadmap API',
          version: '1.0.0',
          description:
            'The UNGIS joint implementation roadmap as a graph: WSIS Action Lines, Global Digital Compact ' +
            'objectives and commitments, SDGs and targets, and the UN entities that facilitate them. ' +
            'Errors are RFC 9457 application/problem+json.',
          contact: {
            name: 'UN Group on the Information Society (UNGIS), owner of the roadmap',
            url: 'https://www.ungis.org',
          },
          // No licence has been granted for the code; the reference data keeps its sources' terms.
          license: {
            name: "All rights reserved; reference data under its sources' terms (each record names its source)",
            identifier: 'LicenseRef-Proprietary',
          },
        },
        servers: [{ url: '/', description: 'This server' }],
        tags: [
          { name: 'health', description: 'Liveness, readiness and metrics' },
          { name: 'action-lines', description: 'WSIS Action Lines C1–C11 and the C7 sub-lines' },
          { name: 'gdc', description: 'Global Digital Compact objectives and commitments' },
          { name: 'sdgs', description: 'Sustainable Development Goals, targets and indicators' },
          { name: 'entities', description: 'UN entities (UNGIS members and candidates)' },
          { name: 'links', description: 'Every link of the roadmap graph with its provenance' },
          { name: 'matrix', description: 'The joint roadmap matrix, gaps and coverage' },
          { name: 'editing', description: 'Assignments and mappings (editor role)' },
          { name: 'audit', description: 'The append-only change log' },
          { name: 'admin', description: 'API keys (admin role)' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' },
            streamTicket: {
              type: 'apiKey',
              in: 'query',
              name: 'ticket',
              description: 'Single-use change-stream ticket from POST /v1/changes/stream-tickets (for EventSource)',
            },
          },
        },
      },
      transform: withMediaTypes,
      transformObject: (documentObject) =>
        withoutUnusedSchemas(withoutSchemaIds(jsonSchemaTransformObject(documentObject))),
    });
    // /docs gets the service's policy plus the hashes of Swagger UI's inline pieces (src/plugins/security-headers.ts).
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: docsCspHeader,
      uiConfig: { validatorUrl: null },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
