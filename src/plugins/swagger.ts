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

/**
 * OpenAPI 3.1 generated from the routes' zod schemas (JSON Schema draft 2020-12), served at
 * /openapi.json with Swagger UI at /docs. `npm run openapi` writes the same document to openapi/.
 */
export default fp(
  async (app) => {
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
          license: { name: "Data: see each record's source" },
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
          },
        },
      },
      transform: withMediaTypes,
      transformObject: (documentObject) => withoutSchemaIds(jsonSchemaTransformObject(documentObject)),
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
